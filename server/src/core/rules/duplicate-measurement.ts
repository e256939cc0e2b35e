import type { Rule } from '../rule';
import type { Measurement } from '../types';
import { valueOf } from './helpers';

/** Whether each inline measurement is dated after the one before: no date is there twice (most KPIs, checked without a map of dates). */
function inDateOrder(measurements: readonly Measurement[]): boolean {
  let last = -Infinity;
  for (const m of measurements) {
    if (m.origin.kind !== 'inline') continue;
    if (m.date.day <= last) return false;
    last = m.date.day;
  }
  return true;
}

export const duplicateMeasurement: Rule = {
  scope: 'file',
  meta: {
    id: 'duplicate-measurement',
    group: 'data',
    severity: 'warning',
    messages: ['duplicate'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (inDateOrder(kpi.measurements)) continue;
      const seen = new Map<number, string>();
      for (const m of kpi.measurements) {
        if (m.origin.kind !== 'inline') continue;
        const first = seen.get(m.date.day);
        if (first === undefined) {
          seen.set(m.date.day, m.date.text);
          continue;
        }
        report({
          file: kpi.file,
          at: valueOf(kpi, 'measurements', m.origin.index, 'date'),
          messageId: 'duplicate',
          messageData: { kpi: kpi.id, date: first },
        });
      }
    }
  },
};
