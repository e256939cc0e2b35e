import type { Message, MessageData, MessageKey, Translator } from './l10n/catalogue';
import type { LocaleOrPseudo } from './l10n/locale';
import type { Anchor } from './locate';
import type { DataPath, LinkedFile, Severity, Span } from './types';
import type { Links, Workspace } from './workspace';

export type RuleGroup = 'format' | 'linked' | 'measurable' | 'relevant' | 'realistic' | 'scorecard' | 'data';

/** Where the docs live: a rule's page is `rules/<id>.md`, in Swedish `sv/rules/<id>.md`. */
export const DOCS_BASE = 'https://github.com/kpi-as-code/kpi-as-code/blob/main/docs/';

export interface RuleOption {
  readonly default: number;
  readonly description: string;
}

export interface RuleMeta {
  readonly id: string;
  readonly group: RuleGroup;
  readonly severity: Severity;
  /** Numeric options set in `kpi.config.yaml`, with their defaults. */
  readonly options?: Readonly<Record<string, RuleOption>>;
  /**
   * The ids of the rule's messages (ESLint's `meta.messages`): a finding names
   * one as `messageId`, and its text is the catalogue's
   * `rules.<rule id>.<message id>` in the user's language, filled with the
   * finding's `messageData`. What the rule checks, in one sentence, is the
   * catalogue's `rules.<rule id>.description` (see `ruleDescription`).
   */
  readonly messages?: readonly string[];
}

/** Data a finding carries for quick fixes (e.g. the closest goal id). */
export type FindingData = Readonly<Record<string, string>>;

/** Where a finding lands: a property of a file's data, or a span already known. */
export type Place = { readonly path: DataPath; readonly anchor?: Anchor } | { readonly span: Span };

/** What a finding says: one of its rule's own messages, or a message of the catalogue (the schema's problems). */
export type FindingMessage = { readonly messageId: string; readonly messageData?: MessageData } | { readonly message: Message };

export type Finding = {
  readonly file: LinkedFile;
  readonly at: Place;
  readonly data?: FindingData;
} & FindingMessage;

interface Context {
  /** The rule's options: the configured values over the defaults. */
  readonly options: Readonly<Record<string, number>>;
  readonly report: (finding: Finding) => void;
  /** Texts in the user's language, for the parts of a message (a list, a reason). */
  readonly translator: Translator;
}

/**
 * What a file rule may use of the workspace of its one file: the file, its
 * goals and KPIs, their CSV sources and statuses. The lookups by id across
 * files are left out: a file rule that needs them is a workspace rule.
 */
export type FileWorkspace = Pick<Workspace, 'files' | 'goals' | 'kpis' | 'root' | 'asOf' | 'source' | 'measurements' | 'status'>;

export interface FileContext extends Context {
  readonly workspace: FileWorkspace;
}

export interface LinksContext extends Context {
  /** Every file's goals and KPIs and how they link, nothing more. */
  readonly links: Links;
}

/**
 * A rule is checked one of two ways, so that a file's findings can be kept
 * while it does not change:
 * - `scope: 'file'`: once per file, on a workspace of that file alone (its
 *   CSV sources included). Its findings depend on that file only.
 * - `scope: 'workspace'`: once, over the links of every file (`Links`:
 *   ids, `goals`, `parent`, status and due date), which is all it may read.
 * A file rule cannot look goals or KPIs up by id, and a rule that needs
 * other files but is given `scope: 'file'` sees its own file only: its tests
 * across files fail.
 */
export type Rule =
  | { readonly scope: 'file'; readonly meta: RuleMeta; check(context: FileContext): void }
  | { readonly scope: 'workspace'; readonly meta: RuleMeta; check(context: LinksContext): void };

export function docsUrl(ruleId: string, locale: LocaleOrPseudo = 'en'): string {
  return `${DOCS_BASE}${locale === 'sv' ? 'sv/' : ''}rules/${ruleId}.md`;
}

/** What a rule checks, in one sentence in the translator's language: the catalogue's `rules.<id>.description`. */
export function ruleDescription(ruleId: string, words: Translator): string {
  return words.t(`rules.${ruleId}.description` as MessageKey);
}
