import { missingField } from './helpers';

export const missingRationale = missingField(
  {
    id: 'missing-rationale',
    group: 'relevant',
    severity: 'info',
    description: 'A KPI should say why it matters (`rationale`): the decision it informs.',
    messages: ['missing'],
  },
  ['rationale'],
);
