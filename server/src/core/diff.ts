/**
 * SPEC §7: what a change to the KPI files does to the scorecard. A pure
 * function of the two sides, each linted and scored at the same as-of date;
 * `kpi diff`, the editor's "Compare with last commit" and the tests all call
 * `diffScorecards`. The words are the views' business (report/diff-words.ts).
 */
import { parseDate } from './dates';
import { reportedDiagnostic, type LintResult, type ReportedDiagnostic } from './lint';
import type { Scorecard, ScorecardGoal, ScorecardKpi, ScorecardMeasurement, ScorecardPoint } from './scorecard';
import type { GoalStatusWord, KpiStatusWord } from './status';
import type { Direction } from './types';

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

/** A lint problem, as `kpi lint --format json` gives it (code, severity, message, line, column, endLine, endColumn), with its file. */
export interface DiffProblem extends ReportedDiagnostic {
  readonly file: string;
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

/**
 * Measurements added, and past ones edited or removed (history rewritten),
 * matched by their date as written; each list oldest first (the scorecard's
 * `history` order).
 */
export interface DataChange {
  readonly added: readonly { readonly date: string; readonly value: number }[];
  readonly edited: readonly { readonly date: string; readonly from: number; readonly to: number }[];
  readonly removed: readonly { readonly date: string; readonly value: number }[];
  /** Measurements on both sides whose note was written, changed or taken away (null: no note); the value may be the same. */
  readonly notes: readonly { readonly date: string; readonly from: string | null; readonly to: string | null }[];
  /** A measurement the base had was edited or removed (a note alone does not rewrite history). */
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
    /**
     * `better`/`worse` when both sides have a status and it moved up or down
     * the order achieved > on-track > at-risk > invalid > off-track > no-data
     * > no-target (`invalid` above `off-track` as in the goal roll-up, SPEC
     * §5.7 and §5.9); else `same`.
     */
    readonly verdict: DiffVerdict;
  };
  /** The fields that differ, by group: target, baseline, thresholds, plan, definition, metadata. Empty for a KPI added or removed. */
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
  /** `verdict` by the order achieved > on-track > at-risk > invalid > off-track > no-data > unmeasured (the KPIs' order; see KpiDiff). */
  readonly status: { readonly from: GoalStatusWord | null; readonly to: GoalStatusWord | null; readonly verdict: DiffVerdict };
  /**
   * title, parent, owner, due (all `group: 'metadata'` but `parent`, which is
   * `definition`) and `kpis`, the KPIs linking to it directly (`definition`;
   * compared as a set: their order is only that of the files). Empty for a
   * goal added or removed.
   */
  readonly fields: readonly FieldChange[];
}

export interface DiffSummary {
  readonly kpis: { readonly added: number; readonly removed: number; readonly changed: number; readonly unchanged: number };
  readonly goals: { readonly added: number; readonly removed: number; readonly changed: number };
  /** KPIs whose status got worse or better (both sides present). */
  readonly worse: number;
  readonly better: number;
  /** Figures (target, baseline, threshold or plan values) loosened and tightened, over all KPIs. */
  readonly loosened: number;
  readonly tightened: number;
  /** KPIs whose history was rewritten. */
  readonly historyRewritten: number;
  readonly problems: { readonly newErrors: number; readonly newWarnings: number; readonly new: number; readonly fixed: number };
  /** Entries of `unparsed` (a file broken on both sides counts twice). */
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
  /** New in the head and fixed since the base, matched by file, code, severity and message (not line: lines move). */
  readonly problems: { readonly new: readonly DiffProblem[]; readonly fixed: readonly DiffProblem[] };
  /** Files that did not parse on either side: the base's, then the head's, each in path order. */
  readonly unparsed: readonly { readonly side: 'base' | 'head'; readonly file: string; readonly message: string }[];
}

/** The revisions the two sides were read from, as `kpi diff` resolved them. */
export interface DiffSides {
  readonly base: ScorecardDiff['base'];
  readonly head: ScorecardDiff['head'];
}

