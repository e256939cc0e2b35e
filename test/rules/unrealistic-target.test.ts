import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans } from '../helpers';

/**
 * One KPI with the given direction, `target` (flow mapping) and inline
 * measurements; the `target` key is on line 8.
 */
function kpiFile(direction: 'increase' | 'decrease', target: string, measurements: readonly string[], extra: readonly string[] = []): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: new-customers',
    '    name: New customers',
    '    category: customer',
    `    direction: ${direction}`,
    '    unit: count',
    `    target: ${target}`,
    ...extra.map((line) => `    ${line}`),
    ...(measurements.length > 0 ? ['    measurements:', ...measurements.map((m) => `      - ${m}`)] : []),
    '',
  ].join('\n');
}

/**
 * +10 in 10 days, then +5 in 10 days: the best pace is 1 a day. From 25 on
 * 2026-11-21 to a target on 2026-12-01 (10 days), 55 needs exactly three
 * times that pace and 56 needs 3.1 times.
 */
const RISING = ['{ date: 2026-11-01, value: 10 }', '{ date: 2026-11-11, value: 20 }', '{ date: 2026-11-21, value: 25 }'];

/** The mirror image for `decrease`: the best pace is 1 a day down, 85 on 2026-11-21. */
const FALLING = ['{ date: 2026-11-01, value: 100 }', '{ date: 2026-11-11, value: 90 }', '{ date: 2026-11-21, value: 85 }'];

const REPORTED = [{ file: 'a.kpi.yaml', line: 8, code: 'unrealistic-target' }];

