import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const unlinkedKpi: Rule = {
  scope: 'file',
  meta: {
    id: 'unlinked-kpi',
    group: 'linked',
    severity: 'warning',
    messages: ['unlinked'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (kpi.goals === undefined || kpi.goals.length === 0) {
        report({ file: kpi.file, at: valueOf(kpi, 'id'), messageId: 'unlinked', messageData: { kpi: kpi.id } });
      }
    }
  },
};
