import * as path from 'node:path';
import { EMPTY_CONFIG, readConfig, type Config } from '../core/config';
import { parseCalendarDay, today, type Day } from '../core/dates';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { fileResult, lintFile, lintLinks, lintWorkspace, statusOptions, type FileDiagnostics, type LintOptions, type LintResult } from '../core/lint';
import { parseKpiFile } from '../core/parse';
import { RULE_METAS, RULES } from '../core/rules';
import { SourceReader } from '../core/sources';
import type { KpiFile, LinkedFile } from '../core/types';
import { Links } from '../core/workspace';
import { VERSION } from '../version';
import { hashOf, LintCache, linksOnly, type Linted } from './cache';
import { findConfig, workspaceRoot } from '../node/root';
import { describeIoError, findKpiFiles, NoKpiFilesError, nodeFileReader, readTextFile, UsageError } from '../node/files';

export interface WorkspaceOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly asOf?: string;
  readonly config?: string;
  /** The language of the messages (default English). */
  readonly locale?: LocaleOrPseudo;
}

interface Found {
  readonly options: LintOptions;
  readonly files: readonly string[];
  /** Said of files that cannot be read (why: an Error from nodeFileReader); the rest are still linted. */
  cannotRead(file: string, error: Error): void;
  readonly unreadable: readonly string[];
  /** The configuration's text, or '' without one. */
  readonly configText: string;
}

export interface LintedWorkspace {
  readonly result: LintResult;
  readonly root: string;
  readonly asOf: Day;
  /** KPI files that could not be read, with why; the rest are still linted. */
  readonly unreadable: readonly string[];
}

export interface LintedFiles {
  /** One entry per file linted, in path order. */
  readonly files: readonly FileDiagnostics[];
  /** KPI files that could not be read, with why; the rest are still linted. */
  readonly unreadable: readonly string[];
  /** Why the cache could not be written, if it could not (a warning, not a failure). */
  readonly cacheProblem?: string;
  /** The files linted anew, not taken from the cache (for the tests and the benchmark). */
  readonly linted?: readonly string[];
}

function loadConfig(file: string | undefined, locale: LocaleOrPseudo): { config: Config; text: string } {
  if (file === undefined) return { config: EMPTY_CONFIG, text: '' };
  const words = translator(locale);
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    throw new UsageError(words.t('cli.cannot-read-config', { file, reason: describeIoError(error, locale) }));
  }
  const { config, messages } = readConfig(text, RULE_METAS);
  if (messages.length > 0) throw new UsageError(`${file}: ${messages.map((m) => words.text(m)).join('; ')}`);
  return { config, text };
}

export function parseAsOf(text: string | undefined, locale: LocaleOrPseudo = 'en'): Day {
  if (text === undefined) return today();
  const day = parseCalendarDay(text);
  if (day === undefined) throw new UsageError(translator(locale).t('cli.as-of-invalid', { value: text }));
  return day;
}

/** SPEC §2, §6: the configuration, and the KPI files it lets the paths name. */
function find(options: WorkspaceOptions): Found {
  const locale = options.locale ?? 'en';
  const words = translator(locale);
  const asOf = parseAsOf(options.asOf, locale);
  const configFile = options.config !== undefined ? path.resolve(options.cwd, options.config) : findConfig(options.cwd);
  const { config, text: configText } = loadConfig(configFile, locale);
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const root = workspaceRoot(
    options.cwd,
    paths.map((given) => path.resolve(options.cwd, given)),
    configFile,
  );
  const files = findKpiFiles(paths, options.cwd, { base: root, patterns: config.ignore }, locale);
  if (files.length === 0) throw new NoKpiFilesError(words.t('cli.no-kpi-files', { paths: paths.join(', ') }));
  const unreadable: string[] = [];
  return {
    options: { root, asOf, config, reader: nodeFileReader, locale },
    files,
    configText,
    unreadable,
    cannotRead: (file, error) =>
      unreadable.push(words.t('cli.cannot-read', { file: path.relative(options.cwd, file), reason: describeIoError(error, locale) })),
  };
}

