import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvMeasurements } from '../../server/src/core/csv';
import { parseCalendarDay } from '../../server/src/core/dates';
import { translator } from '../../server/src/core/l10n/catalogue';
import { dateOfSerial, isDateFormat, MAX_WORKBOOK_BYTES, plainNumber, readWorkbook, type SheetTable, type WorkbookProblem } from '../../server/src/core/xlsx';
import { bool, formula, num, row, shared, text, withDeclaredSize, workbook, zipParts, workbookParts } from '../workbooks';

/** The table, failing the test when the workbook gave a problem instead. */
function table(read: SheetTable | WorkbookProblem): SheetTable {
  if ('kind' in read) assert.fail(`expected a table, got ${JSON.stringify(read)}`);
  return read;
}

/** Why the workbook could not be read, in English and in Swedish. */
function why(read: SheetTable | WorkbookProblem): [string, string] {
  if (!('kind' in read) || read.kind !== 'unreadable') assert.fail(`expected an unreadable workbook, got ${JSON.stringify(read)}`);
  return [translator('en').text(read.why), translator('sv').text(read.why)];
}

/** Each row as `[row number, cells]`. */
function rows(read: SheetTable | WorkbookProblem): [number, Record<string, string>][] {
  return table(read).rows.map((r) => [r.line, { ...r.cells }]);
}

const HEADER = row(1, text('A1', 'Månad'), text('B1', 'Tillväxt'));

