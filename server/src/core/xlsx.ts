import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import type { CsvRow, CsvTable } from './csv';
import { message, type Message } from './l10n/catalogue';

/**
 * The most a workbook's parts that are read (the workbook, its styles and
 * shared strings, one sheet) may unpack to: a zip of a few kilobytes can
 * declare gigabytes, so sizes are checked before anything is inflated.
 */
export const MAX_WORKBOOK_BYTES = 64 * 1024 * 1024;

/** A sheet read like a CSV file: `line` is the sheet's row number, `sheet` its name. */
export interface SheetTable extends CsvTable {
  readonly sheet: string;
}

/** Why a workbook gave no table: it could not be read, or it has no sheet of that name. */
export type WorkbookProblem =
  { readonly kind: 'unreadable'; readonly why: Message } | { readonly kind: 'no-sheet'; readonly sheet: string; readonly sheets: readonly string[] };

/** Thrown inside the reading, caught once in readWorkbook. */
class Unreadable extends Error {
  constructor(readonly why: Message) {
    super('unreadable workbook');
  }
}

/** What an old binary workbook (.xls) and a password-protected .xlsx start with: an OLE compound file. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_MAGIC = [0x50, 0x4b];

/** Elements that may repeat, read as arrays even when there is one. */
const REPEATED = new Set(['sheet', 'Relationship', 'numFmt', 'xf', 'si', 'r', 'row', 'c']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Cell values stay text: a number is turned into text once, here, the way the CSV reader sees it.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Character references (`&#8722;`, a minus sign that some writers escape) are decoded only with this on.
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(node: unknown, name: string): Node | undefined {
  const value = isNode(node) ? node[name] : undefined;
  return isNode(value) ? value : undefined;
}

function children(node: unknown, name: string): Node[] {
  const value = isNode(node) ? node[name] : undefined;
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** An element's text: a bare string when it has no attributes, else its `#text`. */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  return isNode(node) && typeof node['#text'] === 'string' ? node['#text'] : '';
}

function attribute(node: unknown, name: string): string | undefined {
  const value = isNode(node) ? node[`@${name}`] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/**
 * The named parts of the zip, inflated. Declared sizes are added up before
 * any part is inflated, and fflate inflates each part into a buffer of its
 * declared size, so a part that lies about its size cannot grow beyond it.
 */
function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean, budget: { left: number }): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        budget.left -= file.originalSize;
        if (budget.left < 0) throw new Unreadable(message('data.xlsx-too-large', { limit: MAX_WORKBOOK_BYTES / 1024 / 1024 }));
        return true;
      },
    });
  } catch (error) {
    if (error instanceof Unreadable) throw error;
    throw new Unreadable(message('data.xlsx-damaged', { error: error instanceof Error ? error.message : String(error) }));
  }
}

const UTF8 = new TextDecoder('utf-8');

/** A part's XML as a tree; a part with a DOCTYPE is refused, since only an attack would carry entity declarations. */
function parsePart(parts: Record<string, Uint8Array>, name: string): Node | undefined {
  const bytes = parts[name];
  if (bytes === undefined) return undefined;
  return parseXml(UTF8.decode(bytes));
}

function parseXml(text: string): Node {
  if (/<!DOCTYPE/i.test(text)) throw new Unreadable(message('data.xlsx-damaged', { error: 'DOCTYPE' }));
  try {
    return parser.parse(text) as Node;
  } catch (error) {
    throw new Unreadable(message('data.xlsx-damaged', { error: error instanceof Error ? error.message.split('\n')[0] : String(error) }));
  }
}

