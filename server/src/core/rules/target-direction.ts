import type { Rule } from '../rule';
import { targetOnWrongSide } from '../definition';
import { keyOf, shownNumber } from './helpers';

export const targetDirection: Rule = {
  scope: 'file',
  meta: {
    id: 'target-direction',
    group: 'realistic',
    severity: 'error',
    description: "The target must lie on the better side of the baseline, in the KPI's direction.",
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (targetOnWrongSide(kpi)) {
        const [baseline, target] = [kpi.baseline!.value!, kpi.target!.value!];
        const side = kpi.direction === 'increase' ? 'below' : 'above';
        report({
          file: kpi.file,
          at: keyOf(kpi, 'target'),
          message: `Target ${shownNumber(target)} is ${side} the baseline ${shownNumber(baseline)} although direction is \`${kpi.direction}\`: fix the target or the direction.`,
        });
      }
    }
  },
};
