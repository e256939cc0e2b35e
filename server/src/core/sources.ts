import { csvMeasurements, decodeCsv, parseCsv, type BadRow } from './csv';
import type { Day } from './dates';
import type { FileReader } from './host';
import { message, translator, type Message } from './l10n/catalogue';
import { dirname, isInside, resolve } from './paths';
import type { Kpi, Measurement } from './types';

/** Beyond this many rows a CSV source is cut short, with a diagnostic. */
export const MAX_CSV_ROWS = 100_000;

/** What reading a KPI's `source.file` gave. */
export type SourceRead = { readonly resolved: string } & (
  | { readonly kind: 'outside' }
  | { readonly kind: 'not-read'; readonly reason: string }
  /** `reason` in English (kept for the readers that want a string); `why`, the same as a message. */
  | { readonly kind: 'not-found'; readonly reason: string; readonly why: Message }
  | { readonly kind: 'columns-missing'; readonly missing: readonly string[]; readonly columns: readonly string[] }
  | {
      readonly kind: 'read';
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

/** A CSV file that could not be read, and why. */
interface Unread {
  readonly why: Message;
}

type Table = ReturnType<typeof parseCsv> | Unread;

const notFound = (resolved: string, why: Message): SourceRead => ({ kind: 'not-found', resolved, reason: translator('en').text(why), why });

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
    if (real === undefined) return notFound(resolved, message('data.source-missing'));
    if (!isInside(this.realRoot, real)) return { kind: 'outside', resolved: real };
    const table = this.table(real);
    if ('why' in table) return notFound(resolved, table.why);
    const result = csvMeasurements(table, source, { unit: kpi.unit, asOf });
    if (result.missingColumns.length > 0) return { kind: 'columns-missing', resolved, missing: result.missingColumns, columns: table.columns };
    const badRows = result.badRows.map((row, i) => ({ ...row, why: result.badRowReasons[i] }));
    return { kind: 'read', resolved, measurements: result.measurements, badRows, truncated: table.truncated };
  }

  private table(real: string): Table {
    let table = this.tables.get(real);
    if (table === undefined) {
      const bytes = this.reader.readBytes(real);
      if (bytes instanceof Error) {
        // The host's reason in the catalogue's words; a failure it has none for is told in its own (English) words, or in Swedish as a sentence of ours.
        table = { why: bytes.reason ?? message('data.source-unreadable', { reason: bytes.message }) };
      } else {
        try {
          table = parseCsv(decodeCsv(bytes), MAX_CSV_ROWS);
        } catch (error) {
          table = { why: message('data.source-not-csv', { error: error instanceof Error ? error.message.split('\n')[0] : String(error) }) };
        }
      }
      this.tables.set(real, table);
    }
    return table;
  }
}
