import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { today, type Day } from '../core/dates';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { shownPath } from '../core/paths';
import { describeIoError, makeFolders, UsageError } from '../node/files';
import type { Io } from './io';
import { nearestHolding } from '../node/root';

/** `kpi init --help`. */
export function initUsage(locale: LocaleOrPseudo = 'en'): string {
  return translator(locale).t('init.usage');
}

/** The English usage, as the tests read it. */
export const INIT_USAGE = initUsage();

/**
 * A file `kpi init` writes: where its template lies under templates/init in
 * the package, and where it goes. The workflow is kept as github/ and the
 * ignore list as gitignore in the package, as npm leaves some dot-files out
 * of a tarball.
 */
interface Template {
  readonly template: string;
  readonly target: string;
}

/**
 * `.gitignore` lists `.env`, where `kpi refresh` finds the secrets of
 * `${NAME}` (SPEC §8). It is the user's own list, so it is never replaced,
 * not even with --force: `.env` is added to it when it lacks it.
 */
const GITIGNORE = '.gitignore';

/** A line of `.gitignore` that keeps `.env` of the root out of git. */
const IGNORES_ENV = /^\/?\.env$/;

const EXAMPLE: readonly Template[] = [
  { template: 'kpi.config.yaml', target: 'kpi.config.yaml' },
  { template: 'goals.kpi.yaml', target: 'goals.kpi.yaml' },
  { template: 'kpis.kpi.yaml', target: 'kpis.kpi.yaml' },
  { template: 'data/recurring-revenue.csv', target: 'data/recurring-revenue.csv' },
  { template: 'github/workflows/kpi.yml', target: '.github/workflows/kpi.yml' },
  { template: 'gitignore', target: GITIGNORE },
];

/**
 * The Swedish example, under templates/init/sv: the same files with Swedish
 * titles, names and comments (the keys stay as the format has them), its
 * configuration with `locale: sv`, and a CSV as Swedish Excel writes it.
 */
