import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans, yaml } from '../helpers';

/** A KPI file with one KPI whose baseline and target carry the given dates. */
function kpiWithDates(baseline: string, target: string): string {
  return yaml`
    kpi: 1
    kpis:
      - id: revenue
        name: Revenue
        category: financial
        baseline: { value: 4, date: ${baseline} }
        target: { value: 6, date: ${target} }
  `;
}

describe('date-order', () => {
  it('stays silent for a target date after the baseline date', () => {
    assert.deepEqual(lintRule('date-order', { 'sales.kpi.yaml': GOOD_FILE }), []);
    assert.deepEqual(lintRule('date-order', { 'a.kpi.yaml': kpiWithDates('2026-12-30', '2026-12-31') }), []);
  });

  it('reports a target date before the baseline date, on the target key', () => {
    const result = lintFixture({ 'a.kpi.yaml': kpiWithDates('2026-12', '2026-06') }, { rule: 'date-order' });
    assert.deepEqual(lintRule('date-order', { 'a.kpi.yaml': kpiWithDates('2026-12', '2026-06') }), [{ file: 'a.kpi.yaml', line: 7, code: 'date-order' }]);
    assert.deepEqual(spans(result), [{ code: 'date-order', text: 'target' }]);
  });

  it('reports a target date on the same day as the baseline date, whatever its shape', () => {
    for (const [baseline, target] of [
      ['2026-12-31', '2026-12-31'],
      ['2026-Q4', '2026-12'],
      ['2026-12-31', '2026'],
      ['2026-01-31', '2026-01'],
      ['2026-03', '2026-Q1'],
    ]) {
      assert.deepEqual(
        lintRule('date-order', { 'a.kpi.yaml': kpiWithDates(baseline, target) }),
        [{ file: 'a.kpi.yaml', line: 7, code: 'date-order' }],
        `baseline ${baseline}, target ${target}`,
      );
    }
  });

  it('stays silent when the baseline or the target has no date', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: revenue
          name: Revenue
          category: financial
          baseline: { value: 4 }
          target: { value: 6, date: 2026-12 }
        - id: margin
          name: Gross margin
          category: financial
          baseline: { value: 40, date: 2026-12 }
          target: { value: 45 }
        - id: churn
          name: Churn
          category: customer
          target: { value: 6, date: 2025-12 }
    `;
    assert.deepEqual(lintRule('date-order', { 'a.kpi.yaml': file }), []);
  });
});
