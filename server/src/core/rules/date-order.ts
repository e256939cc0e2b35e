import type { Rule } from '../rule';
import { targetNotAfterBaseline } from '../definition';
import { keyOf } from './helpers';

export const dateOrder: Rule = {
  scope: 'file',
  meta: {
    id: 'date-order',
    group: 'realistic',
    severity: 'error',
    messages: ['not-after'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (targetNotAfterBaseline(kpi)) {
        report({
          file: kpi.file,
          at: keyOf(kpi, 'target'),
          messageId: 'not-after',
          messageData: { target: kpi.target!.date!.text, baseline: kpi.baseline!.date!.text },
        });
      }
    }
  },
};
