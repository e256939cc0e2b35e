// Writes samples/data/varumarkesmatning.xlsx, the workbook the sample KPI
// `brand-awareness` reads: the quarterly brand survey as the agency delivers
// it, with Swedish headers, a column of Excel date cells and a value column.
// Run `node scripts/sample-workbook.js` after changing the figures below.
//
// The workbook is made here from its sheet XML rather than saved from Excel,
// so that what it holds can be reviewed as text, and so that it is the same
// file, byte for byte, each time it is made (fixed times in the zip). It is
// the smallest workbook Excel and LibreOffice open without a repair: the
// content types, the package and workbook relationships, the workbook, the
// styles (a date format for the date cells) and two sheets.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { strToU8, zipSync } = require('fflate');

const target = path.resolve(__dirname, '..', 'samples', 'data', 'varumarkesmatning.xlsx');

/**
 * The survey: the last day of each quarter's fieldwork, spontaneous brand
 * awareness among Swedes aged 18–65 who buy outdoor gear (per cent), and
 * the number who answered.
 */
const SURVEY = [
  ['2025-03-28', 9.8, 1012, ''],
  ['2025-06-27', 10.4, 1004, ''],
  ['2025-09-26', 10.9, 1021, ''],
  ['2025-12-19', 11.5, 998, ''],
  ['2026-03-27', 12.1, 1015, ''],
  ['2026-06-26', 13.0, 1009, 'Sommarkampanj "Ut i fjällen" i TV4 och på Instagram'],
  ['2026-09-25', 13.4, 1018, ''],
];

const HEADERS = ['Mätdatum', 'Spontan kännedom (%)', 'Antal svarande', 'Kommentar'];

const ABOUT = [
  ['Varumärkesmätning Nordvik Outdoor AB'],
  ['Undersökningsföretag: Fjällinsikt AB (webbpanel)'],
  ['Målgrupp: 18–65 år i Sverige som köpt friluftsutrustning de senaste 12 månaderna'],
  ['Fråga: Vilka märken för friluftskläder och utrustning känner du till? (utan hjälp)'],
  ['Mätdatum: sista dagen för fältarbetet i kvartalet'],
];

/** Days since Excel's 1900 epoch (1899-12-30, counting its phantom 1900-02-29): the serial a date cell holds. */
function serial(day) {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The column letter of a zero-based index (A–Z is enough here). */
const column = (index) => String.fromCharCode(65 + index);

/** A cell: a string inline, a number, or a date as a number in the date style (1). */
function cell(ref, value, kind) {
  if (kind === 'date') return `<c r="${ref}" s="1"><v>${serial(value)}</v></c>`;
  if (typeof value === 'number') return `<c r="${ref}"${kind === 'decimal' ? ' s="2"' : ''}><v>${value}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
}

function sheet(rows, columns) {
  const body = rows
    .map((cells, r) => {
      const filled = cells.map((value, c) => (value === '' ? '' : cell(`${column(c)}${r + 1}`, value, r === 0 ? 'text' : columns[c]))).join('');
      return `<row r="${r + 1}">${filled}</row>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${body}</sheetData></worksheet>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';

const PACKAGE_RELATIONSHIPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Kännedom" sheetId="1" r:id="rId1"/><sheet name="Om undersökningen" sheetId="2" r:id="rId2"/></sheets>' +
  '</workbook>';

const WORKBOOK_RELATIONSHIPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>' +
  '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

/** Style 1: the date format Swedish Excel shows (yyyy-mm-dd); style 2: one decimal. */
const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts>' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '</styleSheet>';

const files = {
  '[Content_Types].xml': strToU8(CONTENT_TYPES),
  '_rels/.rels': strToU8(PACKAGE_RELATIONSHIPS),
  'xl/workbook.xml': strToU8(WORKBOOK),
  'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELATIONSHIPS),
  'xl/styles.xml': strToU8(STYLES),
  'xl/worksheets/sheet1.xml': strToU8(sheet([HEADERS, ...SURVEY], ['date', 'decimal', 'number', 'text'])),
  'xl/worksheets/sheet2.xml': strToU8(sheet(ABOUT, ['text'])),
};

// A fixed time in every entry, so the same figures give the same bytes. A zip
// keeps local time without a zone, so the time is given in local time: it is
// then the same in every time zone.
fs.writeFileSync(target, zipSync(files, { level: 9, mtime: new Date(2026, 9, 1) }));
console.log(`sample-workbook: wrote ${path.relative(process.cwd(), target)}`);
