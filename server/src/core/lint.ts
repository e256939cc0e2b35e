import type { Config } from './config';
import type { Day } from './dates';
import type { FileReader } from './host';
import { LineIndex } from './lines';
import { readableMessage, wholeCharacters } from './readable';
import { RULES } from './rules';
import { type MessageData, type MessageKey, type Translator, translator } from './l10n/catalogue';
import type { LocaleOrPseudo } from './l10n/locale';
import type { Finding, FindingData, FindingMessage, Rule } from './rule';
import { SourceReader } from './sources';
import type { StatusOptions } from './status';
import { Suppressions } from './suppressions';
import type { KpiFile, LinkedFile, Severity, Span } from './types';
import { Links, Workspace, type LinkIndex } from './workspace';

export interface Diagnostic {
  /** The rule id. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly data?: FindingData;
}

/** A file's diagnostics, in position order. */
export interface FileDiagnostics {
  readonly file: LinkedFile;
  /** The file's line index (made on first use: most files have no diagnostics). */
  readonly lines: LineIndex;
  readonly diagnostics: readonly Diagnostic[];
}

/** A diagnostic as `kpi lint --format json` prints it (SPEC §6): 1-based lines and columns. */
export interface ReportedDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * One of a file's diagnostics with 1-based lines and columns, as every
 * printed form has it (`kpi lint`, `kpi diff`): positions are made here only.
 */
export function reportedDiagnostic(result: FileDiagnostics, diagnostic: Diagnostic): ReportedDiagnostic {
  const start = result.lines.position(diagnostic.span.start);
  const end = result.lines.position(diagnostic.span.end);
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

export interface FileResult extends FileDiagnostics {
  readonly file: KpiFile;
}

class Result<F extends LinkedFile> {
  private index?: LineIndex;

  constructor(
    readonly file: F,
    readonly diagnostics: readonly Diagnostic[],
  ) {}

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.file.text));
  }
}

/** A file's result from its diagnostics: those of its own (`lintFile`) with those across files (`lintLinks`). */
export function fileResult<F extends LinkedFile>(
  file: F,
  own: readonly Diagnostic[],
  across: readonly Diagnostic[] = [],
): FileDiagnostics & { readonly file: F } {
  return new Result(file, across.length === 0 ? own : [...own, ...across].sort(byPlace));
}

export interface LintOptions {
  /** The workspace root: CSV sources must stay inside it. */
  readonly root: string;
  readonly asOf: Day;
  readonly config: Config;
  readonly reader: FileReader;
  /** The language of the messages; default English. */
  readonly locale?: LocaleOrPseudo;
  /** Only these rules (tests); default: the whole catalog. */
  readonly rules?: readonly Rule[];
  /**
   * Each file's own diagnostics (`lintFile`) from earlier runs, kept by the
   * caller and offered here: the caller keeps what stays valid (the
   * language server, while the settings and the CSV files stay the same).
   */
  readonly own?: { get(file: KpiFile): readonly Diagnostic[] | undefined; set(file: KpiFile, diagnostics: readonly Diagnostic[]): void };
  /** How the goals and KPIs of the caller's last lint of the same project link up, taken while it still fits (the language server, after an edit). */
  readonly earlierIndex?: LinkIndex;
}

export interface LintResult {
  readonly workspace: Workspace;
  /** One entry per file, in path order. */
  readonly files: readonly FileResult[];
}

interface Settled {
  readonly severity: Severity | 'off';
  readonly options: Readonly<Record<string, number>>;
}

/**
 * What a configuration makes of each rule, and what the status needs of
 * it, worked out once per configuration (a configuration never changes):
 * `kpi lint` lints each file on its own, 1,000 files with one.
 */
const settledBy = new WeakMap<Config, { readonly rules: Map<Rule, Settled>; status?: StatusOptions }>();

function settledFor(config: Config): { readonly rules: Map<Rule, Settled>; status?: StatusOptions } {
  let settled = settledBy.get(config);
  if (settled === undefined) {
    settled = { rules: new Map() };
    settledBy.set(config, settled);
  }
  return settled;
}