/**
 * Statuses from best to worst. The goal roll-up (SPEC §5.7, §5.9) lists the
 * worst first, off-track, invalid, at-risk…: a goal with an off-track and an
 * invalid KPI is off-track, so `invalid` is less bad than `off-track`. The
 * diff ranks them the same way, so that a KPI and the goal it alone measures
 * always move the same way (never the KPI "better" and its goal "worse").
 * A KPI without a status (`no-data`, `no-target`) counts for nothing in the
 * roll-up; as a change, losing the status is worse than any status.
 */
const KPI_ORDER: readonly KpiStatusWord[] = ['achieved', 'on-track', 'at-risk', 'invalid', 'off-track', 'no-data', 'no-target'];
const GOAL_ORDER: readonly GoalStatusWord[] = ['achieved', 'on-track', 'at-risk', 'invalid', 'off-track', 'no-data', 'unmeasured'];

function verdictOf<W>(order: readonly W[], from: W | null, to: W | null): DiffVerdict {
  if (from === null || to === null) return 'same';
  const moved = order.indexOf(from) - order.indexOf(to);
  return moved > 0 ? 'better' : moved < 0 ? 'worse' : 'same';
}

/** Equal as JSON: a property set to undefined is one that is not there. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => same(item, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const defined = (o: Record<string, unknown>) => Object.keys(o).filter((key) => o[key] !== undefined);
  const keys = defined(x);
  return keys.length === defined(y).length && keys.every((key) => same(x[key], y[key]));
}

/** What a reader sees move on a KPI: its scorecard entry but its place and the words of its reason (localized, and following the status). */
function kpiDiffers(base: ScorecardKpi, head: ScorecardKpi, baseMetadata: KpiMetadata, headMetadata: KpiMetadata): boolean {
  const keys = new Set([...Object.keys(base), ...Object.keys(head)] as (keyof ScorecardKpi)[]);
  for (const key of ['file', 'line', 'reason'] as const) keys.delete(key);
  return [...keys].some((key) => !same(base[key], head[key])) || !same(baseMetadata, headMetadata);
}

const NO_METADATA: KpiMetadata = { description: null, rationale: null, tags: [] };

/**
 * Items of both sides matched by a key, as multisets: in the head's order,
 * then the base's left over in its order; a key that is there twice pairs
 * in order.
 */
function pairBy<T>(base: readonly T[], head: readonly T[], key: (item: T) => string): [T | undefined, T | undefined][] {
  const waiting = new Map<string, number[]>();
  base.forEach((item, index) => {
    const list = waiting.get(key(item));
    if (list) list.push(index);
    else waiting.set(key(item), [index]);
  });
  const taken = new Set<number>();
  const pairs: [T | undefined, T | undefined][] = head.map((item) => {
    const index = waiting.get(key(item))?.shift();
    if (index === undefined) return [undefined, item];
    taken.add(index);
    return [base[index], item];
  });
  base.forEach((item, index) => {
    if (!taken.has(index)) pairs.push([item, undefined]);
  });
  return pairs;
}

/** Plan entries and measurements are matched by their date as written. */
const byDate = (item: { readonly date: string }) => item.date;

/** Lower is easier to meet when higher is better, and the other way round. */
function strictness(from: number, to: number, direction: Direction): Strictness {
  return to < from === (direction === 'increase') ? 'loosened' : 'tightened';
}

/** A value that judges the KPI (target, baseline, threshold, plan entry); a value only on one side has no verdict. */
function figureChange(field: string, group: FieldGroup, from: number | undefined, to: number | undefined, direction: Direction): FieldChange[] {
  if (from === to) return [];
  const verdict = from === undefined || to === undefined ? null : strictness(from, to, direction);
  return [{ field, group, from: from ?? null, to: to ?? null, verdict }];
}

function plainChange(field: string, group: FieldGroup, from: unknown, to: unknown): FieldChange[] {
  return same(from, to) ? [] : [{ field, group, from: from ?? null, to: to ?? null, verdict: null }];
}

