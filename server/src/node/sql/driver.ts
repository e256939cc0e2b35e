/**
 * SPEC §8: what `kpi refresh` asks of a database driver (`postgres.ts`,
 * `duckdb.ts`). A driver runs one query at a time and gives its rows as the
 * snapshot CSV holds them; it never sees a KPI file, and its errors never
 * hold a secret.
 */
import { translator, type Message } from '../../core/l10n/catalogue';

/** One query of `kpi refresh`. */
export interface QueryJob {
  /** The SQL text, as the KPI's `query` or `queryFile` gives it. */
  readonly query: string;
  /** The result columns that hold the date and the value (`source.date`, `source.value`). */
  readonly date: string;
  readonly value: string;
  /** The query is stopped after this many milliseconds (the connection's `timeout`). */
  readonly timeoutMs: number;
  /** More rows than this fail the query (the connection's `maxRows`). */
  readonly maxRows: number;
}

/**
 * A result row as the snapshot CSV holds it. `date`: `YYYY-MM-DD` for a DATE
 * or TIMESTAMP (its calendar day as the database writes it, no time-zone
 * shift), or the text the query gave (read later by the formats of SPEC §3).
 * `value`: the number as exact decimal text (DECIMAL, NUMERIC and BIGINT
 * without precision loss), or '' for NULL.
 */
export interface SnapshotRow {
  readonly date: string;
  readonly value: string;
}

/** Why a connection or a query failed, in the catalogue's words. It never holds a secret (a password, a URL with one). */
export class QueryError extends Error {
  constructor(readonly reason: Message) {
    super(translator('en').text(reason));
  }
}

/** An open connection. */
export interface Driver {
  run(job: QueryJob): Promise<SnapshotRow[]>;
  close(): Promise<void>;
}
