import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { FileReader } from '../core/host';
import { message, translator, type Message } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { isInside } from '../core/paths';

export const KPI_FILE = /\.kpi\.ya?ml$/;

/** A failure the user must fix before anything can run: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** A folder or file list with no KPI file in it: an error for `kpi lint`, an empty side for `kpi diff`. */
export class NoKpiFilesError extends UsageError {}

/** Beyond this size a KPI file, CSV source or configuration is not read: it would take the memory of the run. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Opening with O_NONBLOCK returns at once for a FIFO without a writer, where a plain open would wait for one. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** A file not read for what it is (a folder, a pipe, a huge file): why, in the catalogue's words. */
class RefusedFile extends Error {
  constructor(readonly reason: Message) {
    super(translator('en').text(reason));
  }
}

/** A failure to read, its message in English; `reason` says it in the catalogue's words when the failure is a known one. */
export class IoFailure extends Error {
  readonly reason: Message | undefined;
  constructor(readonly failure: unknown) {
    super(describeIoError(failure));
    this.reason = ioReason(failure);
  }
}

/** Throws, saying why, unless `stat` is a regular file of a size that may be read. */
function checkReadable(stat: fs.Stats): void {
  if (stat.isDirectory()) throw new RefusedFile(message('cli.io-directory'));
  if (!stat.isFile()) throw new RefusedFile(message(stat.isFIFO() ? 'cli.io-pipe' : stat.isSocket() ? 'cli.io-socket' : 'cli.io-device'));
  if (stat.size > MAX_FILE_BYTES) throw new RefusedFile(message('cli.io-too-large', { size: String(MAX_FILE_BYTES / 1024 / 1024) }));
}

/**
 * A file's bytes. Only a regular file of at most MAX_FILE_BYTES is read: a
 * FIFO, which would block the run (or the language server) until something
 * writes to it, a device, or a huge file throws an Error that
 * describeIoError turns into its reason.
 */
export function readFileBytes(file: string): Buffer {
  return readReadable(file, (fd) => fs.readFileSync(fd));
}

/** A file's text, read as UTF-8 (a KPI file or the configuration), as readFileBytes reads it: decoded as Node reads it, without a Buffer. */
export function readTextFile(file: string): string {
  return readReadable(file, (fd) => fs.readFileSync(fd, 'utf8'));
}

