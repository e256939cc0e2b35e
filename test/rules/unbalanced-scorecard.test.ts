import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans } from '../helpers';

/** A file (`kpis` on line 2) with one KPI of each of the given categories. */
function kpisOf(...categories: string[]): string {
  const kpis = categories.flatMap((category, i) => [`  - id: kpi-${i + 1}`, `    name: KPI ${i + 1}`, `    category: ${category}`]);
  return ['kpi: 1', 'kpis:', ...kpis, ''].join('\n');
}

describe('unbalanced-scorecard', () => {
  it('stays silent for a file with one KPI', () => {
    assert.deepEqual(lintRule('unbalanced-scorecard', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('stays silent for three KPIs of one category', () => {
    assert.deepEqual(lintRule('unbalanced-scorecard', { 'a.kpi.yaml': kpisOf('financial', 'financial', 'financial') }), []);
  });

  it('reports four KPIs of one category on the kpis key', () => {
    const files = { 'a.kpi.yaml': kpisOf('hr', 'hr', 'hr', 'hr') };
    assert.deepEqual(lintRule('unbalanced-scorecard', files), [{ file: 'a.kpi.yaml', line: 2, code: 'unbalanced-scorecard' }]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'unbalanced-scorecard' })), [{ code: 'unbalanced-scorecard', text: 'kpis' }]);
  });

  it('stays silent for four KPIs when one has another category', () => {
    assert.deepEqual(lintRule('unbalanced-scorecard', { 'a.kpi.yaml': kpisOf('financial', 'financial', 'financial', 'customer') }), []);
  });

  it('judges each file on its own', () => {
    const files = {
      'a.kpi.yaml': kpisOf('financial', 'financial'),
      'b.kpi.yaml': kpisOf('financial', 'financial'),
      'c.kpi.yaml': kpisOf('operational', 'operational', 'operational', 'operational', 'operational'),
    };
    assert.deepEqual(lintRule('unbalanced-scorecard', files), [{ file: 'c.kpi.yaml', line: 2, code: 'unbalanced-scorecard' }]);
  });
});