describe('unrealistic-target', () => {
  it('stays silent for a target within reach', () => {
    assert.deepEqual(lintRule('unrealistic-target', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports an increase target that needs more than three times the best pace, on the target key', () => {
    const files = { 'a.kpi.yaml': kpiFile('increase', '{ value: 56, date: 2026-12-01 }', RISING) };
    const result = lintFixture(files, { rule: 'unrealistic-target' });
    assert.deepEqual(lintRule('unrealistic-target', files), REPORTED);
    assert.deepEqual(spans(result), [{ code: 'unrealistic-target', text: 'target' }]);
    // Required: (56 − 25) / 10 = 3.1 a day, 93 a month; best: 1 a day, 30 a month.
    assert.deepEqual(messages(result), [
      'Target 56 count by 2026-12-01 needs 93 count a month, 3.1× the best pace so far (30 count a month): set a reachable target or a later date.',
    ]);
  });

  it('stays silent when the required pace is exactly three times the best pace', () => {
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 55, date: 2026-12-01 }', RISING) }), []);
  });

  it('mirrors the paces for a decrease KPI', () => {
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('decrease', '{ value: 54, date: 2026-12-01 }', FALLING) }), REPORTED);
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('decrease', '{ value: 55, date: 2026-12-01 }', FALLING) }), []);
  });

  it('takes the measurements in date order, whatever their order in the file', () => {
    const shuffled = [RISING[2], RISING[0], RISING[1]];
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 56, date: 2026-12-01 }', shuffled) }), REPORTED);
  });

  it("counts only improvements in the KPI's direction as pace", () => {
    // +30 in 10 days is worsening for `decrease`; the best pace is −5 in 10 days, 0.5 a day.
    // From 125 to 105 in 10 days needs 2 a day, more than 1.5.
    const measurements = ['{ date: 2026-11-01, value: 100 }', '{ date: 2026-11-11, value: 130 }', '{ date: 2026-11-21, value: 125 }'];
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('decrease', '{ value: 105, date: 2026-12-01 }', measurements) }), REPORTED);
  });

  it('judges a KPI that has never improved by the largest move it has made, either way (SPEC §5.5)', () => {
    // Falling 1 a day: to 50 in 10 days needs 4 a day, more than 3 × 1; to 15 needs 0.5 a day.
    const falling = ['{ date: 2026-11-01, value: 30 }', '{ date: 2026-11-11, value: 20 }', '{ date: 2026-11-21, value: 10 }'];
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 50, date: 2026-12-01 }', falling) }), REPORTED);
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 15, date: 2026-12-01 }', falling) }), []);
    // Never moved at all: any distance left is unrealistic.
    const flat = ['{ date: 2026-11-01, value: 10 }', '{ date: 2026-11-11, value: 10 }', '{ date: 2026-11-21, value: 10 }'];
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 11, date: 2026-12-01 }', flat) }), REPORTED);
    assert.deepEqual(messages(lintFixture({ 'a.kpi.yaml': kpiFile('increase', '{ value: 11, date: 2026-12-01 }', flat) }, { rule: 'unrealistic-target' })), [
      'Target 11 count by 2026-12-01 needs 3 count a month, but it has never improved or moved: set a reachable target or a later date.',
    ]);
    // Rising 1 a day at most, for a decrease KPI: down to 5 in 4 days needs 5 a day.
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('decrease', '{ value: 5, date: 2026-11-25 }', RISING) }), REPORTED);
  });

  it('flags sick leave rising to 5.9 % with a target of 0 % next month', () => {
    const text = [
      'kpi: 1',
      'kpis:',
      '  - id: sick-leave',
      '    name: Sick leave',
      '    category: hr',
      '    direction: decrease',
      '    unit: "%"',
      '    target: { value: 0, date: 2026-11 }',
      '    measurements:',
      '      - { date: 2026-08, value: 5.2 }',
      '      - { date: 2026-09, value: 5.6 }',
      '      - { date: 2026-10, value: 5.9 }',
      '',
    ].join('\n');
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': text }, { asOf: '2026-10-31' }), REPORTED);
    // 5.9 in 30 days is 5.9 a month; the largest move, 0.4 in 30 days (2026-08-31 to 2026-09-30), is 0.4 a month.
    assert.deepEqual(messages(lintFixture({ 'a.kpi.yaml': text }, { asOf: '2026-10-31', rule: 'unrealistic-target' })), [
      'Target 0 % by 2026-11 needs 5.9 % a month, but it has never improved and has moved at most 0.4 % a month: set a reachable target or a later date.',
    ]);
  });

  it('stays silent with fewer than three measurements', () => {
    // 1 a day so far; 80 in 20 days would need 4 a day.
    const two = RISING.slice(0, 2);
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 100, date: 2026-12-01 }', two) }), []);
  });

  it('stays silent when the latest value already meets the target', () => {
    // 0.1 a day so far; 12 is 7 past the target 5, which a pace check alone would flag.
    const slow = ['{ date: 2026-11-01, value: 10 }', '{ date: 2026-11-11, value: 11 }', '{ date: 2026-11-21, value: 12 }'];
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 5, date: 2026-12-01 }', slow) }), []);
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('decrease', '{ value: 85, date: 2026-12-01 }', FALLING) }), []);
  });

  it('stays silent without a target value, without a target date, or with a target date not after the latest measurement', () => {
    for (const target of ['{ date: 2026-12-01 }', '{ value: 56 }', '{ value: 56, date: 2026-11-21 }', '{ value: 56, date: 2026-11-15 }']) {
      assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', target, RISING) }), [], target);
    }
  });

  it('ignores measurements after the as-of date', () => {
    // With the 2026-11-30 value, 21 → 100 by 2026-12-10 would look unrealistic; without it only two measurements count.
    const twoAndAFuture = [RISING[0], RISING[1], '{ date: 2026-11-30, value: 21 }'];
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 100, date: 2026-12-10 }', twoAndAFuture) }), []);
    // A future 60 would meet the target 56; ignored, the latest is still 25 on 2026-11-21.
    const withFuture = [...RISING, '{ date: 2026-11-30, value: 60 }'];
    assert.deepEqual(lintRule('unrealistic-target', { 'a.kpi.yaml': kpiFile('increase', '{ value: 56, date: 2026-12-01 }', withFuture) }), REPORTED);
  });

  it('counts the rows of a CSV source as measurements', () => {
    const files = {
      'a.kpi.yaml': kpiFile('increase', '{ value: 56, date: 2026-12-01 }', [], ['source: { file: data/customers.csv, date: day, value: count }']),
      'data/customers.csv': 'day,count\n2026-11-01,10\n2026-11-11,20\n2026-11-21,25\n',
    };
    assert.deepEqual(lintRule('unrealistic-target', files), REPORTED);
  });
});
