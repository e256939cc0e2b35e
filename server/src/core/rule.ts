import type { Anchor } from './locate';
import type { DataPath, KpiFile, Severity, Span } from './types';
import type { Workspace } from './workspace';

export type RuleGroup = 'format' | 'linked' | 'measurable' | 'relevant' | 'realistic' | 'scorecard' | 'data';

/** Where every rule's page lives; diagnostics link to `${DOCS_BASE}<id>.md`. */
export const DOCS_BASE = 'https://github.com/kpi-as-code/kpi-as-code/blob/main/docs/rules/';

export interface RuleOption {
  readonly default: number;
  readonly description: string;
}

export interface RuleMeta {
  readonly id: string;
  readonly group: RuleGroup;
  readonly severity: Severity;
  /** One sentence: what the rule checks. */
  readonly description: string;
  /** Numeric options set in `kpi.config.yaml`, with their defaults. */
  readonly options?: Readonly<Record<string, RuleOption>>;
}

/** Data a finding carries for quick fixes (e.g. the closest goal id). */
export type FindingData = Readonly<Record<string, string>>;

/** Where a finding lands: a property of a file's data, or a span already known. */
export type Place = { readonly path: DataPath; readonly anchor?: Anchor } | { readonly span: Span };

export interface Finding {
  readonly file: KpiFile;
  readonly at: Place;
  readonly message: string;
  readonly data?: FindingData;
}

export interface RuleContext {
  readonly workspace: Workspace;
  /** The rule's options: the configured values over the defaults. */
  readonly options: Readonly<Record<string, number>>;
  report(finding: Finding): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
