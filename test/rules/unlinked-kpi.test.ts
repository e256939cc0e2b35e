import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintRule, yaml } from '../helpers';

describe('unlinked-kpi', () => {
  it('stays silent for a KPI linked to a goal', () => {
    assert.deepEqual(lintRule('unlinked-kpi', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports a KPI without goals, and one with an empty list, on its id', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: sales-growth
          name: Sales growth
          category: financial
        - name: Churn
          id: churn
          category: customer
          goals: []
    `;
    assert.deepEqual(lintRule('unlinked-kpi', { 'a.kpi.yaml': file }), [
      { file: 'a.kpi.yaml', line: 3, code: 'unlinked-kpi' },
      { file: 'a.kpi.yaml', line: 7, code: 'unlinked-kpi' },
    ]);
  });
});
