import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { FileDiagnostics } from '../core/lint';
import { wantsColor } from './formatters/ansi';
import { LINT_FORMATS } from './formatters';
import { countReport, type LintReport } from './formatters/report';
import { UsageError } from '../node/files';
import type { Io } from './io';
import { lintPaths, lintPathsCached, type LintedFiles } from './workspace';

export const LINT_USAGE = `Usage: kpi lint [PATH...] [options]

Lint KPI files (*.kpi.yaml, *.kpi.yml) in the given files and folders (default: .).

Options:
  --format stylish|json|sarif|github|junit   output format (default: stylish)
  --as-of YYYY-MM-DD                         judge dates as of this day (default: today)
  --config FILE                              use this kpi.config.yaml (default: the nearest one)
  --max-warnings N                           exit 1 when there are more than N warnings (-1: no limit)
  --quiet                                    report errors only
  --cache                                    keep each file's findings between runs, lint only changed files
  --cache-location FILE                      where to keep them (default: .kpicache)
  -h, --help                                 show this help

Exit codes: 0 no errors, 1 lint errors or too many warnings, 2 usage or I/O failure.`;

/** The lint result as the formatters see it: paths relative to `cwd`, 1-based positions. */
export function toReport(files: readonly FileDiagnostics[], cwd: string, quiet: boolean): LintReport {
  return countReport(
    // `lines` is read only for a file with diagnostics: building a line index costs as much as linting.
    files.map((fileResult) => ({
      path: path.relative(cwd, fileResult.file.path).split(path.sep).join('/'),
      diagnostics: fileResult.diagnostics
        .filter((d) => !quiet || d.severity === 'error')
        .map((d) => {
          const start = fileResult.lines.position(d.span.start);
          const end = fileResult.lines.position(d.span.end);
          return {
            code: d.code,
            severity: d.severity,
            message: d.message,
            line: start.line + 1,
            column: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
          };
        }),
    })),
  );
}

export function lintCommand(args: readonly string[], io: Io): number {
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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${LINT_USAGE}\n`);
    return 0;
  }
  const formatter = Object.hasOwn(LINT_FORMATS, values.format) ? LINT_FORMATS[values.format] : undefined;
  if (!formatter) throw new UsageError(`--format must be one of ${Object.keys(LINT_FORMATS).join(', ')}, not "${values.format}"`);
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    if (!/^(\d+|-1)$/.test(values['max-warnings']))
      throw new UsageError(`--max-warnings must be a whole number, or -1 for no limit, not "${values['max-warnings']}"`);
    maxWarnings = values['max-warnings'] === '-1' ? Infinity : Number(values['max-warnings']);
  }
  const options = { paths: positionals, cwd: io.cwd, asOf: values['as-of'], config: values.config };
  let linted: LintedFiles;
  if (values.cache) {
    linted = lintPathsCached(options, values['cache-location']);
  } else {
    const { result, unreadable } = lintPaths(options);
    linted = { files: result.files, unreadable };
  }
  if (linted.cacheProblem) io.stderr.write(`kpi: warning: ${linted.cacheProblem}\n`);
  const report = toReport(linted.files, io.cwd, values.quiet);
  io.stdout.write(formatter(report, { color: values.format === 'stylish' && wantsColor(io.stdout, io.env), cwd: io.cwd }));
  for (const line of linted.unreadable) io.stderr.write(`kpi: ${line}\n`);
  if (linted.unreadable.length > 0) return 2;
  if (report.errorCount > 0) return 1;
  if (report.warningCount > maxWarnings) {
    if (values.format === 'stylish') io.stdout.write(`kpi found too many warnings (maximum: ${maxWarnings}).\n`);
    return 1;
  }
  return 0;
}
