/**
 * KPI dates: `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn`, `YYYY` (also a bare number).
 * A period means its last day. Days are counted from 1970-01-01 (UTC), so two
 * dates compare as numbers and their difference is a number of days.
 */

import type { DateValue, Frequency } from './types';

export type Day = number;

const DATE_SHAPE = /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$/;
const MS_PER_DAY = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

function dayOf(year: number, month: number, day: number): Day {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Does the string have one of the four date shapes (valid or not)? */
export function hasDateShape(text: string): boolean {
  return DATE_SHAPE.test(text);
}

/**
 * The last day of the date or period, or undefined when the value is not a
 * real date of one of the four shapes (`2026-02-30`, `2026-13`, `Jan 2026`).
 */
export function parseDate(value: unknown): Day | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1000 && value <= 9999 ? dayOf(value, 12, 31) : undefined;
  }
  return typeof value === 'string' ? dateOfText(value)?.day : undefined;
}

/** The formats kpi.schema.json names, for its validator: `kpi-date` is any date of the four shapes. */
export const SCHEMA_FORMATS = { 'kpi-date': (text: string) => parseDate(text) !== undefined };

/** Date texts already read, and what they mean; the texts are short, so a few thousand cost little. */
const knownDates = new Map<string, DateValue | undefined>();
const KNOWN_DATES = 4096;

/**
 * A date text with the day it means, or undefined when it is not a date. The
 * same few dates fill every measurement list: each text is worked out once,
 * and its DateValue, immutable, is shared by all that write it.
 */
export function dateOfText(text: string): DateValue | undefined {
  if (knownDates.has(text)) return knownDates.get(text);
  if (knownDates.size >= KNOWN_DATES) knownDates.clear();
  const day = dayOfText(text);
  const date = day === undefined ? undefined : Object.freeze({ text, day });
  knownDates.set(text, date);
  return date;
}

function dayOfText(value: string): Day | undefined {
  const match = DATE_SHAPE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const [, , month, day, quarter] = match;
  if (quarter !== undefined) {
    const lastMonth = Number(quarter) * 3;
    return dayOf(year, lastMonth, daysInMonth(year, lastMonth));
  }
  if (month === undefined) return dayOf(year, 12, 31);
  const m = Number(month);
  if (m < 1 || m > 12) return undefined;
  if (day === undefined) return dayOf(year, m, daysInMonth(year, m));
  const d = Number(day);
  if (d < 1 || d > daysInMonth(year, m)) return undefined;
  return dayOf(year, m, d);
}

/** A calendar day `YYYY-MM-DD` only (the as-of date). */
export function parseCalendarDay(text: string): Day | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDate(text) : undefined;
}

export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function today(): Day {
  const now = new Date();
  return dayOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The same day `months` calendar months earlier, clamped to the month's end. */
export function minusMonths(day: Day, months: number): Day {
  const date = new Date(day * MS_PER_DAY);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return dayOf(year, month, Math.min(date.getUTCDate(), daysInMonth(year, month)));
}

/**
 * The period of `frequency` that holds `day`, as one number: two days in
 * the same period give the same number (daily: the day; weekly: the ISO
 * week, counted from its Monday; monthly, quarterly, yearly: the calendar
 * month, quarter or year).
 */
export function periodOf(day: Day, frequency: Frequency): number {
  if (frequency === 'daily') return day;
  // 1970-01-01 was a Thursday: days since the Monday before it, in whole weeks.
  if (frequency === 'weekly') return Math.floor((day + 3) / 7);
  const date = new Date(day * MS_PER_DAY);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
  if (frequency === 'monthly') return months;
  return frequency === 'quarterly' ? Math.floor(months / 3) : Math.floor(months / 12);
}
