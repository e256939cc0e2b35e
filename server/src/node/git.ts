/**
 * SPEC §7: the files of `kpi diff` at a revision, read from git. The CLI
 * and the language server both call this layer; the core never runs a
 * process. git runs from the PATH with an argument array, never through a
 * shell, in the C locale (so that its messages can be recognised) and
 * without asking for a password, which would hang a CI job.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config';
import { message, translator, type Message } from '../core/l10n/catalogue';
import { parseKpiFile } from '../core/parse';
import { isInside, shownPath } from '../core/paths';
import { sourcePath } from '../core/sources';
import { IoFailure, KPI_FILE, makeFolders, MAX_FILE_BYTES } from './files';

/** What the head is when no revision is given: the working tree, uncommitted changes included (its commit is null). */
export const WORKING_TREE = 'working tree';

/** How long one git command may run before it is stopped: a hung git (a network filesystem, a lazy fetch) must not hang the run. */
const TIMEOUT_MS = 60_000;

/** The most a command's output may be, blobs aside (`ls-tree` of a very large repository); blobs get room for their sizes. */
const OUTPUT_MAX_BYTES = 512 * 1024 * 1024;

/** A problem with git or the repository, said in one line that tells the user what to do; `reason` in the catalogue's words. */
export class GitError extends Error {
  constructor(readonly reason: Message) {
    super(translator('en').text(reason));
  }
}

export interface GitOptions {
  /** The environment git runs in (default: this process's); GIT_TERMINAL_PROMPT=0 and LC_ALL=C are always set. */
  readonly env?: NodeJS.ProcessEnv;
  /** How long one git command may run, in milliseconds (default 60 s). */
  readonly timeoutMs?: number;
}

export interface MaterializeOptions extends GitOptions {
  /** The largest file read, in bytes (default MAX_FILE_BYTES, the limit of the files the CLI reads from disk). */
  readonly maxBytes?: number;
}

/** A revision as given and the full id of the commit it names. */
export interface ResolvedRevision {
  readonly rev: string;
  readonly commit: string;
}

/** The two sides of `kpi diff`: the base is the merge base, the head a commit or the working tree (commit null). */
export interface Revisions {
  readonly base: ResolvedRevision;
  readonly head: { readonly rev: string; readonly commit: string | null };
}

