import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans } from '../helpers';

/** One KPI whose `source` (line 6) is the given value. */
function kpiFile(source: string): string {
  return ['kpi: 1', 'kpis:', '  - id: sales-growth', '    name: Sales growth', '    category: financial', `    source: ${source}`, ''].join('\n');
}

const CSV = 'month,growth\n2026-10,5.1\n';

describe('source-not-found', () => {
  it('stays silent for a text source and for a CSV file that exists', () => {
    assert.deepEqual(lintRule('source-not-found', { 'sales.kpi.yaml': GOOD_FILE }), []);
    const files = { 'a.kpi.yaml': kpiFile('{ file: data/sales.csv, date: month, value: growth }'), 'data/sales.csv': CSV };
    assert.deepEqual(lintRule('source-not-found', files), []);
  });

  it('reports a missing file on the file value', () => {
    const files = { 'a.kpi.yaml': kpiFile('{ file: data/sales.csv, date: month, value: growth }') };
    const result = lintFixture(files, { rule: 'source-not-found' });
    assert.deepEqual(lintRule('source-not-found', files), [{ file: 'a.kpi.yaml', line: 6, code: 'source-not-found' }]);
    assert.deepEqual(spans(result), [{ code: 'source-not-found', text: 'data/sales.csv' }]);
    assert.deepEqual(messages(result), [
      "Source file `data/sales.csv` cannot be read (it does not exist): fix the path, which is relative to this file's folder.",
    ]);
  });

  it('resolves the path from the KPI file’s folder, not from the workspace root', () => {
    const fromRoot = { 'kpis/a.kpi.yaml': kpiFile('{ file: data/sales.csv, date: month, value: growth }'), 'data/sales.csv': CSV };
    assert.deepEqual(lintRule('source-not-found', fromRoot), [{ file: 'kpis/a.kpi.yaml', line: 6, code: 'source-not-found' }]);
    const fromFolder = { 'kpis/a.kpi.yaml': kpiFile('{ file: ../data/sales.csv, date: month, value: growth }'), 'data/sales.csv': CSV };
    assert.deepEqual(lintRule('source-not-found', fromFolder), []);
  });

  it('matches letter case exactly', () => {
    const files = { 'a.kpi.yaml': kpiFile('{ file: data/Sales.csv, date: month, value: growth }'), 'data/sales.csv': CSV };
    assert.deepEqual(lintRule('source-not-found', files), [{ file: 'a.kpi.yaml', line: 6, code: 'source-not-found' }]);
  });

  it('reports a file that is not valid CSV as unreadable', () => {
    const files = { 'a.kpi.yaml': kpiFile('{ file: data/sales.csv, date: month, value: growth }'), 'data/sales.csv': 'month,growth\n2026-10,"5.1\n' };
    const result = lintFixture(files, { rule: 'source-not-found' });
    assert.deepEqual(lintRule('source-not-found', files), [{ file: 'a.kpi.yaml', line: 6, code: 'source-not-found' }]);
    assert.match(messages(result)[0], /^Source file `data\/sales\.csv` cannot be read \(it is not valid CSV \(.+\)\)/);
  });
});
