import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDay, parseCalendarDay, type Day } from '../../server/src/core/dates';
import {
  fiscalYearToDate,
  isoWeek,
  isoWeeksIn,
  periodEnd,
  periodOf,
  periodStart,
  periodText,
  previousPeriod,
  yearEarlier,
} from '../../server/src/core/periods';
import type { Frequency } from '../../server/src/core/types';

function day(text: string): Day {
  const d = parseCalendarDay(text);
  if (d === undefined) throw new Error(`not a day: ${text}`);
  return d;
}

/** The period of a day, in words, with its first and last day. */
function period(text: string, frequency: Frequency): string {
  const p = periodOf(day(text), frequency);
  return `${periodText(p, frequency)} ${formatDay(periodStart(p, frequency))}..${formatDay(periodEnd(p, frequency))}`;
}

const texts = (periods: readonly number[], frequency: Frequency) => periods.map((p) => periodText(p, frequency));

describe('periods (SPEC §5.10)', () => {
  it('the period of a day: calendar day, ISO week, month, quarter, year', () => {
    assert.equal(period('2026-05-14', 'daily'), '2026-05-14 2026-05-14..2026-05-14');
    assert.equal(period('2026-05-14', 'weekly'), '2026-W20 2026-05-11..2026-05-17');
    assert.equal(period('2026-05-14', 'monthly'), '2026-05 2026-05-01..2026-05-31');
    assert.equal(period('2026-05-14', 'quarterly'), '2026-Q2 2026-04-01..2026-06-30');
    assert.equal(period('2026-05-14', 'yearly'), '2026 2026-01-01..2026-12-31');
    assert.equal(period('2024-02-10', 'monthly'), '2024-02 2024-02-01..2024-02-29');
  });

  it('ISO weeks across year ends: the week belongs to the year of its Thursday', () => {
    // 2026-12-31 is a Thursday: week 53 of 2026 runs into 2027.
    assert.equal(period('2027-01-03', 'weekly'), '2026-W53 2026-12-28..2027-01-03');
    assert.equal(period('2027-01-04', 'weekly'), '2027-W01 2027-01-04..2027-01-10');
    // 2024-12-30 is a Monday whose Thursday is 2025-01-02: week 1 of 2025.
    assert.equal(period('2024-12-30', 'weekly'), '2025-W01 2024-12-30..2025-01-05');
    assert.deepEqual(isoWeek(day('2021-01-03')), { year: 2020, week: 53 });
    assert.deepEqual(isoWeek(day('2008-12-29')), { year: 2009, week: 1 });
    assert.deepEqual(
      [2015, 2020, 2024, 2025, 2026, 2032].map((y) => isoWeeksIn(y)),
      [53, 53, 52, 52, 53, 53],
    );
  });

  it('the period before, at every frequency', () => {
    const before = (text: string, frequency: Frequency) => periodText(previousPeriod(periodOf(day(text), frequency)), frequency);
    assert.equal(before('2026-03-01', 'daily'), '2026-02-28');
    assert.equal(before('2024-03-01', 'daily'), '2024-02-29');
    assert.equal(before('2027-01-04', 'weekly'), '2026-W53');
    assert.equal(before('2026-01-05', 'weekly'), '2026-W01');
    assert.equal(before('2026-01-01', 'weekly'), '2025-W52');
    assert.equal(before('2026-01-15', 'monthly'), '2025-12');
    assert.equal(before('2026-02-15', 'quarterly'), '2025-Q4');
    assert.equal(before('2026-02-15', 'yearly'), '2025');
  });

  it('the same period a year earlier; 29 February becomes 28 February, week 53 becomes week 52 in a year without one', () => {
    const earlier = (text: string, frequency: Frequency) => periodText(yearEarlier(periodOf(day(text), frequency), frequency), frequency);
    assert.equal(earlier('2026-05-14', 'daily'), '2025-05-14');
    assert.equal(earlier('2024-02-29', 'daily'), '2023-02-28');
    assert.equal(earlier('2025-03-01', 'daily'), '2024-03-01');
    assert.equal(earlier('2026-05-14', 'weekly'), '2025-W20');
    assert.equal(earlier('2027-01-03', 'weekly'), '2025-W52');
    assert.equal(earlier('2021-01-03', 'weekly'), '2019-W52');
    assert.equal(earlier('2026-12-27', 'weekly'), '2025-W52');
    assert.equal(earlier('2025-01-01', 'weekly'), '2024-W01');
    assert.equal(earlier('2026-05-14', 'monthly'), '2025-05');
    assert.equal(earlier('2024-02-29', 'monthly'), '2023-02');
    assert.equal(earlier('2026-05-14', 'quarterly'), '2025-Q2');
    assert.equal(earlier('2026-05-14', 'yearly'), '2025');
  });

  it('the periods of the fiscal year through P: calendar and fiscal years starting in May', () => {
    const ytd = (text: string, frequency: Frequency, start: number) => texts(fiscalYearToDate(periodOf(day(text), frequency), frequency, start), frequency);
    assert.deepEqual(ytd('2026-03-31', 'monthly', 1), ['2026-01', '2026-02', '2026-03']);
    assert.deepEqual(ytd('2026-01-31', 'monthly', 1), ['2026-01']);
    assert.deepEqual(ytd('2026-07-31', 'monthly', 5), ['2026-05', '2026-06', '2026-07']);
    assert.deepEqual(ytd('2026-03-31', 'monthly', 5), [
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    assert.deepEqual(ytd('2026-04-30', 'monthly', 5).length, 12);
    assert.deepEqual(ytd('2026-05-31', 'monthly', 5), ['2026-05']);
    // A quarter belongs to the fiscal year it ends in: Q2 (April–June) to the one starting in May.
    assert.deepEqual(ytd('2026-12-31', 'quarterly', 5), ['2026-Q2', '2026-Q3', '2026-Q4']);
    assert.deepEqual(ytd('2027-03-31', 'quarterly', 5), ['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
    assert.deepEqual(ytd('2026-09-30', 'quarterly', 1), ['2026-Q1', '2026-Q2', '2026-Q3']);
    assert.deepEqual(ytd('2026-09-30', 'yearly', 5), ['2026']);
    // Weeks: with January, the ISO weeks of the year; with May, from the week whose Thursday is on or after 1 May (2026-W18's is 30 April).
    assert.deepEqual(ytd('2026-01-14', 'weekly', 1), ['2026-W01', '2026-W02', '2026-W03']);
    assert.deepEqual(ytd('2027-01-03', 'weekly', 1).length, 53);
    assert.deepEqual(ytd('2026-05-14', 'weekly', 5), ['2026-W19', '2026-W20']);
    assert.equal(formatDay(periodStart(periodOf(day('2026-05-01'), 'weekly'), 'weekly')), '2026-04-27');
    assert.deepEqual(ytd('2026-01-03', 'daily', 1), ['2026-01-01', '2026-01-02', '2026-01-03']);
    assert.deepEqual(ytd('2024-05-02', 'daily', 5), ['2024-05-01', '2024-05-02']);
    assert.equal(ytd('2025-04-30', 'daily', 5).length, 365);
    assert.equal(ytd('2024-04-30', 'daily', 5).length, 366);
  });
});
