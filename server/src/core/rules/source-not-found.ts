import type { Rule } from '../rule';
import { sourceFileAt } from './helpers';

export const sourceNotFound: Rule = {
  scope: 'file',
  meta: {
    id: 'source-not-found',
    group: 'data',
    severity: 'error',
    messages: ['not-found'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const read = workspace.source(kpi);
      if (read?.kind !== 'not-found') continue;
      const { at, file } = sourceFileAt(workspace, kpi, read.resolved);
      report({ file: kpi.file, at, messageId: 'not-found', messageData: { file, reason: read.why } });
    }
  },
};
