/**
 * SPEC §8: the DuckDB driver of `kpi refresh`. DuckDB is an optional native
 * package: it is required here, when a DuckDB connection is opened, and
 * nowhere else, so that the CLI, the language server and the extension start
 * and work without it (the bundles keep it external, see scripts/bundle.js).
 *
 * Safety is set on the instance before any query runs and then locked
 * (`lock_configuration`), so a query cannot undo it:
 * - a database file is opened read-only, and must be inside the workspace root;
 * - no extension is installed or loaded (the ones built into the binding,
 *   such as parquet, json and icu, are there already);
 * - files are read under the workspace root only: `enable_external_access` off
 *   with `allowed_directories` = [root]. DuckDB checks the path it reads after
 *   resolving it, so `..`, absolute paths and symbolic links that lead out are
 *   refused;
 * - a query is one SELECT statement, checked before it runs: `COPY … TO` and
 *   `ATTACH` are allowed by DuckDB inside the allowed directory and would write
 *   into the workspace;
 * - no spilling to disk (`temp_directory` empty): DuckDB would otherwise allow
 *   its temporary folder, under the process's working directory, too.
 *
 * Relative paths in a query resolve against the workspace root through
 * `file_search_path` (the process's working directory is not changed). DuckDB
 * checks a relative path as written against the working directory too before
 * it searches, so a relative path is read when kpi runs in the workspace root
 * (the CLI, and the language server, whose client starts it there); elsewhere
 * it is refused, never read from outside.
 *
 * TIMESTAMP WITH TIME ZONE: DuckDB keeps an instant; its calendar day here is
 * the day in UTC (the session time zone is set to UTC, so that the query's own
 * casts, `ts::date`, agree and do not depend on the machine that refreshes).
 * A query that wants another zone's day converts it itself:
 * `timezone('Europe/Stockholm', ts)` gives a TIMESTAMP of that zone's wall clock.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as DuckDb from '@duckdb/node-api';
import { message, type Message, type MessageData, type MessageKey } from '../../core/l10n/catalogue';
import { isInside } from '../../core/paths';
import { QueryError, type Driver, type QueryJob, type SnapshotRow } from './driver';

/** The package's API, as `require` gives it. */
export type DuckDbApi = typeof DuckDb;

/** A message of this connection: its name is in every one. */
type Say = (key: MessageKey, data?: MessageData) => Message;

/** Loads the package: the default is `require`, a test passes one that fails. */
export type DuckDbLoader = () => DuckDbApi;

export interface DuckDbOptions {
  /** The connection's name in `kpi.config.yaml`, for messages. */
  readonly name: string;
  /** The workspace root, absolute. */
  readonly root: string;
  /** The connection's database file, relative to the root; none: an empty database in memory. */
  readonly path?: string;
}

/** The only place the product requires a package by hand: DuckDB is optional and native, and must not load unless a DuckDB connection is used. */
export function loadDuckDb(): DuckDbApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load this module exists for (test/no-eval.test.ts allows this line only)
  return require('@duckdb/node-api') as DuckDbApi;
}

const MICROS_PER_DAY = 86_400_000_000n;

/** Opens a DuckDB connection of `kpi.config.yaml`, locked down as SPEC §8 says (see above). */
export async function openDuckDb(options: DuckDbOptions, load: DuckDbLoader = loadDuckDb): Promise<Driver> {
  const say: Say = (key, data = {}) => message(key, { connection: options.name, ...data });
  const api = loadApi(load, say);
  const root = fs.realpathSync(options.root);
  const file = options.path === undefined ? undefined : databaseFile(root, options.path, say);
  let locked: LockedDuckDb;
  try {
    locked = await lockedDuckDb(api, root, file);
  } catch (error) {
    throw new QueryError(say('duckdb.cannot-open', { detail: firstLine(error) }));
  }
  const { instance, connection } = locked;
  return {
    run: (job) => runQuery(api, connection, root, job, say),
    close() {
      connection.closeSync();
      instance.closeSync();
      return Promise.resolve();
    },
  };
}

