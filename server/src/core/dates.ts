/**
 * KPI dates: `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn`, `YYYY` (also a bare number).
 * A period means its last day. Days are counted from 1970-01-01 (UTC), so two
 * dates compare as numbers and their difference is a number of days.
 */

import { message, translator, type Message } from './l10n/catalogue';
import type { DateValue, Frequency } from './types';

export type Day = number;

const DATE_SHAPE = /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])))?$/;
const MS_PER_DAY = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
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

/** What a person wrote for a date that is not one, and what to write instead. */
export type DateCorrection =
  /** The same date in a KPI shape. */
  | { readonly kind: 'rewrite'; readonly date: string }
  /** Day and month could be either way round: both readings. */
  | { readonly kind: 'ambiguous'; readonly dayFirst: string; readonly monthFirst: string }
  /** A KPI shape, but no such day: why, and a real date near it when there is one. */
  | { readonly kind: 'impossible'; readonly why: string; readonly instead?: string };

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Month words and abbreviations, English and Swedish, to the month number. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    MONTH_NAMES,
    ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
    ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
    ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sept', 'okt', 'nov', 'dec'],
  ].flatMap((names) => names.map((name, i): [string, number] => [name, i + 1])),
);

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` when it is a real day. */
function realDay(year: number, month: number, day: number): string | undefined {
  const text = `${year}-${two(month)}-${two(day)}`;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? text : undefined;
}

function realMonth(year: number, month: number): string | undefined {
  return month >= 1 && month <= 12 ? `${year}-${two(month)}` : undefined;
}

/** `2026-06-05` → "5 June" (in Swedish "5 juni"). */
export function dayWords(date: string): Message {
  const [, month, day] = date.split('-').map(Number) as [number, number, number];
  return message('schema.day-in-words', { day: String(day), month: monthWords(month) });
}

/** A month's name: "June" ("juni"). */
function monthWords(month: number): Message {
  return message('schema.month-name', { month: String(month) });
}

/** `2026-06-05` → "5 June". */
export function dayInWords(date: string): string {
  return translator('en').text(dayWords(date));
}

/** Three numbers: day and month in either order (`13/11/2026`, `13.11.2026`, `11/13/2026`). */
function dayAndMonth(a: number, b: number, year: number): DateCorrection | undefined {
  const dayFirst = realDay(year, b, a);
  const monthFirst = realDay(year, a, b);
  if (dayFirst && monthFirst && dayFirst !== monthFirst) return { kind: 'ambiguous', dayFirst, monthFirst };
  const date = dayFirst ?? monthFirst;
  return date ? { kind: 'rewrite', date } : undefined;
}

/**
 * The correction of a date value that is not a KPI date, when one can be
 * told: the same date in a KPI shape (`2026-1` → `2026-01`, `jan 2026` →
 * `2026-01`, `2026/11/13` and `13.11.2026` → `2026-11-13`), both readings of
 * a day and month that could be either (`05/06/2026`), or why a date of the
 * right shape does not exist (`2026-02-30`). Undefined for a valid date and
 * for text that says no date at all.
 */
export function correctedDate(value: unknown): DateCorrection | undefined {
  if (parseDate(value) !== undefined) return undefined;
  if (typeof value === 'number') {
    // YAML reads 20261113 as a number.
    const digits = /^(\d{4})(\d{2})(\d{2})?$/.exec(String(value));
    const date = digits && (digits[3] ? realDay(+digits[1], +digits[2], +digits[3]) : realMonth(+digits[1], +digits[2]));
    return date ? { kind: 'rewrite', date } : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text))) return impossible(+m[1], +m[2], m[3] === undefined ? undefined : +m[3]);
  if (/^\d{4}-q[05-9]$/.test(text)) return { kind: 'impossible', why: translator('en').text(NO_SUCH_QUARTER) };
  const rewrite = (date: string | undefined): DateCorrection | undefined => (date ? { kind: 'rewrite', date } : undefined);
  // With a time of day: the day alone.
  if ((m = /^(\d{4}-\d{2}-\d{2})[t ]\d{1,2}:\d{2}/.exec(text))) return rewrite(dateOfText(m[1]) && m[1]);
  if ((m = /^(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})$/.exec(text))) return rewrite(realDay(+m[1], +m[2], +m[3]));
  if ((m = /^(\d{4})[-/. ](\d{1,2})$/.exec(text))) return rewrite(realMonth(+m[1], +m[2]));
  if ((m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(text))) return dayAndMonth(+m[1], +m[2], +m[3]);
  if ((m = /^(\d{1,2})[-/. ](\d{4})$/.exec(text))) return rewrite(realMonth(+m[2], +m[1]));
  // Quarters: `2026 Q3`, `q3 2026`, and Swedish `K3` (kvartal).
  if ((m = /^(\d{4})[-/ ]?[qk]([1-4])$/.exec(text)) || (m = /^[qk]([1-4])[-/ ]?(\d{4})$/.exec(text))) {
    const [year, quarter] = m[1].length === 4 ? [m[1], m[2]] : [m[2], m[1]];
    return rewrite(`${year}-Q${quarter}`);
  }
  // Month words: `jan 2026`, `januari 2026`, `2026 jan`, `13 nov 2026`, `november 13, 2026`.
  const month = (word: string) => MONTHS.get(word.replace(/\.$/, ''));
  if ((m = /^([a-zåäö]+\.?)[-/ ]*(\d{4})$/.exec(text)) && month(m[1])) return rewrite(realMonth(+m[2], month(m[1])!));
  if ((m = /^(\d{4})[-/ ]*([a-zåäö]+\.?)$/.exec(text)) && month(m[2])) return rewrite(realMonth(+m[1], month(m[2])!));
  if ((m = /^(\d{1,2})\.? *([a-zåäö]+\.?),? *(\d{4})$/.exec(text)) && month(m[2])) return rewrite(realDay(+m[3], month(m[2])!, +m[1]));
  if ((m = /^([a-zåäö]+\.?) *(\d{1,2}),? *(\d{4})$/.exec(text)) && month(m[1])) return rewrite(realDay(+m[3], month(m[1])!, +m[2]));
  return undefined;
}

const NO_SUCH_QUARTER = message('schema.date-quarters');

/**
 * Why a date of a KPI shape is no date (`2026-02-30`, `2026-13`, `2026-Q7`),
 * as a message: the `why` of correctedDate's `impossible`, in any language.
 * Undefined for any other value.
 */
export function whyImpossible(value: unknown): Message | undefined {
  if (typeof value !== 'string' || parseDate(value) !== undefined) return undefined;
  const text = value.trim().toLowerCase();
  if (/^\d{4}-q[05-9]$/.test(text)) return NO_SUCH_QUARTER;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  return m ? impossibleReason(+m[1], +m[2], m[3] === undefined ? undefined : +m[3]).because : undefined;
}

/** Why `YYYY-MM` or `YYYY-MM-DD` of the right shape is no date, and the real date near it. */
function impossibleReason(year: number, month: number, day: number | undefined): { because: Message; instead?: string } {
  if (month < 1 || month > 12) {
    // `2026-13-11`: the day and the month the other way round.
    const swapped = day !== undefined ? realDay(year, day, month) : undefined;
    return swapped
      ? { because: message('schema.date-months-swapped', { day: dayWords(swapped), year: String(year), date: swapped }), instead: swapped }
      : { because: message('schema.date-months') };
  }
  const whole = `${year}-${two(month)}`;
  return {
    because: message('schema.date-month-days', { month: monthWords(month), year: String(year), days: daysInMonth(year, month), whole }),
    instead: whole,
  };
}

function impossible(year: number, month: number, day: number | undefined): DateCorrection {
  const { because, instead } = impossibleReason(year, month, day);
  const why = translator('en').text(because);
  return instead === undefined ? { kind: 'impossible', why } : { kind: 'impossible', why, instead };
}
