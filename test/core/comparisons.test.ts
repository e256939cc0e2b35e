import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare } from '../../server/src/core/comparisons';
import { buildScorecard, type ScorecardKpi } from '../../server/src/core/scorecard';
import { lintFixture } from '../helpers';

/** The scorecard's KPI `k`, defined by `properties` (YAML lines) and inline measurements. */
function kpiOf(properties: string, measurements: [string, number][], options: { config?: string; asOf?: string } = {}): ScorecardKpi {
  const list = measurements.map(([date, value]) => `      - { date: ${date}, value: ${value} }`).join('\n');
  const text = `kpi: 1\nkpis:\n  - id: k\n    name: K\n    category: financial\n${properties.replace(/^/gm, '    ')}\n    measurements:\n${list || '      []'}\n`;
  const files: Record<string, string> = { 'k.kpi.yaml': text };
  if (options.config !== undefined) files['kpi.config.yaml'] = options.config;
  const result = lintFixture(files, { asOf: options.asOf ?? '2026-11-27', config: options.config });
  return buildScorecard(result.workspace, (f) => f).kpis[0];
}

const monthly = 'frequency: monthly';

/** Twelve months of a year, `first` in January and one more each month. */
function year(y: number, first: number, months = 12): [string, number][] {
  return Array.from({ length: months }, (_, i): [string, number] => [`${y}-${String(i + 1).padStart(2, '0')}`, first + i]);
}

