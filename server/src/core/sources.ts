import type { ConnectionSetting } from './config';
import { csvMeasurements, decodeCsv, parseCsv, type BadRow, type CsvTable } from './csv';
import type { Day } from './dates';
import type { FileReader } from './host';
import { message, translator, type Message } from './l10n/catalogue';
import { dirname, isInside, resolve } from './paths';
import { fingerprint, manifestPath, parseManifest, snapshotPath, type Manifest } from './snapshots';
import type { Kpi, Measurement, SourceFile, SourceQuery } from './types';
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
  /** A SQL source whose `connection` is none of kpi.config.yaml's (`names`). */
  | { readonly kind: 'unknown-connection'; readonly names: readonly string[] }
  /** A SQL source without a snapshot: `kpi refresh` has not run for it. */
  | { readonly kind: 'snapshot-missing' }
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
      /** A SQL source's snapshot: when it was taken (ISO time, undefined when the manifest does not say), and whether with what the file names now. */
      readonly snapshot?: { readonly taken?: string; readonly outdated: boolean };
    }
);

/** A KPI's `source` when it reads a file (CSV). */
export function fileSource(kpi: Kpi): SourceFile | undefined {
  return typeof kpi.source === 'object' && 'file' in kpi.source ? kpi.source : undefined;
}

/** A KPI's `source` when it is a SQL query (SPEC §8). */
export function querySource(kpi: Kpi): SourceQuery | undefined {
  return typeof kpi.source === 'object' && 'connection' in kpi.source ? kpi.source : undefined;
}

/** Where a KPI's `source.file` (or a SQL source's `queryFile`) points, before symlinks are followed; undefined without one. */
export function sourcePath(kpi: Kpi): string | undefined {
  const file = fileSource(kpi)?.file ?? querySource(kpi)?.queryFile;
  return file === undefined ? undefined : resolve(dirname(kpi.file.path), file);
}

/** Every file reading a KPI's source reads: its CSV file; for a SQL source, its query file, its snapshot and the manifest. */
export function sourceFiles(kpi: Kpi, root: string): string[] {
  const named = sourcePath(kpi);
  const files = named === undefined ? [] : [named];
  if (querySource(kpi) === undefined) return files;
  const snapshot = snapshotPath(root, kpi.id);
  return [...files, ...(snapshot === undefined ? [] : [snapshot]), manifestPath(root)];
}

/** The columns `kpi refresh` writes a snapshot with. */
export const SNAPSHOT_COLUMNS = { date: 'date', value: 'value' } as const;

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
 * Reads CSV sources for one lint run. Each file is read once however many
 * KPIs use it, and never when it lies outside the workspace root, even
 * through a symlink.
 */
export class SourceReader {
  private readonly tables = new Map<string, Table>();
  private readonly realRoot: string;
  private manifest?: Manifest;

  /** `connections`: kpi.config.yaml's, which SQL sources name (SPEC §8). */
  constructor(
    private readonly root: string,
    private readonly reader: FileReader,
    private readonly connections: ReadonlyMap<string, ConnectionSetting> = new Map(),
  ) {
    this.realRoot = reader.realpath(root) ?? root;
  }

  /** The KPI's CSV or workbook source, or a SQL source's snapshot, read as of `asOf` (an empty value after it is a period still to come). */
  read(kpi: Kpi, asOf: Day): SourceRead | undefined {
    const query = querySource(kpi);
    if (query !== undefined) return this.readSnapshot(kpi, query, asOf);
    const source = fileSource(kpi);
    const resolved = sourcePath(kpi);
    if (source === undefined || resolved === undefined) return undefined;
    const real = this.inside(resolved);
    if (typeof real !== 'string') return real;
    return this.readTable(kpi, resolved, real, source, asOf);
  }

  /** The real path of a file the workspace may read, or why not (outside, not read, missing). */
  private inside(resolved: string): string | SourceRead {
    if (!isInside(this.root, resolved)) return { kind: 'outside', resolved };
    if (this.reader.declines !== undefined) return { kind: 'not-read', resolved, reason: this.reader.declines };
    const real = this.reader.realpath(resolved);
    if (real === undefined) return notFound(resolved, message('data.source-missing'));
    if (!isInside(this.realRoot, real)) return { kind: 'outside', resolved: real };
    return real;
  }

  /** A CSV file, a workbook's sheet or a snapshot (`source`: its file, sheet and columns). */
  private readTable(kpi: Kpi, resolved: string, real: string, source: Pick<SourceFile, 'file' | 'sheet' | 'date' | 'value'>, asOf: Day): SourceRead {
    const table = this.table(real, source);
    if ('why' in table) return notFound(resolved, table.why);
    if (!('columns' in table)) return { kind: 'sheet-missing', resolved, sheet: table.sheet, sheets: table.sheets };
    const result = csvMeasurements(table, source, { unit: kpi.unit, asOf });
    if (result.missingColumns.length > 0) return { kind: 'columns-missing', resolved, missing: result.missingColumns, columns: table.columns };
    const badRows = result.badRows.map((row, i) => ({ ...row, why: result.badRowReasons[i] }));
    const sheet = 'sheet' in table ? { sheet: table.sheet } : {};
    return { kind: 'read', resolved, ...sheet, measurements: result.measurements, badRows, truncated: table.truncated };
  }

  /**
   * SPEC §8: a SQL source is read from its snapshot, never from the
   * database. It is outdated when the manifest's fingerprint is not that of
   * the query and connection the files name now.
   */
  private readSnapshot(kpi: Kpi, source: SourceQuery, asOf: Day): SourceRead {
    const snapshot = snapshotPath(this.root, kpi.id) ?? resolve(this.root, kpi.id);
    const connection = this.connections.get(source.connection);
    if (connection === undefined) return { kind: 'unknown-connection', resolved: snapshot, names: [...this.connections.keys()] };
    let query = source.query;
    if (source.queryFile !== undefined) {
      const resolved = sourcePath(kpi)!;
      const real = this.inside(resolved);
      if (typeof real !== 'string') return real;
      const bytes = this.reader.readBytes(real);
      if (bytes instanceof Error) return notFound(resolved, bytes.reason ?? message('data.source-unreadable', { reason: bytes.message }));
      query = decodeCsv(bytes);
    }
    const real = this.inside(snapshot);
    if (typeof real !== 'string') return real.kind === 'not-found' ? { kind: 'snapshot-missing', resolved: snapshot } : real;
    const read = this.readTable(kpi, snapshot, real, { file: snapshot, ...SNAPSHOT_COLUMNS }, asOf);
    if (read.kind !== 'read') return read;
    const entry = this.snapshots().snapshots[kpi.id];
    const outdated = entry === undefined || entry.fingerprint !== fingerprint(source.connection, connection, source, query ?? '');
    return { ...read, snapshot: { taken: entry?.taken, outdated } };
  }

  /** The manifest, read once; none (or one that cannot be read) says nothing of any snapshot. */
  private snapshots(): Manifest {
    if (this.manifest === undefined) {
      const real = this.inside(manifestPath(this.root));
      const bytes = typeof real === 'string' ? this.reader.readBytes(real) : undefined;
      this.manifest = parseManifest(bytes === undefined || bytes instanceof Error ? '' : decodeCsv(bytes));
    }
    return this.manifest;
  }

  private table(real: string, source: Pick<SourceFile, 'file' | 'sheet'>): Table {
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
