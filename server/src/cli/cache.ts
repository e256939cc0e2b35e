import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../core/lint';
import type { Anchor } from '../core/locate';
import { locatorOf, parseKpiFile } from '../core/parse';
import { sourceFiles } from '../core/sources';
import type { DataPath, GoalLink, GoalStatus, KpiFile, KpiLink, LinkedFile, Problem, Severity, Span } from '../core/types';
import { VERSION } from '../version';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { describeIoError } from '../node/files';

/**
 * A file changed less than this long before it was read may change again
 * without its size or modification time showing it (file systems keep
 * times as coarsely as 2 s): its cache entry is checked by content.
 */
const RACY_MS = 2000;

/** What the rules across files need of a file (`LinkedFile`), as plain data. */
interface LinksData {
  readonly listedKpis: number;
  readonly syntaxErrors: readonly Problem[];
  readonly goals: readonly Omit<GoalLink, 'file'>[];
  readonly kpis: readonly Omit<KpiLink, 'file'>[];
}

interface Entry {
  /** The file's signature (size, times and inode) when it was read. */
  readonly stat: string;
  /** When the run that read it started. */
  readonly read: number;
  readonly hash: string;
  /** The CSV files its KPIs name, with their signatures and where they lead (`signature|real-path`, '' when nothing was there). */
  readonly sources: Readonly<Record<string, string>>;
  /** The diagnostics of the rules with `scope: 'file'`. */
  readonly diagnostics: readonly Diagnostic[];
  readonly links: LinksData;
}

/** Changes whenever what an entry holds changes, so that an older cache is ignored. */
const FORMAT = 5;

interface CacheData {
  readonly format: number;
  readonly version: string;
  /** What every entry's diagnostics also depend on: the root, the as-of date and the configuration. */
  readonly settings: string;
  readonly files: Record<string, Entry>;
}

/** How every cache file begins (JSON.stringify keeps the order of the keys). */
const CACHE_START = `{"format":`;

/** The cache file's text, or undefined when it cannot be read. */
function readCache(location: string): string | undefined {
  try {
    return fs.readFileSync(location, 'utf8');
  } catch {
    return undefined;
  }
}

export function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** What the cache knows a file by: its stat, or undefined when nothing is there. */
export type StatFile = (file: string) => { readonly size: number; readonly mtimeMs: number; readonly ctimeMs: number; readonly ino: number } | undefined;

const statFile: StatFile = (file) => {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
};

/**
 * A file's size, times and inode, as `size:mtime:ctime:inode`, or '' when
 * nothing is there. The change time moves with any change to the file, its
 * permissions or its times, so a write that puts the modification time back
 * is seen too.
 */
function signature(stat: ReturnType<StatFile>): string {
  return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : '';
}

/**
 * Whether a file's signature (or a CSV file's `signature|real-path`) is
 * still `recorded`, recorded long enough after the file's last modification
 * (`read`: when the run that read it started) to be trusted, as git judges
 * its index.
 */