interface Run {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * Runs git in `cwd`. A failure to start it (missing, timed out, too much
 * output) is a GitError; an exit status other than 0 is returned, for the
 * caller to say what it means.
 */
function runGit(args: readonly string[], cwd: string, options: GitOptions, input?: string, maxBuffer = OUTPUT_MAX_BYTES): Run {
  // A missing folder fails the spawn with ENOENT too, which would read as git missing.
  if (!fs.existsSync(cwd)) throw new GitError(message('cli.cannot-read', { file: cwd, reason: message('cli.io-missing') }));
  const timeout = options.timeoutMs ?? TIMEOUT_MS;
  try {
    const stdout = execFileSync('git', args, {
      cwd,
      input,
      env: { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: 'pipe',
      timeout,
      maxBuffer,
      windowsHide: true,
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as NodeJS.ErrnoException & { status: number | null; signal: string | null; stdout?: Buffer; stderr?: Buffer };
    const command = args[0];
    switch (failed.code) {
      case undefined:
        if (failed.status === null) break; // killed by a signal
        return { status: failed.status, stdout: failed.stdout ?? Buffer.alloc(0), stderr: failed.stderr?.toString('utf8') ?? '' };
      case 'ENOENT':
        throw new GitError(message('git.missing'));
      case 'ETIMEDOUT':
        throw new GitError(message('git.timed-out', { command, seconds: Math.ceil(timeout / 1000) }));
    }
    throw new GitError(message('git.failed', { command, detail: failed.code ?? failed.signal ?? failed.message }));
  }
}

/** git's output, or a GitError with its first line of complaint. */
function gitOutput(args: readonly string[], cwd: string, options: GitOptions, input?: string, maxBuffer?: number): Buffer {
  const run = runGit(args, cwd, options, input, maxBuffer);
  if (run.status !== 0) throw new GitError(message('git.failed', { command: args[0], detail: complaint(run.stderr) || `exit ${run.status}` }));
  return run.stdout;
}

/** The first line git wrote to stderr, without its `fatal:` or `error:`. */
function complaint(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^(fatal|error): /, '').trim();
}

/** A line of git's output without its end of line (a path may end in spaces). */
const firstLine = (output: Buffer) => output.toString('utf8').split('\n')[0].replace(/\r$/, '');

/** The top level of the git repository holding `cwd` (its working tree), or a GitError when there is none. */
export function gitRepository(cwd: string, options: GitOptions = {}): string {
  const run = runGit(['rev-parse', '--show-toplevel'], cwd, options);
  if (run.status !== 0) {
    if (/not a git repository/i.test(run.stderr)) throw new GitError(message('git.not-a-repository', { folder: cwd }));
    throw new GitError(message('git.failed', { command: 'rev-parse', detail: complaint(run.stderr) }));
  }
  return path.resolve(firstLine(run.stdout));
}

/**
 * Where `folder` is in the repository whose top level is `top`, with `/`
 * separators ('' for the top level itself): the `workspaceDir` of
 * materialize. Symbolic links are followed, as git reports its top level.
 */
export function repositoryFolder(top: string, folder: string): string {
  const real = (at: string) => fs.realpathSync.native(at);
  return path.relative(real(top), real(folder)).split(path.sep).join('/');
}

function isShallow(top: string, options: GitOptions): boolean {
  return firstLine(gitOutput(['rev-parse', '--is-shallow-repository'], top, options)) === 'true';
}

/** The full id of the commit `rev` names (a tag is followed to its commit). */
function commitOf(top: string, rev: string, options: GitOptions): string {
  // A revision never starts with `-`: such a one would be read as an option.
  const run = /^-|\0/.test(rev) || rev === '' ? undefined : runGit(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], top, options);
  if (run?.status === 0) return firstLine(run.stdout);
  throw new GitError(message(isShallow(top, options) ? 'git.unknown-revision-shallow' : 'git.unknown-revision', { rev }));
}

/**
 * SPEC §7: the commits `kpi diff` compares. The head is `headRev`, or by
 * default the working tree (commit null), whose commit is then `HEAD`. The
 * base is the merge base of `baseRev` and the head's commit, as in
 * `git diff REV...`: a branch's changes, not what was merged into
 * `baseRev` since it forked.
 */
export function resolveRevisions(top: string, baseRev: string, headRev?: string, options: GitOptions = {}): Revisions {
  const baseCommit = commitOf(top, baseRev, options);
  const headCommit = commitOf(top, headRev ?? 'HEAD', options);
  const run = runGit(['merge-base', baseCommit, headCommit], top, options);
  if (run.status !== 0) {
    // Status 1 without a word: no merge base was found, which in a shallow clone may only be one not fetched.
    if (run.status !== 1 || complaint(run.stderr) !== '') throw new GitError(message('git.failed', { command: 'merge-base', detail: complaint(run.stderr) }));
    const names = { base: baseRev, head: headRev ?? 'HEAD' };
    throw new GitError(message(isShallow(top, options) ? 'git.shallow-no-merge-base' : 'git.no-merge-base', names));
  }
  return {
    base: { rev: baseRev, commit: firstLine(run.stdout) },
    head: headRev === undefined ? { rev: WORKING_TREE, commit: null } : { rev: headRev, commit: headCommit },
  };
}

/** A file of a commit's tree: its path from the top level (`/` separators), its blob and its size. */
interface TreeFile {
  readonly path: string;
  readonly blob: string;
  readonly size: number;
}

/**
 * The regular files of a commit, by path. Symbolic links (mode 120000) are
 * left out, as a link's target is not in the commit; so are submodules (a
 * commit, not a blob).
 */
function treeFiles(top: string, commit: string, options: GitOptions): Map<string, TreeFile> {
  const files = new Map<string, TreeFile>();
  // -z: paths as they are, never quoted; --full-tree: from the top level whatever the folder.
  const listing = gitOutput(['ls-tree', '-r', '-z', '--long', '--full-tree', commit], top, options).toString('utf8');
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, blob, size] = entry.slice(0, tab).split(/ +/);
    if (type !== 'blob' || mode === '120000') continue;
    const file = entry.slice(tab + 1);
    files.set(file, { path: file, blob, size: Number(size) });
  }
  return files;
}

/** A commit id as people read it. */
const short = (commit: string) => commit.slice(0, 12);

/**
 * The bytes of `files`, read by one `git cat-file --batch`: one process for
 * any number of files, where `git show` would start one per file. Each file
 * is first checked against `maxBytes` by the size the tree gives.
 */
function readBlobs(top: string, commit: string, files: readonly TreeFile[], maxBytes: number, options: GitOptions): Map<string, Buffer> {
  const tooLarge = files.find((file) => file.size > maxBytes);
  if (tooLarge !== undefined) {
    const reason = message('cli.io-too-large', { size: String(maxBytes / 1024 / 1024) });
    throw new GitError(message('git.cannot-read', { file: tooLarge.path, commit: short(commit), reason }));
  }
  const sizes = new Map(files.map((file) => [file.blob, file.size]));
  const blobs = new Map<string, Buffer>();
  if (sizes.size === 0) return blobs;
  // Each answer is `<id> blob <size>\n<bytes>\n`: room for the bytes and for the lines around them.
  const room = [...sizes].reduce((sum, [blob, size]) => sum + size + blob.length + 32, 0);
  const output = gitOutput(['cat-file', '--batch'], top, options, [...sizes.keys()].map((blob) => `${blob}\n`).join(''), room);
  for (let at = 0; at < output.length;) {
    const end = output.indexOf(10, at);
    const [blob, type, size] = output.toString('utf8', at, end < 0 ? output.length : end).split(' ');
    if (end < 0 || type !== 'blob') {
      const file = files.find((f) => f.blob === blob)?.path ?? blob;
      throw new GitError(message('git.cannot-read', { file, commit: short(commit), reason: `${blob} ${type ?? ''}`.trim() }));
    }
    blobs.set(blob, output.subarray(end + 1, end + 1 + Number(size)));
    at = end + 1 + Number(size) + 1;
  }
  return blobs;
}

