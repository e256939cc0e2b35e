import { csvMeasurements, decodeCsv, parseCsv } from './csv';
import type { Day } from './dates';
import type { FileReader } from './host';
import { dirname, isInside, resolve } from './paths';
import type { Kpi, Measurement } from './types';

/** Beyond this many rows a CSV source is cut short, with a diagnostic. */
export const MAX_CSV_ROWS = 100_000;

/** What reading a KPI's `source.file` gave. */
export type SourceRead = { readonly resolved: string } & (
  | { readonly kind: 'outside' }
  | { readonly kind: 'not-read'; readonly reason: string }
  | { readonly kind: 'not-found'; readonly reason: string }
  | { readonly kind: 'columns-missing'; readonly missing: readonly string[]; readonly columns: readonly string[] }
  | {
      readonly kind: 'read';
      readonly measurements: readonly Measurement[];
      readonly badRows: readonly { readonly line: number; readonly reason: string }[];
      readonly truncated: boolean;
    }
);

/** Where a KPI's `source.file` points, before symlinks are followed; undefined without one. */
export function sourcePath(kpi: Kpi): string | undefined {
  return typeof kpi.source === 'object' ? resolve(dirname(kpi.file.path), kpi.source.file) : undefined;
}

type Table = ReturnType<typeof parseCsv> | Error;

/**
 * Reads CSV sources for one lint run. Each file is read once however many
 * KPIs use it, and never when it lies outside the workspace root, even
 * through a symlink.
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

  /** The KPI's CSV source read as of `asOf` (an empty value after it is a period still to come). */
  read(kpi: Kpi, asOf: Day): SourceRead | undefined {
    const source = kpi.source;
    const resolved = sourcePath(kpi);
    if (typeof source !== 'object' || resolved === undefined) return undefined;
    if (!isInside(this.root, resolved)) return { kind: 'outside', resolved };
    if (this.reader.declines !== undefined) return { kind: 'not-read', resolved, reason: this.reader.declines };
    const real = this.reader.realpath(resolved);
    if (real === undefined) return { kind: 'not-found', resolved, reason: 'it does not exist' };
    if (!isInside(this.realRoot, real)) return { kind: 'outside', resolved: real };
    const table = this.table(real);
    if (table instanceof Error) return { kind: 'not-found', resolved, reason: table.message };
    const result = csvMeasurements(table, source, { unit: kpi.unit, asOf });
    if (result.missingColumns.length > 0) return { kind: 'columns-missing', resolved, missing: result.missingColumns, columns: table.columns };
    return { kind: 'read', resolved, measurements: result.measurements, badRows: result.badRows, truncated: table.truncated };
  }

  private table(real: string): Table {
    let table = this.tables.get(real);
    if (table === undefined) {
      const bytes = this.reader.readBytes(real);
      if (bytes instanceof Error) {
        table = bytes;
      } else {
        try {
          table = parseCsv(decodeCsv(bytes), MAX_CSV_ROWS);
        } catch (error) {
          table = new Error(`it is not valid CSV (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
        }
      }
      this.tables.set(real, table);
    }
    return table;
  }
}
