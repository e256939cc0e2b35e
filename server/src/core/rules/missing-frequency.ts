import { missingField } from './helpers';

export const missingFrequency = missingField(
  {
    id: 'missing-frequency',
    group: 'measurable',
    severity: 'warning',
    messages: ['missing'],
  },
  ['frequency'],
);
