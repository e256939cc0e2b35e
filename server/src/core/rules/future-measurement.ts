import { formatDay } from '../dates';
import type { Rule } from '../rule';
import { shownPath, valueOf } from './helpers';

export const futureMeasurement: Rule = {
  scope: 'file',
  meta: {
    id: 'future-measurement',
    group: 'data',
    severity: 'warning',
    description: 'A measurement must not be dated after the as-of date.',
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
            message: `Measurement dated ${m.date.text} is after the as-of date ${asOf}: correct the date; it is ignored for status.`,
          });
        } else {
          const csv = shownPath(workspace, workspace.source(kpi)!.resolved);
          report({
            file: kpi.file,
            at: valueOf(kpi, 'source', 'file'),
            message: `Line ${m.origin.line} of ${csv} is dated ${m.date.text}, after the as-of date ${asOf}: correct the date; it is ignored for status.`,
          });
        }
      }
    }
  },
};
