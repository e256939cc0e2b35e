import type { Rule } from '../rule';
import { valueOf } from './helpers';

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
      if (workspace.source(kpi)?.kind !== 'outside' || typeof kpi.source !== 'object') continue;
      report({
        file: kpi.file,
        at: valueOf(kpi, 'source', 'file'),
        messageId: 'outside',
        messageData: { file: kpi.source.file },
      });
    }
  },
};
