import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildScorecard, type Scorecard } from '../core/scorecard';
import { renderScorecardHtml } from '../report/html';
import { scorecardPage } from '../node/scorecard-page';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { UsageError } from '../node/files';
import { wantsColor } from './formatters/ansi';
import { renderMarkdown } from './formatters/status-markdown';
import { renderTable } from './formatters/status-table';
import { writeOutputFile, type Io } from './io';
import { lintPaths } from './workspace';

/** `kpi status --help`. */
export function statusUsage(locale: LocaleOrPseudo = 'en'): string {
  return translator(locale).t('cli.status-usage');
}

const FORMATS = ['table', 'json', 'markdown', 'html'] as const;
type StatusFormat = (typeof FORMATS)[number];

function render(scorecard: Scorecard, format: StatusFormat, color: boolean, locale: LocaleOrPseudo): string {
  switch (format) {
    case 'table':
      return renderTable(scorecard, color, locale);
    case 'json':
      return `${JSON.stringify(scorecard, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(scorecard, locale);
    case 'html':
      return renderScorecardHtml(scorecard, { nonce: randomBytes(18).toString('base64'), locale, page: scorecardPage() });
  }
}

export function statusCommand(args: readonly string[], io: Io, locale: LocaleOrPseudo = 'en'): number {
  const words = translator(locale);
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'table' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      output: { type: 'string', short: 'o' },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${statusUsage(locale)}\n`);
    return 0;
  }
  const format = values.format as StatusFormat;
  if (!FORMATS.includes(format)) throw new UsageError(words.t('cli.format-choice', { formats: FORMATS.join(', '), format: values.format }));
  const linted = lintPaths({ paths: positionals, cwd: io.cwd, asOf: values['as-of'], config: values.config, locale }, true);
  const shownPath = (file: string) => path.relative(io.cwd, file).split(path.sep).join('/');
  const scorecard = buildScorecard(linted.result.workspace, shownPath, locale);
  const color = values.output === undefined && format === 'table' && wantsColor(io.stdout, io.env);
  const text = render(scorecard, format, color, locale);
  for (const line of linted.unreadable) io.stderr.write(`kpi: ${line}\n`);
  const errors = linted.result.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'error').length, 0);
  if (errors > 0) io.stderr.write(`kpi: ${words.t('cli.status-lint-errors', { count: errors })}\n`);
  if (values.output === undefined) {
    io.stdout.write(text);
  } else {
    const target = writeOutputFile(io, values.output, text, locale);
    const shown = path.relative(io.cwd, target);
    io.stdout.write(`${words.t('cli.scorecard-written', { file: shown.startsWith('..') || path.isAbsolute(shown) ? target : shown })}\n`);
  }
  return linted.unreadable.length > 0 ? 2 : 0;
}
