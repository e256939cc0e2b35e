import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans, yaml } from '../helpers';

describe('missing-unit', () => {
  it('stays silent for a KPI with a unit', () => {
    assert.deepEqual(lintRule('missing-unit', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports each KPI without a unit on its id value', () => {
    const files = {
      'a.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: sales-growth
            name: Sales growth
            category: financial
            unit: "%"
          - name: Churn
            category: customer
            id: churn
          - id: nps
            name: Net promoter score
            category: customer
      `,
    };
    assert.deepEqual(lintRule('missing-unit', files), [
      { file: 'a.kpi.yaml', line: 9, code: 'missing-unit' },
      { file: 'a.kpi.yaml', line: 10, code: 'missing-unit' },
    ]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'missing-unit' })), [
      { code: 'missing-unit', text: 'churn' },
      { code: 'missing-unit', text: 'nps' },
    ]);
  });

  it('stays silent when the unit is present with a value the schema rejects', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: count
          name: Orders
          category: operational
          unit: 5
    `;
    assert.deepEqual(lintRule('missing-unit', { 'a.kpi.yaml': file }), []);
  });

  it('stays silent for a KPI without an id, which it could not name', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - name: Sales growth
          category: financial
    `;
    assert.deepEqual(lintRule('missing-unit', { 'a.kpi.yaml': file }), []);
  });
});
