import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Diagnostic as KpiDiagnostic } from '../../core/lint';
import type { LineIndex } from '../../core/lines';
import type { LocaleOrPseudo } from '../../core/l10n/locale';
import { docsUrl } from '../../core/rule';
import type { Severity, Span } from '../../core/types';
import { plainText } from '../../report/plain-text';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(span.end) };
}

/** What a diagnostic carries for its quick fixes. */
export interface DiagnosticData {
  readonly [key: string]: string;
}

/** A lint finding as LSP shows it: the rule id as code, its page in the message's language, the source `kpi`. */
export function toLspDiagnostic(diagnostic: KpiDiagnostic, lines: LineIndex, locale: LocaleOrPseudo = 'en'): Diagnostic {
  const result: Diagnostic = {
    range: toRange(lines, diagnostic.span),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    codeDescription: { href: docsUrl(diagnostic.code, locale) },
    source: 'kpi',
    // One line, without control or bidi characters from the file (see plain-text.ts).
    message: plainText(diagnostic.message),
  };
  if (diagnostic.data) result.data = diagnostic.data;
  return result;
}
