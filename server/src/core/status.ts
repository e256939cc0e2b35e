import { comparisons, NO_COMPARISONS, type Comparisons } from './comparisons';
import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from './config';
import { minusMonths, type Day } from './dates';
import { definitionErrors } from './definition';
import type { Direction, Frequency, Kpi, Measurement } from './types';

/** SPEC §5: the status of a KPI against its target. */
export type KpiStatusWord = 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'invalid' | 'no-data' | 'no-target';
export type GoalStatusWord = 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'invalid' | 'no-data' | 'unmeasured';
export type Trend = 'improving' | 'worsening' | 'flat';

/**
 * Why a KPI has its status (SPEC §5.8), as data: `reasonText` puts it in
 * words. Values are in the KPI's unit.
 */
export type StatusReason =
  | { readonly kind: 'invalid'; readonly errors: number }
  | { readonly kind: 'no-measurement'; readonly asOf: Day }
  | { readonly kind: 'no-target' }
  | { readonly kind: 'target-met'; readonly target: number }
  | { readonly kind: 'threshold'; readonly threshold: 'atRisk' | 'offTrack'; readonly value: number; readonly met: boolean }
  | {
      readonly kind: 'plan';
      readonly ahead: number;
      readonly planned: number;
      readonly date: string;
      readonly atRiskLimit: number;
      /** The KPI's own figures (latest, target, plan line): the computed ones are shown with as many decimals. */
      readonly figures: readonly number[];
    }
  | { readonly kind: 'near-target'; readonly near: boolean; readonly share: number; readonly target: number };

export interface KpiStatus {
  readonly status: KpiStatusWord;
  readonly reason: StatusReason;
  /** Inline measurements left out because they have errors (SPEC §5.9). */
  readonly leftOut: number;
  /** The measurement with the greatest date on or before the as-of date. */
  readonly latest?: Measurement;
  readonly previous?: Measurement;
  /** The plan line's value at the latest measurement's date; null without a plan (SPEC §5.3). */
  readonly planned: number | null;
  readonly progress: number | null;
  readonly trend: Trend | null;
  readonly stale: boolean;
  /** The measurements that count: on or before the as-of date, by date. */
  readonly history: readonly Measurement[];
  /** SPEC §5.10: how the latest value compares over time; all null for an `invalid` KPI. */
  readonly comparisons: Comparisons;
}

/** What the status is judged with, besides the KPI: the configured bands and which definition rules are errors. */
export interface StatusOptions {
  readonly settings: StatusSettings;
  /** Whether a rule's findings are errors in this configuration (SPEC §5.9). */
  readonly isError: (ruleId: string) => boolean;
  /** The month the fiscal year starts (1–12), for the year-to-date comparison; default January. */
  readonly fiscalYearStart?: number;
}

/** The default configuration's: every definition rule is an error. */
export const DEFAULT_STATUS_OPTIONS: StatusOptions = { settings: DEFAULT_STATUS_SETTINGS, isError: () => true, fiscalYearStart: 1 };

/** Is `value` at least as good as `than`, in the KPI's direction? */
export function meets(value: number, than: number, direction: Direction): boolean {
  return direction === 'increase' ? value >= than : value <= than;
}

/** The first day that is not stale for a KPI measured at `frequency`. */
export function freshSince(asOf: Day, frequency: Frequency): Day {
  switch (frequency) {
    case 'daily':
      return asOf - 2;
    case 'weekly':
      return asOf - 14;
    case 'monthly':
      return minusMonths(asOf, 2);
    case 'quarterly':
      return minusMonths(asOf, 6);
    case 'yearly':
      return minusMonths(asOf, 24);
  }
}

interface PlanPoint {
  readonly day: Day;
  readonly value: number;
}

/**
 * SPEC §5.3: the plan line through (baseline date, B), each `plan` entry
 * and (target date, T), in date order, and the value it starts from (B, or
 * the first entry without a dated baseline); undefined without a plan.
 */
