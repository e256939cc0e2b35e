import { missingField } from './helpers';

export const missingSource = missingField(
  {
    id: 'missing-source',
    group: 'measurable',
    severity: 'warning',
    description: 'A KPI must say where its data comes from (`source`) or carry `measurements`.',
    messages: ['missing'],
  },
  ['source', 'measurements'],
);
