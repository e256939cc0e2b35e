import type { Rule } from '../rule';
import { targetNotAfterBaseline } from '../definition';
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
      if (targetNotAfterBaseline(kpi)) {
        const [start, end] = [kpi.baseline!.date!, kpi.target!.date!];
        report({
          file: kpi.file,
          at: keyOf(kpi, 'target'),
          message: `Target date ${end.text} is not after the baseline date ${start.text}: move the target date later.`,
        });
      }
    }
  },
};
