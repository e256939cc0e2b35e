import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans, yaml } from '../helpers';

describe('missing-frequency', () => {
  it('stays silent for a KPI with a frequency', () => {
    assert.deepEqual(lintRule('missing-frequency', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports each KPI without a frequency on its id value', () => {
    const files = {
      'a.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: sales-growth
            name: Sales growth
            category: financial
            frequency: monthly
          - name: Churn
            category: customer
            id: churn
      `,
    };
    assert.deepEqual(lintRule('missing-frequency', files), [{ file: 'a.kpi.yaml', line: 9, code: 'missing-frequency' }]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'missing-frequency' })), [{ code: 'missing-frequency', text: 'churn' }]);
  });

  it('stays silent when the frequency is present but not one of the allowed values (the schema reports that)', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: churn
          name: Churn
          category: customer
          frequency: fortnightly
    `;
    assert.deepEqual(lintRule('missing-frequency', { 'a.kpi.yaml': file }), []);
  });

  it('stays silent for a KPI without an id, which it could not name', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - name: Churn
          category: customer
    `;
    assert.deepEqual(lintRule('missing-frequency', { 'a.kpi.yaml': file }), []);
  });
});
