import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans } from '../helpers';

/** One KPI whose inline measurements (from line 7 on) are dated as given. */
function kpiFile(dates: readonly string[], extra: readonly string[] = []): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: sales-growth',
    '    name: Sales growth',
    '    category: financial',
    '    measurements:',
    ...dates.map((date, i) => `      - { date: ${date}, value: ${i + 1} }`),
    ...extra.map((line) => `    ${line}`),
    '',
  ].join('\n');
}

describe('duplicate-measurement', () => {
  it('stays silent for measurements on different dates', () => {
    assert.deepEqual(lintRule('duplicate-measurement', { 'sales.kpi.yaml': GOOD_FILE }), []);
    assert.deepEqual(lintRule('duplicate-measurement', { 'a.kpi.yaml': kpiFile(['2026-01-30', '2026-01']) }), []);
  });

  it('reports the later of two measurements with the same date, on its date value', () => {
    const files = { 'a.kpi.yaml': kpiFile(['2026-01', '2026-02', '2026-01']) };
    assert.deepEqual(lintRule('duplicate-measurement', files), [{ file: 'a.kpi.yaml', line: 9, code: 'duplicate-measurement' }]);
  });

  it('compares days: 2026-01 and 2026-01-31 are the same day', () => {
    const result = lintFixture({ 'a.kpi.yaml': kpiFile(['2026-01', '2026-01-31']) }, { rule: 'duplicate-measurement' });
    assert.deepEqual(lintRule('duplicate-measurement', { 'a.kpi.yaml': kpiFile(['2026-01', '2026-01-31']) }), [
      { file: 'a.kpi.yaml', line: 8, code: 'duplicate-measurement' },
    ]);
    assert.deepEqual(spans(result), [{ code: 'duplicate-measurement', text: '2026-01-31' }]);
    assert.deepEqual(messages(result), ['KPI `sales-growth` already has a measurement dated 2026-01: remove one of them or correct its date.']);
  });

  it('reports every repeat of a day written as a quarter, a month or a year', () => {
    assert.deepEqual(lintRule('duplicate-measurement', { 'a.kpi.yaml': kpiFile(['2026-Q4', '2026-12', '2026', '2026-12-31']) }), [
      { file: 'a.kpi.yaml', line: 8, code: 'duplicate-measurement' },
      { file: 'a.kpi.yaml', line: 9, code: 'duplicate-measurement' },
      { file: 'a.kpi.yaml', line: 10, code: 'duplicate-measurement' },
    ]);
  });

  it('does not compare inline measurements with the rows of a CSV source', () => {
    const files = {
      'a.kpi.yaml': kpiFile(['2026-01'], ['source: { file: data/sales.csv, date: month, value: growth }']),
      'data/sales.csv': 'month,growth\n2026-01,4.4\n2026-01-31,4.5\n',
    };
    assert.deepEqual(lintRule('duplicate-measurement', files), []);
  });
});