/** A relationship's target as a path in the zip: relative to `xl/`, or absolute from the zip's root. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

interface Sheet {
  readonly name: string;
  readonly path: string | undefined;
}

function sheetsOf(workbook: Node, rels: Node | undefined): Sheet[] {
  const targets = new Map(children(child(rels, 'Relationships'), 'Relationship').map((r) => [attribute(r, 'Id'), attribute(r, 'Target')]));
  return children(child(child(workbook, 'workbook'), 'sheets'), 'sheet').map((sheet) => {
    const target = targets.get(attribute(sheet, 'id'));
    return { name: attribute(sheet, 'name') ?? '', path: target === undefined ? undefined : partPath(target) };
  });
}

/** Excel's sheet names are unique whatever their case, so `blad1` finds `Blad1`. */
function findSheet(sheets: readonly Sheet[], name: string): Sheet | undefined {
  return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * Whether a format code shows a date: after dropping quoted text, escaped
 * characters and bracketed parts (colours, locales, elapsed `[h]`), it has a
 * year or day, or a month without hours or seconds beside it (`mm` next to
 * `h` or `s` is minutes). An elapsed-time format such as `[h]:mm` is not a date.
 */
export function isDateFormat(code: string): boolean {
  const elapsed = /\[(h+|m+|s+)\]/i.test(code);
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\.|_.|\*./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  if (/[yd]/.test(bare)) return true;
  return !elapsed && /m/.test(bare) && !/[hs]/.test(bare);
}

/** For each cell style (`s`), whether it shows a date. */
function dateStyles(styles: Node | undefined): boolean[] {
  const sheet = child(styles, 'styleSheet');
  const custom = new Map(children(child(sheet, 'numFmts'), 'numFmt').map((f) => [Number(attribute(f, 'numFmtId')), attribute(f, 'formatCode') ?? '']));
  return children(child(sheet, 'cellXfs'), 'xf').map((xf) => {
    const id = Number(attribute(xf, 'numFmtId') ?? '0');
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id);
  });
}

/** A shared or inline string: its text, or its rich-text runs' texts joined (phonetic runs left out). */
function stringOf(node: unknown): string {
  if (isNode(node) && node.t !== undefined) return textOf(node.t);
  return children(node, 'r')
    .map((run) => textOf(run.t))
    .join('');
}

