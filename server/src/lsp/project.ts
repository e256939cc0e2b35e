import * as path from 'node:path';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, readConfig, type Config } from '../core/config';
import type { Day } from '../core/dates';
import type { FileReader } from '../core/host';
import { lintWorkspace, type Diagnostic, type FileResult, type LintResult } from '../core/lint';
import type { LinkIndex } from '../core/workspace';
import { keepData, parseKpiFile } from '../core/parse';
import { isInside } from '../core/paths';
import { sourceFiles } from '../core/sources';
import { RULE_METAS } from '../core/rules';
import { ScorecardBuilder } from '../core/scorecard';
import { translator, type Translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import type { KpiFile } from '../core/types';
import { describeIoError, ignoreMatcher, inSkippedFolder, KPI_FILE, nodeFileReader, readTextFile } from '../node/files';

/** A reader that reads nothing: CSV sources are not read in an untrusted workspace. Its reason is said in the project's language. */
function noFiles(words: Translator): FileReader {
  const reason = words.t('lsp.untrusted-csv');
  return { realpath: () => undefined, readBytes: () => new Error(reason), declines: reason };
}

/**
 * One workspace folder: its KPI files (the open documents' text over the
 * disk's), its configuration, and the lint result of the whole, recomputed
 * only after something changed.
 */
export class Project {
  private readonly files = new Map<string, KpiFile>();
  private result?: LintResult;
  /** Every `source.file` the KPIs name, resolved; made when first asked for. */
  private sources?: Set<string>;
  private resultKey = '';
  /** How the last lint's goals and KPIs link up: the next lint takes it while the ids and links stay the same (most edits). */
  private earlierIndex?: LinkIndex;
  /**
   * Each file's own diagnostics, kept while its text and the settings stay
   * the same. Not those of a file that reads CSV files: it is linted each
   * time, as a CSV the editor does not watch (another extension, a folder
   * renamed) may have changed.
   */
  private ownCache = new WeakMap<KpiFile, readonly Diagnostic[]>();
  private readonly own = {
    get: (file: KpiFile) => this.ownCache.get(file),
    set: (file: KpiFile, diagnostics: readonly Diagnostic[]) => {
      if (!file.kpis.some((kpi) => sourceFiles(kpi, this.root).length > 0)) this.ownCache.set(file, diagnostics);
    },
  };
  config: Config = EMPTY_CONFIG;
  configProblems: string[] = [];
  /** The text kpi.config.yaml was last read with ('' for none), or undefined before the first reading. */
  private configText?: string;
  /** The scorecard kept between requests, in one language and under one configuration. */
  private scorecards?: { readonly locale: LocaleOrPseudo; readonly builder: ScorecardBuilder };

  /**
   * `opened`: the project of KPI files opened outside every workspace folder.
   * Each is linted as the CLI lints a file named on its command line, even
   * in a dot-folder or matched by the configuration's `ignore`.
   */
  constructor(
    readonly root: string,
    private readonly opened = false,
  ) {}

  contains(file: string): boolean {
    return isInside(this.root, file);
  }

  /**
   * Reads kpi.config.yaml at the root; its problems are kept for the user to
   * see (a reading error in `words`). Returns whether anything changed since the last reading.
   */
  loadConfig(words: Translator = translator('en')): boolean {
    const file = path.join(this.root, CONFIG_FILE_NAME);
    let text: string;
    let problems: string[];
    try {
      text = readTextFile(file);
      const read = readConfig(text, RULE_METAS);
      this.config = read.config;
      problems = read.messages.map((m) => words.text(m));
    } catch (error) {
      // None there is no problem; one that cannot be read (a FIFO, a folder, no permission) is said.
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : describeIoError(error, words.locale);
      text = reason === undefined ? '' : `\0${reason}`;
      this.config = EMPTY_CONFIG;
      problems = reason === undefined ? [] : [words.t('lsp.config-unreadable', { reason })];
    }
    const changed = text !== this.configText;
    this.configText = text;
    this.configProblems = problems;
    if (changed) this.invalidate();
    return changed;
  }

  /** Is this a KPI file of the project, not in a folder the search skips nor excluded by the configuration's `ignore`? */
  accepts(file: string): boolean {
    if (!KPI_FILE.test(file) || !this.contains(file)) return false;
    return this.opened || (!inSkippedFolder(this.root, file) && !ignoreMatcher(this.root, this.config.ignore)(file));
  }

  set(file: string, text: string): void {
    const known = this.files.get(file);
    if (known && known.text === text) return;
    // The known version lets an edit inside one KPI be read without parsing the whole file again.
    this.files.set(file, parseKpiFile(file, text, known));
    this.result = undefined;
    this.sources = undefined;
  }

  /** An open document's data kept for its next edit (core/parse.ts keepData): its first edit then re-reads one KPI. */
  keepData(file: string): void {
    const known = this.files.get(file);
    if (known) keepData(known);
  }

  delete(file: string): boolean {
    const had = this.files.delete(file);
    this.shownPaths.delete(file);
    if (had) this.result = undefined;
    this.sources = undefined;
    return had;
  }

  /** Whether a KPI of the project names `file` as its `source.file` (the path as written, before symlinks). */
  namesSource(file: string): boolean {
    this.sources ??= new Set([...this.files.values()].flatMap((f) => f.kpis.flatMap((kpi) => sourceFiles(kpi, this.root))));
    return this.sources.has(file);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  /** Forget the lint result, every file's own diagnostics and the scorecard kept: the configuration changed. */
  private invalidate(): void {
    this.result = undefined;
    this.ownCache = new WeakMap();
    this.scorecards = undefined;
  }

  private readonly shownPaths = new Map<string, string>();

  /** A file's path as the scorecard shows it: relative to the root, with `/`. Kept: every scorecard asks for every file's. */
  readonly shownPath = (file: string): string => {
    let shown = this.shownPaths.get(file);
    if (shown === undefined) this.shownPaths.set(file, (shown = path.relative(this.root, file).split(path.sep).join('/')));
    return shown;
  };

  /**
   * The scorecard builder of the project in `locale`: it keeps each file's
   * KPIs as shown until the file, the configuration or the language changes,
   * so that a scorecard after an edit computes the edited file only.
   */
  scorecardBuilder(locale: LocaleOrPseudo): ScorecardBuilder {
    if (this.scorecards?.locale !== locale) this.scorecards = { locale, builder: new ScorecardBuilder(this.shownPath, locale) };
    return this.scorecards.builder;
  }

  /** Forget the lint result: a CSV file changed (no file's own diagnostics kept depend on one). */
  sourceChanged(): void {
    this.result = undefined;
  }

  /** The lint result of the whole project as of `asOf`, its messages in `locale`. */
  lint(asOf: Day, readCsv: boolean, locale: LocaleOrPseudo = 'en'): LintResult {
    // Each file's own diagnostics are kept per language too: a new locale lints again.
    const key = `${asOf}|${readCsv}|${locale}`;
    if (!this.result || this.resultKey !== key) {
      if (this.resultKey !== key) this.ownCache = new WeakMap();
      this.result = lintWorkspace([...this.files.values()], {
        root: this.root,
        asOf,
        config: this.config,
        reader: readCsv ? nodeFileReader : noFiles(translator(locale)),
        own: this.own,
        locale,
        earlierIndex: this.earlierIndex,
      });
      this.resultKey = key;
      this.earlierIndex = this.result.workspace.index;
    }
    return this.result;
  }

  /** The lint result of one file, when the project has it. */
  fileResult(file: string, asOf: Day, readCsv: boolean, locale: LocaleOrPseudo = 'en'): FileResult | undefined {
    return this.lint(asOf, readCsv, locale).files.find((f) => f.file.path === file);
  }
}
