import type { Rule } from '../rule';
import { thresholdsOutOfOrder } from '../definition';
import { keyOf } from './helpers';

export const thresholdOrder: Rule = {
  scope: 'file',
  meta: {
    id: 'threshold-order',
    group: 'realistic',
    severity: 'error',
    messages: ['out-of-order'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (thresholdsOutOfOrder(kpi)) {
        const { atRisk, offTrack } = kpi.thresholds as { atRisk: number; offTrack: number };
        report({
          file: kpi.file,
          at: keyOf(kpi, 'thresholds'),
          messageId: 'out-of-order',
          messageData: {
            direction: kpi.direction,
            offTrack,
            atRisk,
            target: kpi.target!.value!,
            sign: kpi.direction === 'increase' ? '≤' : '≥',
          },
        });
      }
    }
  },
};
