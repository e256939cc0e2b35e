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

/**
 * The KPI files named by `paths`: files as given, directories searched for
 * `*.kpi.yaml` / `*.kpi.yml` (skipping `node_modules`, dot-folders, ignored
 * paths and symlink loops). Absolute paths, sorted, without duplicates.
 */
export function findKpiFiles(paths: readonly string[], cwd: string, ignore: { base: string; patterns: readonly string[] }): string[] {
  const ignored = ignore.patterns.length > 0 ? picomatch([...ignore.patterns], { dot: true }) : () => false;
  const isIgnored = (file: string) => {
    return isInside(ignore.base, file) && ignored(path.relative(ignore.base, file).split(path.sep).join('/'));
  };
  const found = new Set<string>();
  const visited = new Set<string>();
  const walk = (directory: string) => {
    const real = nodeFileReader.realpath(directory);
    if (real === undefined || visited.has(real)) return; // a symlink loop, or seen through another link
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return; // an unreadable folder below the ones given is skipped, as ESLint does
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const stat = fs.statSync(full, { throwIfNoEntry: false });
        isDirectory = stat?.isDirectory() ?? false;
        isFile = stat?.isFile() ?? false;
      }
      if (isDirectory && !skipDirectory(entry.name) && !isIgnored(full + path.sep)) walk(full);
      else if (isFile && KPI_FILE.test(entry.name) && !isIgnored(full)) found.add(full);
    }
  };
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch (error) {
      throw new UsageError(`cannot read ${given}: ${describeIoError(error)}`);
    }
    if (stat.isDirectory()) walk(full);
    else found.add(full);
  }
  return [...found].sort();
}
