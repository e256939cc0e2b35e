import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFixture, lintRule, messages, spans, type FixtureContent } from '../helpers';

/** One KPI with a CSV source written as a block: `file` on line 7, `date` on line 8, `value` on line 9. */
const KPI_FILE = [
  'kpi: 1',
  'kpis:',
  '  - id: sales-growth',
  '    name: Sales growth',
  '    category: financial',
  '    source:',
  '      file: data/sales.csv',
  '      date: month',
  '      value: growth',
  '',
].join('\n');

function withCsv(csv: FixtureContent): Record<string, FixtureContent> {
  return { 'a.kpi.yaml': KPI_FILE, 'data/sales.csv': csv };
}

describe('source-column-missing', () => {
  it('stays silent when the header has both columns, whatever the delimiter', () => {
    for (const csv of ['month,growth\n2026-10,5.1\n', 'growth;month\n5,1;2026-10\n', 'id\tmonth\tgrowth\n1\t2026-10\t5,1\n', 'month,growth\n']) {
      assert.deepEqual(lintRule('source-column-missing', withCsv(csv)), [], JSON.stringify(csv));
    }
  });

  it('reports a missing date column on the date value', () => {
    const files = withCsv('period,growth\n2026-10,5.1\n');
    const result = lintFixture(files, { rule: 'source-column-missing' });
    assert.deepEqual(lintRule('source-column-missing', files), [{ file: 'a.kpi.yaml', line: 8, code: 'source-column-missing' }]);
    assert.deepEqual(spans(result), [{ code: 'source-column-missing', text: 'month' }]);
    assert.deepEqual(messages(result), [
      'Column `month` is not in data/sales.csv (its columns: `period`, `growth`): name one of its columns in `source.date`.',
    ]);
  });

  it('reports a missing value column on the value value, matching names exactly', () => {
    const files = withCsv('month,Growth\n2026-10,5.1\n');
    assert.deepEqual(lintRule('source-column-missing', files), [{ file: 'a.kpi.yaml', line: 9, code: 'source-column-missing' }]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'source-column-missing' })), [{ code: 'source-column-missing', text: 'growth' }]);
  });

  it('reports each missing column once', () => {
    const files = withCsv('period|growth\n2026-10|5.1\n');
    assert.deepEqual(lintRule('source-column-missing', files), [
      { file: 'a.kpi.yaml', line: 8, code: 'source-column-missing' },
      { file: 'a.kpi.yaml', line: 9, code: 'source-column-missing' },
    ]);
  });

  it('reports both columns of an empty file, which has no columns', () => {
    const result = lintFixture(withCsv(''), { rule: 'source-column-missing' });
    assert.deepEqual(lintRule('source-column-missing', withCsv('')), [
      { file: 'a.kpi.yaml', line: 8, code: 'source-column-missing' },
      { file: 'a.kpi.yaml', line: 9, code: 'source-column-missing' },
    ]);
    assert.deepEqual(messages(result), [
      'Column `month` is not in data/sales.csv (its columns: none): name one of its columns in `source.date`.',
      'Column `growth` is not in data/sales.csv (its columns: none): name one of its columns in `source.value`.',
    ]);
  });

  it('matches a Windows-1252 header (Excel\'s "CSV (semicolon delimited)"), and names its columns readably', () => {
    const kpi = KPI_FILE.replace('date: month', 'date: Månad').replace('value: growth', 'value: Värde');
    const latin = Buffer.from('M\xe5nad;V\xe4rde\r\n2026-10;4,5\r\n', 'latin1');
    assert.deepEqual(lintRule('source-column-missing', { 'a.kpi.yaml': kpi, 'data/sales.csv': latin }), []);
    const other = { 'a.kpi.yaml': KPI_FILE.replace('date: month', 'date: Månad'), 'data/sales.csv': Buffer.from('M\xe5nad;\xd6kning\r\n', 'latin1') };
    assert.deepEqual(messages(lintFixture(other, { rule: 'source-column-missing' })), [
      'Column `growth` is not in data/sales.csv (its columns: `Månad`, `Ökning`): name one of its columns in `source.value`.',
    ]);
  });

  it('matches the first column behind a UTF-8 byte-order mark', () => {
    const files = withCsv(Buffer.from('\ufeffmonth,growth\n2026-10,5.1\n'));
    assert.deepEqual(lintRule('source-column-missing', files), []);
  });

  it('stays silent when the file cannot be read (source-not-found speaks)', () => {
    assert.deepEqual(lintRule('source-column-missing', { 'a.kpi.yaml': KPI_FILE }), []);
  });
});
