import { parse } from 'csv-parse/sync';
import { dateOfText, type Day } from './dates';
import { message, translator, type Message } from './l10n/catalogue';
import { THOUSANDS_SPACE } from './numbers';
import { shortened } from './readable';
import type { Measurement } from './types';

export interface CsvRow {
  /** 1-based line of the row in the file (the header is line 1). */
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly delimiter: ',' | ';' | '\t';
  readonly columns: readonly string[];
  readonly rows: readonly CsvRow[];
  /** True when the file had more rows than were read. */
  readonly truncated: boolean;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const WINDOWS_1252 = new TextDecoder('windows-1252');
/**
 * What Windows-1252's bytes 0x80–0x9F mean (the WHATWG index; five are
 * unused and stand for themselves). Node 20.18.3+ and 22.13+ decode
 * `windows-1252` as Latin-1, giving these bytes as U+0080–U+009F
 * (nodejs/node#60888): they are mapped here, which is also right where
 * Node decodes them itself.
 */
const WINDOWS_1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * A CSV file's text: UTF-8, its byte-order mark skipped, or, when the bytes
 * are not valid UTF-8, Windows-1252 — what Excel writes for "CSV (semicolon
 * delimited)", so that `Månad` reads as `Månad`. (Only CSV sources: a KPI
 * file that is not UTF-8 is an error.)
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return WINDOWS_1252.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]);
  }
}

/** The delimiter used most in the header line: `,`, `;` or tab. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = ([',', ';', '\t'] as const).map((d) => [d, header.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/** Parses CSV text with a header row. Throws with a readable message on malformed CSV. */
export function parseCsv(text: string, maxRows = Infinity): CsvTable {
  const delimiter = detectDelimiter(text);
  const records = parse(text, {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    to: Number.isFinite(maxRows) ? maxRows + 2 : -1,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...body] = records;
  const columns = header ? header.record : [];
  const truncated = body.length > maxRows;
  const rows = body.slice(0, maxRows).map(({ record, info }) => {
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => (cells[column] = record[i] ?? ''));
    return { line: info.lines, cells };
  });
  return { delimiter, columns, rows, truncated };
}

/** Digits, in groups of three after the first when grouped. */
const INTEGER = `(?:\\d{1,3}(?:${THOUSANDS_SPACE}\\d{3})+|\\d+)`;
const WITH_POINT = new RegExp(`^[-+]?(?:${INTEGER}(?:\\.\\d*)?|\\.\\d+)$`);
const WITH_POINT_OR_COMMA = new RegExp(`^[-+]?(?:${INTEGER}(?:[.,]\\d*)?|[.,]\\d+)$`);
const GROUPS = new RegExp(THOUSANDS_SPACE, 'g');
/** A number with a `%` after it (and maybe a space between), as Excel writes a percentage cell. */
const PERCENT = /\s*%$/;

/**
 * A number as written in a CSV cell, or undefined. With `;` or tab a decimal
 * comma is accepted. Excel's ways of writing one are too: a Unicode minus
 * sign (`−93,2`), thousands grouped by a (no-break, thin) space (`1 088,1`),
 * and, when the KPI's `unit` is `%`, a trailing `%` (`12,3 %`).
 */
export function parseCsvNumber(cell: string, delimiter: CsvTable['delimiter'], unit?: string): number | undefined {
  let text = cell.trim().replace(/^\u2212/, '-');
  if (unit === '%') text = text.replace(PERCENT, '');
  if (!(delimiter === ',' ? WITH_POINT : WITH_POINT_OR_COMMA).test(text)) return undefined;
  return Number(text.replace(GROUPS, '').replace(',', '.'));
}

/** Why a value cell (not a number for its KPI) is not a number, for the bad row's message. */
function notANumber(cell: string, delimiter: CsvTable['delimiter']): Message {
  const value = JSON.stringify(shortened(cell));
  return parseCsvNumber(cell, delimiter, '%') !== undefined ? message('data.csv-bad-value-percent', { value }) : message('data.csv-bad-value', { value });
}

/** A row of a CSV source that is skipped, and why. */
export interface BadRow {
  readonly line: number;
  /** Why, in English (kept for the readers that still want a string). */
  readonly reason: string;
}

export interface CsvMeasurements {
  readonly missingColumns: readonly string[];
  readonly measurements: readonly Measurement[];
  readonly badRows: readonly BadRow[];
  /** Why each of `badRows` is skipped, as a message of the catalogue, in the same order. */
  readonly badRowReasons: readonly Message[];
}

/** What reading a CSV's values depends on besides the file itself. */
export interface CsvContext {
  /** The KPI's unit: with `%`, a value may end in `%`. */
  readonly unit?: string | undefined;
  /** An empty value in a row dated after it is a period still to come (a template's later months), not a bad row. */
  readonly asOf: Day;
}

/** The measurements in a CSV table's `date` and `value` columns; bad rows are listed, not fatal. */
export function csvMeasurements(table: CsvTable, columns: { readonly date: string; readonly value: string }, context: CsvContext): CsvMeasurements {
  const missingColumns = [columns.date, columns.value].filter((c) => !table.columns.includes(c));
  if (missingColumns.length > 0) return { missingColumns, measurements: [], badRows: [], badRowReasons: [] };
  const measurements: Measurement[] = [];
  const badRows: BadRow[] = [];
  const badRowReasons: Message[] = [];
  const skip = (line: number, why: Message) => {
    badRows.push({ line, reason: translator('en').text(why) });
    badRowReasons.push(why);
  };
  for (const row of table.rows) {
    const dateText = row.cells[columns.date] ?? '';
    const valueText = row.cells[columns.value] ?? '';
    const date = dateOfText(dateText);
    const value = parseCsvNumber(valueText, table.delimiter, context.unit);
    if (date === undefined) skip(row.line, message('data.csv-bad-date', { date: JSON.stringify(shortened(dateText)) }));
    else if (value !== undefined) measurements.push({ date, value, origin: { kind: 'csv', line: row.line } });
    else if (valueText.trim() !== '' || date.day <= context.asOf) skip(row.line, notANumber(valueText, table.delimiter));
  }
  return { missingColumns, measurements, badRows, badRowReasons };
}
