import { minusMonths, type Day } from './dates';
import type { Direction, Frequency, Kpi, Measurement } from './types';

/** SPEC §5: the status of a KPI against its target. */
export type KpiStatusWord = 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'no-data' | 'no-target';
export type GoalStatusWord = 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'no-data' | 'unmeasured';
export type Trend = 'improving' | 'worsening' | 'flat';

export interface KpiStatus {
  readonly status: KpiStatusWord;
  /** The measurement with the greatest date on or before the as-of date. */
  readonly latest?: Measurement;
  readonly previous?: Measurement;
  readonly progress: number | null;
  readonly trend: Trend | null;
  readonly stale: boolean;
  /** The measurements that count: on or before the as-of date, by date. */
  readonly history: readonly Measurement[];
}

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

function statusWord(kpi: Kpi, latest: number, day: Day): KpiStatusWord {
  const target = kpi.target!.value!;
  const { direction } = kpi;
  const better = (a: number, b: number) => meets(a, b, direction);
  if (better(latest, target)) return 'achieved';
  const thresholds = kpi.thresholds;
  if (thresholds?.atRisk !== undefined && thresholds.offTrack !== undefined) {
    if (better(latest, thresholds.atRisk)) return 'on-track';
    return better(latest, thresholds.offTrack) ? 'at-risk' : 'off-track';
  }
  const baseline = kpi.baseline?.value;
  const start = kpi.baseline?.date?.day;
  const end = kpi.target?.date?.day;
  if (baseline !== undefined && start !== undefined && end !== undefined && end > start) {
    const share = Math.min(Math.max((day - start) / (end - start), 0), 1);
    const planned = baseline + (target - baseline) * share;
    const slack = 0.1 * Math.abs(target - baseline) * (direction === 'increase' ? -1 : 1);
    if (better(latest, planned)) return 'on-track';
    return better(latest, planned + slack) ? 'at-risk' : 'off-track';
  }
  return Math.abs(latest - target) <= 0.1 * Math.abs(target) ? 'at-risk' : 'off-track';
}

/** SPEC §5.1–5.6 for one KPI, from its merged measurements (any order). */
export function kpiStatus(kpi: Kpi, measurements: readonly Measurement[], asOf: Day): KpiStatus {
  const history = measurements.filter((m) => m.date.day <= asOf).sort((a, b) => a.date.day - b.date.day);
  const latest = history[history.length - 1];
  const previous = history[history.length - 2];
  const target = kpi.target?.value;
  const baseline = kpi.baseline?.value;
  const stale = latest !== undefined && kpi.frequency !== undefined && latest.date.day < freshSince(asOf, kpi.frequency);
  let trend: Trend | null = null;
  if (latest && previous) {
    trend = latest.value === previous.value ? 'flat' : meets(latest.value, previous.value, kpi.direction) ? 'improving' : 'worsening';
  }
  const progress =
    latest && target !== undefined && baseline !== undefined && target !== baseline ? (latest.value - baseline) / (target - baseline) : null;
  let status: KpiStatusWord;
  if (!latest) status = 'no-data';
  else if (target === undefined) status = 'no-target';
  else status = statusWord(kpi, latest.value, latest.date.day);
  return { status, latest, previous, progress, trend, stale, history };
}

const GOAL_ORDER: readonly GoalStatusWord[] = ['off-track', 'at-risk', 'on-track', 'achieved'];

/** SPEC §5.7: the worst status of the KPIs measuring a goal or its descendants. */
export function goalStatus(statuses: readonly KpiStatusWord[]): GoalStatusWord {
  if (statuses.length === 0) return 'unmeasured';
  for (const word of GOAL_ORDER) if ((statuses as readonly string[]).includes(word)) return word;
  return 'no-data';
}
