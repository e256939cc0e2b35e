import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDay, minusMonths, parseCalendarDay, parseDate } from '../../server/src/core/dates';

const day = (text: string) => formatDay(parseDate(text)!);

describe('dates', () => {
  it('reads a period as its last day', () => {
    assert.equal(day('2026-01-15'), '2026-01-15');
    assert.equal(day('2026-01'), '2026-01-31');
    assert.equal(day('2024-02'), '2024-02-29');
    assert.equal(day('2026-02'), '2026-02-28');
    assert.equal(day('2026-Q1'), '2026-03-31');
    assert.equal(day('2026-Q2'), '2026-06-30');
    assert.equal(day('2026-Q4'), '2026-12-31');
    assert.equal(day('2026'), '2026-12-31');
    assert.equal(formatDay(parseDate(2026)!), '2026-12-31');
  });

  it('rejects impossible dates and other shapes', () => {
    for (const bad of ['2026-02-30', '2026-13', '2026-00', '2026-Q5', '2026-1', '26-01', 'Jan 2026', '2026/01', '', '2026-02-29']) {
      assert.equal(parseDate(bad), undefined, bad);
    }
    for (const bad of [2026.5, 999, 10000, null, true, {}]) assert.equal(parseDate(bad), undefined, JSON.stringify(bad));
  });

  it('takes only a calendar day as the as-of date', () => {
    assert.equal(formatDay(parseCalendarDay('2026-11-27')!), '2026-11-27');
    assert.equal(parseCalendarDay('2026-11'), undefined);
    assert.equal(parseCalendarDay('2026-11-31'), undefined);
  });

  it('goes back calendar months, clamping to the end of shorter months', () => {
    assert.equal(formatDay(minusMonths(parseDate('2026-11-27')!, 2)), '2026-09-27');
    assert.equal(formatDay(minusMonths(parseDate('2026-05-31')!, 3)), '2026-02-28');
    assert.equal(formatDay(minusMonths(parseDate('2026-01-15')!, 24)), '2024-01-15');
  });
});
