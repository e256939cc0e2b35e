import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const noData: Rule = {
  meta: {
    id: 'no-data',
    group: 'data',
    severity: 'info',
    description: 'A KPI with a target needs measurements to show where it stands.',
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (kpi.target?.value === undefined || workspace.status(kpi).latest) continue;
      const read = workspace.source(kpi);
      if (read && read.kind !== 'read') continue; // a source-* error explains it
      report({
        file: kpi.file,
        at: valueOf(kpi, 'id'),
        message: `KPI \`${kpi.id}\` has a target but no measurements up to the as-of date: add \`measurements\` or a CSV \`source\`.`,
      });
    }
  },
};
