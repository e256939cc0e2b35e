import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFixture, lintRule, messages, spans, type FixtureContent } from '../helpers';

/** One KPI whose CSV source (`file` on line 6) is data/sales.csv, with a target of 6 so it has a status. */
const KPI_FILE = [
  'kpi: 1',
  'kpis:',
  '  - id: sales-growth',
  '    name: Sales growth',
  '    category: financial',
  '    source: { file: data/sales.csv, date: month, value: growth }',
  '    target: { value: 6 }',
  '',
].join('\n');

function withCsv(csv: FixtureContent, unit?: string): Record<string, FixtureContent> {
  // The unit goes after `target`, so that `file` stays on line 6.
  const kpi = unit === undefined ? KPI_FILE : `${KPI_FILE}    unit: ${JSON.stringify(unit)}\n`;
  return { 'a.kpi.yaml': kpi, 'data/sales.csv': csv };
}

/** The measurements the status of `sales-growth` is built on, as `[date, value]`. */
function history(files: Record<string, FixtureContent>): [string, number][] {
  const result = lintFixture(files, { rule: 'source-bad-row' });
  const kpi = result.workspace.kpi('sales-growth')!;
  return result.workspace.status(kpi).history.map((m) => [m.date.text, m.value]);
}

const BAD_ROW = { file: 'a.kpi.yaml', line: 6, code: 'source-bad-row' };

