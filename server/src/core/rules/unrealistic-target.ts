import { message, type Message, type Translator } from '../l10n/catalogue';
import type { Rule } from '../rule';
import { meets } from '../status';
import type { Kpi } from '../types';
import { keyOf, withUnit } from './helpers';

/** How many times the best pace so far a target may demand before it is unrealistic. */
const PACE_FACTOR = 3;

/** A pace per day as an amount a month, in the KPI's unit: "1.5 % a month". */
function perMonth(pace: number, kpi: Kpi, translator: Translator): Message {
  return message('rules.unrealistic-target.per-month', { amount: withUnit(pace * 30, kpi.unit, translator) });
}

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
      // The words are made only for a finding: most KPIs have none. Each message's data is written out whole (a spread made an object of another shape each time).
      if (best > 0 && required > PACE_FACTOR * best) {
        const messageData = {
          target: withUnit(target, kpi.unit, translator),
          due: due.text,
          required: perMonth(required, kpi, translator),
          factor: required / best,
          best: perMonth(best, kpi, translator),
        };
        report({ file: kpi.file, at: keyOf(kpi, 'target'), messageId: 'faster', messageData });
      } else if (best <= 0 && required > PACE_FACTOR * largest) {
        // A KPI that has never improved, and has barely moved, cannot jump to its target (SPEC §5.5).
        if (largest > 0) {
          const messageData = {
            target: withUnit(target, kpi.unit, translator),
            due: due.text,
            required: perMonth(required, kpi, translator),
            largest: perMonth(largest, kpi, translator),
          };
          report({ file: kpi.file, at: keyOf(kpi, 'target'), messageId: 'never-improved', messageData });
        } else {
          const messageData = { target: withUnit(target, kpi.unit, translator), due: due.text, required: perMonth(required, kpi, translator) };
          report({ file: kpi.file, at: keyOf(kpi, 'target'), messageId: 'never-moved', messageData });
        }
      }
    }
  },
};
