import { missingField } from './helpers';

export const missingSource = missingField(
  {
    id: 'missing-source',
    group: 'measurable',
    severity: 'warning',
    messages: ['missing'],
  },
  ['source', 'measurements'],
);
