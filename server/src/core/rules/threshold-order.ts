import type { Rule } from '../rule';
import { keyOf, shownNumber } from './helpers';

export const thresholdOrder: Rule = {
  meta: {
    id: 'threshold-order',
    group: 'realistic',
    severity: 'error',
    description: 'Thresholds must be ordered offTrack ≤ atRisk ≤ target (for `decrease`: offTrack ≥ atRisk ≥ target).',
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const { atRisk, offTrack } = kpi.thresholds ?? {};
      if (atRisk === undefined || offTrack === undefined) continue;
      const target = kpi.target?.value;
      const values = target === undefined ? [offTrack, atRisk] : [offTrack, atRisk, target];
      const increase = kpi.direction === 'increase';
      const ordered = values.every((v, i) => i === 0 || (increase ? values[i - 1]! <= v : values[i - 1]! >= v));
      if (!ordered) {
        const sign = increase ? '≤' : '≥';
        const shown = [`offTrack ${shownNumber(offTrack)}`, `atRisk ${shownNumber(atRisk)}`];
        if (target !== undefined) shown.push(`target ${shownNumber(target)}`);
        report({
          file: kpi.file,
          at: keyOf(kpi, 'thresholds'),
          message: `Thresholds are out of order for direction \`${kpi.direction}\`: it needs ${shown.join(` ${sign} `)}.`,
        });
      }
    }
  },
};
