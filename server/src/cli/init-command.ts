import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { today, type Day } from '../core/dates';
import { shownPath } from '../core/paths';
import { describeIoError, makeFolders, UsageError } from '../node/files';
import type { Io } from './io';
import { nearestHolding } from '../node/root';

export const INIT_USAGE = `Usage: kpi init [FOLDER] [options]

Write an example KPI workspace into FOLDER (default: .): a commented
kpi.config.yaml, goals.kpi.yaml and kpis.kpi.yaml that lint clean, a CSV
source in data/, and a GitHub workflow (.github/workflows/kpi.yml). The
example's dates are set from this month, so its data is current.

Options:
  --force      overwrite files that exist (without it they are kept, and listed)
  -h, --help   show this help

Exit codes: 0 the files were written or kept, 2 usage or I/O failure.`;

/**
 * The files `kpi init` writes: where each template lies under templates/init
 * in the package, and where it goes. The workflow is kept as github/ in the
 * package, as npm leaves some dot-files out of a tarball.
 */
const EXAMPLE: readonly { readonly template: string; readonly target: string }[] = [
  { template: 'kpi.config.yaml', target: 'kpi.config.yaml' },
  { template: 'goals.kpi.yaml', target: 'goals.kpi.yaml' },
  { template: 'kpis.kpi.yaml', target: 'kpis.kpi.yaml' },
  { template: 'data/recurring-revenue.csv', target: 'data/recurring-revenue.csv' },
  { template: 'github/workflows/kpi.yml', target: '.github/workflows/kpi.yml' },
];

/**
 * The month the templates are written as of (December 2026: monthly data up
 * to November). Their `YYYY-MM` dates move by the months from it to the
 * current one, so the example neither goes stale nor reports data from the
 * future, whenever it is written.
 */
const TEMPLATE_MONTH = 2026 * 12 + 11;
/** A `YYYY-MM` date, not the start of a `YYYY-MM-DD` one. */
const MONTH_DATE = /\b(\d{4})-(0[1-9]|1[0-2])\b(?!-\d)/g;
const DATED = /\.(kpi\.ya?ml|csv)$/;

/** The templates' folder: templates/init in the package, found upward from this module (bundled in out/ or compiled to out/server/src/cli/). */
function templatesFolder(): string {
  const found = nearestHolding(__dirname, path.join('templates', 'init', 'kpi.config.yaml'));
  if (found === undefined) throw new UsageError('the example files (templates/init) are missing from this installation of kpi-as-code: install it again');
  return path.join(found, 'templates', 'init');
}

/** `text` with every `YYYY-MM` date moved by `months`. */
function moveDates(text: string, months: number): string {
  if (months === 0) return text;
  return text.replace(MONTH_DATE, (_, year: string, month: string) => {
    const total = Number(year) * 12 + Number(month) - 1 + months;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

export type Written = { readonly file: string; readonly action: 'created' | 'overwritten' | 'kept' };

/**
 * Writes the example into `folder` (made when missing), its dates moved to
 * the month of `asOf`. A file that exists is kept, unless `force`.
 * `report` hears of each file as it is handled.
 */
export function writeExample(
  folder: string,
  options: { readonly force: boolean; readonly asOf: Day; readonly report?: (written: Written) => void },
): Written[] {
  const templates = templatesFolder();
  const now = new Date(options.asOf * 86_400_000);
  const months = now.getUTCFullYear() * 12 + now.getUTCMonth() - TEMPLATE_MONTH;
  const done: Written[] = [];
  for (const { template, target } of EXAMPLE) {
    const file = path.join(folder, target);
    let text: string;
    try {
      text = fs.readFileSync(path.join(templates, template), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the example file ${template}: ${describeIoError(error)}`);
    }
    if (DATED.test(template)) text = moveDates(text, months);
    let action: Written['action'];
    try {
      makeFolders(path.dirname(file));
      const existed = options.force && fs.existsSync(file);
      // 'wx' never replaces what is there, even a link, and leaves no gap between a check and the write.
      fs.writeFileSync(file, text, { flag: options.force ? 'w' : 'wx' });
      action = existed ? 'overwritten' : 'created';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`cannot write ${target} in ${folder}: ${describeIoError(error)}`);
      action = 'kept';
    }
    done.push({ file, action });
    options.report?.({ file, action });
  }
  return done;
}

export function initCommand(args: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${INIT_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`kpi init takes one FOLDER, not ${positionals.length} (${positionals.join(', ')})`);
  const given = positionals[0] ?? '.';
  const folder = path.resolve(io.cwd, given);
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new UsageError(`cannot write into ${given}: it is a file, not a folder`);
  const shown = (file: string) => shownPath(io.cwd, file);
  const words = { created: 'Created', overwritten: 'Overwrote', kept: 'Kept' } as const;
  const written = writeExample(folder, {
    force: values.force,
    asOf: today(),
    report: ({ file, action }) =>
      io.stdout.write(`${words[action]} ${shown(file)}${action === 'kept' ? ': it exists (kpi init --force overwrites it)' : ''}\n`),
  });
  if (written.every((w) => w.action === 'kept')) io.stdout.write('Nothing written: every file of the example exists.\n');
  io.stdout.write(`\n${nextSteps(given === '.' ? undefined : shown(folder))}`);
  const repository = nearestHolding(folder, '.git');
  if (repository !== undefined && repository !== folder) {
    io.stdout.write(
      `\nNote: GitHub runs only the workflows in .github/workflows at the root of the repository (${shown(repository)}):\n` +
        `move kpi.yml there, and give its kpi steps "working-directory: ${path.relative(repository, folder).split(path.sep).join('/')}".\n`,
    );
  }
  return 0;
}

function nextSteps(folder: string | undefined): string {
  const steps = [
    ...(folder === undefined ? [] : [[`cd ${folder}`, '']]),
    ['npm install --save-dev kpi-as-code', 'keep kpi in the project (the workflow runs it)'],
    ['npx kpi lint', 'check the KPI files'],
    ['npx kpi status', 'see the scorecard'],
    ['code .', 'open in VS Code with the KPI as Code extension: live problems, the scorecard preview'],
  ];
  const width = Math.max(...steps.map(([command]) => command.length));
  const lines = steps.map(([command, what]) => `  ${what ? command.padEnd(width + 3) + what : command}`.trimEnd());
  return `Next:\n${lines.join('\n')}\nThen commit the files: .github/workflows/kpi.yml lints every pull request.\n`;
}
