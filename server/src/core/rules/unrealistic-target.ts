import { message } from '../l10n/catalogue';
import type { Rule } from '../rule';
import { meets } from '../status';
import { keyOf, withUnit } from './helpers';

/** How many times the best pace so far a target may demand before it is unrealistic. */
const PACE_FACTOR = 3;

export const unrealisticTarget: Rule = {
  scope: 'file',
  meta: {
    id: 'unrealistic-target',
    group: 'realistic',
    severity: 'warning',
    messages: ['faster', 'never-improved', 'never-moved', 'per-month'],
  },
  check({ workspace, report, translator }) {
    for (const kpi of workspace.kpis) {
      const target = kpi.target?.value;
      const due = kpi.target?.date;
      const { history, latest, status } = workspace.status(kpi);
      // An invalid definition has its own errors; nothing is judged from it.
      if (status === 'invalid' || target === undefined || !due || !latest || history.length < 3 || due.day <= latest.date.day) continue;
      if (meets(latest.value, target, kpi.direction)) continue;
      const required = Math.abs(target - latest.value) / (due.day - latest.date.day);
      // The best pace in the KPI's direction, and the largest move either way, per day between consecutive measurements.
      let best = 0;
      let largest = 0;
      for (let i = 1; i < history.length; i++) {
        const days = history[i].date.day - history[i - 1].date.day;
        const change = history[i].value - history[i - 1].value;
        if (days <= 0) continue;
        best = Math.max(best, (kpi.direction === 'increase' ? change : -change) / days);
        largest = Math.max(largest, Math.abs(change) / days);
      }
      // The words are made only for a finding: most KPIs have none.
      const perMonth = (pace: number) => message('rules.unrealistic-target.per-month', { amount: withUnit(pace * 30, kpi.unit, translator) });
      const needs = () => ({ target: withUnit(target, kpi.unit, translator), due: due.text, required: perMonth(required) });
      if (best > 0 && required > PACE_FACTOR * best) {
        report({
          file: kpi.file,
          at: keyOf(kpi, 'target'),
          messageId: 'faster',
          messageData: { ...needs(), factor: required / best, best: perMonth(best) },
        });
      } else if (best <= 0 && required > PACE_FACTOR * largest) {
        // A KPI that has never improved, and has barely moved, cannot jump to its target (SPEC §5.5).
        report({
          file: kpi.file,
          at: keyOf(kpi, 'target'),
          ...(largest > 0
            ? { messageId: 'never-improved', messageData: { ...needs(), largest: perMonth(largest) } }
            : { messageId: 'never-moved', messageData: needs() }),
        });
      }
    }
  },
};
