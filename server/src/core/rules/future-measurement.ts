import { formatDay } from '../dates';
import type { Rule } from '../rule';
import { shownPath, valueOf } from './helpers';

export const futureMeasurement: Rule = {
  scope: 'file',
  meta: {
    id: 'future-measurement',
    group: 'data',
    severity: 'warning',
    messages: ['inline', 'csv-row'],
  },
  check({ workspace, report }) {
    const asOf = formatDay(workspace.asOf);
    for (const kpi of workspace.kpis) {
      for (const m of workspace.measurements(kpi)) {
        if (m.date.day <= workspace.asOf) continue;
        if (m.origin.kind === 'inline') {
          report({
            file: kpi.file,
            at: valueOf(kpi, 'measurements', m.origin.index, 'date'),
            messageId: 'inline',
            messageData: { date: m.date.text, asOf },
          });
        } else {
          const csv = shownPath(workspace, workspace.source(kpi)!.resolved);
          report({
            file: kpi.file,
            at: valueOf(kpi, 'source', 'file'),
            messageId: 'csv-row',
            messageData: { line: m.origin.line, csv, date: m.date.text, asOf },
          });
        }
      }
    }
  },
};
