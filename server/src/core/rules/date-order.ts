import type { Rule } from '../rule';
import { keyOf } from './helpers';

export const dateOrder: Rule = {
  scope: 'file',
  meta: {
    id: 'date-order',
    group: 'realistic',
    severity: 'error',
    description: 'The target date must come after the baseline date.',
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const start = kpi.baseline?.date;
      const end = kpi.target?.date;
      if (start && end && end.day <= start.day) {
        report({
          file: kpi.file,
          at: keyOf(kpi, 'target'),
          message: `Target date ${end.text} is not after the baseline date ${start.text}: move the target date later.`,
        });
      }
    }
  },
};
