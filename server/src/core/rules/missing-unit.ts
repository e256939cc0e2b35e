import { missingField } from './helpers';

export const missingUnit = missingField(
  {
    id: 'missing-unit',
    group: 'measurable',
    severity: 'warning',
    messages: ['missing'],
  },
  ['unit'],
);
