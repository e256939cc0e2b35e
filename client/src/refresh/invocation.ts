/**
 * What KPI: Refresh Data runs and how it reads the output, apart from the
 * command (no `vscode`, no process), so that the tests can check both.
 *
 * It runs the workspace's own `kpi refresh`, never the extension's bundled
 * code: a query needs the database drivers (DuckDB's native module, the
 * PostgreSQL client) installed with the workspace's `kpi`, which the
 * extension's bundle cannot load, and the workspace's `kpi` is the version CI
 * runs, so the editor writes the snapshots CI would.
 */
import type { LocaleOrPseudo } from '../../../server/src/core/l10n/locale';

/** A KPI id as SPEC §3 allows it: the only ids that have a snapshot, and nothing a command line could take for an option. */
export const KPI_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A program to start with an argument array (never through a shell) in a folder. */
export interface Invocation {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** What the command needs to know of the machine: the platform, and whether a file exists. */
export interface Machine {
  readonly platform: string;
  readonly exists: (file: string) => boolean;
}

/** `folder`'s parent, or undefined at the top; with either separator, as the folder is written. */
function parentOf(folder: string): string | undefined {
  const cut = Math.max(folder.lastIndexOf('/'), folder.lastIndexOf('\\'));
  if (cut <= 0 || (cut === 2 && folder[1] === ':')) return cut === 0 && folder.length > 1 ? folder.slice(0, 1) : undefined;
  return folder.slice(0, cut);
}

function join(folder: string, ...parts: string[]): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return [folder.replace(/[\\/]+$/, ''), ...parts].join(separator);
}

/**
 * The workspace's `kpi`: `node_modules/.bin/kpi` in the folder or the
 * nearest folder above that has one, where `npx --no kpi` (what KPI: Set Up
 * Repository for CI runs) finds it. On Windows that is a `.cmd` file, which
 * cannot start without a shell: there the package's script is run by
 * `node` instead. Undefined when the workspace has no `kpi`.
 */
export function workspaceKpi(folder: string, machine: Machine): { command: string; prefix: readonly string[] } | undefined {
  for (let at: string | undefined = folder; at !== undefined; at = parentOf(at)) {
    if (machine.platform === 'win32') {
      const script = join(at, 'node_modules', 'kpi-as-code', 'bin', 'kpi.js');
      if (machine.exists(script)) return { command: 'node', prefix: [script] };
    } else {
      const bin = join(at, 'node_modules', '.bin', 'kpi');
      if (machine.exists(bin)) return { command: bin, prefix: [] };
    }
  }
  return undefined;
}

/**
 * The folder `kpi refresh` runs in for a KPI file: the nearest folder from
 * the file's up to the workspace folder that holds a kpi.config.yaml (a
 * project of its own, as the language server sees it), else the workspace
 * folder.
 */
export function projectFolder(workspaceFolder: string, file: string | undefined, machine: Pick<Machine, 'exists'>): string {
  if (file === undefined || !file.startsWith(workspaceFolder)) return workspaceFolder;
  for (let folder = parentOf(file); folder !== undefined && folder.length > workspaceFolder.length; folder = parentOf(folder)) {
    if (machine.exists(join(folder, 'kpi.config.yaml'))) return folder;
  }
  return workspaceFolder;
}

/**
 * `kpi refresh --progress` in the project's folder (see projectFolder), in the extension's
 * language, for one KPI (the preview's Refresh button) or all of them.
 * `--progress`: a line as each query starts, which the notification shows.
 */
export function refreshInvocation(folder: string, machine: Machine, locale: LocaleOrPseudo, kpi?: string): Invocation | undefined {
  const kpiProgram = workspaceKpi(folder, machine);
  if (kpiProgram === undefined) return undefined;
  if (kpi !== undefined && !KPI_ID.test(kpi)) throw new Error(`not a KPI id: ${kpi}`);
  const language = locale === 'sv' ? ['--locale', 'sv'] : ['--locale', 'en'];
  const only = kpi === undefined ? [] : ['--kpi', kpi];
  return { command: kpiProgram.command, args: [...kpiProgram.prefix, 'refresh', '--progress', ...language, ...only], cwd: folder };
}

/** A line `kpi refresh --progress` prints as a query starts: `[2/5] web-orders (warehouse) …`. */
export interface ProgressLine {
  readonly index: number;
  readonly total: number;
  readonly text: string;
}

/** The progress line, or undefined for any other line (a snapshot written, the summary). */
export function progressLine(line: string): ProgressLine | undefined {
  const match = /^\[(\d+)\/(\d+)\] /.exec(line);
  if (!match) return undefined;
  const [index, total] = [Number(match[1]), Number(match[2])];
  return index >= 1 && total >= index ? { index, total, text: line } : undefined;
}

/** Splits a stream's text into whole lines, keeping a partial last line for the next chunk. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const lines = (this.rest + chunk).split(/\r?\n/);
    this.rest = lines.pop() ?? '';
    return lines.filter((line) => line !== '');
  }

  /** The partial last line, when the stream ends without a line end. */
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last === '' ? [] : [last];
  }
}