/** The found KPI files, parsed; one that cannot be read is said and left out. */
function parsed(found: Found): KpiFile[] {
  return found.files.flatMap((file) => {
    const text = nodeFileReader.readText(file);
    if (text instanceof Error) {
      found.cannotRead(file, text);
      return [];
    }
    return [parseKpiFile(file, text)];
  });
}

/** The KPI files the paths name, parsed, with the workspace root and the configuration (`kpi refresh`: no lint). */
export function readPaths(options: WorkspaceOptions): { files: KpiFile[]; root: string; config: Config; unreadable: readonly string[] } {
  const found = find(options);
  return { files: parsed(found), root: found.options.root, config: found.options.config, unreadable: found.unreadable };
}

/**
 * Finds the files and the configuration, reads the files, lints them
 * together. `errorsOnly`: only the rules the configuration makes errors
 * run (`kpi status` tells how many errors there are, and shows no finding;
 * the statuses never depend on the findings).
 */
export function lintPaths(options: WorkspaceOptions, errorsOnly = false): LintedWorkspace {
  const found = find(options);
  const isError = errorsOnly && statusOptions(found.options.config).isError;
  const lintOptions = isError ? { ...found.options, rules: RULES.filter((rule) => isError(rule.meta.id)) } : found.options;
  const result = lintWorkspace(parsed(found), lintOptions);
  return { result, root: found.options.root, asOf: found.options.asOf, unreadable: found.unreadable };
}

/**
 * `kpi lint`: each file is read, parsed and linted by its own rules in turn,
 * and only its diagnostics, text, links and outline (to place a finding of
 * the rules across files) are kept. The models of 10,000 KPIs are never in
 * memory at once: what a file's rules made is garbage before the next file
 * is read. With `cacheFile`, a file's own diagnostics and links come from
 * the cache while it is unchanged (see LintCache).
 */
export function lintFiles(options: WorkspaceOptions, cacheFile?: string): LintedFiles {
  const found = find(options);
  const { root, asOf } = found.options;
  const sources = new SourceReader(root, nodeFileReader, found.options.config.connections);
  const anew: string[] = [];
  const lint = (file: string, text: string) => {
    anew.push(file);
    const parsed = parseKpiFile(file, text);
    return { file: parsed, diagnostics: lintFile(parsed, found.options, sources) };
  };
  const cache = cacheFile === undefined ? undefined : openCache(found, options.cwd, cacheFile);
  const linted = found.files.flatMap((file) => {
    let result: Linted | Error;
    if (cache) result = cache.lint(file, (text) => lint(file, text));
    else {
      const text = nodeFileReader.readText(file);
      result = text instanceof Error ? text : lint(file, text);
    }
    if (result instanceof Error) {
      found.cannotRead(file, result);
      return [];
    }
    return [{ file: linksOnly(result.file, nodeFileReader.readText), diagnostics: result.diagnostics }];
  });
  const links = new Links<LinkedFile>(
    linted.map((l) => l.file),
    root,
    asOf,
  );
  const across = lintLinks(links, found.options);
  const own = new Map(linted.map((l) => [l.file, l.diagnostics]));
  const files = links.files.map((file) => fileResult(file, own.get(file)!, across.get(file)));
  return { files, unreadable: found.unreadable, cacheProblem: cache?.save(links.files.map((f) => f.path)), linted: anew };
}

/** The cache `kpi lint --cache` reads and writes, for the settings of this run. */
function openCache(found: Found, cwd: string, cacheFile: string): LintCache {
  const { root, asOf } = found.options;
  // The root's real path too: whether a CSV file is inside the workspace is judged by it.
  // The locale too: the cache keeps the messages in words.
  const settings = [VERSION, root, nodeFileReader.realpath(root), asOf, hashOf(found.configText), found.options.locale].join('\n');
  // path.resolve drops a separator at the end, which asks for a folder.
  const location = path.resolve(cwd, cacheFile) + (/[\\/]$/.test(cacheFile) ? path.sep : '');
  return new LintCache(location, settings, nodeFileReader.readText, undefined, found.options.locale, root);
}
