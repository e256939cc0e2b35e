import type { Rule } from '../rule';
import { targetOnWrongSide } from '../definition';
import { keyOf } from './helpers';

export const targetDirection: Rule = {
  scope: 'file',
  meta: {
    id: 'target-direction',
    group: 'realistic',
    severity: 'error',
    messages: ['wrong-side'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (targetOnWrongSide(kpi)) {
        report({
          file: kpi.file,
          at: keyOf(kpi, 'target'),
          messageId: 'wrong-side',
          messageData: { target: kpi.target!.value!, baseline: kpi.baseline!.value!, direction: kpi.direction },
        });
      }
    }
  },
};
