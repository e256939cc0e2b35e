import type { Rule } from '../rule';
import { valueOf } from './helpers';

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
      if (read?.kind !== 'not-found' || typeof kpi.source !== 'object') continue;
      report({
        file: kpi.file,
        at: valueOf(kpi, 'source', 'file'),
        messageId: 'not-found',
        messageData: { file: kpi.source.file, reason: read.why },
      });
    }
  },
};
