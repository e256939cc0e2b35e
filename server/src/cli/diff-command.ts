import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDay, today } from '../core/dates';
import { diffScorecards, diffSide, type DiffSide, type ScorecardDiff } from '../core/diff';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { buildScorecard } from '../core/scorecard';
import { hasChanges } from '../report/diff-words';
import { NoKpiFilesError, UsageError } from '../node/files';
import { gitRepository, materialize, repositoryFolder, resolveRevisions } from '../node/git';
import { wantsColor } from './formatters/ansi';
import { renderDiffMarkdown } from './formatters/diff-markdown';
import { renderDiffTable } from './formatters/diff-table';
import { writeOutputFile, type Io } from './io';
import { lintPaths } from './workspace';

/** `kpi diff --help`. */
export function diffUsage(locale: LocaleOrPseudo = 'en'): string {
  return translator(locale).t('diff.usage');
}

const FORMATS = ['table', 'markdown', 'json'] as const;
type DiffFormat = (typeof FORMATS)[number];

/** What `--fail-on` can name (SPEC §7), and whether it happened. */
const FAILURES: Readonly<Record<string, (diff: ScorecardDiff) => boolean>> = {
  'new-errors': (d) => d.summary.problems.newErrors > 0,
  'new-warnings': (d) => d.summary.problems.newWarnings > 0,
  'target-loosened': (d) => d.summary.loosened > 0,
  'status-worse': (d) => d.summary.worse > 0,
  'kpi-removed': (d) => d.summary.kpis.removed > 0,
  'history-rewritten': (d) => d.summary.historyRewritten > 0,
};

interface SideOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly asOf: string;
  readonly config?: string;
  readonly locale: LocaleOrPseudo;
}

/** One side linted and scored; a side without any KPI file (or without the folder) is an empty workspace: everything on the other side is added or removed. */
function side(options: SideOptions): DiffSide {
  const empty: DiffSide = { scorecard: { title: '', asOf: options.asOf, goals: [], kpis: [] }, metadata: new Map(), problems: [], unparsed: [] };
  if (!fs.existsSync(options.cwd)) return empty;
  const shownPath = (file: string) => path.relative(options.cwd, file).split(path.sep).join('/');
  try {
    const linted = lintPaths(options);
    if (linted.unreadable.length > 0) throw new UsageError(linted.unreadable[0]);
    return diffSide(linted.result, buildScorecard(linted.result.workspace, shownPath, options.locale), shownPath);
  } catch (error) {
    if (error instanceof NoKpiFilesError) return empty;
    throw error;
  }
}

/** The deepest folder that holds all the given paths (a file's own folder for a file). */
function commonFolder(paths: readonly string[]): string {
  const folders = paths.map((p) => (fs.existsSync(p) && !fs.statSync(p).isDirectory() ? path.dirname(p) : p));
  return folders.reduce((common, folder) => {
    while (path.relative(common, folder).startsWith('..')) common = path.dirname(common);
    return common;
  });
}

/** The path with symbolic links followed, or as given when nothing is there (yet). */
function realPath(file: string): string {
  return fs.existsSync(file) ? fs.realpathSync.native(file) : file;
}

/**
 * The same place in a copy of the repository: `cwd`, a PATH or `--config`
 * inside the repository's top level maps to the copy; one outside it stays.
 */
function inCopy(top: string, copy: string, file: string): string {
  // git names its top level by its real path: a folder reached through a symbolic link is compared by its real path too.
  const relative = path.relative(realPath(top), realPath(file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : path.join(copy, relative);
}

export function diffCommand(args: readonly string[], io: Io, locale: LocaleOrPseudo = 'en'): number {
  const words = translator(locale);
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      base: { type: 'string', default: 'HEAD' },
      head: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'exit-code': { type: 'boolean', default: false },
      'fail-on': { type: 'string' },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${diffUsage(locale)}\n`);
    return 0;
  }
  const format = values.format as DiffFormat;
  if (!FORMATS.includes(format)) throw new UsageError(words.t('cli.format-choice', { formats: FORMATS.join(', '), format: values.format }));
  const failOn = (values['fail-on'] ?? '').split(',').filter((name) => name.trim() !== '');
  const unknown = failOn.find((name) => !Object.hasOwn(FAILURES, name.trim()));
  if (unknown !== undefined) throw new UsageError(words.t('diff.fail-on-choice', { choices: Object.keys(FAILURES).join(', '), value: unknown }));

  // Both sides are judged on the same day, even when the run crosses midnight.
  const asOf = values['as-of'] ?? formatDay(today());
  const top = gitRepository(io.cwd);
  const revisions = resolveRevisions(top, values.base, values.head);
  // The KPI files a revision gives are those under the folder that holds every PATH (the current folder by default).
  const searched = commonFolder((positionals.length > 0 ? positionals : ['.']).map((given) => path.resolve(io.cwd, given)));
  const copies: string[] = [];
  const copyOf = (commit: string) => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-diff-'));
    copies.push(copy);
    materialize(top, commit, fs.existsSync(searched) ? repositoryFolder(top, searched) : '', copy);
    return copy;
  };
  let diff: ScorecardDiff;
  try {
    const sideAt = (root: string | undefined): DiffSide => {
      const at = (file: string) => (root === undefined ? file : inCopy(top, root, path.resolve(io.cwd, file)));
      return side({
        paths: positionals.map(at),
        cwd: at(io.cwd),
        asOf,
        config: values.config === undefined ? undefined : at(values.config),
        locale,
      });
    };
    const base = sideAt(copyOf(revisions.base.commit));
    const head = sideAt(revisions.head.commit === null ? undefined : copyOf(revisions.head.commit));
    diff = diffScorecards(base, head, { base: revisions.base, head: revisions.head });
  } finally {
    for (const copy of copies) fs.rmSync(copy, { recursive: true, force: true });
  }

  const color = values.output === undefined && format === 'table' && wantsColor(io.stdout, io.env);
  const text =
    format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : format === 'markdown' ? renderDiffMarkdown(diff, locale) : renderDiffTable(diff, color, locale);
  if (values.output === undefined) {
    io.stdout.write(text);
  } else {
    const target = writeOutputFile(io, values.output, text, locale);
    io.stdout.write(`${words.t('diff.written', { file: path.relative(io.cwd, target) })}\n`);
  }
  if (failOn.some((name) => FAILURES[name.trim()](diff))) return 1;
  return values['exit-code'] && hasChanges(diff) ? 1 : 0;
}
