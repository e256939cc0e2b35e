import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans, yaml } from '../helpers';

describe('missing-target', () => {
  it('stays silent for a KPI with a target', () => {
    assert.deepEqual(lintRule('missing-target', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports each KPI without a target on its id value', () => {
    const files = {
      'a.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: sales-growth
            name: Sales growth
            category: financial
            target: { value: 6, date: 2026-12 }
          - name: Churn
            id: churn
            category: customer
          - id: nps
            name: Net promoter score
            category: customer
      `,
    };
    assert.deepEqual(lintRule('missing-target', files), [
      { file: 'a.kpi.yaml', line: 8, code: 'missing-target' },
      { file: 'a.kpi.yaml', line: 10, code: 'missing-target' },
    ]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'missing-target' })), [
      { code: 'missing-target', text: 'churn' },
      { code: 'missing-target', text: 'nps' },
    ]);
  });

  it('stays silent when a target is present but incomplete or invalid (the schema reports that)', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: a
          name: A
          category: hr
          target: { date: 2026-12 }
        - id: b
          name: B
          category: hr
          target: "12%"
        - id: c
          name: C
          category: hr
          target:
    `;
    assert.deepEqual(lintRule('missing-target', { 'a.kpi.yaml': file }), []);
  });

  it('reports a target without a date, on the id value, and offers no placeholder that would add a second target', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: churn
          name: Monthly churn
          category: customer
          target: { value: 2 }
        - id: nps
          name: Net Promoter Score
          category: customer
          target: { value: 50, date: 2026-12 }
    `;
    const result = lintFixture({ 'a.kpi.yaml': file }, { rule: 'missing-target' });
    assert.deepEqual(lintRule('missing-target', { 'a.kpi.yaml': file }), [{ file: 'a.kpi.yaml', line: 3, code: 'missing-target' }]);
    assert.deepEqual(messages(result), ['KPI `churn` has a target without a date: add by when it should be reached, `target: { value: 2, date: YYYY-MM }`.']);
    assert.deepEqual(result.files[0].diagnostics[0].data, { missing: 'date' });
  });

  it('stays silent for a KPI without an id, which it could not name', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - name: Sales growth
          category: financial
    `;
    assert.deepEqual(lintRule('missing-target', { 'a.kpi.yaml': file }), []);
  });
});