function settle(rule: Rule, config: Config): Settled {
  const { rules } = settledFor(config);
  let settled = rules.get(rule);
  if (settled === undefined) {
    const setting = config.rules.get(rule.meta.id);
    const options: Record<string, number> = {};
    for (const [name, option] of Object.entries(rule.meta.options ?? {})) options[name] = setting?.options[name] ?? option.default;
    settled = { severity: setting?.severity ?? rule.meta.severity, options };
    rules.set(rule, settled);
  }
  return settled;
}

/** What the status needs of the configuration: its bands, and which rules report errors. */
export function statusOptions(config: Config): StatusOptions {
  const settled = settledFor(config);
  if (settled.status === undefined) {
    const errors = new Set(RULES.filter((rule) => settle(rule, config).severity === 'error').map((rule) => rule.meta.id));
    settled.status = { settings: config.status, isError: (id) => errors.has(id), fiscalYearStart: config.fiscalYearStart };
  }
  return settled.status;
}

function spanOf(finding: Finding): Span {
  const { at, file } = finding;
  return 'span' in at ? at.span : file.locate(at.path, at.anchor);
}

function byPlace(a: Diagnostic, b: Diagnostic): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Plain data: only texts and numbers, no part in words of its own. */
type PlainData = Readonly<Record<string, string | number>>;

/** Data with no part in words of its own: only texts and numbers. */
function plainData(data: MessageData | undefined): data is PlainData | undefined {
  for (const name in data) if (typeof data[name] === 'object') return false;
  return true;
}

/** Whether two plain data say the same: the same names, each with the same value (NaN as NaN, -0 apart from 0). */
function sameData(a: PlainData | undefined, b: PlainData | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  for (const name in a) if (!(name in b) || !Object.is(a[name], b[name])) return false;
  for (const name in b) if (!(name in a)) return false;
  return true;
}

/** A message said, with a copy of the data it was said with (a rule may change its own object after). */
interface Said {
  readonly data: PlainData | undefined;
  readonly text: string;
}

/** How many messages are kept for each of a rule's messages: a KPI's findings say a few in turn (two future dates, two months). */
const SAID_KEPT = 8;

/**
 * The messages one rule said last in one language, for each of its
 * messages (`messageId`, or the catalogue key of a `message`): many
 * findings say the same (a measurement after the as-of date says its
 * date), and putting one in words costs more than finding it. Found again
 * by comparing the data with the few kept, not by a key made of it: a
 * message said once (a KPI's id) then costs next to nothing.
 */
class RecentlySaid {
  /** By `messageId`, and by the catalogue key of a `message`. */
  private readonly byId = new Map<string, Said[]>();
  private readonly byKey = new Map<string, Said[]>();

  /** The finding's message in words (`say`, made readable), said again if it was said with the same data. */
  text(finding: FindingMessage, data: PlainData | undefined, say: (finding: FindingMessage) => string): string {
    const said = 'message' in finding ? this.byKey : this.byId;
    const id = 'message' in finding ? finding.message.key : finding.messageId;
    let kept = said.get(id);
    if (kept === undefined) said.set(id, (kept = []));
    for (let i = kept.length - 1; i >= 0; i--) if (sameData(kept[i].data, data)) return kept[i].text;
    const text = readableMessage(say(finding));
    if (kept.length === SAID_KEPT) kept.shift();
    kept.push({ data: data === undefined ? undefined : { ...data }, text });
    return text;
  }
}

/** The messages said last, of each language and rule, kept across runs (kpi lint lints each file in a run of its own). */
const recentBy = new Map<LocaleOrPseudo, Map<string, RecentlySaid>>();

function recentOf(locale: LocaleOrPseudo, code: string): RecentlySaid {
  let byRule = recentBy.get(locale);
  if (byRule === undefined) recentBy.set(locale, (byRule = new Map<string, RecentlySaid>()));
  let recent = byRule.get(code);
  if (recent === undefined) byRule.set(code, (recent = new RecentlySaid()));
  return recent;
}

/**
 * A finding's message in words, as readableMessage makes it, the same one
 * for the same rule, message and data. A message with a part in words (a
 * pace, a place, a list) tells figures of its own KPI and is seldom said
 * twice (10,000 unrealistic targets, 10,000 messages): it is said without
 * the memo.
 */
