import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const missingTarget: Rule = {
  scope: 'file',
  meta: {
    id: 'missing-target',
    group: 'measurable',
    severity: 'warning',
    messages: ['missing', 'no-date'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      // A target the schema already reports (a misspelt `targte`, a broken value) is not missing.
      if (kpi.faults.properties.has('target')) continue;
      if (!kpi.keys.includes('target')) {
        report({
          file: kpi.file,
          at: valueOf(kpi, 'id'),
          messageId: 'missing',
          messageData: { kpi: kpi.id, example: 'target: { value, date }' },
        });
      } else if (kpi.target !== undefined && kpi.target.date === undefined) {
        // Without its date the plan, overdue and realistic checks cannot run: the date is the part missing.
        report({
          file: kpi.file,
          at: valueOf(kpi, 'id'),
          // The value as it is written in YAML, whatever the language: the user types it.
          messageId: 'no-date',
          messageData: { kpi: kpi.id, example: `target: { value: ${kpi.target.value}, date: YYYY-MM }` },
          data: { missing: 'date' },
        });
      }
    }
  },
};
