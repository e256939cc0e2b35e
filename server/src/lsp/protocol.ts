import { RequestType } from 'vscode-languageserver-protocol';
import type { ScorecardDiff } from '../core/diff';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import type { Scorecard } from '../core/scorecard';
import type { KpiStatusWord } from '../core/status';

/**
 * Requests between the KPI client and server beyond LSP, typed once here and
 * imported by both sides.
 */
export interface ScorecardParams {
  /** A document of the workspace whose scorecard is wanted. */
  readonly uri: string;
  /**
   * Compare with the last commit too (SPEC §7): the server reads `HEAD`
   * with git. The client asks only in a trusted workspace.
   */
  readonly compare?: boolean;
}

/** "Compare with last commit": the changes, or why there are none (no repository, no commit, git missing), in the result's language. */
export type ComparisonResult = { readonly diff: ScorecardDiff } | { readonly problem: string };

export interface ScorecardResult {
  readonly scorecard: Scorecard;
  /** The workspace folder the scorecard covers. */
  readonly root: string;
  /** Maps each `file` of the scorecard to the document URI, for click-to-source. */
  readonly uris: Readonly<Record<string, string>>;
  /** Lint totals of that workspace, for the status bar. */
  readonly errors: number;
  readonly warnings: number;
  /** False when CSV sources were not read (an untrusted workspace). */
  readonly csvRead: boolean;
  /** The language the server chose for this workspace (SPEC §9): the preview renders the scorecard in it. */
  readonly locale: LocaleOrPseudo;
  /** Present when `compare` was asked for. */
  readonly comparison?: ComparisonResult;
}

export const ScorecardRequest = {
  method: 'kpi/scorecard',
  type: new RequestType<ScorecardParams, ScorecardResult | null, void>('kpi/scorecard'),
} as const;

/** The status counts of a document's workspace: what the status bar shows, without the whole scorecard. */
export interface StatusCountsResult {
  /** KPIs by status (`off-track`, `invalid`, …), one per KPI id, as the scorecard counts them. */
  readonly counts: Readonly<Partial<Record<KpiStatusWord, number>>>;
}

export const StatusCountsRequest = {
  method: 'kpi/statusCounts',
  type: new RequestType<ScorecardParams, StatusCountsResult | null, void>('kpi/statusCounts'),
} as const;

/** The command the server runs to open a rule's documentation. */
export const SHOW_RULE_DOCS_COMMAND = 'kpi.showRuleDocumentation';
