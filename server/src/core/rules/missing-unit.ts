import { missingField } from './helpers';

export const missingUnit = missingField(
  {
    id: 'missing-unit',
    group: 'measurable',
    severity: 'warning',
    description: 'A KPI must state the `unit` of its values.',
    messages: ['missing'],
  },
  ['unit'],
);
