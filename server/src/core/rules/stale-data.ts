import { formatDay } from '../dates';
import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const staleData: Rule = {
  scope: 'file',
  meta: {
    id: 'stale-data',
    group: 'data',
    severity: 'warning',
    messages: ['stale'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const { latest, stale } = workspace.status(kpi);
      if (!stale || !latest || !kpi.frequency) continue;
      report({
        file: kpi.file,
        at: valueOf(kpi, 'id'),
        messageId: 'stale',
        messageData: { kpi: kpi.id, frequency: kpi.frequency, latest: latest.date.text, asOf: formatDay(workspace.asOf) },
      });
    }
  },
};
