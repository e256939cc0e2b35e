/**
 * SPEC §7: what a change to the KPI files does to the scorecard. A pure
 * function of the two sides, each linted and scored at the same as-of date;
 * `kpi diff`, the editor's "Compare with last commit" and the tests all call
 * `diffScorecards`. The words are the views' business (report/diff-words.ts).
 */
import type { Scorecard } from './scorecard';
import type { GoalStatusWord, KpiStatusWord } from './status';

/** One side of the comparison as the diff reads it: its scorecard, its KPIs' metadata, its problems and its files that did not parse. */
export interface DiffSide {
  /** `kpi status --format json` of the side (file paths relative to the workspace root). */
  readonly scorecard: Scorecard;
  /** What the scorecard leaves out but a reviewer wants to see change, by KPI id: description, rationale, tags. */
  readonly metadata: ReadonlyMap<string, KpiMetadata>;
  /** Every lint problem of the side (file relative to the workspace root). */
  readonly problems: readonly DiffProblem[];
  /** KPI files that did not parse (a yaml-syntax error) or could not be read, with the first message. */
  readonly unparsed: readonly { readonly file: string; readonly message: string }[];
}

export interface KpiMetadata {
  readonly description: string | null;
  readonly rationale: string | null;
  readonly tags: readonly string[];
}

/** A lint problem, as `kpi lint --format json` gives it. */
export interface DiffProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
}

/** Whether a change is good for the business, by the KPI's direction. */
export type DiffVerdict = 'better' | 'worse' | 'same';

/** How a figure that judges the KPI moved: a target, baseline, threshold or plan entry made easier or harder to meet. */
export type Strictness = 'loosened' | 'tightened';

/** The groups of SPEC §7 a field belongs to. */
export type FieldGroup = 'target' | 'baseline' | 'thresholds' | 'plan' | 'definition' | 'metadata';

/** One field of a KPI or goal that differs: `from` and `to` as JSON values (null when absent on that side). */
export interface FieldChange {
  /** `target.value`, `target.date`, `baseline.value`, `thresholds.atRisk`, `plan.2026-06`, `direction`, `unit`, `goals`, `name`, … */
  readonly field: string;
  readonly group: FieldGroup;
  readonly from: unknown;
  readonly to: unknown;
  /**
   * `loosened`/`tightened` for the value of a target, baseline, threshold or
   * plan entry (by the KPI's direction in the head); `later`/`earlier` for a
   * target date; null for the rest.
   */
  readonly verdict: Strictness | 'later' | 'earlier' | null;
}

/** Measurements added, and past ones edited or removed (history rewritten). */
export interface DataChange {
  readonly added: readonly { readonly date: string; readonly value: number }[];
  readonly edited: readonly { readonly date: string; readonly from: number; readonly to: number }[];
  readonly removed: readonly { readonly date: string; readonly value: number }[];
  /** A measurement the base had was edited or removed. */
  readonly historyRewritten: boolean;
}

export interface KpiDiff {
  readonly id: string;
  /** The head's name, or the base's when removed. */
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The head's unit, or the base's when removed: the views write the figures with it. */
  readonly unit: string | null;
  /** Where to look: the head's file and line, or the base's when removed. */
  readonly file: string;
  readonly line: number;
  /** Null on the side where the KPI does not exist. */
  readonly status: {
    readonly from: KpiStatusWord | null;
    readonly to: KpiStatusWord | null;
    readonly fromReason: string | null;
    readonly toReason: string | null;
    /** `better`/`worse` when both sides have a status and it moved up or down the order achieved > on-track > at-risk > off-track > invalid/no-data/no-target; else `same`. */
    readonly verdict: DiffVerdict;
  };
  readonly fields: readonly FieldChange[];
  /** Null when the measurements are the same on both sides (or the KPI exists on one side only). */
  readonly data: DataChange | null;
}

export interface GoalDiff {
  readonly id: string;
  readonly title: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly file: string;
  readonly line: number;
  readonly status: { readonly from: GoalStatusWord | null; readonly to: GoalStatusWord | null; readonly verdict: DiffVerdict };
  /** title, parent, owner, due (all `group: 'metadata'` but `parent`, which is `definition`). */
  readonly fields: readonly FieldChange[];
}

export interface DiffSummary {
  readonly kpis: { readonly added: number; readonly removed: number; readonly changed: number; readonly unchanged: number };
  readonly goals: { readonly added: number; readonly removed: number; readonly changed: number };
  /** KPIs whose status got worse or better (both sides present). */
  readonly worse: number;
  readonly better: number;
  readonly loosened: number;
  readonly tightened: number;
  readonly historyRewritten: number;
  readonly problems: { readonly newErrors: number; readonly newWarnings: number; readonly new: number; readonly fixed: number };
  readonly unparsed: number;
}

/** The JSON of `kpi diff --format json` (SPEC §7), `version: 1`. */
export interface ScorecardDiff {
  readonly version: 1;
  readonly base: { readonly rev: string; readonly commit: string };
  /** `commit: null` for the working tree (or the editor's unsaved text). */
  readonly head: { readonly rev: string; readonly commit: string | null };
  readonly asOf: string;
  readonly summary: DiffSummary;
  /** Only the goals and KPIs that changed, in the head's order (removed ones after, in the base's order). */
  readonly goals: readonly GoalDiff[];
  readonly kpis: readonly KpiDiff[];
  /** New in the head and fixed since the base, matched by file, code and message (not line: lines move). */
  readonly problems: { readonly new: readonly DiffProblem[]; readonly fixed: readonly DiffProblem[] };
  /** Files that did not parse on either side. */
  readonly unparsed: readonly { readonly side: 'base' | 'head'; readonly file: string; readonly message: string }[];
}