/** Target dates compare as the days they mean (a period: its last day), so `2026-12` and `2026-12-31` are neither later nor earlier. */
function targetDateChange(from: string | undefined, to: string | undefined): FieldChange[] {
  if (from === to) return [];
  const [before, after] = [parseDate(from), parseDate(to)];
  const verdict = before === undefined || after === undefined || before === after ? null : after > before ? 'later' : 'earlier';
  return [{ field: 'target.date', group: 'target', from: from ?? null, to: to ?? null, verdict }];
}

function planChanges(base: readonly ScorecardPoint[], head: readonly ScorecardPoint[], direction: Direction): FieldChange[] {
  return pairBy(base, head, byDate).flatMap(([from, to]) => figureChange(`plan.${(to ?? from)!.date}`, 'plan', from?.value, to?.value, direction));
}

function kpiFields(base: ScorecardKpi, head: ScorecardKpi, baseMetadata: KpiMetadata, headMetadata: KpiMetadata): FieldChange[] {
  // Every figure is judged by the head's direction: that is the one the KPI is now measured by.
  const { direction } = head;
  return [
    ...figureChange('target.value', 'target', base.target?.value, head.target?.value, direction),
    ...targetDateChange(base.target?.date, head.target?.date),
    ...figureChange('baseline.value', 'baseline', base.baseline?.value, head.baseline?.value, direction),
    ...plainChange('baseline.date', 'baseline', base.baseline?.date, head.baseline?.date),
    ...figureChange('thresholds.atRisk', 'thresholds', base.thresholds?.atRisk, head.thresholds?.atRisk, direction),
    ...figureChange('thresholds.offTrack', 'thresholds', base.thresholds?.offTrack, head.thresholds?.offTrack, direction),
    ...planChanges(base.plan, head.plan, direction),
    ...plainChange('direction', 'definition', base.direction, head.direction),
    ...plainChange('unit', 'definition', base.unit, head.unit),
    ...plainChange('frequency', 'definition', base.frequency, head.frequency),
    ...plainChange('aggregation', 'definition', base.aggregation, head.aggregation),
    ...plainChange('category', 'definition', base.category, head.category),
    ...plainChange('goals', 'definition', base.goals, head.goals),
    ...plainChange('name', 'metadata', base.name, head.name),
    ...plainChange('owner', 'metadata', base.owner, head.owner),
    ...plainChange('description', 'metadata', baseMetadata.description, headMetadata.description),
    ...plainChange('rationale', 'metadata', baseMetadata.rationale, headMetadata.rationale),
    ...plainChange('tags', 'metadata', baseMetadata.tags, headMetadata.tags),
  ];
}

function dataChange(base: readonly ScorecardMeasurement[], head: readonly ScorecardMeasurement[]): DataChange | null {
  const added: { date: string; value: number }[] = [];
  const edited: { date: string; from: number; to: number }[] = [];
  const removed: { date: string; value: number }[] = [];
  const notes: { date: string; from: string | null; to: string | null }[] = [];
  for (const [from, to] of pairBy(base, head, byDate)) {
    if (!from) added.push({ date: to!.date, value: to!.value });
    else if (!to) removed.push({ date: from.date, value: from.value });
    else {
      if (from.value !== to.value) edited.push({ date: to.date, from: from.value, to: to.value });
      if (from.note !== to.note) notes.push({ date: to.date, from: from.note ?? null, to: to.note ?? null });
    }
  }
  if (added.length + edited.length + removed.length + notes.length === 0) return null;
  return { added, edited, removed, notes, historyRewritten: edited.length + removed.length > 0 };
}

function kpiDiff(
  change: KpiDiff['change'],
  place: ScorecardKpi,
  base: ScorecardKpi | undefined,
  head: ScorecardKpi | undefined,
  fields: FieldChange[],
): KpiDiff {
  const { id, name, file, line, unit } = place;
  const from = base?.status ?? null;
  const to = head?.status ?? null;
  const status = { from, to, fromReason: base?.reason ?? null, toReason: head?.reason ?? null, verdict: verdictOf(KPI_ORDER, from, to) };
  const data = base && head ? dataChange(base.history, head.history) : null;
  return { id, name, change, unit, file, line, status, fields, data };
}

