import { csvMeasurements, decodeCsv, parseCsv, type BadRow, type CsvTable } from './csv';
import type { Day } from './dates';
import type { FileReader } from './host';
import { message, translator, type Message } from './l10n/catalogue';
import { dirname, isInside, resolve } from './paths';
import type { Kpi, Measurement, SourceFile } from './types';
import { readWorkbook, type SheetTable } from './xlsx';

/** Beyond this many rows a CSV source (or a workbook's sheet) is cut short, with a diagnostic. */
export const MAX_CSV_ROWS = 100_000;

/** What reading a KPI's `source.file` gave. */
export type SourceRead = { readonly resolved: string } & (
  | { readonly kind: 'outside' }
  | { readonly kind: 'not-read'; readonly reason: string }
  /** `reason` in English (kept for the readers that want a string); `why`, the same as a message. */
  | { readonly kind: 'not-found'; readonly reason: string; readonly why: Message }
  | { readonly kind: 'columns-missing'; readonly missing: readonly string[]; readonly columns: readonly string[] }
  /** A workbook without the sheet that `source.sheet` names, and the sheets it has. */
  | { readonly kind: 'sheet-missing'; readonly sheet: string; readonly sheets: readonly string[] }
  | {
      readonly kind: 'read';
      /** The sheet read, when the source is a workbook: bad rows are told by sheet and row. */
      readonly sheet?: string;
      readonly measurements: readonly Measurement[];
      /** Each skipped row: why in English (`reason`) and as a message (`why`). */
      readonly badRows: readonly (BadRow & { readonly why: Message })[];
      readonly truncated: boolean;
    }
);

/** Where a KPI's `source.file` points, before symlinks are followed; undefined without one. */
export function sourcePath(kpi: Kpi): string | undefined {
  return typeof kpi.source === 'object' ? resolve(dirname(kpi.file.path), kpi.source.file) : undefined;
}

/** A source file that could not be read, and why. */
interface Unread {
  readonly why: Message;
}

type Table = CsvTable | SheetTable | Unread | { readonly sheet: string; readonly sheets: readonly string[] };

/** Spreadsheet files that are not read: old binary workbooks, macro-enabled, binary and template workbooks, OpenDocument. */
const OTHER_SPREADSHEETS = ['.xls', '.xlsm', '.xlsb', '.xltx', '.xltm', '.ods'];

/** What a source file is, by the extension of its name as written: a CSV file, an Excel workbook, or a spreadsheet format that is not read. */
function kindOf(file: string): 'csv' | 'xlsx' | { readonly other: string } {
  const extension = /\.[^./\\]+$/.exec(file)?.[0].toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  return extension !== undefined && OTHER_SPREADSHEETS.includes(extension) ? { other: extension } : 'csv';
}

const notFound = (resolved: string, why: Message): SourceRead => ({ kind: 'not-found', resolved, reason: translator('en').text(why), why });

/**
 * Reads CSV and workbook sources for one lint run. Each file (each sheet of a
 * workbook) is read once however many KPIs use it, and never when it lies
 * outside the workspace root, even through a symlink.
 */
export class SourceReader {
  private readonly tables = new Map<string, Table>();
  private readonly realRoot: string;

  constructor(
    private readonly root: string,
    private readonly reader: FileReader,
  ) {
    this.realRoot = reader.realpath(root) ?? root;
  }

  /** The KPI's CSV or workbook source read as of `asOf` (an empty value after it is a period still to come). */
  read(kpi: Kpi, asOf: Day): SourceRead | undefined {
    const source = kpi.source;
    const resolved = sourcePath(kpi);
    if (typeof source !== 'object' || resolved === undefined) return undefined;
    if (!isInside(this.root, resolved)) return { kind: 'outside', resolved };
    if (this.reader.declines !== undefined) return { kind: 'not-read', resolved, reason: this.reader.declines };
    const real = this.reader.realpath(resolved);
    if (real === undefined) return notFound(resolved, message('data.source-missing'));
    if (!isInside(this.realRoot, real)) return { kind: 'outside', resolved: real };
    const table = this.table(real, source);
    if ('why' in table) return notFound(resolved, table.why);
    if (!('columns' in table)) return { kind: 'sheet-missing', resolved, sheet: table.sheet, sheets: table.sheets };
    const result = csvMeasurements(table, source, { unit: kpi.unit, asOf });
    if (result.missingColumns.length > 0) return { kind: 'columns-missing', resolved, missing: result.missingColumns, columns: table.columns };
    const badRows = result.badRows.map((row, i) => ({ ...row, why: result.badRowReasons[i] }));
    const sheet = 'sheet' in table ? { sheet: table.sheet } : {};
    return { kind: 'read', resolved, ...sheet, measurements: result.measurements, badRows, truncated: table.truncated };
  }

  private table(real: string, source: SourceFile): Table {
    const kind = kindOf(source.file);
    if (kind !== 'csv' && kind !== 'xlsx') return { why: message('data.xlsx-other-format', { extension: kind.other }) };
    const key = kind === 'xlsx' ? `${real}\0${source.sheet ?? ''}` : real;
    let table = this.tables.get(key);
    if (table === undefined) {
      const bytes = this.reader.readBytes(real);
      if (bytes instanceof Error) {
        // The host's reason in the catalogue's words; a failure it has none for is told in its own (English) words, or in Swedish as a sentence of ours.
        table = { why: bytes.reason ?? message('data.source-unreadable', { reason: bytes.message }) };
      } else if (kind === 'xlsx') {
        const read = readWorkbook(bytes, source.sheet, MAX_CSV_ROWS);
        table = !('kind' in read) ? read : read.kind === 'unreadable' ? { why: read.why } : { sheet: read.sheet, sheets: read.sheets };
      } else {
        try {
          table = parseCsv(decodeCsv(bytes), MAX_CSV_ROWS);
        } catch (error) {
          table = { why: message('data.source-not-csv', { error: error instanceof Error ? error.message.split('\n')[0] : String(error) }) };
        }
      }
      this.tables.set(key, table);
    }
    return table;
  }
}
