import { missingField } from './helpers';

export const missingSource = missingField(
  {
    id: 'missing-source',
    group: 'measurable',
    severity: 'warning',
    description: 'A KPI must say where its data comes from (`source`) or carry `measurements`.',
  },
  ['source', 'measurements'],
  (kpi) => `KPI \`${kpi.id}\` has neither a source nor measurements: add \`source\` (the system of record or a CSV file) or \`measurements\`.`,
);
