import { plainText } from '../../report/plain-text';
import { painter, type Style } from './ansi';
import { plural } from '../../core/readable';
import type { Formatter } from './report';

const SEVERITY_STYLE: Record<string, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };

/** Like ESLint's stylish: grouped by file, aligned columns, one summary line. */
export const stylish: Formatter = (report, { color }) => {
  const paint = painter(color);
  const out: string[] = [];
  for (const file of report.files) {
    if (file.diagnostics.length === 0) continue;
    const rows = file.diagnostics.map((d) => [`${d.line}:${d.column}`, d.severity, plainText(d.message.replace(/\s*\n\s*/g, ' ')), d.code] as const);
    const width = (i: 0 | 1) => Math.max(...rows.map((r) => r[i].length));
    const [posWidth, sevWidth] = [width(0), width(1)];
    out.push('', paint(plainText(file.path), 'underline'));
    for (const [position, severity, message, code] of rows) {
      const pos = paint(position.padEnd(posWidth), 'dim');
      const sev = paint(severity.padEnd(sevWidth), SEVERITY_STYLE[severity] ?? 'dim');
      out.push(`  ${pos}  ${sev}  ${message}  ${paint(code, 'dim')}`);
    }
  }
  const total = report.errorCount + report.warningCount + report.infoCount;
  if (total === 0) return '';
  const parts = [plural(report.errorCount, 'error'), plural(report.warningCount, 'warning')];
  if (report.infoCount > 0) parts.push(plural(report.infoCount, 'info'));
  const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  const style: Style = report.errorCount > 0 ? 'red' : report.warningCount > 0 ? 'yellow' : 'blue';
  out.push('', paint(summary, style, 'bold'), '');
  return `${out.join('\n')}\n`;
};
