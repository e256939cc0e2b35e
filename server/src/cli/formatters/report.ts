import type { LocaleOrPseudo } from '../../core/l10n/locale';
import type { ReportedDiagnostic } from '../../core/lint';
import type { Severity } from '../../core/types';

/** A diagnostic as the CLI prints it: 1-based lines and columns (made in core/, which `kpi diff` shares). */
export type { ReportedDiagnostic };

export interface ReportedFile {
  /** Relative to the current directory, with `/` separators. */
  readonly path: string;
  readonly diagnostics: readonly ReportedDiagnostic[];
}

export interface LintReport {
  readonly files: readonly ReportedFile[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** Infos and hints. */
  readonly infoCount: number;
}

export interface FormatContext {
  /** Whether to use ANSI colours. */
  readonly color: boolean;
  /** Absolute path of the current directory (SARIF's `%SRCROOT%`). */
  readonly cwd: string;
  /** The language of the words around the messages (the messages come in it already); default English. */
  readonly locale?: LocaleOrPseudo;
}

export type Formatter = (report: LintReport, context: FormatContext) => string;

/** A report's counts: the diagnostics of each severity. */
export type ReportCounts = Omit<LintReport, 'files'>;

export function countReport(files: readonly ReportedFile[]): LintReport {
  return { files, ...countsOf(files) };
}

/** How many of the files' diagnostics are errors, warnings, and infos or hints. */
export function countsOf(files: readonly { readonly diagnostics: readonly { readonly severity: Severity }[] }[]): ReportCounts {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const file of files) {
    for (const d of file.diagnostics) {
      if (d.severity === 'error') errorCount++;
      else if (d.severity === 'warning') warningCount++;
      else infoCount++;
    }
  }
  return { errorCount, warningCount, infoCount };
}
