import { parse } from 'csv-parse/sync';
import { dateOfText } from './dates';
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

/** A number as written in a CSV cell; with `;` or tab a decimal comma is accepted. */
export function parseCsvNumber(cell: string, delimiter: CsvTable['delimiter']): number | undefined {
  const pattern = delimiter === ',' ? /^[-+]?(\d+(\.\d*)?|\.\d+)$/ : /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;
  const compact = cell.replace(/[\s\u00a0]/g, '');
  if (!pattern.test(compact)) return undefined;
  return Number(compact.replace(',', '.'));
}

export interface CsvMeasurements {
  readonly missingColumns: readonly string[];
  readonly measurements: readonly Measurement[];
  readonly badRows: readonly { readonly line: number; readonly reason: string }[];
}

/** The measurements in a CSV table's `date` and `value` columns; bad rows are listed, not fatal. */
export function csvMeasurements(table: CsvTable, dateColumn: string, valueColumn: string): CsvMeasurements {
  const missingColumns = [dateColumn, valueColumn].filter((c) => !table.columns.includes(c));
  if (missingColumns.length > 0) return { missingColumns, measurements: [], badRows: [] };
  const measurements: Measurement[] = [];
  const badRows: { line: number; reason: string }[] = [];
  for (const row of table.rows) {
    const dateText = row.cells[dateColumn] ?? '';
    const valueText = row.cells[valueColumn] ?? '';
    const date = dateOfText(dateText);
    const value = parseCsvNumber(valueText, table.delimiter);
    if (date === undefined) badRows.push({ line: row.line, reason: `date ${JSON.stringify(shortened(dateText))} is not a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY` });
    else if (value === undefined) badRows.push({ line: row.line, reason: `value ${JSON.stringify(shortened(valueText))} is not a number` });
    else measurements.push({ date, value, origin: { kind: 'csv', line: row.line } });
  }
  return { missingColumns, measurements, badRows };
}
