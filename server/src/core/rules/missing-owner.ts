import { missingField } from './helpers';

export const missingOwner = missingField(
  {
    id: 'missing-owner',
    group: 'relevant',
    severity: 'warning',
    description: 'A KPI must have an `owner` who is accountable for it.',
    messages: ['missing'],
  },
  ['owner'],
);
