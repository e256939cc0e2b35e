import { missingField } from './helpers';

export const missingRationale = missingField(
  {
    id: 'missing-rationale',
    group: 'relevant',
    severity: 'info',
    description: 'A KPI should say why it matters (`rationale`): the decision it informs.',
  },
  ['rationale'],
  (kpi) => `KPI \`${kpi.id}\` has no rationale: add \`rationale\`, the decision this KPI informs.`,
);