function said(recent: RecentlySaid, finding: FindingMessage, say: (finding: FindingMessage) => string): string {
  const data = 'message' in finding ? finding.message.data : finding.messageData;
  if (!plainData(data)) return readableMessage(say(finding));
  return recent.text(finding, data, say);
}

/**
 * Runs the enabled rules of one scope: `check` is given each rule with its
 * options and a `report` that places the finding on its node. Returns each
 * file's diagnostics, without what `# kpi-disable` comments silence, in
 * position order.
 */
function run<S extends Rule['scope']>(
  scope: S,
  options: LintOptions,
  check: (rule: Extract<Rule, { scope: S }>, ruleOptions: Readonly<Record<string, number>>, report: (finding: Finding) => void, translator: Translator) => void,
): Map<LinkedFile, Diagnostic[]> {
  const found = new Map<LinkedFile, Diagnostic[]>();
  const words = translator(options.locale ?? 'en');
  for (const rule of options.rules ?? RULES) {
    if (rule.scope !== scope) continue;
    const { severity, options: ruleOptions } = settle(rule, options.config);
    if (severity === 'off') continue;
    const code = rule.meta.id;
    const recent = recentOf(words.locale, code);
    const say = (finding: FindingMessage) =>
      'message' in finding ? words.text(finding.message) : words.t(`rules.${code}.${finding.messageId}` as MessageKey, finding.messageData);
    const report = (finding: Finding) => {
      // A file whose YAML does not parse shows only its syntax errors.
      if (finding.file.syntaxErrors.length > 0 && code !== 'yaml-syntax') return;
      const diagnostic = {
        code,
        severity,
        message: said(recent, finding, say),
        span: wholeCharacters(finding.file.text, spanOf(finding)),
        data: finding.data,
      };
      const list = found.get(finding.file);
      if (list) list.push(diagnostic);
      else found.set(finding.file, [diagnostic]);
    };
    check(rule as Extract<Rule, { scope: S }>, ruleOptions, report, words);
  }
  for (const [file, raw] of found) {
    const suppressions = new Suppressions(file.text);
    let lines: LineIndex | undefined;
    found.set(file, raw.filter((d) => !suppressions.silenced(d.code, d.span.start, () => (lines ??= new LineIndex(file.text)))).sort(byPlace));
  }
  return found;
}

/**
 * The diagnostics of the rules with `scope: 'file'` for one file, checked on
 * a workspace of that file alone: they depend on nothing but the file, the
 * CSV files it names, and the options. `sources` lets the files of one run
 * share their CSV reads.
 */
export function lintFile(
  file: KpiFile,
  options: LintOptions,
  sources = new SourceReader(options.root, options.reader, options.config.connections),
): readonly Diagnostic[] {
  const workspace = new Workspace([file], options.root, options.asOf, sources, statusOptions(options.config), options.config.title);
  return run('file', options, (rule, ruleOptions, report, translator) => rule.check({ workspace, options: ruleOptions, report, translator })).get(file) ?? [];
}

/** The diagnostics of the rules with `scope: 'workspace'`, for each file that has any. */
export function lintLinks(links: Links, options: LintOptions): ReadonlyMap<LinkedFile, readonly Diagnostic[]> {
  return run('workspace', options, (rule, ruleOptions, report, translator) => rule.check({ links, options: ruleOptions, report, translator }));
}

/**
 * Lints a workspace: each file's own rules, then the rules across files,
 * each finding placed on its node, without what `# kpi-disable` comments
 * silence; each file's diagnostics in position order.
 */
export function lintWorkspace(files: readonly KpiFile[], options: LintOptions): LintResult {
  const sources = new SourceReader(options.root, options.reader, options.config.connections);
  const workspace = new Workspace(files, options.root, options.asOf, sources, statusOptions(options.config), options.config.title, options.earlierIndex);
  const across = lintLinks(workspace, options);
  const ownOf = (file: KpiFile) => {
    let own = options.own?.get(file);
    if (!own) {
      own = lintFile(file, options, sources);
      options.own?.set(file, own);
    }
    return own;
  };
  return { workspace, files: workspace.files.map((file) => fileResult(file, ownOf(file), across.get(file))) };
}
