import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config';
import { isInside } from '../core/paths';

/** The nearest folder at or above `folder` holding an entry `name` (a file or a folder), or undefined. */
export function nearestHolding(folder: string, name: string): string | undefined {
  for (let at = folder; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, name))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

/** The nearest kpi.config.yaml at or above `folder`. */
export function findConfig(folder: string): string | undefined {
  const holder = nearestHolding(folder, CONFIG_FILE_NAME);
  return holder === undefined ? undefined : path.join(holder, CONFIG_FILE_NAME);
}

/** The deepest folder holding every path: a folder holds itself, a file is held by its folder. */
function commonFolder(paths: readonly string[]): string {
  const folders = paths.map((given) => {
    try {
      return fs.statSync(given).isDirectory() ? given : path.dirname(given);
    } catch {
      return path.dirname(given);
    }
  });
  let common = folders[0];
  while (!folders.every((folder) => isInside(common, folder)) && path.dirname(common) !== common) common = path.dirname(common);
  return common;
}

/**
 * SPEC §2, the workspace root (the folder CSV paths must stay in): the
 * folder of the configuration when there is one; else the nearest folder at
 * or above `cwd` holding `.git` (a folder, or the file of a worktree or
 * submodule); else the deepest folder holding every path given (absolute;
 * none given: `cwd`).
 */
export function workspaceRoot(cwd: string, paths: readonly string[], configFile: string | undefined): string {
  if (configFile !== undefined) return path.dirname(configFile);
  return nearestHolding(cwd, '.git') ?? (paths.length > 0 ? commonFolder(paths) : cwd);
}

/**
 * The root of a KPI file the editor opened outside every workspace folder:
 * as the CLI would choose it run in the file's folder on that file.
 */
export function looseFileRoot(file: string): string {
  const folder = path.dirname(file);
  return workspaceRoot(folder, [file], findConfig(folder));
}