const DAY_MS = 86_400_000;
/** Day 0 of each date system: Excel's 1900 system counts from 1899-12-31, its 1904 system from 1904-01-01. */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * An Excel date serial as `YYYY-MM-DD` (the time of day dropped), or
 * undefined before day 1. Excel's 1900 system has a 29 February 1900
 * (Lotus 1-2-3's leap-year bug), day 60: it is written as such, and then
 * read as the impossible date it is; from day 61 each day is one earlier.
 */
export function dateOfSerial(serial: number, date1904: boolean): string | undefined {
  const day = Math.floor(serial);
  if (date1904 ? day < 0 : day < 1) return undefined;
  if (!date1904 && day === 60) return '1900-02-29';
  const ms = date1904 ? EPOCH_1904 + day * DAY_MS : EPOCH_1900 + (day > 60 ? day - 1 : day) * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A number as plain text with a decimal point, as the CSV reader takes it:
 * the shortest text that reads back as the same number, with an exponent
 * (`1e-7`) written out (`0.0000001`).
 */
export function plainNumber(value: number): string {
  const text = String(value);
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, first, rest = '', power] = exponent;
  const digits = first + rest;
  const point = 1 + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

interface CellContext {
  readonly strings: readonly string[];
  readonly dates: readonly boolean[];
  readonly date1904: boolean;
}

/** A cell's value as the text a CSV cell would hold. */
function cellText(cell: Node, context: CellContext): string {
  const type = attribute(cell, 't') ?? 'n';
  const value = textOf(cell.v);
  switch (type) {
    case 's':
      return context.strings[Number(value)] ?? '';
    case 'inlineStr':
      return stringOf(cell.is);
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
    case 'd':
      // An ISO 8601 date cell (strict Open XML): its calendar day.
      return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
    case 'n': {
      const number = value.trim() === '' ? NaN : Number(value);
      if (!Number.isFinite(number)) return value;
      if (context.dates[Number(attribute(cell, 's') ?? '0')]) return dateOfSerial(number, context.date1904) ?? plainNumber(number);
      return plainNumber(number);
    }
    default:
      // `str` (a formula's text result) and `e` (an error such as #N/A): the cached text as it is.
      return value;
  }
}

/** `B7` → 1 (the 0-based column); undefined without a reference. */
function columnOf(reference: string | undefined): number | undefined {
  const letters = reference === undefined ? undefined : /^([A-Z]+)/i.exec(reference)?.[1];
  if (letters === undefined) return undefined;
  return [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

/** Each row of a sheet as its row number and its cells' texts by column. */
function sheetRows(rows: readonly Node[], context: CellContext): { line: number; cells: Map<number, string> }[] {
  let line = 0;
  return rows.map((row) => {
    line = Number(attribute(row, 'r') ?? line + 1);
    let column = -1;
    const cells = new Map<number, string>();
    for (const cell of children(row, 'c')) {
      column = columnOf(attribute(cell, 'r')) ?? column + 1;
      cells.set(column, cellText(cell, context).trim());
    }
    return { line, cells };
  });
}

/**
 * The sheet's XML cut after `count` rows, so that a sheet of a million rows is
 * not built into a tree only to be cut short: the rows that are not read are
 * never parsed. Without that many rows (or with a namespace prefix on `row`)
 * the text is kept whole.
 */
function firstRows(xml: string, count: number): { xml: string; cut: boolean } {
  const row = /<row[\s>/]/g;
  for (let i = 0; i < count; i++) if (row.exec(xml) === null) return { xml, cut: false };
  const next = row.exec(xml);
  if (next === null) return { xml, cut: false };
  return { xml: `${xml.slice(0, next.index)}</sheetData></worksheet>`, cut: true };
}

/**
 * Reads one sheet of an Excel workbook (.xlsx) into the table a CSV file
 * gives: the first row holds the column names, each later row is keyed by
 * them, with its row number in the sheet. Numeric cells become number text
 * with a decimal point, date cells `YYYY-MM-DD`, so that csvMeasurements
 * reads both; text cells are kept as typed, and number text in them is read
 * as in a `;` CSV file (decimal comma, grouped thousands). Empty rows are
 * skipped. `sheet` is the sheet's name; without it, the first sheet is read.
 */
export function readWorkbook(bytes: Uint8Array, sheet: string | undefined, maxRows = Infinity): SheetTable | WorkbookProblem {
  try {
    return readSheet(bytes, sheet, maxRows);
  } catch (error) {
    if (error instanceof Unreadable) return { kind: 'unreadable', why: error.why };
    throw error;
  }
}

function readSheet(bytes: Uint8Array, name: string | undefined, maxRows: number): SheetTable | WorkbookProblem {
  if (startsWith(bytes, OLE_MAGIC)) throw new Unreadable(message('data.xlsx-old-format'));
  if (!startsWith(bytes, ZIP_MAGIC)) throw new Unreadable(message('data.xlsx-not-workbook'));
  const budget = { left: MAX_WORKBOOK_BYTES };
  const common = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];
  const parts = unzipParts(bytes, (part) => common.includes(part), budget);
  const workbook = parsePart(parts, 'xl/workbook.xml');
  if (workbook === undefined) throw new Unreadable(message('data.xlsx-not-workbook'));
  const sheets = sheetsOf(workbook, parsePart(parts, 'xl/_rels/workbook.xml.rels'));
  if (sheets.length === 0) throw new Unreadable(message('data.xlsx-no-sheets'));
  const chosen = name === undefined ? sheets[0] : findSheet(sheets, name);
  if (chosen === undefined) return { kind: 'no-sheet', sheet: name ?? '', sheets: sheets.map((s) => s.name) };
  const sheetBytes = chosen.path === undefined ? undefined : unzipParts(bytes, (part) => part === chosen.path, budget)[chosen.path];
  if (sheetBytes === undefined) throw new Unreadable(message('data.xlsx-damaged', { error: `no part for sheet ${chosen.name}` }));

  const date1904 = ['1', 'true'].includes(attribute(child(child(workbook, 'workbook'), 'workbookPr'), 'date1904') ?? '');
  const strings = children(child(parsePart(parts, 'xl/sharedStrings.xml'), 'sst'), 'si').map(stringOf);
  const context: CellContext = { strings, dates: dateStyles(parsePart(parts, 'xl/styles.xml')), date1904 };
  // The header and the rows to read: a row element after them means the sheet had more.
  const { xml, cut } = firstRows(UTF8.decode(sheetBytes), Number.isFinite(maxRows) ? maxRows + 1 : Infinity);
  const rowNodes = children(child(child(parseXml(xml), 'worksheet'), 'sheetData'), 'row');
  const [header, ...body] = sheetRows(rowNodes, context).filter((row) => [...row.cells.values()].some((text) => text !== ''));

  const named = [...(header?.cells ?? new Map<number, string>())].filter(([, text]) => text !== '').sort(([a], [b]) => a - b);
  const rows: CsvRow[] = body.slice(0, maxRows).map(({ line, cells }) => {
    // No prototype: a column named `__proto__` or `constructor` is a column like any other.
    const byName: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [column, text] of named) byName[text] = cells.get(column) ?? '';
    return { line, cells: byName };
  });
  return { delimiter: ';', columns: named.map(([, text]) => text), rows, truncated: cut || body.length > maxRows, sheet: chosen.name };
}
