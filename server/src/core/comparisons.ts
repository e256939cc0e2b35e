/**
 * SPEC §5.10: how a KPI compares over time — with the period before, the
 * same period a year earlier, the year to date a year earlier, the plan and
 * the target. Pure: it reads the measurements that count (the status's
 * history), never the clock.
 */

import { fiscalYearToDate, periodOf, previousPeriod, yearEarlier, type Period } from './periods';
import type { Aggregation, Direction, Frequency, Measurement } from './types';

export type Verdict = 'better' | 'worse' | 'same';

/** One comparison: the current figure, what it is compared with, and which way the difference goes. */
export interface Comparison {
  /** The current figure: the latest value, or for the year to date this year's aggregate. */
  readonly value: number;
  /** What it is compared with, in the same unit. */
  readonly base: number;
  /** value − base, in the KPI's unit (percentage points for `%`). */
  readonly change: number;
  /** change / |base|; null when base is 0. */
  readonly changePercent: number | null;
  /** better when the change goes the KPI's way, worse when against it, same when 0. */
  readonly verdict: Verdict;
}

export interface YearToDate extends Comparison {
  /** Whether every period of both spans has a measurement. */
  readonly complete: boolean;
}

export interface Comparisons {
  readonly previous: Comparison | null;
  readonly lastYear: Comparison | null;
  readonly yearToDate: YearToDate | null;
  readonly plan: Comparison | null;
  readonly target: Comparison | null;
}

export const NO_COMPARISONS: Comparisons = Object.freeze({ previous: null, lastYear: null, yearToDate: null, plan: null, target: null });

/** What the comparisons are worked out from. */
export interface ComparisonInput {
  readonly direction: Direction;
  /** Without a frequency there are no periods: only the plan and target comparisons. */
  readonly frequency?: Frequency;
  readonly aggregation: Aggregation;
  /** The measurements that count, by date (the status's history). */
  readonly history: readonly Measurement[];
  /** The plan line's value at the latest measurement's date; null without a plan. */
  readonly planned: number | null;
  /** The target value; undefined without one. */
  readonly target?: number;
  /** The month the fiscal year starts (1–12). */
  readonly fiscalYearStart: number;
}

/** value compared with base, judged in the KPI's direction. */
export function compare(value: number, base: number, direction: Direction): Comparison {
  const change = value - base;
  const sign = direction === 'increase' ? 1 : -1;
  const verdict: Verdict = change * sign > 0 ? 'better' : change * sign < 0 ? 'worse' : 'same';
  return { value, base, change, changePercent: base === 0 ? null : change / Math.abs(base), verdict };
}

/** v(p): the value of the latest measurement dated in each period, for a history sorted by date. */
function valuesByPeriod(history: readonly Measurement[], frequency: Frequency): ReadonlyMap<Period, number> {
  const values = new Map<Period, number>();
  for (const m of history) values.set(periodOf(m.date.day, frequency), m.value);
  return values;
}

/** The sum or mean of the periods' values that exist, and whether each period has one. */
function aggregate(
  periods: readonly Period[],
  values: ReadonlyMap<Period, number>,
  aggregation: 'sum' | 'average',
): { value: number; complete: boolean } | undefined {
  const found = periods.flatMap((p) => (values.has(p) ? [values.get(p)!] : []));
  if (found.length === 0) return undefined;
  const sum = found.reduce((a, b) => a + b, 0);
  return { value: aggregation === 'sum' ? sum : sum / found.length, complete: found.length === periods.length };
}

/** SPEC §5.10 for one KPI: each comparison, or null where there is nothing to compare with. */
export function comparisons(input: ComparisonInput): Comparisons {
  const { direction, frequency, aggregation, history, planned, target } = input;
  const latest = history[history.length - 1];
  if (!latest) return NO_COMPARISONS;
  const plan = planned === null ? null : compare(latest.value, planned, direction);
  const versusTarget = target === undefined ? null : compare(latest.value, target, direction);
  if (!frequency) return { previous: null, lastYear: null, yearToDate: null, plan, target: versusTarget };
  const values = valuesByPeriod(history, frequency);
  const current = periodOf(latest.date.day, frequency);
  const versus = (period: Period) => {
    const base = values.get(period);
    return base === undefined ? null : compare(latest.value, base, direction);
  };
  return {
    previous: versus(previousPeriod(current)),
    lastYear: versus(yearEarlier(current, frequency)),
    yearToDate: aggregation === 'last' ? null : yearToDate(current, frequency, values, aggregation, input),
    plan,
    target: versusTarget,
  };
}

/**
 * This fiscal year's periods through P against the same span a year
 * earlier (the fiscal year of P − 1 year, through it). Null when the span a
 * year earlier has no measurement at all: there is nothing to compare with.
 */
function yearToDate(
  current: Period,
  frequency: Frequency,
  values: ReadonlyMap<Period, number>,
  aggregation: 'sum' | 'average',
  input: ComparisonInput,
): YearToDate | null {
  const now = aggregate(fiscalYearToDate(current, frequency, input.fiscalYearStart), values, aggregation);
  const before = aggregate(fiscalYearToDate(yearEarlier(current, frequency), frequency, input.fiscalYearStart), values, aggregation);
  if (!now || !before) return null;
  return { ...compare(now.value, before.value, input.direction), complete: now.complete && before.complete };
}
