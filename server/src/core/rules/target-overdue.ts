import { formatDay } from '../dates';
import type { Rule } from '../rule';
import { meets } from '../status';
import { keyOf, withUnit } from './helpers';

export const targetOverdue: Rule = {
  scope: 'file',
  meta: {
    id: 'target-overdue',
    group: 'realistic',
    severity: 'warning',
    messages: ['overdue'],
  },
  check({ workspace, report, translator }) {
    for (const kpi of workspace.kpis) {
      const target = kpi.target?.value;
      const due = kpi.target?.date;
      const { latest, status } = workspace.status(kpi);
      // An invalid definition has its own errors; nothing is judged from it.
      if (status === 'invalid' || target === undefined || !due || !latest || due.day >= workspace.asOf) continue;
      if (!meets(latest.value, target, kpi.direction)) {
        report({
          file: kpi.file,
          at: keyOf(kpi, 'target'),
          messageId: 'overdue',
          messageData: {
            target: withUnit(target, kpi.unit, translator),
            due: due.text,
            latest: withUnit(latest.value, kpi.unit, translator),
            asOf: formatDay(workspace.asOf),
          },
        });
      }
    }
  },
};
