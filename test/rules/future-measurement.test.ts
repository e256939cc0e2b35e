import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans } from '../helpers';

/** One KPI with the given extra lines (measurements, source) from line 6 on. */
function kpiFile(...lines: string[]): string {
  return ['kpi: 1', 'kpis:', '  - id: sales-growth', '    name: Sales growth', '    category: financial', ...lines.map((l) => `    ${l}`), ''].join('\n');
}

const CSV_SOURCE = 'source: { file: data/sales.csv, date: month, value: growth }';

describe('future-measurement', () => {
  it('stays silent for measurements up to the as-of date', () => {
    assert.deepEqual(lintRule('future-measurement', { 'sales.kpi.yaml': GOOD_FILE }), []);
    assert.deepEqual(lintRule('future-measurement', { 'a.kpi.yaml': kpiFile('measurements:', '  - { date: 2026-11-27, value: 1 }') }), []);
  });

  it('reports an inline measurement after the as-of date on its date value', () => {
    const files = { 'a.kpi.yaml': kpiFile('measurements:', '  - { date: 2026-10, value: 1 }', '  - { date: 2026-11-28, value: 2 }') };
    const result = lintFixture(files, { rule: 'future-measurement' });
    assert.deepEqual(lintRule('future-measurement', files), [{ file: 'a.kpi.yaml', line: 8, code: 'future-measurement' }]);
    assert.deepEqual(spans(result), [{ code: 'future-measurement', text: '2026-11-28' }]);
    assert.deepEqual(messages(result), ['Measurement dated 2026-11-28 is after the as-of date 2026-11-27: correct the date; it is ignored for status.']);
  });

  it('reads a period as its last day: 2026-11 is in the future on 2026-11-27, not on 2026-11-30', () => {
    const files = {
      'a.kpi.yaml': kpiFile('measurements:', '  - { date: 2026-11, value: 1 }', '  - { date: 2026-Q4, value: 2 }', '  - { date: 2026, value: 3 }'),
    };
    assert.deepEqual(lintRule('future-measurement', files), [
      { file: 'a.kpi.yaml', line: 7, code: 'future-measurement' },
      { file: 'a.kpi.yaml', line: 8, code: 'future-measurement' },
      { file: 'a.kpi.yaml', line: 9, code: 'future-measurement' },
    ]);
    assert.deepEqual(lintRule('future-measurement', files, { asOf: '2026-11-30' }), [
      { file: 'a.kpi.yaml', line: 8, code: 'future-measurement' },
      { file: 'a.kpi.yaml', line: 9, code: 'future-measurement' },
    ]);
  });

  it('reports a future CSV row on the file value, naming its line', () => {
    const files = { 'a.kpi.yaml': kpiFile(CSV_SOURCE), 'data/sales.csv': 'month,growth\n2026-10,5.1\n2026-12,5.3\n2027-01-15,5.4\n' };
    const result = lintFixture(files, { rule: 'future-measurement' });
    assert.deepEqual(lintRule('future-measurement', files), [
      { file: 'a.kpi.yaml', line: 6, code: 'future-measurement' },
      { file: 'a.kpi.yaml', line: 6, code: 'future-measurement' },
    ]);
    assert.deepEqual(spans(result), [
      { code: 'future-measurement', text: 'data/sales.csv' },
      { code: 'future-measurement', text: 'data/sales.csv' },
    ]);
    assert.deepEqual(messages(result), [
      'Line 3 of data/sales.csv is dated 2026-12, after the as-of date 2026-11-27: correct the date; it is ignored for status.',
      'Line 4 of data/sales.csv is dated 2027-01-15, after the as-of date 2026-11-27: correct the date; it is ignored for status.',
    ]);
  });

  it('names the CSV file from the workspace root when the KPI file is in a folder', () => {
    const files = {
      'kpis/a.kpi.yaml': kpiFile('source: { file: ../data/sales.csv, date: month, value: growth }'),
      'data/sales.csv': 'month,growth\n2026-12,5.3\n',
    };
    const result = lintFixture(files, { rule: 'future-measurement' });
    assert.deepEqual(lintRule('future-measurement', files), [{ file: 'kpis/a.kpi.yaml', line: 6, code: 'future-measurement' }]);
    assert.deepEqual(messages(result), [
      'Line 2 of data/sales.csv is dated 2026-12, after the as-of date 2026-11-27: correct the date; it is ignored for status.',
    ]);
  });

  it('reports a future date once when an inline measurement overrides the CSV row of that day', () => {
    const files = {
      'a.kpi.yaml': kpiFile(CSV_SOURCE, 'measurements:', '  - { date: 2026-12-31, value: 5.2 }'),
      'data/sales.csv': 'month,growth\n2026-10,5.1\n2026-12,5.3\n',
    };
    assert.deepEqual(lintRule('future-measurement', files), [{ file: 'a.kpi.yaml', line: 8, code: 'future-measurement' }]);
  });
});
