/**
 * SPEC §8: the PostgreSQL driver of `kpi refresh`, on the `pg` client (pure
 * JavaScript). One connection per configured connection; each query runs in
 * its own read-only transaction that is always rolled back, under the
 * connection's `statement_timeout`, and reads at most `maxRows + 1` rows.
 *
 * Every value comes as the server's own text (the type parsers of this client
 * only, never pg's global ones), so NUMERIC and BIGINT keep every digit and
 * no date passes through a JavaScript Date. The day of a TIMESTAMPTZ is its
 * day in the session's time zone, which this driver does not set: it is the
 * database's (`ALTER DATABASE … SET timezone`, the role's, or the server's),
 * where the business that owns the data says what day a sale belongs to.
 * Setting UTC would move an evening sale in Stockholm to the wrong month;
 * taking the zone of the machine that runs `kpi refresh` would make a laptop
 * and CI write different snapshots (pg sends no client zone, so it does not).
 * A query that wants another zone says so: `(paid_at at time zone 'UTC')::date`.
 */
import { Client, Query, type CustomTypesConfig, type FieldDef, type QueryArrayConfig, type ResultBuilder } from 'pg';
import { message, type Message } from '../../core/l10n/catalogue';
import { QueryError, type Driver, type QueryJob, type SnapshotRow } from './driver';

export interface PostgresOptions {
  /** The connection's name in kpi.config.yaml, for messages. */
  readonly name: string;
  /** `postgres://user:password@host:port/db`, its `${NAME}`s already replaced. */
  readonly url: string;
  /** Values no message may hold (the password, the url); the url and its password are always added. */
  readonly secrets: readonly string[];
}

/** A dead or unreachable host fails the connection after this long rather than hanging `kpi refresh`. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A query with no answer at all this long past its timeout is given up and its
 * connection dropped: `statement_timeout` runs on the server, so a silent
 * network or a frozen server would otherwise keep `kpi refresh` waiting until
 * TCP gives up, which can take many minutes.
 */
export const ANSWER_GRACE_MS = 5_000;

/** The error `answered` fails with while connecting, which `connectReason` tells apart. */
const NO_ANSWER = 'KPI_NO_ANSWER';

/** What a secret is replaced with in a message. */
const HIDDEN = '***';

/** DATE, TIMESTAMP and TIMESTAMPTZ: their text (DateStyle ISO) starts with the calendar day. */
const DAY_TYPES: ReadonlySet<number> = new Set([1082, 1114, 1184]);

/** Every column as the server's text: the snapshot CSV holds text, and text loses nothing. */
const AS_TEXT = { getTypeParser: () => (text: string) => text } as unknown as CustomTypesConfig;

/** Hides every secret in a text. */
type Redact = (text: string) => string;

function redactor(url: string, secrets: readonly string[]): Redact {
  const hidden = new Set([url, ...secrets]);
  try {
    const password = new URL(url).password;
    if (password !== '') hidden.add(password).add(decodeURIComponent(password));
  } catch {
    // Not a URL pg can read either: connecting fails, and the whole url is hidden.
  }
  // The longest first, so that a password inside the url does not leave the rest of the url behind.
  const secretsByLength = [...hidden].filter((secret) => secret !== '').sort((a, b) => b.length - a.length);
  return (text) => secretsByLength.reduce((shown, secret) => shown.split(secret).join(HIDDEN), text);
}

/** The host of the url, for messages (a host is no secret, but it is redacted like any text). */
function hostOf(url: string, redact: Redact): string {
  try {
    return redact(new URL(url).hostname || 'localhost');
  } catch {
    return HIDDEN;
  }
}