function kpiDiffs(base: DiffSide, head: DiffSide): { kpis: KpiDiff[]; unchanged: number } {
  const baseKpis = new Map(base.scorecard.kpis.map((k) => [k.id, k]));
  const headIds = new Set(head.scorecard.kpis.map((k) => k.id));
  const kpis: KpiDiff[] = [];
  let unchanged = 0;
  for (const to of head.scorecard.kpis) {
    const from = baseKpis.get(to.id);
    if (!from) {
      kpis.push(kpiDiff('added', to, undefined, to, []));
      continue;
    }
    const fromMetadata = base.metadata.get(to.id) ?? NO_METADATA;
    const toMetadata = head.metadata.get(to.id) ?? NO_METADATA;
    const changed = kpiDiffers(from, to, fromMetadata, toMetadata)
      ? kpiDiff('changed', to, from, to, kpiFields(from, to, fromMetadata, toMetadata))
      : undefined;
    // Changed as SPEC §7 lists changes: a field, the status or the data. A figure worked out anew alone (the comparisons
    // after a new fiscalYearStart, a snapshot's time) is no change of the KPI.
    if (changed && (changed.fields.length > 0 || changed.status.from !== changed.status.to || changed.data !== null)) kpis.push(changed);
    else unchanged++;
  }
  for (const from of base.scorecard.kpis) if (!headIds.has(from.id)) kpis.push(kpiDiff('removed', from, from, undefined, []));
  return { kpis, unchanged };
}

/** The KPIs linking to a goal, in one order: theirs is only that of the files they are in. */
function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}

function goalFields(base: ScorecardGoal, head: ScorecardGoal): FieldChange[] {
  return [
    ...plainChange('title', 'metadata', base.title, head.title),
    ...plainChange('parent', 'definition', base.parent, head.parent),
    ...plainChange('owner', 'metadata', base.owner, head.owner),
    ...plainChange('due', 'metadata', base.due, head.due),
    ...(same(sorted(base.kpis), sorted(head.kpis)) ? [] : [{ field: 'kpis', group: 'definition' as const, from: base.kpis, to: head.kpis, verdict: null }]),
  ];
}

function goalDiff(
  change: GoalDiff['change'],
  place: ScorecardGoal,
  base: ScorecardGoal | undefined,
  head: ScorecardGoal | undefined,
  fields: FieldChange[],
): GoalDiff {
  const from = base?.status ?? null;
  const to = head?.status ?? null;
  const { id, title, file, line } = place;
  return { id, title, change, file, line, status: { from, to, verdict: verdictOf(GOAL_ORDER, from, to) }, fields };
}

function goalDiffs(base: Scorecard, head: Scorecard): GoalDiff[] {
  const baseGoals = new Map(base.goals.map((g) => [g.id, g]));
  const headIds = new Set(head.goals.map((g) => g.id));
  const goals: GoalDiff[] = [];
  for (const to of head.goals) {
    const from = baseGoals.get(to.id);
    if (!from) {
      goals.push(goalDiff('added', to, undefined, to, []));
      continue;
    }
    const fields = goalFields(from, to);
    if (fields.length > 0 || from.status !== to.status) goals.push(goalDiff('changed', to, from, to, fields));
  }
  for (const from of base.goals) if (!headIds.has(from.id)) goals.push(goalDiff('removed', from, from, undefined, []));
  return goals;
}

/**
 * Problems matched as a multiset by file, code, severity and message: a
 * problem whose line moved is the same problem; one whose severity changed
 * (kpi.config.yaml made a warning an error) is fixed at its old severity and
 * new at its new one, so that `--fail-on new-errors` sees it.
 */
function problemChanges(base: readonly DiffProblem[], head: readonly DiffProblem[]): ScorecardDiff['problems'] {
  const pairs = pairBy(base, head, (p) => JSON.stringify([p.file, p.code, p.severity, p.message]));
  return { new: pairs.flatMap(([from, to]) => (from ? [] : [to!])), fixed: pairs.flatMap(([from, to]) => (to ? [] : [from!])) };
}

