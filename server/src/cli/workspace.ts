import * as path from 'node:path';
import { EMPTY_CONFIG, readConfig, type Config } from '../core/config';
import { parseCalendarDay, today, type Day } from '../core/dates';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { fileResult, lintFile, lintLinks, lintWorkspace, type FileDiagnostics, type LintOptions, type LintResult } from '../core/lint';
import { parseKpiFile } from '../core/parse';
import { RULE_METAS } from '../core/rules';
import { SourceReader } from '../core/sources';
import type { KpiFile, LinkedFile } from '../core/types';
import { Links } from '../core/workspace';
import { VERSION } from '../version';
import { hashOf, LintCache } from './cache';
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

/** Finds the files and the configuration, reads the files, lints them together. */
export function lintPaths(options: WorkspaceOptions): LintedWorkspace {
  const found = find(options);
  const result = lintWorkspace(parsed(found), found.options);
  return { result, root: found.options.root, asOf: found.options.asOf, unreadable: found.unreadable };
}

/**
 * `kpi lint --cache`: as lintPaths, but each file's own diagnostics and
 * links come from `cacheFile` while it is unchanged; only the rules across
 * files run over all of them (see LintCache).
 */
export function lintPathsCached(options: WorkspaceOptions, cacheFile: string): LintedFiles {
  const found = find(options);
  const { root, asOf } = found.options;
  // The root's real path too: whether a CSV file is inside the workspace is judged by it.
  // The locale too: the cache keeps the messages in words.
  const settings = [VERSION, root, nodeFileReader.realpath(root), asOf, hashOf(found.configText), found.options.locale].join('\n');
  // path.resolve drops a separator at the end, which asks for a folder.
  const location = path.resolve(options.cwd, cacheFile) + (/[\\/]$/.test(cacheFile) ? path.sep : '');
  const cache = new LintCache(location, settings, nodeFileReader.readText, undefined, found.options.locale, root);
  const sources = new SourceReader(root, nodeFileReader, found.options.config.connections);
  const anew: string[] = [];
  const linted = found.files.flatMap((file) => {
    const result = cache.lint(file, (text) => {
      anew.push(file);
      const parsed = parseKpiFile(file, text);
      return { file: parsed, diagnostics: lintFile(parsed, found.options, sources) };
    });
    if (result instanceof Error) {
      found.cannotRead(file, result);
      return [];
    }
    return [result];
  });
  const links = new Links<LinkedFile>(
    linted.map((l) => l.file),
    root,
    asOf,
  );
  const across = lintLinks(links, found.options);
  const own = new Map(linted.map((l) => [l.file, l.diagnostics]));
  const files = links.files.map((file) => fileResult(file, own.get(file)!, across.get(file)));
  const cacheProblem = cache.save(links.files.map((f) => f.path));
  return { files, unreadable: found.unreadable, cacheProblem, linted: anew };
}