function loadApi(load: DuckDbLoader, say: Say): DuckDbApi {
  try {
    return load();
  } catch (error) {
    // A missing package, or its binding for this platform missing, is MODULE_NOT_FOUND; anything else (a binding built for another Node) is said as it is.
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') throw new QueryError(say('duckdb.not-installed'));
    throw new QueryError(say('duckdb.cannot-load', { detail: firstLine(error) }));
  }
}

/** The database file, real path, after checking that it exists and is inside the root (a symbolic link out is refused too). */
function databaseFile(root: string, relative: string, say: Say): string {
  let real: string;
  try {
    real = fs.realpathSync(path.resolve(root, relative));
  } catch {
    throw new QueryError(say('duckdb.database-missing', { file: relative }));
  }
  if (!isInside(root, real)) throw new QueryError(say('duckdb.database-outside', { file: relative }));
  return real;
}

/** An instance and its one connection, with the safety settings of SPEC §8 set and locked. */
export interface LockedDuckDb {
  readonly instance: DuckDb.DuckDBInstance;
  readonly connection: DuckDb.DuckDBConnection;
}

/**
 * Creates the instance and locks it. The extension settings and the search
 * path are given at creation; `allowed_directories`, a list, cannot be given
 * there (DuckDB 1.5 refuses it in the creation options), so it is set by SQL
 * before external access is switched off, and the lock comes last.
 */
export async function lockedDuckDb(api: DuckDbApi, root: string, file?: string): Promise<LockedDuckDb> {
  const instance = await api.DuckDBInstance.create(file ?? ':memory:', {
    ...(file === undefined ? {} : { access_mode: 'READ_ONLY' }),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    file_search_path: root,
    temp_directory: '',
  });
  try {
    const connection = await instance.connect();
    for (const statement of [
      `SET allowed_directories = [${sqlText(root)}]`,
      'SET enable_external_access = false',
      "SET TimeZone = 'UTC'",
      'SET lock_configuration = true',
    ]) {
      await connection.run(statement);
    }
    return { instance, connection };
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

/** A string literal of SQL. */
function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function runQuery(api: DuckDbApi, connection: DuckDb.DuckDBConnection, root: string, job: QueryJob, say: Say): Promise<SnapshotRow[]> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, job.timeoutMs);
  try {
    const statements = await connection.extractStatements(job.query);
    if (statements.count !== 1) throw new QueryError(say('duckdb.one-statement', { count: statements.count }));
    const prepared = await statements.prepare(0);
    if (prepared.statementType !== api.StatementType.SELECT) {
      throw new QueryError(say('duckdb.not-a-select', { statement: api.StatementType[prepared.statementType] ?? String(prepared.statementType) }));
    }
    const result = await prepared.stream();
    const date = columnIndex(result, job.date, say);
    const value = columnIndex(result, job.value, say);
    const rows: SnapshotRow[] = [];
    // Chunk by chunk (2048 rows each), stopping as soon as there are too many: a runaway query is never held whole.
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      if (rows.length + chunk.rowCount > job.maxRows) throw new QueryError(say('duckdb.too-many-rows', { maxRows: job.maxRows }));
      const dates = chunk.getColumnValues(date).map((cell) => cellText(api, cell, result.columnTypeId(date)));
      const values = chunk.getColumnValues(value).map((cell) => cellText(api, cell, result.columnTypeId(value)));
      for (let i = 0; i < chunk.rowCount; i++) rows.push({ date: dates[i] ?? '', value: values[i] ?? '' });
    }
    return rows;
  } catch (error) {
    if (error instanceof QueryError) throw error;
    if (timedOut) throw new QueryError(say('duckdb.timed-out', { seconds: job.timeoutMs / 1000 }));
    throw new QueryError(failure(error, root, say));
  } finally {
    clearTimeout(timer);
  }
}

