import { formatDay } from '../dates';
import type { Rule } from '../rule';
import { valueOf } from './helpers';

const PERIODS = { daily: '2 days', weekly: '14 days', monthly: 'two months', quarterly: 'six months', yearly: 'two years' } as const;

export const staleData: Rule = {
  scope: 'file',
  meta: {
    id: 'stale-data',
    group: 'data',
    severity: 'warning',
    description: "The latest measurement must not be older than two periods of the KPI's frequency.",
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const { latest, stale } = workspace.status(kpi);
      if (!stale || !latest || !kpi.frequency) continue;
      report({
        file: kpi.file,
        at: valueOf(kpi, 'id'),
        message: `KPI \`${kpi.id}\` is measured ${kpi.frequency} but its latest measurement is from ${latest.date.text}, more than ${PERIODS[kpi.frequency]} before ${formatDay(workspace.asOf)}: add recent measurements.`,
      });
    }
  },
};