/** An error of Node or pg: a Node error code (`ECONNREFUSED`) or a server SQLSTATE (`28P01`). */
interface Failure {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly address?: string;
  readonly port?: number;
  readonly hostname?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

function detailOf(error: unknown, redact: Redact): string {
  const text = typeof (error as Failure)?.message === 'string' ? ((error as Failure).message as string) : String(error);
  return redact(text);
}

/** Why connecting failed, in the catalogue's words. */
function connectReason(error: unknown, url: string, redact: Redact): Message {
  const failure = (error ?? {}) as Failure;
  switch (failure.code) {
    case 'ECONNREFUSED':
      return message('postgres.refused', { host: redact(failure.address ?? hostOf(url, redact)), port: String(failure.port ?? '') });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return message('postgres.unknown-host', { host: redact(failure.hostname ?? hostOf(url, redact)) });
  }
  // pg's own words when connectionTimeoutMillis passes, or no answer to the first query.
  if (failure.code === NO_ANSWER || /connection timeout/i.test(detailOf(error, redact))) {
    return message('postgres.connect-timed-out', { host: hostOf(url, redact), seconds: CONNECT_TIMEOUT_MS / 1000 });
  }
  if (typeof failure.code === 'string' && SQLSTATE.test(failure.code)) return message('postgres.login-refused', { detail: detailOf(error, redact) });
  return message('postgres.failed', { detail: detailOf(error, redact) });
}

/** An open connection and the server process behind it (to cancel its query). */
interface Session {
  readonly client: Client;
  pid: string;
  /** The connection broke (the server stopped, the network failed): the next query connects again. */
  lost: boolean;
}

/**
 * `work`, or after `ms` without it settling: the session's socket destroyed
 * (pg then fails what was waiting on it, and nothing waits for the server)
 * and `failure()` thrown.
 */
async function answered<T>(session: Session, ms: number, work: Promise<T>, failure: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      session.lost = true;
      session.client.connection.stream.destroy();
      reject(failure());
    }, ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

async function connect(options: PostgresOptions, redact: Redact): Promise<Session> {
  let client: Client | undefined;
  try {
    client = new Client({ connectionString: options.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, types: AS_TEXT });
    const session: Session = { client, pid: '', lost: false };
    // pg emits 'error' when an idle connection breaks; without a listener Node would end the process. The next query fails instead.
    client.on('error', () => {
      session.lost = true;
    });
    await client.connect();
    const asked = client.query<[string]>({ text: 'select pg_backend_pid()', rowMode: 'array' });
    const { rows } = await answered(session, CONNECT_TIMEOUT_MS, asked, () => Object.assign(new Error('no answer'), { code: NO_ANSWER }));
    session.pid = rows[0][0];
    return session;
  } catch (error) {
    client?.end().catch(() => undefined);
    throw new QueryError(message('postgres.cannot-connect', { connection: options.name, reason: connectReason(error, options.url, redact) }));
  }
}

/** What one query gave: its columns, at most maxRows + 1 rows, and whether there were more than maxRows. */
interface Read {
  fields: FieldDef[];
  readonly rows: (string | null)[][];
  tooMany: boolean;
  /** The cancel sent when the rows ran over, to wait for before the connection is used again. */
  cancelling?: Promise<void>;
}

/**
 * Runs the query and keeps its rows until one more than maxRows has come;
 * then asks the server to cancel it, rather than reading a result that may
 * be millions of rows (pg-cursor, which would fetch maxRows + 1 and stop, is
 * not a dependency; wrapping the query in `select * from (…) limit` would
 * change what the server says about an insert or a second statement).
 *
 * The extended protocol (`queryMode: 'extended'`, which pg's types do not
 * list) takes exactly one statement, so a query cannot end the read-only
 * transaction with `commit; insert …`.
 */
function readRows(session: Session, job: QueryJob, cancel: () => Promise<void>, read: Read): Promise<void> {
  return new Promise((resolve, reject) => {
    const config: QueryArrayConfig & { queryMode: 'extended' } = { text: job.query, rowMode: 'array', queryMode: 'extended' };
    const query = new Query<(string | null)[]>(config);
    query.on('row', (row: (string | null)[]) => {
      if (read.tooMany) return;
      if (read.rows.length < job.maxRows) {
        read.rows.push(row);
        return;
      }
      read.tooMany = true;
      read.cancelling = cancel();
    });
    query.on('error', reject);
    query.on('end', (result: ResultBuilder) => {
      read.fields = result.fields;
      resolve();
    });
    session.client.query(query);
  });
}

/** Cancels the query the server process runs, from a second connection (a role may cancel its own queries). Best effort: otherwise the query ends at its timeout. */
async function cancelQuery(options: PostgresOptions, pid: string): Promise<void> {
  const client = new Client({ connectionString: options.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: AS_TEXT });
  const session: Session = { client, pid: '', lost: false };
  client.on('error', () => undefined);
  try {
    await client.connect();
    await answered(session, CONNECT_TIMEOUT_MS, client.query('select pg_cancel_backend($1)', [pid]), () => new Error('no answer'));
  } catch {
    // The rows past maxRows are dropped as they come; the statement_timeout ends the query.
  } finally {
    // A connection without an answer is already dropped: ending it would wait for the server.
    if (!session.lost) await client.end().catch(() => undefined);
  }
}

/** A failed query in the catalogue's words. */
function queryFailure(error: unknown, job: QueryJob, read: Read, session: Session, options: PostgresOptions, redact: Redact): QueryError {
  if (error instanceof QueryError) return error;
  const connection = options.name;
  if (read.tooMany) return new QueryError(message('postgres.too-many-rows', { connection, maxRows: job.maxRows }));
  const code = (error as Failure)?.code;
  const detail = detailOf(error, redact);
  if (code === '57014') return new QueryError(message('postgres.timed-out', { connection, seconds: job.timeoutMs / 1000 }));
  if (code === '25006') return new QueryError(message('postgres.read-only', { connection, detail }));
  // 57P01…57P03: the server is shutting down or restarting; no SQLSTATE at all: the socket broke.
  const lost = session.lost || typeof code !== 'string' || !SQLSTATE.test(code) || code.startsWith('57P');
  if (lost) {
    session.lost = true;
    return new QueryError(message('postgres.lost', { connection, detail }));
  }
  return new QueryError(message('postgres.query-failed', { connection, detail }));
}

/** The rows as the snapshot holds them, or a QueryError naming a column the result lacks. */
function snapshotRows(read: Read, job: QueryJob, connection: string): SnapshotRow[] {
  const names = read.fields.map((field) => field.name);
  const columnOf = (column: string, field: 'date' | 'value') => {
    const at = names.indexOf(column);
    if (at >= 0) return at;
    throw new QueryError(message('postgres.missing-column', { connection, column, field, count: names.length, columns: names.join(', ') }));
  };
  const dateAt = columnOf(job.date, 'date');
  const valueAt = columnOf(job.value, 'value');
  const isDay = DAY_TYPES.has(read.fields[dateAt].dataTypeID);
  return read.rows.map((row) => ({ date: dateText(row[dateAt], isDay), value: row[valueAt] ?? '' }));
}

/**
 * A DATE's or TIMESTAMP's calendar day, `YYYY-MM-DD`; any other text as it
 * is, to be read by the date formats of SPEC §3 (`infinity`, a BC date and a
 * year past 9999 fail there, rather than becoming a wrong day here).
 */
function dateText(text: string | null, isDay: boolean): string {
  if (text === null) return '';
  const day = isDay && !text.endsWith(' BC') ? /^\d{4}-\d{2}-\d{2}(?!\d)/.exec(text) : null;
  return day ? day[0] : text;
}

/** Opens the connection (failing with a QueryError that names it) and gives the driver that runs the queries of `kpi refresh` on it. */
export async function openPostgres(options: PostgresOptions): Promise<Driver> {
  const redact = redactor(options.url, options.secrets);
  let session = await connect(options, redact);

  /** Ends the transaction; a connection that cannot is dropped, which ends it on the server too. */
  const rollback = async () => {
    if (session.lost) return;
    try {
      await session.client.query('rollback');
    } catch {
      session.lost = true;
      await session.client.end().catch(() => undefined);
    }
  };

  return {
    async run(job) {
      if (session.lost) session = await connect(options, redact);
      const current = session;
      const read: Read = { fields: [], rows: [], tooMany: false };
      // SET LOCAL ends with the transaction; the number is ours, never text from a file. DateStyle ISO: the day comes first, whatever the database's style.
      const timeoutMs = Math.max(1, Math.ceil(job.timeoutMs));
      const silent = () =>
        new QueryError(message('postgres.no-answer', { connection: options.name, seconds: timeoutMs / 1000, grace: ANSWER_GRACE_MS / 1000 }));
      try {
        const asked = async () => {
          await current.client.query(`begin read only; set local statement_timeout = ${timeoutMs}; set local datestyle = 'ISO, YMD'`);
          await readRows(current, job, () => cancelQuery(options, current.pid), read);
        };
        await answered(current, timeoutMs + ANSWER_GRACE_MS, asked(), silent);
        if (read.tooMany) throw new QueryError(message('postgres.too-many-rows', { connection: options.name, maxRows: job.maxRows }));
        return snapshotRows(read, job, options.name);
      } catch (error) {
        throw queryFailure(error, job, read, current, options, redact);
      } finally {
        await read.cancelling;
        await rollback();
      }
    },
    async close() {
      if (!session.lost) await session.client.end().catch(() => undefined);
      session.lost = true;
    },
  };
}