function trusted(recorded: string, now: string, read: number): boolean {
  return recorded === now && (now === '' || Number(now.split(':')[1]) + RACY_MS <= read);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Whether a value read from the cache file has an entry's shape (a file edited by hand, or cut short, may not). */
function isEntry(value: unknown): value is Entry {
  if (!isObject(value) || !isObject(value.links) || !isObject(value.sources)) return false;
  const { links } = value;
  return (
    typeof value.stat === 'string' &&
    typeof value.read === 'number' &&
    typeof value.hash === 'string' &&
    Object.values(value.sources).every((stat) => typeof stat === 'string') &&
    isList(
      value.diagnostics,
      (d) => isObject(d) && typeof d.code === 'string' && SEVERITIES.includes(d.severity) && typeof d.message === 'string' && isSpan(d.span),
    ) &&
    Number.isSafeInteger(links.listedKpis) &&
    isList(links.syntaxErrors, (p) => isObject(p) && typeof p.message === 'string' && isObject(p.said) && typeof p.said.key === 'string' && isSpan(p.span)) &&
    isList(
      links.goals,
      (goal) =>
        isItem(goal) &&
        (goal.parent === undefined || typeof goal.parent === 'string') &&
        GOAL_STATUSES.includes(goal.status) &&
        (goal.due === undefined || isDate(goal.due)),
    ) &&
    isList(links.kpis, (kpi) => isItem(kpi) && (kpi.goals === undefined || isList(kpi.goals, (id) => typeof id === 'string')))
  );
}

const SEVERITIES: readonly unknown[] = ['error', 'warning', 'info', 'hint'] satisfies Severity[];
const GOAL_STATUSES: readonly unknown[] = ['active', 'achieved', 'dropped'] satisfies GoalStatus[];

function isSpan(value: unknown): boolean {
  return (
    isObject(value) &&
    Number.isSafeInteger(value.start) &&
    Number.isSafeInteger(value.end) &&
    (value.start as number) >= 0 &&
    (value.start as number) <= (value.end as number)
  );
}

function isDate(value: unknown): boolean {
  return isObject(value) && typeof value.text === 'string' && Number.isSafeInteger(value.day);
}

function isList(value: unknown, each: (item: unknown) => boolean): value is unknown[] {
  return Array.isArray(value) && value.every(each);
}

/** A goal's or a KPI's id and place. */
function isItem(value: unknown): value is Record<string, unknown> {
  return isObject(value) && typeof value.id === 'string' && isList(value.path, (part) => typeof part === 'string' || typeof part === 'number');
}

function linksOf(file: LinkedFile): LinksData {
  return {
    listedKpis: file.listedKpis,
    syntaxErrors: file.syntaxErrors,
    goals: file.goals.map(({ path, id, parent, due, status }) => ({ path, id, parent, due, status })),
    kpis: file.kpis.map(({ path, id, goals }) => ({ path, id, goals })),
  };
}

/**
 * A linted file as the rules across files see it: its links and text, from
 * the cache or kept after its own rules ran (then with what places findings
 * in it). From the cache, its text is read, and parsed, only when a finding
 * must be placed in it.
 */
class CachedFile implements LinkedFile {
  readonly listedKpis: number;
  readonly syntaxErrors: readonly Problem[];
  readonly goals: readonly GoalLink[];
  readonly kpis: readonly KpiLink[];
  private known?: string;
  private parsed?: KpiFile;

  /** `locate`: the parsed file's places, kept to place findings without parsing again. */
  constructor(
    readonly path: string,
    links: LinksData,
    private readonly readText: (file: string) => string | Error,
    text?: string,
    private readonly locator?: KpiFile['locate'],
  ) {
    this.known = text;
    this.listedKpis = links.listedKpis;
    this.syntaxErrors = links.syntaxErrors;
    this.goals = links.goals.map((goal) => ({ ...goal, file: this }));
    this.kpis = links.kpis.map((kpi) => ({ ...kpi, file: this }));
  }

  get text(): string {
    if (this.known === undefined) {
      const text = this.readText(this.path);
      // Gone since it was found: its findings land at the start.
      this.known = text instanceof Error ? '' : text;
    }
    return this.known;
  }

  locate(dataPath: DataPath, anchor?: Anchor): Span {
    if (this.locator) return this.locator(dataPath, anchor);
    this.parsed ??= parseKpiFile(this.path, this.text);
    return this.parsed.locate(dataPath, anchor);
  }
}

/**
 * A parsed file reduced to what the rules across files need, its text kept:
 * `kpi lint` keeps this of each file after its own rules ran, not the model
 * of every KPI (10,000 KPIs' measurements would all live until the end).
 */
export function linksOnly(file: LinkedFile, readText: (file: string) => string | Error): LinkedFile {
  return file instanceof CachedFile ? file : new CachedFile(file.path, linksOf(file), readText, file.text, locatorOf(file));
}

/** What linting one file gave, to keep: its own diagnostics and its links. */
export interface Linted {
  readonly file: LinkedFile;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * `kpi lint --cache`: each file's diagnostics from the rules with
 * `scope: 'file'` and its links, kept while the file, the CSV files it
 * names and the settings stay the same. The rules across files run every
 * time, over every file's links. A file whose signature (size, times and
 * inode) is unchanged is not read at all (unless it was modified within 2 s
 * of being read); one whose signature changed is read and compared by
 * content. A cache from another version, or one that cannot be read, is
 * ignored.
 */
export class LintCache {
  private readonly files: Record<string, Entry>;
  private readonly started = Date.now();
  private readonly location: string;
  /** Why the cache must not be written where it was asked to be, if so. */
  private refused?: string;
  private changed = false;

  /**
   * `location` is the cache file, or a folder to keep `.kpicache` in: one
   * that exists, or one written with a separator at its end (`.cache/`).
   * `stat` is replaced by the tests only.
   */
  constructor(
    location: string,
    private readonly settings: string,
    private readonly readText: (file: string) => string | Error,
    private readonly stat: StatFile = statFile,
    /** The language of its problems (it keeps messages in words: `settings` names the locale). */
    private readonly locale: LocaleOrPseudo = 'en',
    /** The workspace root, where SQL sources' snapshots are (`settings` names it). */
    private readonly root = '',
  ) {
    const statPlace = (file: string) => {
      try {
        return fs.statSync(file, { throwIfNoEntry: false });
      } catch (error) {
        this.refused ??= describeIoError(error, locale); // ENOTDIR, ELOOP, ENAMETOOLONG: not a place for a cache
        return undefined;
      }
    };
    const given = statPlace(location);
    const folder = given?.isDirectory() || /[\\/]$/.test(location);
    this.location = folder ? path.join(location, '.kpicache') : location;
    const existing = folder ? statPlace(this.location) : given;
    let text: string | undefined;
    if (existing && !existing.isFile()) this.refused = translator(locale).t('cli.cache-not-file');
    else if (existing) text = readCache(this.location);
    // Written as JSON.stringify writes a cache: anything else there is not one, and is not overwritten.
    if (text !== undefined && text !== '' && !text.startsWith(CACHE_START)) this.refused = translator(locale).t('cli.cache-not-cache');
    let data: unknown;
    try {
      data = text === undefined ? undefined : JSON.parse(text);
    } catch {
      data = undefined;
    }
    // Entries are checked one by one when used.
    const files = isObject(data) && data.format === FORMAT && data.version === VERSION && data.settings === settings ? data.files : undefined;
    this.files = isObject(files) ? { ...(files as Record<string, Entry>) } : {};
  }

  /**
   * The file as linted before when nothing it depends on changed; otherwise
   * `lint` lints it (given its text) and the result is kept. An Error when
   * the file cannot be read.
   */
  lint(file: string, lint: (text: string) => { file: KpiFile; diagnostics: readonly Diagnostic[] }): Linted | Error {
    const known = this.files[file];
    const entry = isEntry(known) ? known : undefined;
    const stat = signature(this.stat(file));
    const sourcesUnchanged =
      entry !== undefined && Object.entries(entry.sources).every(([source, recorded]) => trusted(recorded, this.sourceSignature(source), entry.read));
    if (entry && sourcesUnchanged && trusted(entry.stat, stat, entry.read)) {
      return { file: new CachedFile(file, entry.links, this.readText), diagnostics: entry.diagnostics };
    }
    const text = this.readText(file);
    if (text instanceof Error) return text;
    const hash = hashOf(text);
    if (entry?.hash === hash && sourcesUnchanged) {
      // Touched, not changed: trust the new stat from now on.
      this.files[file] = { ...entry, stat, read: this.started };
      this.changed = true;
      return { file: new CachedFile(file, entry.links, this.readText, text), diagnostics: entry.diagnostics };
    }
    const linted = lint(text);
    const sources: Record<string, string> = {};
    for (const kpi of linted.file.kpis) {
      for (const source of sourceFiles(kpi, this.root)) sources[source] = this.sourceSignature(source);
    }
    this.files[file] = { stat, read: this.started, hash, sources, diagnostics: linted.diagnostics, links: linksOf(linted.file) };
    this.changed = true;
    return linted;
  }

  /** A source file's signature (CSV, query file, snapshot, manifest) and where it leads (inside the workspace or out of it, through symlinks): `signature|real-path`. */
  private sourceSignature(source: string): string {
    const stat = signature(this.stat(source));
    if (stat === '') return '';
    let real: string;
    try {
      real = fs.realpathSync(source);
    } catch {
      return '';
    }
    return `${stat}|${real}`;
  }

  /** Writes the cache, keeping only the files of this run. Failing to write is not fatal. */
  save(paths: readonly string[]): string | undefined {
    const keep = new Set(paths);
    for (const path of Object.keys(this.files)) {
      if (!keep.has(path)) {
        delete this.files[path];
        this.changed = true;
      }
    }
    const words = translator(this.locale);
    if (this.refused) return words.t('cli.cache-cannot-write', { file: this.location, reason: this.refused });
    if (!this.changed) return undefined;
    // Written aside, then moved in place: a run that reads it meanwhile sees the old cache or the new one, never half of one.
    const aside = `${this.location}.${process.pid}.tmp`;
    try {
      const text = JSON.stringify({ format: FORMAT, version: VERSION, settings: this.settings, files: this.files } satisfies CacheData);
      fs.writeFileSync(aside, text);
      fs.renameSync(aside, this.location);
      return undefined;
    } catch (error) {
      fs.rmSync(aside, { force: true });
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? words.t('cli.cache-no-folder', { folder: path.dirname(this.location) })
          : describeIoError(error, this.locale);
      return words.t('cli.cache-cannot-write', { file: this.location, reason: why });
    }
  }
}
