/**
 * SPEC §8: `kpi refresh` — the only code that runs the queries of SQL
 * sources. For each KPI it opens the connection (once per connection),
 * runs the query and writes `.kpi/snapshots/<kpi id>.csv` and the manifest,
 * each atomically (a temporary file renamed over the old one), so a refresh
 * that is killed or fails leaves the old snapshot whole. The CLI and the
 * editor's KPI: Refresh Data both call `refreshSnapshots`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import { REFERENCE, urlPassword, type Config, type ConnectionSetting } from '../core/config';
import { message, translator, type Message } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { isInside } from '../core/paths';
import { decodeCsv } from '../core/csv';
import { fingerprint, manifestPath, manifestText, parseManifest, snapshotPath, type Manifest } from '../core/snapshots';
import { querySource, sourcePath } from '../core/sources';
import type { Kpi, KpiFile, SourceQuery } from '../core/types';
import { describeIoError, makeFolders, readFileBytes, readTextFile } from './files';
import { QueryError, type Driver, type SnapshotRow } from './sql/driver';
import { openDuckDb } from './sql/duckdb';
import { openPostgres } from './sql/postgres';

/** How a connection is opened: the drivers, replaceable in tests. */
export interface Drivers {
  readonly postgres: typeof openPostgres;
  readonly duckdb: (options: { name: string; root: string; path?: string }) => Promise<Driver>;
}

const DRIVERS: Drivers = { postgres: openPostgres, duckdb: (options) => openDuckDb(options) };

export interface RefreshOptions {
  /** The workspace root: snapshots, `.env` and DuckDB paths are under it. */
  readonly root: string;
  readonly config: Config;
  /** The KPI files of the workspace; their SQL sources are refreshed. */
  readonly files: readonly KpiFile[];
  /** Only these KPI ids (`--kpi`), or these connections (`--connection`); none: all. */
  readonly kpis?: readonly string[];
  readonly connections?: readonly string[];
  /** Where `${NAME}` is looked up first (then `.env` in the root). */
  readonly env: NodeJS.ProcessEnv;
  readonly locale?: LocaleOrPseudo;
  /** Told when a KPI's query starts (its place among `total`). */
  readonly onStart?: (kpi: string, connection: string, index: number, total: number) => void;
  /** Told when a KPI is done, refreshed or failed. */
  readonly onDone?: (result: KpiRefresh) => void;
  /** Stops before the next KPI (the editor's Cancel); the query under way finishes or times out. */
  readonly cancelled?: () => boolean;
  /** The time written in the manifest (tests); default: now. */
  readonly now?: () => Date;
  readonly drivers?: Drivers;
}

/** What became of one KPI: its snapshot written with `rows` rows, or why not (in the run's words, no secret in it). */
export type KpiRefresh =
  | { readonly kpi: string; readonly connection: string; readonly ok: true; readonly rows: number; readonly snapshot: string }
  | { readonly kpi: string; readonly connection: string; readonly ok: false; readonly problem: string };

/** Why `kpi refresh` cannot start at all: an id or connection asked for that is not there (a usage error). */
export class RefreshUsageError extends Error {}

/** The SQL sources to refresh, first definition of each id, in file order. */
function targets(files: readonly KpiFile[]): { kpi: Kpi; source: SourceQuery }[] {
  const seen = new Set<string>();
  const found: { kpi: Kpi; source: SourceQuery }[] = [];
  for (const file of files) {
    for (const kpi of file.kpis) {
      const source = querySource(kpi);
      if (source === undefined || seen.has(kpi.id)) continue;
      seen.add(kpi.id);
      found.push({ kpi, source });
    }
  }
  return found;
}

/** The variables of `.env` in the workspace root, if there is one (never an error: a missing file is no variable). */
function dotEnv(root: string): Readonly<Record<string, string | undefined>> {
  const file = path.join(root, '.env');
  if (!fs.existsSync(file)) return {};
  return parseEnv(readTextFile(file));
}

/**
 * `text` with its `${NAME}`s replaced, and the values put in; or the first
 * name set nowhere. In a URL (`url`), a value in the user information
 * (`scheme://user:${PASSWORD}@host`) is encoded as a URL holds it, so that a
 * password with `@`, `/`, `#` or `%` stays a password.
 */
function substituted(text: string, lookup: (name: string) => string | undefined, url = false): { text: string; values: string[] } | { missing: string } {
  const values: string[] = [];
  let missing: string | undefined;
  const userInfoEnd = url && /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text.indexOf('@') : -1;
  const replaced = text.replace(REFERENCE, (_, name: string, offset: number) => {
    const value = lookup(name);
    if (value === undefined) missing ??= name;
    else values.push(value);
    return value === undefined ? '' : offset < userInfoEnd ? encodeURIComponent(value) : value;
  });
  return missing !== undefined ? { missing } : { text: replaced, values };
}

