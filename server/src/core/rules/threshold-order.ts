import type { Rule } from '../rule';
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
      const { atRisk, offTrack } = kpi.thresholds ?? {};
      const target = kpi.target?.value;
      // Without a target the thresholds grade nothing (status is no-target); missing-target speaks.
      if (atRisk === undefined || offTrack === undefined || target === undefined) continue;
      const values = [offTrack, atRisk, target];
      const increase = kpi.direction === 'increase';
      const ordered = values.every((v, i) => i === 0 || (increase ? values[i - 1]! <= v : values[i - 1]! >= v));
      if (!ordered) {
        const sign = increase ? '≤' : '≥';
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
