import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileResult, reportedDiagnostic, type Diagnostic, type FileDiagnostics } from '../core/lint';
import { wantsColor } from './formatters/ansi';
import { LINT_FORMATS } from './formatters';
import { json, jsonParts } from './formatters/json';
import { countReport, countsOf, type LintReport, type ReportedFile } from './formatters/report';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { UsageError } from '../node/files';
import type { Io } from './io';
import { lintFiles } from './workspace';

/** `kpi lint --help`. */
export function lintUsage(locale: LocaleOrPseudo = 'en'): string {
  return translator(locale).t('cli.lint-usage');
}

/** The lint result as the formatters see it: paths relative to `cwd`, 1-based positions. */
export function toReport(files: readonly FileDiagnostics[], cwd: string, quiet: boolean): LintReport {
  return countReport(files.map((fileResult) => reportedFile(fileResult, cwd, quiet)));
}

/** One file of the report: its path relative to `cwd`, its diagnostics (only the errors when `quiet`) with 1-based positions. */
function reportedFile(fileResult: FileDiagnostics, cwd: string, quiet: boolean): ReportedFile {
  return {
    path: path.relative(cwd, fileResult.file.path).split(path.sep).join('/'),
    // `lines` is read only for a file with diagnostics: building a line index costs as much as linting.
    diagnostics: shown(fileResult.diagnostics, quiet).map((d) => reportedDiagnostic(fileResult, d)),
  };
}

/** The diagnostics a report shows: with `--quiet`, the errors alone. */
function shown(diagnostics: readonly Diagnostic[], quiet: boolean): readonly Diagnostic[] {
  return quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
}

/**
 * The report's files for `--format json`, each made when the JSON reaches
 * it, with a line index of its own: a file's positions are garbage once its
 * JSON is written (35,000 diagnostics' positions and 1,000 files' line
 * indexes, held to the end, were copied by the garbage collector).
 */
function* reportedFiles(files: readonly FileDiagnostics[], cwd: string, quiet: boolean): Generator<ReportedFile> {
  // A result of its own, whose line index (made if the file has diagnostics) is not kept with the lint result.
  for (const { file, diagnostics } of files) yield reportedFile(fileResult(file, diagnostics), cwd, quiet);
}

/**
 * Output is written in parts of about this many characters: a part that
 * small is written straight from the string (Node copies a larger one into
 * a buffer, which a pipe keeps until the command returns).
 */
const PART = 8 * 1024;

/**
 * Writes the text made of `parts` a few kilobytes of whole lines at a
 * time, never all of it at once: 35,000 diagnostics as JSON are 12 MB (a
 * part never splits a line, so never a character).
 */
function writeInParts(stream: Io['stdout'], parts: Iterable<string>): void {
  let pending = '';
  let written = false;
  for (const part of parts) {
    pending += part;
    if (pending.length <= PART) continue;
    for (let end = pending.indexOf('\n', PART); end >= 0; end = pending.indexOf('\n', PART)) {
      stream.write(pending.slice(0, end + 1));
      pending = pending.slice(end + 1);
      written = true;
    }
  }
  if (pending !== '' || !written) stream.write(pending);
}

export function lintCommand(args: readonly string[], io: Io, locale: LocaleOrPseudo = 'en'): number {
  const words = translator(locale);
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string', default: '.kpicache' },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${lintUsage(locale)}\n`);
    return 0;
  }
  const formatter = Object.hasOwn(LINT_FORMATS, values.format) ? LINT_FORMATS[values.format] : undefined;
  if (!formatter) throw new UsageError(words.t('cli.format-choice', { formats: Object.keys(LINT_FORMATS).join(', '), format: values.format }));
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    if (!/^(\d+|-1)$/.test(values['max-warnings'])) throw new UsageError(words.t('cli.max-warnings-number', { value: values['max-warnings'] }));
    maxWarnings = values['max-warnings'] === '-1' ? Infinity : Number(values['max-warnings']);
  }
  const options = { paths: positionals, cwd: io.cwd, asOf: values['as-of'], config: values.config, locale };
  const linted = lintFiles(options, values.cache ? values['cache-location'] : undefined);
  if (linted.cacheProblem) io.stderr.write(`kpi: ${words.t('cli.warning', { problem: linted.cacheProblem })}\n`);
  const counts = countsOf(linted.files.map((f) => ({ diagnostics: shown(f.diagnostics, values.quiet) })));
  if (formatter === json) writeInParts(io.stdout, jsonParts({ files: reportedFiles(linted.files, io.cwd, values.quiet), ...counts }));
  else {
    const context = { color: values.format === 'stylish' && wantsColor(io.stdout, io.env), cwd: io.cwd, locale };
    writeInParts(io.stdout, [formatter(toReport(linted.files, io.cwd, values.quiet), context)]);
  }
  for (const line of linted.unreadable) io.stderr.write(`kpi: ${line}\n`);
  if (linted.unreadable.length > 0) return 2;
  if (counts.errorCount > 0) return 1;
  if (counts.warningCount > maxWarnings) {
    if (values.format === 'stylish') io.stdout.write(`${words.t('cli.too-many-warnings', { max: String(maxWarnings) })}\n`);
    return 1;
  }
  return 0;
}