/** Every `${NAME}` a connection's settings name, and the first of them set nowhere. */
function unsetVariable(setting: ConnectionSetting, lookup: (name: string) => string | undefined): string | undefined {
  for (const text of [setting.url, setting.password, setting.path]) {
    if (text === undefined) continue;
    const found = substituted(text, lookup);
    if ('missing' in found) return found.missing;
  }
  return undefined;
}

/**
 * A number as plain decimal text: a database's float (`1.5e-05`, `1e+21`)
 * without its exponent, which the snapshot's reader (the CSV rules of SPEC
 * §3) would not take. Any other text is kept as it is.
 */
export function plainDecimal(text: string): string {
  const found = /^([+-]?)(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text.trim());
  if (found === null) return text;
  const [, sign, whole, fraction = '', exponent] = found;
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(exponent);
  const padded =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? `${digits}${'0'.repeat(point - digits.length)}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const trimmed = padded
    .replace(/^0+(?=\d)/, '')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return `${sign === '-' ? '-' : ''}${trimmed}`;
}

/** A URL's password (in its user part or `?password=`), decoded as the driver reads it. */
function passwordOf(url: string): string | undefined {
  const found = urlPassword(url);
  if (found === undefined) return undefined;
  try {
    return decodeURIComponent(found);
  } catch {
    return found;
  }
}

/** A field of the snapshot CSV: quoted when it holds a delimiter, a quote or a line end. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function snapshotText(rows: readonly SnapshotRow[]): string {
  return `date,value\n${rows.map((row) => `${csvField(row.date)},${csvField(plainDecimal(row.value))}\n`).join('')}`;
}

/** Writes `text` to `file` through a temporary file beside it: a reader sees the old file or the new one, never a part. */
function writeAtomically(file: string, text: string): void {
  makeFolders(path.dirname(file));
  const temporary = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** A temporary file of writeAtomically: `<file>.<pid>.<time>.tmp`. */
const TEMPORARY = /^.+\.(\d+)\.[0-9a-z]+\.tmp$/;

/** Whether a process with this id runs (one of another user counts: it may be writing). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files a refresh killed between writing and renaming
 * left in the snapshot folder, so that they are not committed with the
 * snapshots. Only those of processes that no longer run: another refresh
 * under way (the editor's, beside the CLI's) keeps its own. Best effort.
 */
function removeStaleTemporaries(folder: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid))) fs.rmSync(path.join(folder, name), { force: true });
  }
}

/** The query of a SQL source: `query`, or the text of `queryFile`, which must be inside the workspace. */
function queryText(kpi: Kpi, source: SourceQuery, root: string): string | Message {
  if (source.query !== undefined) return source.query;
  const file = sourcePath(kpi)!;
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return message('refresh.query-file-missing', { file: source.queryFile! });
  }
  if (!isInside(fs.realpathSync(root), real)) return message('refresh.query-file-outside', { file: source.queryFile! });
  // Decoded as lint decodes it (UTF-8, else Windows-1252), so that both see the same query and the same fingerprint.
  return decodeCsv(readFileBytes(real));
}

/**
 * Runs the queries of the SQL sources asked for and writes their snapshots.
 * A failing KPI keeps its old snapshot and does not stop the others.
 */
export async function refreshSnapshots(options: RefreshOptions): Promise<KpiRefresh[]> {
  const words = translator(options.locale ?? 'en');
  const drivers = options.drivers ?? DRIVERS;
  const all = targets(options.files);
  for (const id of options.kpis ?? []) {
    if (!all.some((t) => t.kpi.id === id)) throw new RefreshUsageError(words.t('refresh.unknown-kpi', { kpi: id }));
  }
  for (const name of options.connections ?? []) {
    if (!options.config.connections.has(name)) throw new RefreshUsageError(words.t('refresh.unknown-connection', { connection: name }));
  }
  const chosen = all.filter(
    (t) =>
      (options.kpis === undefined || options.kpis.length === 0 || options.kpis.includes(t.kpi.id)) &&
      (options.connections === undefined || options.connections.length === 0 || options.connections.includes(t.source.connection)),
  );
  const fromFile = dotEnv(options.root);
  const env = (name: string) => options.env[name] ?? fromFile[name];
  // SPEC §8: a `${NAME}` set nowhere is a configuration problem, said before any query runs.
  for (const name of new Set(chosen.map((t) => t.source.connection))) {
    const setting = options.config.connections.get(name);
    const unset = setting === undefined ? undefined : unsetVariable(setting, env);
    if (unset !== undefined) throw new RefreshUsageError(words.t('refresh.variable-unset', { connection: name, variable: `\${${unset}}` }));
  }
  // The snapshots go under the workspace root, never through a symbolic link out of it.
  const folder = path.dirname(manifestPath(options.root));
  const outside = [path.dirname(folder), folder].find((f) => fs.existsSync(f) && !isInside(fs.realpathSync(options.root), fs.realpathSync(f)));
  if (outside !== undefined) throw new RefreshUsageError(words.t('refresh.folder-outside', { folder: path.relative(options.root, outside) || outside }));
  const open = new Map<string, Promise<Driver>>();
  // What `.env` holds is secret by its nature, and so is every value put into a connection: no message repeats one.
  const secrets: string[] = Object.values(fromFile).filter((v): v is string => v !== undefined && v.length >= 4);
  const hide = (text: string) => secrets.filter((s) => s.length > 0).reduce((shown, secret) => shown.split(secret).join('***'), text);
  const results: KpiRefresh[] = [];
  const connect = (name: string, setting: ConnectionSetting): Promise<Driver> => {
    let driver = open.get(name);
    if (driver === undefined) {
      // Every `${NAME}` is set: unsetVariable said so before the first query.
      const value = (text: string, url = false) => {
        const found = substituted(text, env, url);
        if ('missing' in found) throw new Error(`unset ${found.missing}`);
        return found;
      };
      if (setting.type === 'duckdb') {
        const file = setting.path === undefined ? undefined : value(setting.path).text;
        driver = drivers.duckdb({ name, root: options.root, ...(file === undefined ? {} : { path: file }) });
      } else {
        const url = value(setting.url ?? '', true);
        const given = setting.password === undefined ? undefined : value(setting.password).text;
        const text = given === undefined ? url.text : withPassword(url.text, given);
        const shownSecrets = [...url.values, ...(given === undefined ? [] : [given]), passwordOf(text) ?? '', text].filter((s) => s.length > 0);
        secrets.push(...shownSecrets);
        driver = drivers.postgres({ name, url: text, secrets: shownSecrets });
      }
      // A refused connection fails each of its KPIs with the same words; it is not opened again.
      driver.catch(() => undefined);
      open.set(name, driver);
    }
    return driver;
  };
  const manifestFile = manifestPath(options.root);
  if (chosen.length > 0) removeStaleTemporaries(path.dirname(manifestFile));
  let manifest: Manifest = fs.existsSync(manifestFile) ? parseManifest(readTextFile(manifestFile)) : { version: 1, snapshots: {} };
  try {
    for (const [index, { kpi, source }] of chosen.entries()) {
      if (options.cancelled?.()) break;
      const name = source.connection;
      options.onStart?.(kpi.id, name, index, chosen.length);
      const fail = (problem: string) => {
        const result: KpiRefresh = { kpi: kpi.id, connection: name, ok: false, problem: hide(problem) };
        results.push(result);
        options.onDone?.(result);
      };
      const setting = options.config.connections.get(name);
      const file = snapshotPath(options.root, kpi.id);
      if (setting === undefined) {
        fail(words.t('refresh.connection-not-declared', { connection: name }));
        continue;
      }
      if (file === undefined) {
        fail(words.t('refresh.id-not-slug', { kpi: kpi.id }));
        continue;
      }
      try {
        const query = queryText(kpi, source, options.root);
        if (typeof query !== 'string') {
          fail(words.text(query));
          continue;
        }
        const driver = await connect(name, setting);
        const rows = await driver.run({ query, date: source.date, value: source.value, timeoutMs: setting.timeout * 1000, maxRows: setting.maxRows });
        writeAtomically(file, snapshotText(rows));
        const taken = (options.now?.() ?? new Date()).toISOString();
        // Read again: another refresh (the editor's beside the CLI's) may have written its entries since.
        if (fs.existsSync(manifestFile)) manifest = parseManifest(readTextFile(manifestFile));
        manifest = {
          version: 1,
          snapshots: {
            ...manifest.snapshots,
            [kpi.id]: { connection: name, fingerprint: fingerprint(name, setting, source, query), taken, rows: rows.length },
          },
        };
        writeAtomically(manifestFile, manifestText(manifest));
        const result: KpiRefresh = {
          kpi: kpi.id,
          connection: name,
          ok: true,
          rows: rows.length,
          snapshot: path.relative(options.root, file).split(path.sep).join('/'),
        };
        results.push(result);
        options.onDone?.(result);
      } catch (error) {
        fail(error instanceof QueryError ? words.text(error.reason) : words.t('refresh.failed', { reason: describeIoError(error, options.locale) }));
      }
    }
  } finally {
    for (const driver of open.values()) await driver.then((d) => d.close()).catch(() => undefined);
  }
  return results;
}

/** A URL with `password` as its password (the `password` key of a connection), encoded as a URL holds it. */
function withPassword(url: string, password: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*)(:[^@/]*)?@/i, (_, user: string) => `${user}:${encodeURIComponent(password)}@`);
}
