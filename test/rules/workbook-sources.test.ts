import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found, lintFixture, messages, spans, type FixtureContent } from '../helpers';
import { num, row, text, workbook, type WorkbookSpec } from '../workbooks';

/** One KPI whose source is data/sales.xlsx (`file` on line 6, `sheet` on line 7), with a target of 6 so it has a status. */
function kpiFile(file = 'data/sales.xlsx', sheet?: string): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: sales-growth',
    '    name: Sales growth',
    '    category: financial',
    '    source:',
    `      file: ${file}`,
    ...(sheet === undefined ? [] : [`      sheet: ${sheet}`]),
    '      date: Månad',
    '      value: Tillväxt',
    '    target: { value: 6 }',
    '    unit: "%"',
    '',
  ].join('\n');
}

/** Sheet Blad1 of the workbook: a date cell, number text with a decimal comma, and two bad rows (7 and 9). */
const SALES: WorkbookSpec = {
  styles: [0, 14],
  sheets: [
    { name: 'Översikt', rows: [row(1, text('A1', 'Sammanfattning'))] },
    {
      name: 'Blad1',
      rows: [
        row(1, text('A1', 'Månad'), text('B1', 'Tillväxt')),
        row(2, num('A2', 46203, 1), num('B2', '4.5')),
        row(3, text('A3', '2026-07'), text('B3', '4,9')),
        row(7, text('A7', 'augusti'), num('B7', 5)),
        row(8, text('A8', '2026-09'), text('B8', '5,2 %')),
        row(9, text('A9', '2026-10'), text('B9', 'n/a')),
      ],
    },
  ],
};

/** The diagnostics of one rule, in English or Swedish. */
function lint(files: Record<string, FixtureContent>, rule: string, locale: 'en' | 'sv' = 'en') {
  return lintFixture(files, { rule, locale });
}

/** The measurements the status of `sales-growth` is built on, as `[date, value]`. */
function history(files: Record<string, FixtureContent>): [string, number][] {
  const result = lint(files, 'source-bad-row');
  const kpi = result.workspace.kpi('sales-growth')!;
  return result.workspace.status(kpi).history.map((m) => [m.date.text, m.value]);
}