export function planLine(kpi: Kpi): { readonly points: readonly PlanPoint[]; readonly start: number } | undefined {
  const baseline = kpi.baseline?.value !== undefined && kpi.baseline.date ? { day: kpi.baseline.date.day, value: kpi.baseline.value } : undefined;
  const target = kpi.target?.value !== undefined && kpi.target.date ? { day: kpi.target.date.day, value: kpi.target.value } : undefined;
  const plan = kpi.plan ?? [];
  if (plan.length === 0 && !(baseline && target && baseline.day < target.day)) return undefined;
  const points: PlanPoint[] = [];
  if (baseline) points.push(baseline);
  for (const entry of plan) points.push({ day: entry.date.day, value: entry.value });
  if (target) points.push(target);
  return { points: byDay(points, (point) => point.day), start: baseline?.value ?? plan[0].value };
}

/**
 * The list sorted by day, the same ones in the order given (as a stable
 * sort leaves them): most lists are written in date order, and are
 * returned as they are, without a sort's work and copies (10,000 KPIs).
 */
function byDay<T>(list: T[], dayOf: (item: T) => Day): T[] {
  for (let i = 1; i < list.length; i++) if (dayOf(list[i]) < dayOf(list[i - 1])) return list.sort((a, b) => dayOf(a) - dayOf(b));
  return list;
}

/** The plan line's value on `day`: linear in days between its points, flat before the first and after the last. */
export function plannedOn(points: readonly PlanPoint[], day: Day): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (day <= first.day) return first.value;
  if (day >= last.day) return last.value;
  let i = 0;
  while (points[i + 1].day <= day) i++;
  const [a, b] = [points[i], points[i + 1]];
  return a.value + ((b.value - a.value) * (day - a.day)) / (b.day - a.day);
}

/** SPEC §5.2–5.4: the status of a valid KPI with a target and a latest measurement, and why. */
function judge(
  kpi: Kpi,
  target: number,
  latest: Measurement,
  settings: StatusSettings,
): { status: KpiStatusWord; reason: StatusReason; planned: number | null } {
  const { direction } = kpi;
  const sign = direction === 'increase' ? 1 : -1;
  const value = latest.value;
  const line = planLine(kpi);
  const planned = line ? plannedOn(line.points, latest.date.day) : null;
  const result = (status: KpiStatusWord, reason: StatusReason) => ({ status, reason, planned });
  if (meets(value, target, direction)) return result('achieved', { kind: 'target-met', target });
  const { atRisk, offTrack } = kpi.thresholds ?? {};
  if (atRisk !== undefined && offTrack !== undefined) {
    if (meets(value, atRisk, direction)) return result('on-track', { kind: 'threshold', threshold: 'atRisk', value: atRisk, met: true });
    if (meets(value, offTrack, direction)) return result('at-risk', { kind: 'threshold', threshold: 'atRisk', value: atRisk, met: false });
    return result('off-track', { kind: 'threshold', threshold: 'offTrack', value: offTrack, met: false });
  }
  if (line && planned !== null) {
    const atRiskLimit = planned - sign * settings.atRiskBand * Math.abs(target - line.start);
    const figures = [value, target, ...line.points.map((p) => p.value)];
    const reason: StatusReason = { kind: 'plan', ahead: sign * (value - planned), planned, date: latest.date.text, atRiskLimit, figures };
    if (meets(value, planned, direction)) return result('on-track', reason);
    return result(meets(value, atRiskLimit, direction) ? 'at-risk' : 'off-track', reason);
  }
  const near = Math.abs(value - target) <= settings.nearTarget * Math.abs(target);
  return result(near ? 'at-risk' : 'off-track', { kind: 'near-target', near, share: settings.nearTarget, target });
}

