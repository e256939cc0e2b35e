/**
 * Path arithmetic on the hosts' absolute paths, without Node, so that the core
 * stays pure. A path is a Windows path when it starts with a drive (`C:\`) or
 * is a UNC path (`\\server\share`): then `\` and `/` both separate, and names
 * compare without case, as on Windows. Every other path is POSIX: only `/`
 * separates, and `\` is part of a name.
 */

interface Parsed {
  /** `/`, `C:\`, `\\server\share\`, or '' for a relative path. */
  readonly root: string;
  /** The names after the root, with `.` and `..` worked out. */
  readonly names: readonly string[];
  readonly windows: boolean;
}

const WINDOWS_ROOT = /^(?:[A-Za-z]:[\\/]|[\\/]{2}[^\\/]+[\\/]+[^\\/]+(?:[\\/]|$))/;

function isWindowsPath(file: string): boolean {
  return WINDOWS_ROOT.test(file);
}

function parse(file: string, windows: boolean): Parsed {
  const root = windows ? (WINDOWS_ROOT.exec(file)?.[0] ?? (/^[\\/]/.test(file) ? '\\' : '')) : file.startsWith('/') ? '/' : '';
  const names: string[] = [];
  for (const name of file.slice(root.length).split(windows ? /[\\/]/ : '/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') names.pop();
    else names.push(name);
  }
  return { root: windows ? root.replaceAll('/', '\\').replace(/\\*$/, '\\') : root, names, windows };
}

function format(parsed: Parsed): string {
  const joined = parsed.names.join(parsed.windows ? '\\' : '/');
  return parsed.root === '' && joined === '' ? '.' : parsed.root + joined;
}

/** The folder holding `file`. */
export function dirname(file: string): string {
  const parsed = parse(file, isWindowsPath(file));
  return format({ ...parsed, names: parsed.names.slice(0, -1) });
}

/** `relative` read from the folder `base`, an absolute path whose kind (Windows or POSIX) decides the rules. */
export function resolve(base: string, relative: string): string {
  const windows = isWindowsPath(base);
  if (windows ? isWindowsPath(relative) : relative.startsWith('/')) return format(parse(relative, windows));
  const from = parse(base, windows);
  // On Windows, `\kpis` starts at the root of `base`'s drive.
  const rooted = windows && /^[\\/]/.test(relative);
  return format(parse(rooted ? from.root + relative.slice(1) : `${format(from)}/${relative}`, windows));
}

/** The names of `file` below `root`, or undefined when `file` is not `root` or inside it. */
function namesBelow(root: string, file: string): readonly string[] | undefined {
  const windows = isWindowsPath(root);
  if (windows !== isWindowsPath(file)) return undefined;
  const outer = parse(root, windows);
  const inner = parse(file, windows);
  const same = windows ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  if (!same(outer.root, inner.root) || inner.names.length < outer.names.length) return undefined;
  return outer.names.every((name, i) => same(name, inner.names[i])) ? inner.names.slice(outer.names.length) : undefined;
}

/** Is `file` the folder `root` or inside it? (`..sales.csv` is inside; `../sales.csv` is not.) */
export function isInside(root: string, file: string): boolean {
  return namesBelow(root, file) !== undefined;
}

/** A path as people read it: relative to `base` when inside it, with `/` separators. */
export function shownPath(base: string, file: string): string {
  const below = namesBelow(base, file);
  if (below !== undefined) return below.length === 0 ? '.' : below.join('/');
  return isWindowsPath(file) ? file.replaceAll('\\', '/') : file;
}
