import type { Rule } from '../rule';
import { sourceFileAt } from './helpers';

export const sourceOutsideWorkspace: Rule = {
  scope: 'file',
  meta: {
    id: 'source-outside-workspace',
    group: 'data',
    severity: 'error',
    messages: ['outside'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const read = workspace.source(kpi);
      if (read?.kind !== 'outside') continue;
      const { at, file } = sourceFileAt(workspace, kpi, read.resolved);
      report({ file: kpi.file, at, messageId: 'outside', messageData: { file } });
    }
  },
};