/** SPEC §5.1–5.9 for one KPI, from its merged measurements (any order). */
export function kpiStatus(kpi: Kpi, measurements: readonly Measurement[], asOf: Day, options: StatusOptions = DEFAULT_STATUS_OPTIONS): KpiStatus {
  const history = byDay(
    measurements.filter((m) => m.date.day <= asOf),
    (m) => m.date.day,
  );
  const latest = history[history.length - 1];
  const previous = history[history.length - 2];
  const stale = latest !== undefined && kpi.frequency !== undefined && latest.date.day < freshSince(asOf, kpi.frequency);
  const leftOut = kpi.faults.measurements.size;
  const errors = definitionErrors(kpi, options.isError);
  // Nothing derived from a broken definition is shown: no status, planned value, progress or trend.
  if (errors > 0) {
    const reason: StatusReason = { kind: 'invalid', errors };
    return { status: 'invalid', reason, leftOut, latest, previous, planned: null, progress: null, trend: null, stale, history, comparisons: NO_COMPARISONS };
  }
  let trend: Trend | null = null;
  if (latest && previous) {
    trend = latest.value === previous.value ? 'flat' : meets(latest.value, previous.value, kpi.direction) ? 'improving' : 'worsening';
  }
  const target = kpi.target?.value;
  const baseline = kpi.baseline?.value;
  const progress = latest && target !== undefined && baseline !== undefined && target !== baseline ? (latest.value - baseline) / (target - baseline) : null;
  let judged: { status: KpiStatusWord; reason: StatusReason; planned: number | null };
  if (!latest) judged = { status: 'no-data', reason: { kind: 'no-measurement', asOf }, planned: null };
  else if (target === undefined) judged = { status: 'no-target', reason: NO_TARGET, planned: null };
  else judged = judge(kpi, target, latest, options.settings);
  return new JudgedStatus(kpi, judged, { leftOut, latest, previous, progress, trend, stale, history }, options.fiscalYearStart ?? 1);
}

/**
 * The status of a KPI with a usable definition. Its comparisons are worked
 * out when first asked for: the scorecard shows them, the lint rules never
 * ask. A class, not an object with a getter of its own: 10,000 KPIs made
 * 10,000 getters and the scopes they kept.
 */
class JudgedStatus implements KpiStatus {
  readonly status: KpiStatusWord;
  readonly reason: StatusReason;
  readonly planned: number | null;
  readonly leftOut: number;
  readonly latest?: Measurement;
  readonly previous?: Measurement;
  readonly progress: number | null;
  readonly trend: Trend | null;
  readonly stale: boolean;
  readonly history: readonly Measurement[];
  private compared?: Comparisons;

  constructor(
    private readonly kpi: Kpi,
    judged: { readonly status: KpiStatusWord; readonly reason: StatusReason; readonly planned: number | null },
    figures: Pick<KpiStatus, 'leftOut' | 'latest' | 'previous' | 'progress' | 'trend' | 'stale' | 'history'>,
    private readonly fiscalYearStart: number,
  ) {
    this.status = judged.status;
    this.reason = judged.reason;
    this.planned = judged.planned;
    this.leftOut = figures.leftOut;
    this.latest = figures.latest;
    this.previous = figures.previous;
    this.progress = figures.progress;
    this.trend = figures.trend;
    this.stale = figures.stale;
    this.history = figures.history;
  }

  get comparisons(): Comparisons {
    return (this.compared ??= this.compare());
  }

  /** The comparisons, worked out again. */
  compare(): Comparisons {
    const { direction, frequency, aggregation } = this.kpi;
    const { history, planned, fiscalYearStart } = this;
    return comparisons({ direction, frequency, aggregation, history, planned, target: this.kpi.target?.value, fiscalYearStart });
  }
}

/**
 * A status's comparisons, worked out again rather than kept by the status:
 * the language server keeps the status of every KPI it shows, and a kept
 * comparison of each would be more than the rest of it.
 */
export function comparisonsOf(status: KpiStatus): Comparisons {
  return status instanceof JudgedStatus ? status.compare() : status.comparisons;
}

const NO_TARGET: StatusReason = { kind: 'no-target' };

/** SPEC §5.7: goal statuses from worst to best; `invalid` ranks just below `off-track`. */
const GOAL_ORDER: readonly GoalStatusWord[] = ['off-track', 'invalid', 'at-risk', 'on-track', 'achieved'];

/** SPEC §5.7: the worst status of the KPIs measuring a goal or its descendants. */
export function goalStatus(statuses: readonly KpiStatusWord[]): GoalStatusWord {
  if (statuses.length === 0) return 'unmeasured';
  for (const word of GOAL_ORDER) if ((statuses as readonly string[]).includes(word)) return word;
  return 'no-data';
}
