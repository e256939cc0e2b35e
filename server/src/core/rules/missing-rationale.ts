import { missingField } from './helpers';

export const missingRationale = missingField(
  {
    id: 'missing-rationale',
    group: 'relevant',
    severity: 'info',
    messages: ['missing'],
  },
  ['rationale'],
);
