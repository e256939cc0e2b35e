import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig, type Config } from '../core/config';
import { parseCalendarDay, today, type Day } from '../core/dates';
import { lintWorkspace, type LintResult } from '../core/lint';
import { parseKpiFile } from '../core/parse';
import { RULE_METAS } from '../core/rules';
import type { KpiFile } from '../core/types';
import { ParseCache } from './cache';
import { describeIoError, findKpiFiles, nodeFileReader, UsageError } from './files';

export interface WorkspaceOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly asOf?: string;
  readonly config?: string;
  /** Where to keep parsed files between runs (`--cache`); no cache when undefined. */
  readonly cache?: string;
}

export interface LintedWorkspace {
  readonly result: LintResult;
  readonly root: string;
  readonly asOf: Day;
  /** KPI files that could not be read (or a cache that could not be written), with why; the rest are still linted. */
  readonly unreadable: readonly string[];
  /** Why the cache could not be written, if it could not (a warning, not a failure). */
  readonly cacheProblem?: string;
}

/** The nearest kpi.config.yaml at or above `directory`. */
function findConfig(directory: string): string | undefined {
  for (let dir = directory; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function loadConfig(file: string | undefined): Config {
  if (file === undefined) return EMPTY_CONFIG;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the configuration ${file}: ${describeIoError(error)}`);
  }
  const { config, problems } = parseConfig(text, RULE_METAS);
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.join('; ')}`);
  return config;
}

export function parseAsOf(text: string | undefined): Day {
  if (text === undefined) return today();
  const day = parseCalendarDay(text);
  if (day === undefined) throw new UsageError(`--as-of must be a real date YYYY-MM-DD, not "${text}"`);
  return day;
}

/** SPEC §2, §6: find the files and the configuration, read them, lint them together. */
export async function lintPaths(options: WorkspaceOptions): Promise<LintedWorkspace> {
  const asOf = parseAsOf(options.asOf);
  const configFile = options.config !== undefined ? path.resolve(options.cwd, options.config) : findConfig(options.cwd);
  const config = loadConfig(configFile);
  const root = configFile !== undefined ? path.dirname(configFile) : options.cwd;
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const found = findKpiFiles(paths, options.cwd, { base: root, patterns: config.ignore });
  if (found.length === 0) throw new UsageError(`no KPI files (*.kpi.yaml, *.kpi.yml) found in ${paths.join(', ')}`);
  const unreadable: string[] = [];
  const cannotRead = (file: string, error: string) => unreadable.push(`cannot read ${path.relative(options.cwd, file)}: ${error}`);
  const cache = options.cache !== undefined ? new ParseCache(path.resolve(options.cwd, options.cache)) : undefined;
  const files: KpiFile[] = found.flatMap((file) => {
    const text = nodeFileReader.readText(file);
    if (text instanceof Error) {
      cannotRead(file, text.message);
      return [];
    }
    return [cache ? cache.parse(file, text) : parseKpiFile(file, text)];
  });
  const result = lintWorkspace(files, { root, asOf, config, reader: nodeFileReader });
  const cacheProblem = cache?.save(files.map((f) => f.path));
  return { result, root, asOf, unreadable, cacheProblem };
}
