import type { Rule } from '../rule';
import { thresholdsOutOfOrder } from '../definition';
import { keyOf, shownNumber } from './helpers';

export const thresholdOrder: Rule = {
  scope: 'file',
  meta: {
    id: 'threshold-order',
    group: 'realistic',
    severity: 'error',
    description: 'Thresholds must be ordered offTrack ≤ atRisk ≤ target (for `decrease`: offTrack ≥ atRisk ≥ target).',
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (thresholdsOutOfOrder(kpi)) {
        const { atRisk, offTrack } = kpi.thresholds as { atRisk: number; offTrack: number };
        const target = kpi.target!.value!;
        const sign = kpi.direction === 'increase' ? '≤' : '≥';
        const shown = [`offTrack ${shownNumber(offTrack)}`, `atRisk ${shownNumber(atRisk)}`, `target ${shownNumber(target)}`];
        report({
          file: kpi.file,
          at: keyOf(kpi, 'thresholds'),
          message: `Thresholds are out of order for direction \`${kpi.direction}\`: it needs ${shown.join(` ${sign} `)}.`,
        });
      }
    }
  },
};
