import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config';
import type { Day } from '../core/dates';
import { diffScorecards, diffSide, type DiffSide, type ScorecardDiff } from '../core/diff';
import { EDITOR_TEXT } from '../report/diff-words';
import { message, type Message } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import type { LintResult } from '../core/lint';
import type { Scorecard } from '../core/scorecard';
import { buildScorecard } from '../core/scorecard';
import { findKpiFiles, nodeFileReader } from '../node/files';
import { GitError, gitRepository, materialize, repositoryFolder, resolveRevisions } from '../node/git';
import { Project } from './project';

/** What the head side is made of: the project as the server has it now, the editors' unsaved text included. */
export interface HeadSide {
  readonly root: string;
  readonly lint: LintResult;
  readonly scorecard: Scorecard;
  readonly shownPath: (file: string) => string;
}

/** How the base was judged: the same as-of date, language and CSV setting as the head. */
export interface Judged {
  readonly asOf: Day;
  readonly readCsv: boolean;
  readonly locale: LocaleOrPseudo;
}

/** The comparison, or why there is none, in the catalogue's words. */
export type Comparison = { readonly diff: ScorecardDiff } | { readonly problem: Message };

/** A GitError in the words of the editor's command: it names what is missing, not `kpi diff`'s options. */
function problemOf(error: GitError, root: string): Message {
  switch (error.reason.key) {
    case 'git.not-a-repository':
      return message('lsp.compare.no-repository', { folder: root });
    case 'git.unknown-revision':
    case 'git.unknown-revision-shallow':
      return message('lsp.compare.no-commit');
    case 'git.missing':
      return message('lsp.compare.no-git');
    default:
      return message('lsp.compare.failed', { reason: error.reason });
  }
}

/** Is `file` in a folder below `root` that holds a kpi.config.yaml of its own (another project, as the server indexes)? */
function inNestedProject(root: string, file: string): boolean {
  for (let folder = path.dirname(file); folder !== root && folder.startsWith(root); folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, CONFIG_FILE_NAME))) return true;
  }
  return false;
}

/** The project's folder at `commit`, read from git into a temporary folder and linted as the server lints its projects. */
function baseSide(top: string, commit: string, root: string, judged: Judged): DiffSide {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-compare-'));
  try {
    const folder = repositoryFolder(top, root);
    materialize(top, commit, folder, copy);
    const copyRoot = path.join(copy, ...folder.split('/').filter((name) => name !== ''));
    const shownPath = (file: string) => path.relative(copyRoot, file).split(path.sep).join('/');
    const project = new Project(copyRoot);
    if (fs.existsSync(copyRoot)) {
      project.loadConfig();
      for (const file of findKpiFiles(['.'], copyRoot, { base: copyRoot, patterns: project.config.ignore }, judged.locale)) {
        const text = nodeFileReader.readText(file);
        // materialize wrote every file it read: one that cannot be read now is not the commit's to report.
        if (typeof text === 'string' && project.accepts(file) && !inNestedProject(copyRoot, file)) project.set(file, text);
      }
    }
    const lint = project.lint(judged.asOf, judged.readCsv, judged.locale);
    return diffSide(lint, buildScorecard(lint.workspace, shownPath, judged.locale), shownPath);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/**
 * SPEC §7 in the editor: "Compare with last commit", the changes between
 * `HEAD` and the editors' text. The base side is read from git once per
 * commit, project and judgement, and kept: a keystroke recomputes the head
 * and the diff only. git runs only when the client asks (a trusted
 * workspace, the comparison turned on), never on open or edit.
 */
export class LastCommit {
  /** By project root: the base side and what it was made of. */
  private readonly kept = new Map<string, { readonly key: string; readonly commit: string; readonly side: DiffSide }>();

  compare(head: HeadSide, judged: Judged): Comparison {
    let top: string;
    let commit: string;
    try {
      top = gitRepository(head.root);
      commit = resolveRevisions(top, 'HEAD').base.commit;
    } catch (error) {
      if (error instanceof GitError) return { problem: problemOf(error, head.root) };
      throw error;
    }
    const key = [commit, judged.asOf, judged.readCsv, judged.locale].join('\n');
    let base = this.kept.get(head.root);
    if (base?.key !== key) {
      try {
        base = { key, commit, side: baseSide(top, commit, head.root, judged) };
      } catch (error) {
        if (error instanceof GitError) return { problem: problemOf(error, head.root) };
        throw error;
      }
      this.kept.set(head.root, base);
    }
    const side = diffSide(head.lint, head.scorecard, head.shownPath);
    return { diff: diffScorecards(base.side, side, { base: { rev: 'HEAD', commit }, head: { rev: EDITOR_TEXT, commit: null } }) };
  }
}
