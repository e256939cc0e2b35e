import { missingField } from './helpers';

export const missingUnit = missingField(
  {
    id: 'missing-unit',
    group: 'measurable',
    severity: 'warning',
    description: 'A KPI must state the `unit` of its values.',
  },
  ['unit'],
  (kpi) => `KPI \`${kpi.id}\` has no unit: add \`unit\` (for example "%", SEK, count, days).`,
);