/** A failed query in the catalogue's words: a file outside the root is said plainly, anything else is DuckDB's first line. */
function failure(error: unknown, root: string, say: Say): Message {
  const detail = firstLine(error);
  const refused = /^Permission Error: Cannot access (?:file|directory) "(.*)"/.exec(detail);
  if (refused !== null) return say('duckdb.outside-root', { file: refused[1] ?? '', root });
  if (detail.startsWith('Permission Error: Loading external extensions')) return say('duckdb.no-extensions');
  return say('duckdb.failed', { detail });
}

/** The index of a result column by name: as written, or else the one column of that name in another case (DuckDB's names are case-insensitive). */
function columnIndex(result: DuckDb.DuckDBResult, name: string, say: Say): number {
  const names = result.columnNames();
  const exact = names.indexOf(name);
  if (exact >= 0) return exact;
  const folded = names.flatMap((column, i) => (column.toLowerCase() === name.toLowerCase() ? [i] : []));
  if (folded.length === 1 && folded[0] !== undefined) return folded[0];
  throw new QueryError(say('duckdb.missing-column', { column: name, columns: names.join(', ') }));
}

/**
 * A cell as the snapshot CSV holds it (see SnapshotRow): exact decimal text
 * for DECIMAL and the big integers, the shortest text of a FLOAT (not the
 * digits of its widening to a double), a day for DATE and TIMESTAMP, '' for NULL.
 */
function cellText(api: DuckDbApi, cell: DuckDb.DuckDBValue, type: DuckDb.DuckDBTypeId): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'bigint') return cell.toString();
  if (typeof cell === 'number') return type === api.DuckDBTypeId.FLOAT ? floatText(cell) : String(cell);
  if (cell instanceof api.DuckDBDecimalValue) return cell.toString();
  if (cell instanceof api.DuckDBDateValue) {
    // The package writes an infinite date as a far-off day; DuckDB's own word is clearer where the snapshot reader refuses it.
    if (!cell.isFinite) return cell.days > 0 ? 'infinity' : '-infinity';
    return calendarDay(cell.toParts()) ?? cell.toString();
  }
  if (cell instanceof api.DuckDBTimestampValue || cell instanceof api.DuckDBTimestampTZValue) return dayOf(api, cell, cell.micros, MICROS_PER_DAY);
  if (cell instanceof api.DuckDBTimestampSecondsValue) return dayOf(api, cell, cell.seconds, 86_400n);
  if (cell instanceof api.DuckDBTimestampMillisecondsValue) return dayOf(api, cell, cell.millis, 86_400_000n);
  if (cell instanceof api.DuckDBTimestampNanosecondsValue) return dayOf(api, cell, cell.nanos, MICROS_PER_DAY * 1000n);
  return String(cell);
}

/** The calendar day of a timestamp counted in `units` since 1970-01-01 00:00 (UTC for TIMESTAMPTZ, the wall clock for TIMESTAMP). */
function dayOf(api: DuckDbApi, cell: { readonly isFinite: boolean; toString(): string }, units: bigint, perDay: bigint): string {
  if (!cell.isFinite) return cell.toString();
  // Division rounding down: a time before 1970 belongs to the day it starts in.
  const days = units / perDay - (units % perDay < 0n ? 1n : 0n);
  return calendarDay(new api.DuckDBDateValue(Number(days)).toParts()) ?? cell.toString();
}

/** YYYY-MM-DD, for the years that form has (1–9999); others keep DuckDB's text, which the snapshot reader refuses. */
function calendarDay(parts: DuckDb.DateParts): string | undefined {
  if (parts.year < 1 || parts.year > 9999) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(parts.year).padStart(4, '0')}-${two(parts.month)}-${two(parts.day)}`;
}

/** The shortest text that reads back as the same single-precision number: 1.1, not 1.100000023841858. */
function floatText(value: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(value);
}

/** An error's first line, DuckDB's own words: DuckDB adds the query text and a caret below, the package a prefix before. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').replace(/^Failed to extract statements: /, '').trim();
}
