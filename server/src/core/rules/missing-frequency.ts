import { missingField } from './helpers';

export const missingFrequency = missingField(
  {
    id: 'missing-frequency',
    group: 'measurable',
    severity: 'warning',
    description: 'A KPI must say how often it is measured (`frequency`).',
    messages: ['missing'],
  },
  ['frequency'],
);
