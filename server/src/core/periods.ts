/**
 * The periods of a KPI's `frequency` (SPEC §5.10): calendar days, ISO weeks,
 * months, quarters and years, each one whole number (`periodOf`), so that
 * the period before P is P − 1 at every frequency. Pure day arithmetic on
 * the Day numbers of dates.ts: no time zone, no locale.
 */

import { periodOf, type Day } from './dates';
import type { Frequency } from './types';

export { periodOf };

/** A period of some frequency: the number periodOf gives for any of its days. */
export type Period = number;

const MS_PER_DAY = 86_400_000;

function dayOf(year: number, month: number, day: number): Day {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Year, month (1–12) and day of the month of a Day. */
function calendar(day: Day): { year: number; month: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** The last day of the month `months` (year × 12 + month − 1, as periodOf counts them). */
function lastDayOfMonth(months: number): Day {
  return dayOf(Math.floor(months / 12), (months % 12) + 2, 0);
}

/** The first day of a period. */
export function periodStart(period: Period, frequency: Frequency): Day {
  switch (frequency) {
    case 'daily':
      return period;
    case 'weekly':
      // periodOf counts weeks from the Monday 1969-12-29 (day −3).
      return period * 7 - 3;
    case 'monthly':
      return dayOf(Math.floor(period / 12), (period % 12) + 1, 1);
    case 'quarterly':
      return dayOf(Math.floor(period / 4), (period % 4) * 3 + 1, 1);
    case 'yearly':
      return dayOf(period, 1, 1);
  }
}

/** The last day of a period: the day a period date (`2026-01`, `2026-Q2`) means. */
export function periodEnd(period: Period, frequency: Frequency): Day {
  switch (frequency) {
    case 'daily':
      return period;
    case 'weekly':
      return period * 7 + 3;
    case 'monthly':
      return lastDayOfMonth(period);
    case 'quarterly':
      return lastDayOfMonth(period * 3 + 2);
    case 'yearly':
      return dayOf(period, 12, 31);
  }
}

/** The period before. */
export function previousPeriod(period: Period): Period {
  return period - 1;
}

/** The ISO week of a day: the ISO week-numbering year (the year of the week's Thursday) and the week number, 1–53. */
export function isoWeek(day: Day): { readonly year: number; readonly week: number } {
  const thursday = periodOf(day, 'weekly') * 7;
  const year = calendar(thursday).year;
  return { year, week: Math.floor((thursday - dayOf(year, 1, 1)) / 7) + 1 };
}

/** How many ISO weeks a year has: 53 when 28 December falls in week 53, else 52. */
export function isoWeeksIn(year: number): number {
  return isoWeek(dayOf(year, 12, 28)).week;
}

/** The weekly period of ISO week `week` of ISO year `year`. */
export function isoWeekPeriod(year: number, week: number): Period {
  // Week 1 holds 4 January.
  return periodOf(dayOf(year, 1, 4), 'weekly') + week - 1;
}

/**
 * The same period one year earlier. Daily: the same date, and 29 February
 * becomes 28 February (the day at the end of that month, as a month period
 * ends on its last day). Weekly: the same ISO week number, and week 53
 * becomes week 52 when the year before has no week 53 (its last week).
 * Monthly, quarterly, yearly: the same month, quarter, the year before.
 */
export function yearEarlier(period: Period, frequency: Frequency): Period {
  switch (frequency) {
    case 'daily': {
      const { year, month, date } = calendar(period);
      return month === 2 && date === 29 ? dayOf(year - 1, 2, 28) : dayOf(year - 1, month, date);
    }
    case 'weekly': {
      const { year, week } = isoWeek(period * 7);
      return isoWeekPeriod(year - 1, Math.min(week, isoWeeksIn(year - 1)));
    }
    case 'monthly':
      return period - 12;
    case 'quarterly':
      return period - 4;
    case 'yearly':
      return period - 1;
  }
}

/**
 * The first day of the fiscal year that holds `day`, for a fiscal year
 * starting on the first of month `startMonth` (1–12).
 */
export function fiscalYearStartOn(day: Day, startMonth: number): Day {
  const { year, month } = calendar(day);
  return dayOf(month >= startMonth ? year : year - 1, startMonth, 1);
}

/**
 * The day that places a period in a fiscal year: its last day, except an
 * ISO week, which belongs where its Thursday is (so that with a fiscal year
 * starting in January the weeks of a year are the ISO weeks 1 to 52 or 53).
 */
function placingDay(period: Period, frequency: Frequency): Day {
  return frequency === 'weekly' ? period * 7 : periodEnd(period, frequency);
}

/**
 * The periods of the fiscal year that holds P, from its first through P, in
 * order (SPEC §5.10's year-to-date span). A period belongs to the fiscal year
 * its placing day falls in: a quarter or a year that straddles the start of
 * a fiscal year belongs to the one it ends in.
 */
export function fiscalYearToDate(period: Period, frequency: Frequency, startMonth: number): readonly Period[] {
  const start = fiscalYearStartOn(placingDay(period, frequency), startMonth);
  let first = periodOf(start, frequency);
  if (placingDay(first, frequency) < start) first++;
  const periods: Period[] = [];
  for (let p = first; p <= period; p++) periods.push(p);
  return periods;
}

/** A period in the file's own words: `2026-05-31`, `2026-W05`, `2026-05`, `2026-Q2`, `2026`. */
export function periodText(period: Period, frequency: Frequency): string {
  const two = (n: number) => String(n).padStart(2, '0');
  switch (frequency) {
    case 'daily':
      return new Date(period * MS_PER_DAY).toISOString().slice(0, 10);
    case 'weekly': {
      const { year, week } = isoWeek(period * 7);
      return `${year}-W${two(week)}`;
    }
    case 'monthly':
      return `${Math.floor(period / 12)}-${two((period % 12) + 1)}`;
    case 'quarterly':
      return `${Math.floor(period / 4)}-Q${(period % 4) + 1}`;
    case 'yearly':
      return String(period);
  }
}
