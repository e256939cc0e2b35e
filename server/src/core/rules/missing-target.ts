import { missingField } from './helpers';

export const missingTarget = missingField(
  {
    id: 'missing-target',
    group: 'measurable',
    severity: 'warning',
    description: 'A KPI must have a `target`: the value it should reach, and by when.',
  },
  ['target'],
  (kpi) => `KPI \`${kpi.id}\` has no target: add \`target: { value, date }\` so its status can be judged.`,
);