describe('a KPI whose source is an Excel workbook', () => {
  it('reads the named sheet and reports its bad rows by sheet and row, in English and Swedish', () => {
    const files = { 'a.kpi.yaml': kpiFile('data/sales.xlsx', 'Blad1'), 'data/sales.xlsx': workbook(SALES) };
    const result = lint(files, 'source-bad-row');
    assert.deepEqual(found(result), [
      { file: 'a.kpi.yaml', line: 7, code: 'source-bad-row' },
      { file: 'a.kpi.yaml', line: 7, code: 'source-bad-row' },
    ]);
    assert.deepEqual(spans(result), [
      { code: 'source-bad-row', text: 'data/sales.xlsx' },
      { code: 'source-bad-row', text: 'data/sales.xlsx' },
    ]);
    assert.deepEqual(messages(result), [
      'Sheet Blad1, row 7 of data/sales.xlsx is skipped: date "augusti" is not a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY; fix the row.',
      'Sheet Blad1, row 9 of data/sales.xlsx is skipped: value "n/a" is not a number; fix the row.',
    ]);
    assert.deepEqual(messages(lint(files, 'source-bad-row', 'sv')), [
      'Blad Blad1, rad 7 i data/sales.xlsx hoppas över: datumet "augusti" är inget datum ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM, ÅÅÅÅ-Qn eller ÅÅÅÅ; rätta raden.',
      'Blad Blad1, rad 9 i data/sales.xlsx hoppas över: värdet "n/a" är inget tal; rätta raden.',
    ]);
    assert.deepEqual(history(files), [
      ['2026-06-30', 4.5],
      ['2026-07', 4.9],
      ['2026-09', 5.2],
    ]);
  });

  it('reads the first sheet without `sheet`', () => {
    const files = { 'a.kpi.yaml': kpiFile(), 'data/sales.xlsx': workbook({ ...SALES, sheets: [SALES.sheets[1]] }) };
    assert.deepEqual(
      messages(lint(files, 'source-bad-row')).map((m) => m.slice(0, 24)),
      ['Sheet Blad1, row 7 of da', 'Sheet Blad1, row 9 of da'],
    );
  });

  it('reports a sheet that is not there on `sheet`, naming the sheets there are', () => {
    const files = { 'a.kpi.yaml': kpiFile('data/sales.xlsx', 'Blad2'), 'data/sales.xlsx': workbook(SALES) };
    const result = lint(files, 'source-not-found');
    assert.deepEqual(found(result), [{ file: 'a.kpi.yaml', line: 8, code: 'source-not-found' }]);
    assert.deepEqual(spans(result), [{ code: 'source-not-found', text: 'Blad2' }]);
    assert.deepEqual(messages(result), [
      'Sheet `Blad2` is not in data/sales.xlsx (its sheets: `Översikt`, `Blad1`): name one of its sheets in `source.sheet`.',
    ]);
    assert.deepEqual(messages(lint(files, 'source-not-found', 'sv')), [
      'Bladet `Blad2` finns inte i data/sales.xlsx (arbetsbokens blad: `Översikt`, `Blad1`): ange ett av dess blad i `source.sheet`.',
    ]);
  });

  it('reports a workbook with the column missing as a CSV file is', () => {
    const files = { 'a.kpi.yaml': kpiFile('data/sales.xlsx', 'Översikt'), 'data/sales.xlsx': workbook(SALES) };
    assert.deepEqual(messages(lint(files, 'source-column-missing')), [
      'Column `Månad` is not in data/sales.xlsx (its columns: `Sammanfattning`): name one of its columns in `source.date`.',
      'Column `Tillväxt` is not in data/sales.xlsx (its columns: `Sammanfattning`): name one of its columns in `source.value`.',
    ]);
  });

  it('reports a file that is not a workbook, and an .xls file, as not readable', () => {
    const files = {
      'a.kpi.yaml': kpiFile(),
      'b.kpi.yaml': kpiFile('data/old.xls').replace('sales-growth', 'old-growth'),
      'data/sales.xlsx': 'Månad;Tillväxt\n2026-06;4,5\n',
      'data/old.xls': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]),
    };
    const result = lint(files, 'source-not-found');
    assert.deepEqual(found(result), [
      { file: 'a.kpi.yaml', line: 7, code: 'source-not-found' },
      { file: 'b.kpi.yaml', line: 7, code: 'source-not-found' },
    ]);
    assert.deepEqual(messages(result), [
      "Source file `data/sales.xlsx` cannot be read (it is not an Excel workbook (.xlsx)): fix the path, which is relative to this file's folder.",
      "Source file `data/old.xls` cannot be read (.xls files are not read, only Excel workbooks (.xlsx) and CSV files): fix the path, which is relative to this file's folder.",
    ]);
    assert.deepEqual(messages(lint(files, 'source-not-found', 'sv')), [
      'Källfilen `data/sales.xlsx` kan inte läsas (den är ingen Excel-arbetsbok (.xlsx)): rätta sökvägen, som är relativ till den här filens mapp.',
      'Källfilen `data/old.xls` kan inte läsas (.xls-filer läses inte, bara Excel-arbetsböcker (.xlsx) och CSV-filer): rätta sökvägen, som är relativ till den här filens mapp.',
    ]);
  });

  it('makes `sheet` with a CSV file a schema error', () => {
    const files = { 'a.kpi.yaml': kpiFile('data/sales.csv', 'Blad1'), 'data/sales.csv': 'Månad;Tillväxt\n2026-06;4,5\n' };
    const result = lint(files, 'schema');
    assert.deepEqual(found(result), [{ file: 'a.kpi.yaml', line: 8, code: 'schema' }]);
    assert.deepEqual(messages(result), [
      '`sheet` is read only from an Excel workbook (.xlsx), and `"data/sales.csv"` is not one: remove `sheet`, or name an .xlsx file in `file`.',
    ]);
    assert.deepEqual(messages(lint(files, 'schema', 'sv')), [
      '`sheet` läses bara ur en Excel-arbetsbok (.xlsx), och `"data/sales.csv"` är ingen: ta bort `sheet` eller ange en .xlsx-fil i `file`.',
    ]);
    // With a workbook, `sheet` is no schema error.
    assert.deepEqual(
      found(lint({ 'a.kpi.yaml': kpiFile('data/sales.xlsx', 'Blad1'), 'data/sales.xlsx': workbook(SALES) }, 'schema')).filter((f) => f.code === 'schema'),
      [],
    );
  });
});
