import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { FileReader } from '../core/host';
import { isInside } from '../core/paths';

export const KPI_FILE = /\.kpi\.ya?ml$/;

/** A failure the user must fix before anything can run: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** The file system as the core sees it. */
export const nodeFileReader: FileReader = {
  realpath(file) {
    try {
      return fs.realpathSync(file);
    } catch {
      return undefined;
    }
  },
  readText(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (error) {
      return new Error(describeIoError(error));
    }
  },
};

export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function skipDirectory(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Whether a file is matched by the configuration's `ignore` globs, relative to `base`. */
export function ignoreMatcher(base: string, patterns: readonly string[]): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  const matches = picomatch([...patterns], { dot: true });
  return (file) => isInside(base, file) && matches(path.relative(base, file).split(path.sep).join('/'));
}

/** Files under a folder whose name passes `wanted`, skipping `node_modules`, dot-folders and symlink loops. */
export function findFiles(root: string, wanted: (name: string) => boolean): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (directory: string) => {
    const real = nodeFileReader.realpath(directory);
    if (real === undefined || visited.has(real)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      const stat = entry.isSymbolicLink() ? fs.statSync(full, { throwIfNoEntry: false }) : entry;
      if (stat?.isDirectory() && !skipDirectory(entry.name)) walk(full);
      else if (stat?.isFile() && wanted(entry.name)) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}

/**
 * The KPI files named by `paths`: files as given, directories searched for
 * `*.kpi.yaml` / `*.kpi.yml` (skipping `node_modules`, dot-folders, ignored
 * paths and symlink loops). Absolute paths, sorted, without duplicates.
 */
export function findKpiFiles(paths: readonly string[], cwd: string, ignore: { base: string; patterns: readonly string[] }): string[] {
  const isIgnored = ignoreMatcher(ignore.base, ignore.patterns);
  const found = new Set<string>();
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch (error) {
      throw new UsageError(`cannot read ${given}: ${describeIoError(error)}`);
    }
    if (stat.isDirectory()) {
      for (const file of findFiles(full, (name) => KPI_FILE.test(name))) if (!isIgnored(file)) found.add(file);
    } else {
      found.add(full);
    }
  }
  return [...found].sort();
}
