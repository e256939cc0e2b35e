import { translator } from '../../core/l10n/catalogue';
import type { Formatter } from './report';
import { severityWord } from '../../report/words';

function xml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest are escaped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML: a test suite per file; errors and warnings are failures, infos are passing cases with output. */
export const junit: Formatter = (report, { locale = 'en' }) => {
  const words = translator(locale);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const count = (severities: string[]) => report.files.flatMap((f) => f.diagnostics).filter((d) => severities.includes(d.severity)).length;
  const total = report.files.reduce((n, f) => n + Math.max(f.diagnostics.length, 1), 0);
  out.push(`<testsuites name="kpi lint" tests="${total}" failures="${count(['error', 'warning'])}" errors="0">`);
  for (const file of report.files) {
    const failures = file.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length;
    const tests = Math.max(file.diagnostics.length, 1);
    out.push(`  <testsuite name="${xml(file.path)}" tests="${tests}" failures="${failures}" errors="0" time="0">`);
    if (file.diagnostics.length === 0) out.push(`    <testcase name="kpi lint" classname="${xml(file.path)}" time="0"/>`);
    for (const d of file.diagnostics) {
      const name = words.t('cli.junit-case', { code: d.code, position: `${d.line}:${d.column}` });
      const detail = `${file.path}:${d.line}:${d.column}: ${severityWord(d.severity, words)}: ${d.message} (${d.code})`;
      out.push(`    <testcase name="${xml(name)}" classname="${xml(file.path)}" time="0">`);
      if (d.severity === 'error' || d.severity === 'warning') {
        out.push(`      <failure type="${xml(d.code)}" message="${xml(d.message)}">${xml(detail)}</failure>`);
      } else {
        out.push(`      <system-out>${xml(detail)}</system-out>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
};
