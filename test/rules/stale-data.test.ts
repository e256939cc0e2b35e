import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans } from '../helpers';

/** One KPI (its id on line 3) measured at `frequency`, with inline measurements on the given dates. */
function kpiFile(frequency: string | undefined, dates: readonly string[], extra: readonly string[] = []): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: customer-satisfaction',
    '    name: Customer satisfaction',
    '    category: customer',
    ...(frequency === undefined ? [] : [`    frequency: ${frequency}`]),
    ...extra.map((line) => `    ${line}`),
    ...(dates.length > 0 ? ['    measurements:', ...dates.map((date) => `      - { date: ${date}, value: 4.1 }`)] : []),
    '',
  ].join('\n');
}

const REPORTED = [{ file: 'a.kpi.yaml', line: 3, code: 'stale-data' }];

/** As of 2026-11-27: the oldest latest measurement that is still fresh, and the newest that is stale. */
const LIMITS = [
  { frequency: 'daily', fresh: ['2026-11-25'], stale: ['2026-11-24'] },
  { frequency: 'weekly', fresh: ['2026-11-13'], stale: ['2026-11-12'] },
  { frequency: 'monthly', fresh: ['2026-09', '2026-09-27'], stale: ['2026-08', '2026-09-26'] },
  { frequency: 'quarterly', fresh: ['2026-Q2', '2026-05-27'], stale: ['2026-Q1', '2026-05-26'] },
  { frequency: 'yearly', fresh: ['2024', '2024-11-27'], stale: ['2023', '2024-11-26'] },
];

describe('stale-data', () => {
  it('stays silent for recent measurements', () => {
    assert.deepEqual(lintRule('stale-data', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  for (const { frequency, fresh, stale } of LIMITS) {
    it(`${frequency}: fresh from ${fresh.join(', ')}; stale from ${stale.join(', ')} (as of 2026-11-27)`, () => {
      for (const date of fresh) assert.deepEqual(lintRule('stale-data', { 'a.kpi.yaml': kpiFile(frequency, [date]) }), [], date);
      for (const date of stale) assert.deepEqual(lintRule('stale-data', { 'a.kpi.yaml': kpiFile(frequency, [date]) }), REPORTED, date);
    });
  }

  it('reports on the KPI id and names the latest date and the as-of date', () => {
    const result = lintFixture({ 'a.kpi.yaml': kpiFile('monthly', ['2026-07', '2026-08']) }, { rule: 'stale-data' });
    assert.deepEqual(spans(result), [{ code: 'stale-data', text: 'customer-satisfaction' }]);
    assert.deepEqual(messages(result), [
      'KPI `customer-satisfaction` is measured monthly but its latest measurement is from 2026-08, more than two months before 2026-11-27: add recent measurements.',
    ]);
  });

  it('judges the latest measurement by date, not the last one in the file', () => {
    assert.deepEqual(lintRule('stale-data', { 'a.kpi.yaml': kpiFile('monthly', ['2026-10', '2026-06']) }), []);
  });

  it('stays silent without a frequency or without measurements', () => {
    assert.deepEqual(lintRule('stale-data', { 'a.kpi.yaml': kpiFile(undefined, ['2020-01']) }), []);
    assert.deepEqual(lintRule('stale-data', { 'a.kpi.yaml': kpiFile('monthly', []) }), []);
  });

  it('ignores measurements after the as-of date', () => {
    assert.deepEqual(lintRule('stale-data', { 'a.kpi.yaml': kpiFile('monthly', ['2026-08', '2026-12']) }), REPORTED);
    // Only a future measurement: no latest one, so no-data speaks, not this rule.
    assert.deepEqual(lintRule('stale-data', { 'a.kpi.yaml': kpiFile('monthly', ['2026-12']) }), []);
  });

  it('counts the rows of a CSV source', () => {
    const files = {
      'a.kpi.yaml': kpiFile('monthly', ['2026-06'], ['source: { file: data/csat.csv, date: month, value: score }']),
      'data/csat.csv': 'month,score\n2026-07,4.0\n2026-10,4.2\n',
    };
    assert.deepEqual(lintRule('stale-data', files), []);
  });

  it('moves with the as-of date', () => {
    const files = { 'a.kpi.yaml': kpiFile('weekly', ['2026-11-13']) };
    assert.deepEqual(lintRule('stale-data', files, { asOf: '2026-11-27' }), []);
    assert.deepEqual(lintRule('stale-data', files, { asOf: '2026-11-28' }), REPORTED);
  });
});