describe('source-bad-row', () => {
  it('stays silent for a comma-separated file with decimal points', () => {
    const files = withCsv('month,growth\n2026-09,5.5\n2026-10,-0.5\n');
    assert.deepEqual(lintRule('source-bad-row', files), []);
    assert.deepEqual(history(files), [
      ['2026-09', 5.5],
      ['2026-10', -0.5],
    ]);
  });

  it('accepts a decimal comma with `;` and with tab as the delimiter', () => {
    const semicolon = withCsv('month;growth\n2026-09;4,5\n2026-10;4.75\n');
    assert.deepEqual(lintRule('source-bad-row', semicolon), []);
    assert.deepEqual(history(semicolon), [
      ['2026-09', 4.5],
      ['2026-10', 4.75],
    ]);
    const tab = withCsv('month\tgrowth\n2026-09\t4,5\n2026-10\t5\n');
    assert.deepEqual(lintRule('source-bad-row', tab), []);
    assert.deepEqual(history(tab), [
      ['2026-09', 4.5],
      ['2026-10', 5],
    ]);
  });

  it('reports each bad row on the file value with its line number, and still uses the good rows', () => {
    const files = withCsv('month,growth\n2026-09,5.5\nSept 2026,5.6\n2026-10,n/a\n2026-02-30,5.7\n2026-11-15,5.9\n');
    const result = lintFixture(files, { rule: 'source-bad-row' });
    assert.deepEqual(lintRule('source-bad-row', files), [BAD_ROW, BAD_ROW, BAD_ROW]);
    assert.deepEqual(spans(result), [
      { code: 'source-bad-row', text: 'data/sales.csv' },
      { code: 'source-bad-row', text: 'data/sales.csv' },
      { code: 'source-bad-row', text: 'data/sales.csv' },
    ]);
    assert.deepEqual(messages(result), [
      'Line 3 of data/sales.csv is skipped: date "Sept 2026" is not a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY; fix the row.',
      'Line 4 of data/sales.csv is skipped: value "n/a" is not a number; fix the row.',
      'Line 5 of data/sales.csv is skipped: date "2026-02-30" is not a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY; fix the row.',
    ]);
    assert.deepEqual(history(files), [
      ['2026-09', 5.5],
      ['2026-11-15', 5.9],
    ]);
    const kpi = result.workspace.kpi('sales-growth')!;
    assert.equal(result.workspace.status(kpi).latest?.value, 5.9);
  });

  it('rejects a decimal comma when `,` is the delimiter, and an empty value', () => {
    const files = withCsv('month,growth\n2026-09,"4,5"\n2026-10,\n2026-11-15,5\n');
    assert.deepEqual(messages(lintFixture(files, { rule: 'source-bad-row' })), [
      'Line 2 of data/sales.csv is skipped: value "4,5" is not a number; fix the row.',
      'Line 3 of data/sales.csv is skipped: value "" is not a number; fix the row.',
    ]);
    assert.deepEqual(history(files), [['2026-11-15', 5]]);
  });

  it('counts lines of the file, blank lines included', () => {
    const files = withCsv('month;growth\n2026-09;5,5\n\n2026-10;x\n');
    assert.deepEqual(messages(lintFixture(files, { rule: 'source-bad-row' })), [
      'Line 4 of data/sales.csv is skipped: value "x" is not a number; fix the row.',
    ]);
    assert.deepEqual(history(files), [['2026-09', 5.5]]);
  });

  it('reports the first 20 bad rows one by one and sums up the rest', () => {
    const rows = Array.from({ length: 23 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')},none`);
    const files = withCsv(['month,growth', ...rows, ''].join('\n'));
    const result = lintFixture(files, { rule: 'source-bad-row' });
    assert.deepEqual(
      lintRule('source-bad-row', files),
      Array.from({ length: 21 }, () => BAD_ROW),
    );
    assert.equal(messages(result)[19], 'Line 21 of data/sales.csv is skipped: value "none" is not a number; fix the row.');
    assert.equal(messages(result)[20], '3 more rows of data/sales.csv are skipped because their date or value does not parse: fix them.');
  });

  it('reads a Unicode minus sign, and thousands grouped by a space, a no-break space, a narrow no-break space or a thin space', () => {
    const files = withCsv(
      'month;growth\n2026-06;−93,2\n2026-07;1 088,0\n2026-08;1\u00a0088,1\n2026-09;1\u202f088,2\n2026-10;1\u2009088,3\n2026-11-15;−1\u00a0000\n',
    );
    assert.deepEqual(lintRule('source-bad-row', files), []);
    assert.deepEqual(history(files), [
      ['2026-06', -93.2],
      ['2026-07', 1088],
      ['2026-08', 1088.1],
      ['2026-09', 1088.2],
      ['2026-10', 1088.3],
      ['2026-11-15', -1000],
    ]);
  });

  it('reports spaces that do not group thousands, which would otherwise join two numbers', () => {
    const files = withCsv('month;growth\n2026-09;4 5\n2026-10;1\u00a008,1\n');
    assert.deepEqual(messages(lintFixture(files, { rule: 'source-bad-row' })), [
      'Line 2 of data/sales.csv is skipped: value "4 5" is not a number; fix the row.',
      'Line 3 of data/sales.csv is skipped: value "1\u00a008,1" is not a number; fix the row.',
    ]);
  });

  it("reads a trailing % when the KPI's unit is %, and says why it is a bad row under another unit", () => {
    const csv = 'month;growth\n2026-09;12,3 %\n2026-10;12,5%\n2026-11-15;12\u00a0%\n';
    assert.deepEqual(lintRule('source-bad-row', withCsv(csv, '%')), []);
    assert.deepEqual(history(withCsv(csv, '%')), [
      ['2026-09', 12.3],
      ['2026-10', 12.5],
      ['2026-11-15', 12],
    ]);
    const sek = withCsv('month;growth\n2026-09;12%\n2026-10;13\n', 'SEK');
    assert.deepEqual(lintRule('source-bad-row', sek), [BAD_ROW]);
    assert.deepEqual(messages(lintFixture(sek, { rule: 'source-bad-row' })), [
      'Line 2 of data/sales.csv is skipped: value "12%" is not a number (a trailing % is read only when the KPI\'s unit is "%"); fix the row.',
    ]);
    assert.deepEqual(history(sek), [['2026-10', 13]]);
  });

  it("skips an empty value dated after the as-of date (a template's months to come), and reports one dated on or before it", () => {
    // As of 2026-11-27: 2026-11 means 2026-11-30, after it; a bad value or a bad date is reported whenever it is.
    const files = withCsv('month;growth\n2026-09;5,5\n2026-10;\n2026-11-27;\n2026-11;\n2026-12;\n2027-Q1; \n2027-Q2;n/a\n2027-13;\n');
    const result = lintFixture(files, { rule: 'source-bad-row' });
    assert.deepEqual(lintRule('source-bad-row', files), [BAD_ROW, BAD_ROW, BAD_ROW, BAD_ROW]);
    assert.deepEqual(messages(result), [
      'Line 3 of data/sales.csv is skipped: value "" is not a number; fix the row.',
      'Line 4 of data/sales.csv is skipped: value "" is not a number; fix the row.',
      'Line 8 of data/sales.csv is skipped: value "n/a" is not a number; fix the row.',
      'Line 9 of data/sales.csv is skipped: date "2027-13" is not a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY; fix the row.',
    ]);
    assert.deepEqual(history(files), [['2026-09', 5.5]]);
    // The months to come are no measurements, so not future ones either.
    assert.deepEqual(lintRule('future-measurement', files), []);
  });

  it('reads a Windows-1252 file (Excel\'s "CSV (semicolon delimited)") and a UTF-8 one with a byte-order mark', () => {
    const kpi = KPI_FILE.replace('date: month, value: growth', 'date: Månad, value: Värde');
    // Månad;Värde / 2026-09;4,5 / 2026-10;– (0x96, Excel's zero in accounting format)
    const latin = Buffer.from('M\xe5nad;V\xe4rde\r\n2026-09;4,5\r\n2026-10;\x96\r\n', 'latin1');
    const excel = { 'a.kpi.yaml': kpi, 'data/sales.csv': latin };
    assert.deepEqual(
      messages(lintFixture(excel)).filter((m) => m.includes('data/sales.csv')),
      ['Line 3 of data/sales.csv is skipped: value "–" is not a number; fix the row.'],
    );
    assert.deepEqual(history(excel), [['2026-09', 4.5]]);
    const bom = { 'a.kpi.yaml': kpi, 'data/sales.csv': Buffer.from('\ufeffMånad;Värde\n2026-09;4,5\n') };
    assert.deepEqual(lintRule('source-bad-row', bom), []);
    assert.deepEqual(history(bom), [['2026-09', 4.5]]);
  });

  it('stays silent when the file is missing or lacks a column (other source-* rules speak)', () => {
    assert.deepEqual(lintRule('source-bad-row', { 'a.kpi.yaml': KPI_FILE }), []);
    assert.deepEqual(lintRule('source-bad-row', withCsv('period,growth\nnot a date,x\n')), []);
  });
});
