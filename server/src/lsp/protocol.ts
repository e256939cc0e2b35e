import { RequestType } from 'vscode-languageserver-protocol';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import type { Scorecard } from '../core/scorecard';

/**
 * Requests between the KPI client and server beyond LSP, typed once here and
 * imported by both sides.
 */
export interface ScorecardParams {
  /** A document of the workspace whose scorecard is wanted. */
  readonly uri: string;
}

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
}

export const ScorecardRequest = {
  method: 'kpi/scorecard',
  type: new RequestType<ScorecardParams, ScorecardResult | null, void>('kpi/scorecard'),
} as const;

/** The command the server runs to open a rule's documentation. */
export const SHOW_RULE_DOCS_COMMAND = 'kpi.showRuleDocumentation';
