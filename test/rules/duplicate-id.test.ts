import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans, yaml } from '../helpers';

describe('duplicate-id', () => {
  it('stays silent when every id is defined once', () => {
    assert.deepEqual(lintRule('duplicate-id', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports every occurrence after the first in one file, on its id value', () => {
    const files = {
      'a.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: grow-revenue
            title: Grow revenue
          - title: Grow revenue again
            id: grow-revenue
        kpis:
          - id: churn
            name: Churn
            category: customer
          - id: churn
            name: Churn (copy)
            category: customer
          - id: churn
            name: Churn (another copy)
            category: customer
      `,
    };
    assert.deepEqual(lintRule('duplicate-id', files), [
      { file: 'a.kpi.yaml', line: 6, code: 'duplicate-id' },
      { file: 'a.kpi.yaml', line: 11, code: 'duplicate-id' },
      { file: 'a.kpi.yaml', line: 14, code: 'duplicate-id' },
    ]);
    const result = lintFixture(files, { rule: 'duplicate-id' });
    assert.deepEqual(spans(result), [
      { code: 'duplicate-id', text: 'grow-revenue' },
      { code: 'duplicate-id', text: 'churn' },
      { code: 'duplicate-id', text: 'churn' },
    ]);
    assert.deepEqual(messages(result), [
      'Goal id `grow-revenue` is already defined in a.kpi.yaml line 3: give this goal another id.',
      'KPI id `churn` is already defined in a.kpi.yaml line 8: give this KPI another id.',
      'KPI id `churn` is already defined in a.kpi.yaml line 8: give this KPI another id.',
    ]);
  });

  it('keeps the first definition in file-path order across files, whatever order the files come in', () => {
    const goals = yaml`
      kpi: 1
      goals:
        - id: grow-revenue
          title: Grow revenue
    `;
    const kpis = yaml`
      kpi: 1
      kpis:
        - id: churn
          name: Churn
          category: customer
    `;
    const files = {
      'sales/team.kpi.yaml': goals + kpis.replace('kpi: 1\n', ''),
      'b.kpi.yaml': kpis,
      'a.kpi.yaml': goals,
    };
    assert.deepEqual(lintRule('duplicate-id', files), [
      { file: 'sales/team.kpi.yaml', line: 3, code: 'duplicate-id' },
      { file: 'sales/team.kpi.yaml', line: 6, code: 'duplicate-id' },
    ]);
    assert.deepEqual(messages(lintFixture(files, { rule: 'duplicate-id' })), [
      'Goal id `grow-revenue` is already defined in a.kpi.yaml line 3: give this goal another id.',
      'KPI id `churn` is already defined in b.kpi.yaml line 3: give this KPI another id.',
    ]);
  });

  it('keeps goals and KPIs in separate namespaces', () => {
    const file = yaml`
      kpi: 1
      goals:
        - id: churn
          title: Lower churn
      kpis:
        - id: churn
          name: Churn
          category: customer
    `;
    assert.deepEqual(lintRule('duplicate-id', { 'a.kpi.yaml': file }), []);
  });
});
