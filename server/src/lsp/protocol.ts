import { ProgressType, RequestType, type Disposable, type NotificationHandler, type ProgressToken } from 'vscode-languageserver-protocol';
import type { ScorecardDiff } from '../core/diff';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import type { Scorecard, ScorecardGoal, ScorecardKpi } from '../core/scorecard';
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

/** A scorecard request from a client that keeps the last answer: what changed since that answer will do. */
export interface ScorecardSinceParams extends ScorecardParams {
  /**
   * The `revision` of the last answer the client holds. The server answers
   * with a patch to it when it still knows that revision, else whole.
   */
  readonly since?: string;
  /**
   * Given by a client that takes a large whole answer in parts (LSP partial
   * results, `$/progress`): askScorecard gives one and puts the parts together.
   */
  readonly partialResultToken?: ProgressToken;
}

/** "Compare with last commit": the changes, or why there are none (no repository, no commit, git missing), in the result's language. */
export type ComparisonResult = { readonly diff: ScorecardDiff } | { readonly problem: string };

export interface ScorecardResult {
  /**
   * Names this answer, for a later request's `since`; unique to one run of
   * the server. The server always sets it; a model made elsewhere (a test,
   * a page's fixture) needs none.
   */
  readonly revision?: string;
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

/**
 * A list as it changed: its new length, and the items that are new at their
 * index (appended ones included). An item moved is new at its new index.
 */
export interface ListPatch<T> {
  readonly length: number;
  readonly changed: readonly { readonly index: number; readonly item: T }[];
}

/** The fields of a scorecard answer besides the scorecard, those a patch may replace. */
type ResultFields = Omit<ScorecardResult, 'revision' | 'scorecard' | 'comparison'>;

/** The scorecard answer at `revision`, given as what changed since the answer at `since`. */
export interface ScorecardPatchResult {
  readonly revision: string;
  readonly since: string;
  /** The fields whose value changed (`uris` whole when any of it did). */
  readonly fields: Partial<ResultFields>;
  readonly title?: string;
  readonly asOf?: string;
  readonly goals: ListPatch<ScorecardGoal>;
  readonly kpis: ListPatch<ScorecardKpi>;
}

/** An answer as the server sends it: with its revision. */
export type RevisedResult = ScorecardResult & { readonly revision: string };

/** What a request with `since` gets: the whole answer, or a patch to the one named. */
export type ScorecardAnswer = ScorecardResult | ScorecardPatchResult;

/**
 * A part of a whole answer sent in parts: first the answer with its first
 * KPIs, then each following run of KPIs, in order.
 */
export type ScorecardPart = { readonly answer: ScorecardResult } | { readonly kpis: readonly ScorecardKpi[] };

/** The answer to a request whose whole answer was sent in parts: how many. */
export interface ScorecardInParts {
  readonly parts: number;
}

export const ScorecardRequest = {
  method: 'kpi/scorecard',
  /** Without `since`: always the whole answer. */
  type: new RequestType<ScorecardParams, ScorecardResult | null, void>('kpi/scorecard'),
  /** With `since`: a patch when the server still holds that revision; applyScorecardPatch makes it whole. */
  sinceType: new RequestType<ScorecardSinceParams, ScorecardAnswer | null, void>('kpi/scorecard'),
  /** With a `partialResultToken`: a large whole answer comes in parts (see askScorecard). */
  partsType: new RequestType<ScorecardSinceParams, ScorecardAnswer | ScorecardInParts | null, void>('kpi/scorecard'),
  /** The parts, as `$/progress` values for the request's `partialResultToken`. */
  partType: new ProgressType<ScorecardPart>(),
} as const;

/**
 * KPIs in one part of a whole answer sent in parts, about 1.5 MB of JSON.
 * Sent as one message, the scorecard of 10,000 KPIs is 14 MB of JSON that
 * the server holds twice (as text, then as bytes) while it is written.
 */
export const SCORECARD_PART_KPIS = 1_000;

/** A language client or a protocol connection: what askScorecard needs of it. */
export interface ScorecardAsker {
  sendRequest(type: typeof ScorecardRequest.partsType, params: ScorecardSinceParams): Promise<ScorecardAnswer | ScorecardInParts | null>;
  onProgress(type: typeof ScorecardRequest.partType, token: string | number, handler: NotificationHandler<ScorecardPart>): Disposable;
}

let asked = 0;

/**
 * Asks for the scorecard as the preview does: with `since`, what changed
 * since that answer will do; a large whole answer is taken in parts and put
 * together. Gives what a request without parts gives: the whole answer or a
 * patch (null without a workspace). A server that sends no parts is fine.
 */
export async function askScorecard(asker: ScorecardAsker, params: ScorecardSinceParams): Promise<ScorecardAnswer | null> {
  const token = `kpi-scorecard-${++asked}`;
  const parts: ScorecardPart[] = [];
  const listening = asker.onProgress(ScorecardRequest.partType, token, (part) => {
    parts.push(part);
  });
  try {
    const answer = await asker.sendRequest(ScorecardRequest.partsType, { ...params, partialResultToken: token });
    return answer !== null && 'parts' in answer ? wholeFromParts(parts, answer.parts) : answer;
  } finally {
    listening.dispose();
  }
}

/** The whole scorecard, as askScorecard asks for it (a large one in parts). */
export async function askWholeScorecard(asker: ScorecardAsker, params: ScorecardParams): Promise<ScorecardResult | null> {
  const answer = await askScorecard(asker, params);
  return answer !== null && 'scorecard' in answer ? answer : null;
}

/** The whole answer from its parts, in the order sent; an error when one is missing or out of place (never a scorecard with KPIs left out). */
export function wholeFromParts(parts: readonly ScorecardPart[], count: number): ScorecardResult {
  const [first, ...rest] = parts;
  if (parts.length !== count) throw new Error(`a scorecard in ${count} parts came in ${parts.length}`);
  if (first === undefined || !('answer' in first)) throw new Error('a scorecard part out of place');
  const kpis = [...first.answer.scorecard.kpis];
  for (const part of rest) {
    if (!('kpis' in part)) throw new Error('a scorecard part out of place');
    for (const kpi of part.kpis) kpis.push(kpi);
  }
  return { ...first.answer, scorecard: { ...first.answer.scorecard, kpis } };
}

/** A whole answer in parts of SCORECARD_PART_KPIS KPIs, for wholeFromParts. */
export function scorecardParts(answer: ScorecardResult): ScorecardPart[] {
  const { kpis } = answer.scorecard;
  const parts: ScorecardPart[] = [{ answer: { ...answer, scorecard: { ...answer.scorecard, kpis: kpis.slice(0, SCORECARD_PART_KPIS) } } }];
  for (let from = SCORECARD_PART_KPIS; from < kpis.length; from += SCORECARD_PART_KPIS) parts.push({ kpis: kpis.slice(from, from + SCORECARD_PART_KPIS) });
  return parts;
}

/** Items are the same when they read the same on the wire; kept ones are the same object, which is quickest to see. */
function sameItem(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function listPatch<T>(previous: readonly T[], next: readonly T[]): ListPatch<T> {
  const changed: { index: number; item: T }[] = [];
  next.forEach((item, index) => {
    if (index >= previous.length || !sameItem(previous[index], item)) changed.push({ index, item });
  });
  return { length: next.length, changed };
}

const RESULT_FIELDS = ['root', 'uris', 'errors', 'warnings', 'csvRead', 'locale'] as const satisfies readonly (keyof ResultFields)[];

/**
 * What changed from one answer to the next, for the server. Neither may
 * carry a comparison with the last commit: that answer is always sent whole.
 */
export function scorecardPatch(previous: RevisedResult, next: RevisedResult): ScorecardPatchResult {
  const fields: Partial<Record<keyof ResultFields, unknown>> = {};
  for (const field of RESULT_FIELDS) if (!sameItem(previous[field], next[field])) fields[field] = next[field];
  const [before, after] = [previous.scorecard, next.scorecard];
  return {
    revision: next.revision,
    since: previous.revision,
    fields: fields as Partial<ResultFields>,
    ...(before.title === after.title ? {} : { title: after.title }),
    ...(before.asOf === after.asOf ? {} : { asOf: after.asOf }),
    goals: listPatch(before.goals, after.goals),
    kpis: listPatch(before.kpis, after.kpis),
  };
}

function patched<T>(list: readonly T[], patch: ListPatch<T>): T[] {
  const result = list.slice(0, patch.length);
  for (const { index, item } of patch.changed) result[index] = item;
  return result;
}

/**
 * The whole answer from the one a client holds and the server's answer to
 * a request with `since`: a whole answer as it is, a patch applied. Undefined
 * when the patch is to another revision than the one held (ask again
 * without `since`).
 */
export function applyScorecardPatch(previous: ScorecardResult | undefined, answer: ScorecardAnswer): ScorecardResult | undefined {
  if ('scorecard' in answer) return answer;
  if (previous === undefined || previous.revision !== answer.since) return undefined;
  // A patch is never to an answer with a comparison (the server sends those whole), so there is none to drop.
  return {
    ...previous,
    ...answer.fields,
    revision: answer.revision,
    scorecard: {
      title: answer.title ?? previous.scorecard.title,
      asOf: answer.asOf ?? previous.scorecard.asOf,
      goals: patched(previous.scorecard.goals, answer.goals),
      kpis: patched(previous.scorecard.kpis, answer.kpis),
    },
  };
}

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