function summaryOf(
  kpis: readonly KpiDiff[],
  unchanged: number,
  goals: readonly GoalDiff[],
  problems: ScorecardDiff['problems'],
  unparsed: number,
): DiffSummary {
  const count = <T>(list: readonly T[], test: (item: T) => boolean) => list.filter(test).length;
  const fields = kpis.flatMap((k) => k.fields);
  return {
    kpis: {
      added: count(kpis, (k) => k.change === 'added'),
      removed: count(kpis, (k) => k.change === 'removed'),
      changed: count(kpis, (k) => k.change === 'changed'),
      unchanged,
    },
    goals: {
      added: count(goals, (g) => g.change === 'added'),
      removed: count(goals, (g) => g.change === 'removed'),
      changed: count(goals, (g) => g.change === 'changed'),
    },
    worse: count(kpis, (k) => k.status.verdict === 'worse'),
    better: count(kpis, (k) => k.status.verdict === 'better'),
    loosened: count(fields, (f) => f.verdict === 'loosened'),
    tightened: count(fields, (f) => f.verdict === 'tightened'),
    historyRewritten: count(kpis, (k) => k.data?.historyRewritten === true),
    problems: {
      newErrors: count(problems.new, (p) => p.severity === 'error'),
      newWarnings: count(problems.new, (p) => p.severity === 'warning'),
      new: problems.new.length,
      fixed: problems.fixed.length,
    },
    unparsed,
  };
}

/**
 * SPEC §7: what the change from `base` to `head` does to the scorecard.
 * Both sides must be scored at the same as-of date: a KPI would otherwise
 * change with the calendar alone.
 */
export function diffScorecards(base: DiffSide, head: DiffSide, sides: DiffSides): ScorecardDiff {
  if (base.scorecard.asOf !== head.scorecard.asOf) {
    throw new Error(`diffScorecards: the sides are scored as of ${base.scorecard.asOf} and ${head.scorecard.asOf}, not one date`);
  }
  const { kpis, unchanged } = kpiDiffs(base, head);
  const goals = goalDiffs(base.scorecard, head.scorecard);
  const problems = problemChanges(base.problems, head.problems);
  const unparsed = [...base.unparsed.map((u) => ({ side: 'base' as const, ...u })), ...head.unparsed.map((u) => ({ side: 'head' as const, ...u }))];
  return {
    version: 1,
    base: sides.base,
    head: sides.head,
    asOf: head.scorecard.asOf,
    summary: summaryOf(kpis, unchanged, goals, problems, unparsed.length),
    goals,
    kpis,
    problems,
    unparsed,
  };
}

/**
 * One side of a diff from what the CLI and the language server have after
 * linting: the lint result, the scorecard built from its workspace, and the
 * `shownPath` that scorecard was built with (paths relative to the
 * workspace root, with `/`). `unreadable`: KPI files the host could not
 * read, already with their shown path and why.
 */
export function diffSide(
  lint: LintResult,
  scorecard: Scorecard,
  shownPath: (file: string) => string,
  unreadable: readonly { readonly file: string; readonly message: string }[] = [],
): DiffSide {
  const metadata = new Map<string, KpiMetadata>();
  // The first definition of an id, as the scorecard shows it.
  for (const kpi of lint.workspace.kpis) {
    if (!metadata.has(kpi.id)) metadata.set(kpi.id, { description: kpi.description ?? null, rationale: kpi.rationale ?? null, tags: kpi.tags ?? [] });
  }
  const problems: DiffProblem[] = [];
  const unparsed: { file: string; message: string }[] = [];
  for (const result of lint.files) {
    const file = shownPath(result.file.path);
    for (const diagnostic of result.diagnostics) problems.push({ file, ...reportedDiagnostic(result, diagnostic) });
    if (result.file.syntaxErrors.length === 0) continue;
    // The diagnostic's words are in the run's language; the English of the problem serves only when `yaml-syntax` is switched off.
    const shown = result.diagnostics.find((d) => d.code === 'yaml-syntax');
    unparsed.push({ file, message: shown?.message ?? result.file.syntaxErrors[0].message });
  }
  const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { scorecard, metadata, problems, unparsed: [...unparsed, ...unreadable].sort(byFile) };
}