function readReadable<T>(file: string, read: (fd: number) => T): T {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    checkReadable(fs.fstatSync(fd));
    return read(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** readTextFile without blocking the event loop (the language server's indexing). */
export async function readTextFileAsync(file: string): Promise<string> {
  const handle = await fs.promises.open(file, OPEN_FLAGS);
  try {
    checkReadable(await handle.stat());
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** Calls `read`, turning what it throws into an Error that says why, in the user's words (describeIoError says it in theirs). */
function orError<T>(read: () => T): T | Error {
  try {
    return read();
  } catch (error) {
    return new IoFailure(error);
  }
}

/** The file system as the core sees it, and the text of the KPI files the hosts read themselves. */
export interface NodeFileReader extends FileReader {
  /** The file's text, read as UTF-8 (a KPI file: one that is not UTF-8 shows as such, see encodingProblem). */
  readonly readText: (path: string) => string | Error;
}

export const nodeFileReader: NodeFileReader = {
  realpath(file) {
    try {
      return fs.realpathSync(file);
    } catch {
      return undefined;
    }
  },
  readBytes: (file) => orError(() => readFileBytes(file)),
  readText: (file) => orError(() => readTextFile(file)),
};

/** Why a file could not be read or written, in the user's words: `it does not exist`, `permission denied`… */
export function describeIoError(error: unknown, locale: LocaleOrPseudo = 'en'): string {
  const reason = ioReason(error);
  if (reason !== undefined) return translator(locale).text(reason);
  return error instanceof Error ? error.message : String(error);
}

/** Why a file could not be read or written, as a message of the catalogue; undefined for a failure it has no words for. */
function ioReason(error: unknown): Message | undefined {
  if (error instanceof IoFailure) return error.reason;
  if (error instanceof RefusedFile) return error.reason;
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return message('cli.io-missing');
    case 'EACCES':
    case 'EPERM':
      return message('cli.io-permission');
    case 'EISDIR':
      return message('cli.io-directory');
    case 'ENOTDIR':
      return message('cli.io-not-folder');
    case 'ELOOP':
      return message('cli.io-loop');
    case 'ENAMETOOLONG':
      return message('cli.io-name-too-long');
    case 'ENOSPC':
      return message('cli.io-no-space');
    default:
      return undefined;
  }
}

/** Folders never searched for KPI files: `node_modules` and dot-folders (`.git`, `.vscode`, ...). */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Whether `file` lies in a skipped folder below `root`: the search does not find it, so neither do file events. */
export function inSkippedFolder(root: string, file: string): boolean {
  return path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .some((part) => part !== '' && part !== '..' && isSkippedFolder(part));
}

/** Whether a file is matched by the configuration's `ignore` globs, relative to `base`. */
export function ignoreMatcher(base: string, patterns: readonly string[]): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  const matches = picomatch([...patterns], { dot: true });
  return (file) => isInside(base, file) && matches(path.relative(base, file).split(path.sep).join('/'));
}

/**
 * Files under a folder whose name passes `wanted`, each once, in path order.
 * `node_modules` and dot-folders are skipped. Symbolic links are followed
 * after every real folder has been walked, so a file reachable both ways is
 * listed under its own path; a link into a folder already walked or a
 * skipped one, to the folder searched or to a folder above it (a loop, or
 * the way out of it), or one that leads nowhere, is passed over.
 */
export function findFiles(root: string, wanted: (name: string) => boolean): string[] {
  const search = searching(root, wanted);
  for (;;) {
    const step = search.next();
    if (step.done) return step.value;
  }
}

/** Folders read per turn of the event loop by findFilesAsync. */
const FOLDERS_PER_TURN = 64;

/**
 * Runs a search to its end, or until `stop()` says so, letting the event loop
 * run every FOLDERS_PER_TURN folders (the language server answers requests
 * meanwhile).
 */
async function inTurns<T>(search: Generator<void, T>, stop: () => boolean = () => false): Promise<T | undefined> {
  for (let folders = 1; !stop(); folders++) {
    const step = search.next();
    if (step.done) return step.value;
    if (folders % FOLDERS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return undefined;
}

/** findFiles, letting the event loop run between folders. */
export async function findFilesAsync(root: string, wanted: (name: string) => boolean): Promise<string[]> {
  return (await inTurns(searching(root, wanted))) ?? [];
}

/** Whether findFiles would find a file under `root`: searched as findFilesAsync does, up to the first. */
export async function holdsFile(root: string, wanted: (name: string) => boolean): Promise<boolean> {
  let found = false;
  await inTurns(
    searching(root, (name) => (wanted(name) ? (found = true) : false)),
    () => found,
  );
  return found;
}

/** The search findFiles describes, pausing (yield) after each folder it reads. */
function* searching(root: string, wanted: (name: string) => boolean): Generator<void, string[]> {
  const realRoot = nodeFileReader.realpath(root);
  if (realRoot === undefined) return [];
  /** Real path to the path it was found at. */
  const found = new Map<string, string>();
  const walked = new Set<string>();
  const links: string[] = [];
  function* walk(directory: string, real: string): Generator<void> {
    if (walked.has(real)) return;
    walked.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return; // gone or unreadable since it was listed
    }
    yield;
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isSymbolicLink()) links.push(full);
      else if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) yield* walk(full, path.join(real, entry.name));
      } else if (entry.isFile() && wanted(entry.name) && !found.has(path.join(real, entry.name))) found.set(path.join(real, entry.name), full);
    }
  }
  yield* walk(root, realRoot);
  for (let i = 0; i < links.length; i++) {
    const link = links[i];
    const target = nodeFileReader.realpath(link); // undefined for a dangling link or a loop of links
    if (target === undefined || isInside(target, realRoot) || (isInside(realRoot, target) && inSkippedFolder(realRoot, path.join(target, '-')))) continue;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(target);
    } catch {
      continue;
    }
    if (stat.isDirectory() && !isSkippedFolder(path.basename(link))) yield* walk(link, target);
    else if (stat.isFile() && wanted(path.basename(link)) && !found.has(target)) found.set(target, link);
  }
  return [...found.values()].sort();
}

/**
 * The KPI files named by `paths`: files as given, directories searched for
 * `*.kpi.yaml` / `*.kpi.yml` (skipping `node_modules`, dot-folders, ignored
 * paths and symlink loops). Absolute paths, sorted, without duplicates.
 */
export function findKpiFiles(
  paths: readonly string[],
  cwd: string,
  ignore: { base: string; patterns: readonly string[] },
  locale: LocaleOrPseudo = 'en',
): string[] {
  const isIgnored = ignoreMatcher(ignore.base, ignore.patterns);
  const found = new Set<string>();
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch (error) {
      throw new UsageError(translator(locale).t('cli.cannot-read', { file: given, reason: describeIoError(error, locale) }));
    }
    if (stat.isDirectory()) {
      for (const file of findFiles(full, (name) => KPI_FILE.test(name))) if (!isIgnored(file)) found.add(file);
    } else {
      found.add(full);
    }
  }
  return [...found].sort();
}

/**
 * Makes `folder` and the folders above it that are missing, one by one from
 * the nearest that exists (a recursive mkdirSync never returns under /proc).
 */
export function makeFolders(folder: string): void {
  const missing: string[] = [];
  let at = folder;
  while (!fs.existsSync(at) && path.dirname(at) !== at) {
    missing.unshift(at);
    at = path.dirname(at);
  }
  for (const each of missing) fs.mkdirSync(each);
}
