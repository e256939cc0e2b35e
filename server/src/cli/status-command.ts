import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildScorecard, type Scorecard } from '../core/scorecard';
import { renderScorecardHtml } from '../report/html';
import { describeIoError, makeFolders, UsageError } from '../node/files';
import { wantsColor } from './formatters/ansi';
import { renderMarkdown } from './formatters/status-markdown';
import { renderTable } from './formatters/status-table';
import type { Io } from './io';
import { lintPaths } from './workspace';

export const STATUS_USAGE = `Usage: kpi status [PATH...] [options]

Show the scorecard: each goal and KPI with its status against target.

Options:
  --format table|json|markdown|html   output format (default: table)
  --as-of YYYY-MM-DD                  judge dates as of this day (default: today)
  --config FILE                       use this kpi.config.yaml (default: the nearest one)
  -o, --output FILE                   write to FILE instead of standard output
  -h, --help                          show this help

Exit codes: 0 the scorecard was written, 2 usage or I/O failure.`;

const FORMATS = ['table', 'json', 'markdown', 'html'] as const;
type StatusFormat = (typeof FORMATS)[number];

function render(scorecard: Scorecard, format: StatusFormat, color: boolean): string {
  switch (format) {
    case 'table':
      return renderTable(scorecard, color);
    case 'json':
      return `${JSON.stringify(scorecard, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(scorecard);
    case 'html':
      return renderScorecardHtml(scorecard, { nonce: randomBytes(18).toString('base64'), title: 'KPI scorecard' });
  }
}

export function statusCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'table' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${STATUS_USAGE}\n`);
    return 0;
  }
  const format = values.format as StatusFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  const linted = lintPaths({ paths: positionals, cwd: io.cwd, asOf: values['as-of'], config: values.config });
  const shownPath = (file: string) => path.relative(io.cwd, file).split(path.sep).join('/');
  const scorecard = buildScorecard(linted.result.workspace, shownPath);
  const color = values.output === undefined && format === 'table' && wantsColor(io.stdout, io.env);
  const text = render(scorecard, format, color);
  for (const line of linted.unreadable) io.stderr.write(`kpi: ${line}\n`);
  const errors = linted.result.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'error').length, 0);
  if (errors > 0) io.stderr.write(`kpi: the workspace has ${errors} lint error${errors === 1 ? '' : 's'}; the scorecard may be incomplete (run "kpi lint")\n`);
  if (values.output === undefined) {
    io.stdout.write(text);
  } else {
    const target = path.resolve(io.cwd, values.output);
    try {
      makeFolders(path.dirname(target));
      fs.writeFileSync(target, text);
    } catch (error) {
      throw new UsageError(`cannot write ${values.output}: ${describeIoError(error)}`);
    }
    const shown = path.relative(io.cwd, target);
    io.stdout.write(`Scorecard written to ${shown.startsWith('..') || path.isAbsolute(shown) ? target : shown}\n`);
  }
  return linted.unreadable.length > 0 ? 2 : 0;
}