const SWEDISH_EXAMPLE: readonly Template[] = [
  { template: 'sv/kpi.config.yaml', target: 'kpi.config.yaml' },
  { template: 'sv/goals.kpi.yaml', target: 'goals.kpi.yaml' },
  { template: 'sv/kpis.kpi.yaml', target: 'kpis.kpi.yaml' },
  { template: 'sv/data/intakter.csv', target: 'data/intakter.csv' },
  { template: 'sv/github/workflows/kpi.yml', target: '.github/workflows/kpi.yml' },
  { template: 'sv/gitignore', target: GITIGNORE },
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
function templatesFolder(locale: LocaleOrPseudo): string {
  const found = nearestHolding(__dirname, path.join('templates', 'init', 'kpi.config.yaml'));
  if (found === undefined) throw new UsageError(translator(locale).t('init.templates-missing'));
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

/** What became of a file: `added` and `listed` are said of `.gitignore` only (`.env` added to it, or there already). */
export type Written = { readonly file: string; readonly action: 'created' | 'overwritten' | 'kept' | 'added' | 'listed' };

/** Adds the template's lines to a `.gitignore` that exists and does not list `.env` yet. */
function addToGitignore(file: string, text: string): Written['action'] {
  const existing = fs.readFileSync(file, 'utf8');
  if (existing.split(/\r?\n/).some((line) => IGNORES_ENV.test(line.trim()))) return 'listed';
  // A blank line between the user's lines and ours, and never a line run into the last one.
  const gap = existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  fs.appendFileSync(file, gap + text);
  return 'added';
}

/**
 * Writes the example into `folder` (made when missing), its dates moved to
 * the month of `asOf`. A file that exists is kept, unless `force`.
 * `report` hears of each file as it is handled.
 */
export function writeExample(
  folder: string,
  options: { readonly force: boolean; readonly asOf: Day; readonly report?: (written: Written) => void; readonly locale?: LocaleOrPseudo },
): Written[] {
  const locale = options.locale ?? 'en';
  const words = translator(locale);
  const templates = templatesFolder(locale);
  const now = new Date(options.asOf * 86_400_000);
  const months = now.getUTCFullYear() * 12 + now.getUTCMonth() - TEMPLATE_MONTH;
  const done: Written[] = [];
  for (const { template, target } of locale === 'sv' ? SWEDISH_EXAMPLE : EXAMPLE) {
    const file = path.join(folder, target);
    let text: string;
    try {
      text = fs.readFileSync(path.join(templates, template), 'utf8');
    } catch (error) {
      throw new UsageError(words.t('init.cannot-read-template', { file: template, reason: describeIoError(error, locale) }));
    }
    if (DATED.test(template)) text = moveDates(text, months);
    let action: Written['action'];
    try {
      makeFolders(path.dirname(file));
      if (target === GITIGNORE && fs.existsSync(file)) action = addToGitignore(file, text);
      else {
        const existed = options.force && fs.existsSync(file);
        // 'wx' never replaces what is there, even a link, and leaves no gap between a check and the write.
        fs.writeFileSync(file, text, { flag: options.force ? 'w' : 'wx' });
        action = existed ? 'overwritten' : 'created';
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new UsageError(words.t('init.cannot-write', { file: target, folder, reason: describeIoError(error, locale) }));
      action = 'kept';
    }
    done.push({ file, action });
    options.report?.({ file, action });
  }
  return done;
}

export function initCommand(args: readonly string[], io: Io, locale: LocaleOrPseudo = 'en'): number {
  const words = translator(locale);
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      force: { type: 'boolean', default: false },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${initUsage(locale)}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(words.t('init.one-folder', { count: String(positionals.length), given: positionals.join(', ') }));
  const given = positionals[0] ?? '.';
  const folder = path.resolve(io.cwd, given);
  if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new UsageError(words.t('init.not-a-folder', { folder: given }));
  const shown = (file: string) => shownPath(io.cwd, file);
  const said = (written: Written): string => {
    const file = shown(written.file);
    switch (written.action) {
      case 'created':
        return words.t('init.created', { file });
      case 'overwritten':
        return words.t('init.overwritten', { file });
      case 'kept':
        return words.t('init.kept', { file });
      case 'added':
        return words.t('init.gitignore-added', { file });
      case 'listed':
        return words.t('init.gitignore-listed', { file });
    }
  };
  const written = writeExample(folder, {
    force: values.force,
    asOf: today(),
    locale,
    report: (done) => io.stdout.write(`${said(done)}\n`),
  });
  if (written.every((w) => w.action === 'kept' || w.action === 'listed')) io.stdout.write(`${words.t('init.nothing-written')}\n`);
  io.stdout.write(`\n${nextSteps(given === '.' ? undefined : shown(folder), locale)}`);
  const repository = nearestHolding(folder, '.git');
  if (repository !== undefined && repository !== folder) {
    const folderInRepository = path.relative(repository, folder).split(path.sep).join('/');
    io.stdout.write(`\n${words.t('init.workflow-root', { repository: shown(repository), folder: folderInRepository })}\n`);
  }
  return 0;
}

function nextSteps(folder: string | undefined, locale: LocaleOrPseudo): string {
  const words = translator(locale);
  const steps = [
    ...(folder === undefined ? [] : [[`cd ${folder}`, '']]),
    ['npm install --save-dev kpi-as-code', words.t('init.step-install')],
    ['npx kpi lint', words.t('init.step-lint')],
    ['npx kpi status', words.t('init.step-status')],
    ['code .', words.t('init.step-code')],
  ];
  const width = Math.max(...steps.map(([command]) => command.length));
  const lines = steps.map(([command, what]) => `  ${what ? command.padEnd(width + 3) + what : command}`.trimEnd());
  return `${words.t('init.next')}\n${lines.join('\n')}\n${words.t('init.then-commit')}\n`;
}
