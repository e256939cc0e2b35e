import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans, yaml } from '../helpers';

describe('missing-owner', () => {
  it('stays silent for a KPI with an owner', () => {
    assert.deepEqual(lintRule('missing-owner', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports each KPI without an owner on its id value, in every file', () => {
    const files = {
      'b.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: churn
            name: Churn
            category: customer
      `,
      'a.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: sales-growth
            name: Sales growth
            category: financial
            owner: Erik Lund
          - name: Staff turnover
            category: hr
            id: staff-turnover
      `,
    };
    assert.deepEqual(lintRule('missing-owner', files), [
      { file: 'a.kpi.yaml', line: 9, code: 'missing-owner' },
      { file: 'b.kpi.yaml', line: 3, code: 'missing-owner' },
    ]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'missing-owner' })), [
      { code: 'missing-owner', text: 'staff-turnover' },
      { code: 'missing-owner', text: 'churn' },
    ]);
  });

  it('does not count a goal owner for the KPIs that measure the goal', () => {
    const file = yaml`
      kpi: 1
      goals:
        - id: keep-customers
          title: Keep customers
          owner: Anna Berg
      kpis:
        - id: churn
          name: Churn
          category: customer
          goals: [keep-customers]
    `;
    assert.deepEqual(lintRule('missing-owner', { 'a.kpi.yaml': file }), [{ file: 'a.kpi.yaml', line: 7, code: 'missing-owner' }]);
  });

  it('stays silent for a KPI without an id, which it could not name', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - name: Churn
          category: customer
    `;
    assert.deepEqual(lintRule('missing-owner', { 'a.kpi.yaml': file }), []);
  });
});
