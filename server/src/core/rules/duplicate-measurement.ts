import type { Rule } from '../rule';
import { valueOf } from './helpers';

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
