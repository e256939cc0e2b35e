import { missingField } from './helpers';

export const missingOwner = missingField(
  {
    id: 'missing-owner',
    group: 'relevant',
    severity: 'warning',
    messages: ['missing'],
  },
  ['owner'],
);