describe('readWorkbook', () => {
  it('reads the first sheet: column names from the first row, numbers with a point, strings shared and inline, booleans, cached formula values, empty cells', () => {
    const bytes = workbook({
      sharedStrings: [
        '<t>2026-01</t>',
        '<r><t>2026</t></r><r><t>-02</t></r><rPh><t>x</t></rPh>',
        '<t xml:space="preserve"> 4,5 </t>',
        '<t>&#8722;1&#160;088,1</t>',
      ],
      sheets: [
        {
          name: 'Blad1',
          rows: [
            row(1, text('A1', 'Månad'), text('B1', 'Tillväxt'), text('C1', 'Klar')),
            row(2, shared('A2', 0), num('B2', '4.4000000000000004'), bool('C2', true)),
            row(3, shared('A3', 1), shared('B3', 2), bool('C3', false)),
            row(5, text('A5', '2026-03'), formula('B5', 'B2+1', '5.4000000000000004')),
            row(6, text('A6', '2026-04'), formula('B6', 'IFERROR(1/0,"n/a")', 'n/a', 'str')),
            row(7, text('A7', '2026-05'), formula('B7', '1/0', '#DIV/0!', 'e')),
            row(8),
            row(9, num('B9', '-0.5')),
            row(10, text('A10', '2026-06'), shared('B10', 3)),
          ],
        },
        { name: 'Blad2', rows: [row(1, text('A1', 'other'))] },
      ],
    });
    const read = table(readWorkbook(bytes, undefined));
    assert.equal(read.sheet, 'Blad1');
    assert.deepEqual(read.columns, ['Månad', 'Tillväxt', 'Klar']);
    assert.equal(read.truncated, false);
    assert.deepEqual(rows(read), [
      [2, { Månad: '2026-01', Tillväxt: '4.4', Klar: 'TRUE' }],
      [3, { Månad: '2026-02', Tillväxt: '4,5', Klar: 'FALSE' }],
      [5, { Månad: '2026-03', Tillväxt: '5.4', Klar: '' }],
      [6, { Månad: '2026-04', Tillväxt: 'n/a', Klar: '' }],
      [7, { Månad: '2026-05', Tillväxt: '#DIV/0!', Klar: '' }],
      [9, { Månad: '', Tillväxt: '-0.5', Klar: '' }],
      [10, { Månad: '2026-06', Tillväxt: '\u22121\u00a0088,1', Klar: '' }],
    ]);
  });

  it('reads the named sheet, whatever the case of its name; a missing one names the sheets there are', () => {
    const bytes = workbook({
      sheets: [
        { name: 'Översikt', rows: [row(1, text('A1', 'x'))] },
        { name: 'Data 2026', rows: [HEADER, row(2, text('A2', '2026-01'), num('B2', 3))] },
      ],
    });
    assert.deepEqual(rows(readWorkbook(bytes, 'Data 2026')), [[2, { Månad: '2026-01', Tillväxt: '3' }]]);
    assert.equal(table(readWorkbook(bytes, 'data 2026')).sheet, 'Data 2026');
    assert.deepEqual(readWorkbook(bytes, 'Blad1'), { kind: 'no-sheet', sheet: 'Blad1', sheets: ['Översikt', 'Data 2026'] });
  });

  it('gives date cells as YYYY-MM-DD: built-in date formats and custom ones with a year, month or day, not times or elapsed time', () => {
    const bytes = workbook({
      // Styles: 0 General, 1 built-in 14 (m/d/yyyy), 2 built-in 22 (date and time), 3 yyyy-mm-dd, 4 mmm yyyy with a locale, 5 [h]:mm elapsed, 6 h:mm, 7 0.0 "dagar", 8 percent.
      styles: [0, 14, 22, 164, 165, 166, 167, 168, 10],
      formats: { 164: 'yyyy\\-mm\\-dd', 165: '[$-41D]mmm\\ yyyy;@', 166: '[h]:mm', 167: 'h:mm', 168: '0.0 "dagar"' },
      sheets: [
        {
          name: 'Blad1',
          rows: [
            row(1, text('A1', 'date'), text('B1', 'value')),
            row(2, num('A2', 44197, 1), num('B2', 44197, 0)),
            row(3, num('A3', '44227.75', 2), num('B3', '1.5', 5)),
            row(4, num('A4', 44255, 3), num('B4', '0.25', 6)),
            row(5, num('A5', 44286, 4), num('B5', '2.5', 7)),
            row(6, text('A6', '2021-Q2'), num('B6', '0.123', 8)),
          ],
        },
      ],
    });
    assert.deepEqual(rows(readWorkbook(bytes, undefined)), [
      [2, { date: '2021-01-01', value: '44197' }],
      [3, { date: '2021-01-31', value: '1.5' }],
      [4, { date: '2021-02-28', value: '0.25' }],
      [5, { date: '2021-03-31', value: '2.5' }],
      [6, { date: '2021-Q2', value: '0.123' }],
    ]);
  });

  it('counts days in the 1904 date system when the workbook says so', () => {
    const bytes = workbook({
      date1904: true,
      styles: [0, 14],
      sheets: [
        {
          name: 'Blad1',
          rows: [row(1, text('A1', 'date'), text('B1', 'value')), row(2, num('A2', 42735, 1), num('B2', 1)), row(3, num('A3', 0, 1), num('B3', 2))],
        },
      ],
    });
    assert.deepEqual(rows(readWorkbook(bytes, undefined)), [
      [2, { date: '2021-01-01', value: '1' }],
      [3, { date: '1904-01-01', value: '2' }],
    ]);
  });

  it('cuts a sheet of more than the maximum rows short, and says so', () => {
    const body = [2, 3, 4, 5, 6].map((r) => row(r, text(`A${r}`, `2026-0${r - 1}`), num(`B${r}`, r)));
    const five = workbook({ sheets: [{ name: 'Blad1', rows: [HEADER, ...body] }] });
    const cut = table(readWorkbook(five, undefined, 3));
    assert.equal(cut.truncated, true);
    assert.deepEqual(
      cut.rows.map((r) => r.line),
      [2, 3, 4],
    );
    const exactly = table(readWorkbook(workbook({ sheets: [{ name: 'Blad1', rows: [HEADER, ...body.slice(0, 3)] }] }), undefined, 3));
    assert.equal(exactly.truncated, false);
    assert.equal(exactly.rows.length, 3);
  });

  it('refuses a file that is not an .xlsx workbook, saying what it is', () => {
    assert.deepEqual(why(readWorkbook(new TextEncoder().encode('Månad;Tillväxt\n2026-01;4,5\n'), undefined)), [
      'it is not an Excel workbook (.xlsx)',
      'den är ingen Excel-arbetsbok (.xlsx)',
    ]);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    assert.deepEqual(why(readWorkbook(ole, undefined)), [
      'it is an old-format (.xls) or password-protected workbook, not an .xlsx file; save it as an Excel workbook (.xlsx) without a password',
      'den är en arbetsbok i det gamla formatet (.xls) eller en lösenordsskyddad arbetsbok, ingen .xlsx-fil; spara den som Excel-arbetsbok (.xlsx) utan lösenord',
    ]);
    // An OpenDocument spreadsheet is a zip too, without the workbook part.
    const ods = zipParts({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' });
    assert.deepEqual(why(readWorkbook(ods, undefined)), ['it is not an Excel workbook (.xlsx)', 'den är ingen Excel-arbetsbok (.xlsx)']);
    const noSheets = workbook({ sheets: [] });
    assert.deepEqual(why(readWorkbook(noSheets, undefined)), ['the workbook has no sheets', 'arbetsboken har inga blad']);
    const truncatedZip = workbook({ sheets: [{ name: 'Blad1', rows: [HEADER] }] }).slice(0, 40);
    assert.deepEqual(why(readWorkbook(truncatedZip, undefined)), ['it is a damaged Excel workbook (invalid zip data)', 'den är en skadad Excel-arbetsbok']);
  });

  it('refuses a zip bomb by its declared size, before inflating it, and inflates no part beyond its declared size', () => {
    const bytes = workbook({ sheets: [{ name: 'Blad1', rows: [HEADER, row(2, text('A2', '2026-01'), num('B2', 1))] }] });
    const bomb = withDeclaredSize(bytes, 'xl/worksheets/sheet1.xml', 0x7fff_0000);
    assert.deepEqual(why(readWorkbook(bomb, undefined)), [
      `the parts of the workbook that are read would unpack to more than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB`,
      `de delar av arbetsboken som läses skulle packas upp till mer än ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB`,
    ]);
    // A part that says it is smaller than it is: only that much is inflated, and the cut XML does not parse.
    const [en] = why(readWorkbook(withDeclaredSize(bytes, 'xl/worksheets/sheet1.xml', 60), undefined));
    assert.match(en, /^it is a damaged Excel workbook \(/);
  });

  it('refuses a part with a DOCTYPE (entity expansion)', () => {
    const parts = workbookParts({ sheets: [{ name: 'Blad1', rows: [HEADER] }] });
    const sheet = parts['xl/worksheets/sheet1.xml'].replace('<worksheet', '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet');
    assert.deepEqual(why(readWorkbook(zipParts({ ...parts, 'xl/worksheets/sheet1.xml': sheet }), undefined)), [
      'it is a damaged Excel workbook (DOCTYPE)',
      'den är en skadad Excel-arbetsbok',
    ]);
  });

  it('gives measurements as a `;` CSV file does: number text with a decimal comma and a % under unit %, bad rows by sheet row', () => {
    const bytes = workbook({
      styles: [0, 14],
      sheets: [
        {
          name: 'Blad1',
          rows: [
            HEADER,
            row(2, num('A2', 46023, 1), num('B2', '4.5')),
            row(3, text('A3', '2026-02'), text('B3', '4,75')),
            row(4, text('A4', '2026-03'), text('B4', '12,5 %')),
            row(5, text('A5', 'mars'), num('B5', 5)),
            row(7, text('A7', '2026-04'), text('B7', 'n/a')),
          ],
        },
      ],
    });
    const asOf = parseCalendarDay('2026-11-27')!;
    const result = csvMeasurements(table(readWorkbook(bytes, undefined)), { date: 'Månad', value: 'Tillväxt' }, { unit: '%', asOf });
    assert.deepEqual(
      result.measurements.map((m) => [m.date.text, m.value, m.origin]),
      [
        ['2026-01-01', 4.5, { kind: 'csv', line: 2 }],
        ['2026-02', 4.75, { kind: 'csv', line: 3 }],
        ['2026-03', 12.5, { kind: 'csv', line: 4 }],
      ],
    );
    assert.deepEqual(result.badRows, [
      { line: 5, reason: 'date "mars" is not a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY' },
      { line: 7, reason: 'value "n/a" is not a number' },
    ]);
  });
});

describe('dateOfSerial', () => {
  it("keeps Excel's 29 February 1900 (day 60), which then reads as the impossible date it is", () => {
    assert.equal(dateOfSerial(1, false), '1900-01-01');
    assert.equal(dateOfSerial(59, false), '1900-02-28');
    assert.equal(dateOfSerial(60, false), '1900-02-29');
    assert.equal(dateOfSerial(61, false), '1900-03-01');
    assert.equal(dateOfSerial(44197.999, false), '2021-01-01');
    assert.equal(dateOfSerial(0.5, false), undefined);
    assert.equal(dateOfSerial(0, true), '1904-01-01');
    assert.equal(dateOfSerial(-1, true), undefined);
  });
});

describe('isDateFormat', () => {
  it('tells date formats from numbers, times and elapsed time', () => {
    const dates = ['yyyy-mm-dd', 'd/m/yyyy', 'mmm yy', '[$-41D]mmmm yyyy', 'dd.mm.yyyy hh:mm', '[Red]yyyy-mm', 'mm'];
    const others = ['General', '0.00', '#,##0 "kr"', '0%', 'h:mm', 'hh:mm:ss', '[h]:mm:ss', '[mm]:ss', 'mm:ss', '0.0 "dagar"', '"ymd"0'];
    assert.deepEqual(
      dates.filter((code) => !isDateFormat(code)),
      [],
    );
    assert.deepEqual(
      others.filter((code) => isDateFormat(code)),
      [],
    );
  });
});

describe('plainNumber', () => {
  it('writes numbers without an exponent, as the shortest text that reads back the same', () => {
    assert.deepEqual([4.4000000000000004, -0.5, 1e-7, -1.25e-8, 1e21, 1.5e22, 123456789012].map(plainNumber), [
      '4.4',
      '-0.5',
      '0.0000001',
      '-0.0000000125',
      '1000000000000000000000',
      '15000000000000000000000',
      '123456789012',
    ]);
  });
});
