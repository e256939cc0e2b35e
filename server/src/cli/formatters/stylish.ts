import { plainText } from '../../report/plain-text';
import { painter, type Style } from './ansi';
import { translator } from '../../core/l10n/catalogue';
import type { Formatter } from './report';
import { severityWord } from '../../report/words';

const SEVERITY_STYLE: Record<string, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };

/** Like ESLint's stylish: grouped by file, aligned columns, one summary line. */
export const stylish: Formatter = (report, { color, locale = 'en' }) => {
  const paint = painter(color);
  const words = translator(locale);
  const out: string[] = [];
  for (const file of report.files) {
    if (file.diagnostics.length === 0) continue;
    const rows = file.diagnostics.map(
      (d) => [`${d.line}:${d.column}`, severityWord(d.severity, words), plainText(d.message.replace(/\s*\n\s*/g, ' ')), d.code, d.severity] as const,
    );
    const width = (i: 0 | 1) => Math.max(...rows.map((r) => r[i].length));
    const [posWidth, sevWidth] = [width(0), width(1)];
    out.push('', paint(plainText(file.path), 'underline'));
    for (const [position, word, message, code, severity] of rows) {
      const pos = paint(position.padEnd(posWidth), 'dim');
      const sev = paint(word.padEnd(sevWidth), SEVERITY_STYLE[severity] ?? 'dim');
      out.push(`  ${pos}  ${sev}  ${message}  ${paint(code, 'dim')}`);
    }
  }
  const total = report.errorCount + report.warningCount + report.infoCount;
  if (total === 0) return '';
  const counts = { total, errors: report.errorCount, warnings: report.warningCount, infos: report.infoCount };
  const summary = report.infoCount > 0 ? words.t('cli.summary-with-infos', counts) : words.t('cli.summary', counts);
  const style: Style = report.errorCount > 0 ? 'red' : report.warningCount > 0 ? 'yellow' : 'blue';
  out.push('', paint(summary, style, 'bold'), '');
  return `${out.join('\n')}\n`;
};