/**
 * Where a file of the tree is written in `dest`, or undefined for a path
 * that must not be written: one that climbs out (`..`), one into a `.git`
 * folder, or on Windows a name holding a separator. git refuses to check
 * such paths out; a crafted tree can still hold them.
 */
function placeIn(dest: string, file: string): string | undefined {
  const names = file.split('/');
  const unsafe = (name: string) =>
    name === '' || name === '.' || name === '..' || name.toLowerCase() === '.git' || (process.platform === 'win32' && /[\\:]/.test(name));
  if (names.some(unsafe)) return undefined;
  const target = path.join(dest, ...names);
  return isInside(dest, target) ? target : undefined;
}

/**
 * Where KPI files are parsed to find the data files they name: a made-up
 * absolute folder standing for the top level, of the kind (Windows or POSIX)
 * the CLI resolves `source.file` by on this machine.
 */
const TREE = process.platform === 'win32' ? 'C:\\kpi-tree' : '/kpi-tree';

/** The paths in the tree of the data files a KPI file names; those outside the top level are left out. */
function namedSources(file: string, text: string): string[] {
  return parseKpiFile(path.join(TREE, ...file.split('/')), text).kpis.flatMap((kpi) => {
    const resolved = sourcePath(kpi);
    return resolved !== undefined && isInside(TREE, resolved) ? [shownPath(TREE, resolved)] : [];
  });
}

/**
 * Writes into the folder `dest` the files of `commit` that `kpi lint` reads
 * for the workspace at `workspaceDir` (relative to the top level, `/`
 * separators, '' for the top level): the KPI files under it, every
 * `kpi.config.yaml` of the tree (one above the workspace is found by
 * walking up), the data files those KPI files name (`source.file`, a SQL
 * source's `queryFile`) and the snapshots of SQL sources (every
 * `.kpi/snapshots/` folder of the tree). The
 * layout is the repository's, and an empty `.git` folder marks the top
 * level, so that `lintPaths({ cwd: <dest>/<workspaceDir> })` finds the same
 * workspace root, configuration and sources as in a checkout. Returns the
 * paths written, from the top level, in path order.
 *
 * Symbolic links and submodules are not written. A file larger than
 * `maxBytes` is a GitError naming it.
 */
export function materialize(top: string, commit: string, workspaceDir: string, dest: string, options: MaterializeOptions = {}): string[] {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const folder = workspaceDir.split('/').filter((name) => name !== '' && name !== '.');
  const inWorkspace = (file: string) => folder.length === 0 || file.startsWith(`${folder.join('/')}/`);
  const files = treeFiles(top, commit, options);
  const written = new Set<string>();

  /** Reads and writes the files not yet written, returning the KPI files among them with their text. */
  const write = (wanted: Iterable<TreeFile>): { path: string; text: string }[] => {
    const places = new Map<string, { file: TreeFile; target: string }>();
    for (const file of wanted) {
      const target = placeIn(dest, file.path);
      if (target !== undefined && !written.has(file.path)) places.set(file.path, { file, target });
    }
    const fresh = [...places.values()].map((place) => place.file);
    const blobs = readBlobs(top, commit, fresh, maxBytes, options);
    const kpiFiles: { path: string; text: string }[] = [];
    for (const { file, target } of places.values()) {
      const bytes = blobs.get(file.blob)!;
      try {
        makeFolders(path.dirname(target));
        fs.writeFileSync(target, bytes);
      } catch (error) {
        const failure = new IoFailure(error);
        throw new GitError(message('cli.cannot-write', { file: target, reason: failure.reason ?? failure.message }));
      }
      written.add(file.path);
      if (KPI_FILE.test(file.path)) kpiFiles.push({ path: file.path, text: bytes.toString('utf8') });
    }
    return kpiFiles;
  };

  const isConfig = (file: string) => path.posix.basename(file) === CONFIG_FILE_NAME;
  // The snapshots SQL sources read (SPEC §8), wherever the workspace root is: they are small, and only they hold a SQL KPI's data.
  const isSnapshot = (file: string) => /(^|\/)\.kpi\/snapshots\/[^/]+$/.test(file);
  const kpiFiles = write(
    [...files.values()].filter((file) => isConfig(file.path) || isSnapshot(file.path) || (KPI_FILE.test(file.path) && inWorkspace(file.path))),
  );
  const sources = kpiFiles.flatMap((kpiFile) => namedSources(kpiFile.path, kpiFile.text));
  write(sources.flatMap((file) => files.get(file) ?? []));

  // The top level's marker, where workspaceRoot looks for `.git` when there is no configuration; git itself passes over an empty folder.
  makeFolders(path.join(dest, '.git'));
  return [...written].sort();
}
