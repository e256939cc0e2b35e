import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans, yaml } from '../helpers';

const WITHOUT_RATIONALE = yaml`
  kpi: 1
  kpis:
    - id: sales-growth
      name: Sales growth
      category: financial
      rationale: Decides the sales hiring plan.
    - name: Churn
      category: customer
      id: churn
      description: Customers lost per month.
`;

describe('missing-rationale', () => {
  it('stays silent for a KPI with a rationale', () => {
    assert.deepEqual(lintRule('missing-rationale', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports a KPI without a rationale on its id value, even when it has a description', () => {
    const files = { 'a.kpi.yaml': WITHOUT_RATIONALE };
    assert.deepEqual(lintRule('missing-rationale', files), [{ file: 'a.kpi.yaml', line: 9, code: 'missing-rationale' }]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'missing-rationale' })), [{ code: 'missing-rationale', text: 'churn' }]);
  });

  it('is an info by default and can be turned off in kpi.config.yaml', () => {
    const files = { 'a.kpi.yaml': WITHOUT_RATIONALE };
    const [diagnostic] = lintFixture(files, { rule: 'missing-rationale' }).files[0].diagnostics;
    assert.equal(diagnostic?.severity, 'info');
    assert.deepEqual(lintRule('missing-rationale', files, { config: 'rules:\n  missing-rationale: off\n' }), []);
  });

  it('stays silent for a KPI without an id, which it could not name', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - name: Churn
          category: customer
    `;
    assert.deepEqual(lintRule('missing-rationale', { 'a.kpi.yaml': file }), []);
  });
});