describe('comparisons (SPEC §5.10)', () => {
  it('vs previous period: the change, its share of the base, and the verdict in the KPI direction', () => {
    const k = kpiOf(monthly, [
      ['2026-09', 40],
      ['2026-10', 44],
    ]);
    assert.deepEqual(k.comparisons.previous, { value: 44, base: 40, change: 4, changePercent: 0.1, verdict: 'better' });
    const down = kpiOf(`${monthly}\ndirection: decrease`, [
      ['2026-09', 40],
      ['2026-10', 44],
    ]);
    assert.deepEqual(down.comparisons.previous, { value: 44, base: 40, change: 4, changePercent: 0.1, verdict: 'worse' });
    const better = kpiOf(`${monthly}\ndirection: decrease`, [
      ['2026-09', 40],
      ['2026-10', 30],
    ]);
    assert.deepEqual(better.comparisons.previous, { value: 30, base: 40, change: -10, changePercent: -0.25, verdict: 'better' });
    const flat = kpiOf(monthly, [
      ['2026-09', 40],
      ['2026-10', 40],
    ]);
    assert.equal(flat.comparisons.previous?.verdict, 'same');
  });

  it('v(p) is the latest measurement dated in the period: a mid-month reading gives way to a later one', () => {
    const k = kpiOf(monthly, [
      ['2026-09-10', 38],
      ['2026-09-25', 40],
      ['2026-10-05', 50],
    ]);
    assert.deepEqual(k.comparisons.previous, { value: 50, base: 40, change: 10, changePercent: 0.25, verdict: 'better' });
  });

  it('a missing previous period gives null, with no fall-back to an older measurement', () => {
    const k = kpiOf(monthly, [
      ['2026-08', 40],
      ['2026-10', 44],
    ]);
    assert.deepEqual(k.previous, { date: '2026-08', value: 40 });
    assert.equal(k.comparisons.previous, null);
  });

  it('a zero base has no percent change', () => {
    const k = kpiOf(monthly, [
      ['2026-09', 0],
      ['2026-10', 3],
    ]);
    assert.deepEqual(k.comparisons.previous, { value: 3, base: 0, change: 3, changePercent: null, verdict: 'better' });
    assert.deepEqual(compare(-2, -4, 'increase'), { value: -2, base: -4, change: 2, changePercent: 0.5, verdict: 'better' });
  });

  it('a % KPI changes in percentage points: 46.1 % against 45.9 % is +0.2 (pp), and 0.44 % of the base', () => {
    const k = kpiOf(`${monthly}\nunit: "%"`, [
      ['2026-09', 45.9],
      ['2026-10', 46.1],
    ]);
    assert.deepEqual(k.comparisons.previous, { value: 46.1, base: 45.9, change: 0.2, changePercent: 0.0044, verdict: 'better' });
  });

  it('vs the same period last year: month, quarter, ISO week, calendar day', () => {
    const m = kpiOf(monthly, [
      ['2025-10', 40],
      ['2026-09', 43],
      ['2026-10', 42],
    ]);
    assert.deepEqual(m.comparisons.lastYear, { value: 42, base: 40, change: 2, changePercent: 0.05, verdict: 'better' });
    assert.equal(kpiOf(monthly, [['2026-10', 42]]).comparisons.lastYear, null);
    const q = kpiOf('frequency: quarterly', [
      ['2025-Q3', 10],
      ['2026-Q3', 8],
    ]);
    assert.deepEqual(q.comparisons.lastYear, { value: 8, base: 10, change: -2, changePercent: -0.2, verdict: 'worse' });
    // 2026-11-12 is in week 46 of 2026; week 46 of 2025 is 10–16 November.
    const w = kpiOf('frequency: weekly', [
      ['2025-11-16', 20],
      ['2025-11-17', 99],
      ['2026-11-12', 25],
    ]);
    assert.deepEqual(w.comparisons.lastYear, { value: 25, base: 20, change: 5, changePercent: 0.25, verdict: 'better' });
    const d = kpiOf('frequency: daily', [
      ['2023-02-28', 10],
      ['2024-02-29', 12],
    ]);
    assert.deepEqual(d.comparisons.lastYear, { value: 12, base: 10, change: 2, changePercent: 0.2, verdict: 'better' });
  });

  it('year to date, sum: this fiscal year through P against the same span a year earlier, complete', () => {
    const k = kpiOf(`${monthly}\naggregation: sum`, [...year(2025, 10, 12), ...year(2026, 11, 3)]);
    // 2026: 11 + 12 + 13 = 36; 2025: 10 + 11 + 12 = 33.
    assert.deepEqual(k.comparisons.yearToDate, { value: 36, base: 33, change: 3, changePercent: 0.0909, verdict: 'better', complete: true });
    assert.equal(k.aggregation, 'sum');
  });

  it('year to date, average, and a partial span is not complete', () => {
    const k = kpiOf(`${monthly}\naggregation: average`, [...year(2025, 10, 12).filter(([d]) => d !== '2025-02'), ...year(2026, 20, 3)]);
    // 2026: mean of 20, 21, 22 = 21; 2025: mean of 10 and 12 (February missing) = 11.
    assert.deepEqual(k.comparisons.yearToDate, { value: 21, base: 11, change: 10, changePercent: 0.9091, verdict: 'better', complete: false });
    const gapNow = kpiOf(`${monthly}\naggregation: sum`, [...year(2025, 10, 3), ['2026-01', 5], ['2026-03', 5]]);
    assert.deepEqual(gapNow.comparisons.yearToDate, { value: 10, base: 33, change: -23, changePercent: -0.697, verdict: 'worse', complete: false });
  });

  it('year to date is null for aggregation last (the default) and when the year before has no measurement', () => {
    const data = [...year(2025, 10, 12), ...year(2026, 11, 3)];
    assert.equal(kpiOf(monthly, data).comparisons.yearToDate, null);
    assert.equal(kpiOf(monthly, data).aggregation, 'last');
    assert.equal(kpiOf(`${monthly}\naggregation: last`, data).comparisons.yearToDate, null);
    assert.equal(kpiOf(`${monthly}\naggregation: sum`, year(2026, 11, 3)).comparisons.yearToDate, null);
  });

  it('a fiscal year starting in May adds up May through P', () => {
    const data = [...year(2025, 1, 12), ...year(2026, 13, 7)];
    const k = kpiOf(`${monthly}\naggregation: sum`, data, { config: 'fiscalYearStart: 5\n' });
    // 2026-05..07: 17 + 18 + 19 = 54; 2025-05..07: 5 + 6 + 7 = 18.
    assert.deepEqual(k.comparisons.yearToDate, { value: 54, base: 18, change: 36, changePercent: 2, verdict: 'better', complete: true });
    const calendar = kpiOf(`${monthly}\naggregation: sum`, data);
    // 2026-01..07: 13 + … + 19 = 112; 2025-01..07: 1 + … + 7 = 28.
    assert.deepEqual(calendar.comparisons.yearToDate?.value, 112);
    assert.deepEqual(calendar.comparisons.yearToDate?.base, 28);
  });

  it('vs plan: latest − planned; vs target: latest − T; both judged in the direction', () => {
    const k = kpiOf(
      `${monthly}\nunit: "%"\nbaseline: { value: 40, date: 2025-12 }\ntarget: { value: 50, date: 2026-12 }\nplan:\n  - { date: 2026-06, value: 42 }\n  - { date: 2026-10, value: 46 }`,
      [
        ['2026-09', 44],
        ['2026-10', 45],
      ],
    );
    assert.equal(k.planned, 46);
    assert.deepEqual(k.comparisons.plan, { value: 45, base: 46, change: -1, changePercent: -0.0217, verdict: 'worse' });
    assert.deepEqual(k.comparisons.target, { value: 45, base: 50, change: -5, changePercent: -0.1, verdict: 'worse' });
    const down = kpiOf(`${monthly}\ndirection: decrease\ntarget: { value: 50 }`, [['2026-10', 45]]);
    assert.deepEqual(down.comparisons.target, { value: 45, base: 50, change: -5, changePercent: -0.1, verdict: 'better' });
    assert.equal(down.comparisons.plan, null);
  });

  it('only measurements that count: none after the as-of date, none with an error', () => {
    const k = kpiOf(
      monthly,
      [
        ['2026-09', 40],
        ['2026-10', 44],
        ['2026-11', 99],
      ],
      { asOf: '2026-11-27' },
    );
    assert.deepEqual(k.comparisons.previous, { value: 44, base: 40, change: 4, changePercent: 0.1, verdict: 'better' });
    const broken = kpiOf(monthly, [
      ['2026-09', 40],
      ['2026-10', '"44 kr"' as unknown as number],
    ]);
    assert.deepEqual(broken.latest, { date: '2026-09', value: 40 });
    assert.equal(broken.comparisons.previous, null);
  });

  it('an invalid KPI has no comparisons; without a frequency only the plan and the target', () => {
    const invalid = kpiOf(`${monthly}\nbaseline: { value: 50 }\ntarget: { value: 40 }`, [
      ['2026-09', 40],
      ['2026-10', 44],
    ]);
    assert.equal(invalid.status, 'invalid');
    assert.deepEqual(invalid.comparisons, { previous: null, lastYear: null, yearToDate: null, plan: null, target: null });
    const loose = kpiOf('target: { value: 50 }', [
      ['2026-09', 40],
      ['2026-10', 44],
    ]);
    assert.equal(loose.comparisons.previous, null);
    assert.deepEqual(loose.comparisons.target, { value: 44, base: 50, change: -6, changePercent: -0.12, verdict: 'worse' });
  });
});
