import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans } from '../helpers';

/** One KPI with the given direction, `target` (flow mapping) and inline measurements; `target` is on line 7. */
function kpiFile(direction: 'increase' | 'decrease', target: string, measurements: readonly string[]): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: delivery-precision',
    '    name: Delivery precision',
    '    category: operational',
    `    direction: ${direction}`,
    `    target: ${target}`,
    ...(measurements.length > 0 ? ['    measurements:', ...measurements.map((m) => `      - ${m}`)] : []),
    '',
  ].join('\n');
}

const REPORTED = [{ file: 'a.kpi.yaml', line: 7, code: 'target-overdue' }];

describe('target-overdue', () => {
  it('stays silent for a target date after the as-of date', () => {
    assert.deepEqual(lintRule('target-overdue', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports a passed increase target that the latest value is below, on the target key', () => {
    const files = { 'a.kpi.yaml': kpiFile('increase', '{ value: 95, date: 2026-10 }', ['{ date: 2026-09, value: 90 }', '{ date: 2026-10, value: 94.5 }']) };
    const result = lintFixture(files, { rule: 'target-overdue' });
    assert.deepEqual(lintRule('target-overdue', files), REPORTED);
    assert.deepEqual(spans(result), [{ code: 'target-overdue', text: 'target' }]);
    assert.deepEqual(messages(result), ['Target 95 was due 2026-10 and the latest value is 94.5 (as of 2026-11-27): set a new target and date.']);
  });

  it('reports a passed decrease target that the latest value is above', () => {
    const files = { 'a.kpi.yaml': kpiFile('decrease', '{ value: 10, date: 2026-Q3 }', ['{ date: 2026-09, value: 10.5 }']) };
    assert.deepEqual(lintRule('target-overdue', files), REPORTED);
  });

  it('stays silent when the latest value meets the target, equal or better, in both directions', () => {
    for (const [direction, first, latest] of [
      ['increase', 90, 95],
      ['increase', 90, 96],
      ['decrease', 100, 95],
      ['decrease', 100, 94],
    ] as const) {
      const measurements = [`{ date: 2026-09, value: ${first} }`, `{ date: 2026-10, value: ${latest} }`];
      assert.deepEqual(
        lintRule('target-overdue', { 'a.kpi.yaml': kpiFile(direction, '{ value: 95, date: 2026-10 }', measurements) }),
        [],
        `${direction}, latest ${latest}`,
      );
    }
  });

  it('uses the latest measurement by date, not the last one in the file', () => {
    const files = { 'a.kpi.yaml': kpiFile('increase', '{ value: 95, date: 2026-10 }', ['{ date: 2026-10, value: 90 }', '{ date: 2026-09, value: 96 }']) };
    assert.deepEqual(lintRule('target-overdue', files), REPORTED);
  });

  it('stays silent without measurements, without a target value or without a target date', () => {
    for (const [target, measurements] of [
      ['{ value: 95, date: 2026-10 }', []],
      ['{ date: 2026-10 }', ['{ date: 2026-10, value: 90 }']],
      ['{ value: 95 }', ['{ date: 2026-10, value: 90 }']],
    ] as const) {
      assert.deepEqual(lintRule('target-overdue', { 'a.kpi.yaml': kpiFile('increase', target, measurements) }), [], target);
    }
  });

  it('treats a target date equal to the as-of date as not yet overdue, and the day before as overdue', () => {
    const measured = ['{ date: 2026-11-20, value: 90 }'];
    assert.deepEqual(lintRule('target-overdue', { 'a.kpi.yaml': kpiFile('increase', '{ value: 95, date: 2026-11-27 }', measured) }), []);
    assert.deepEqual(lintRule('target-overdue', { 'a.kpi.yaml': kpiFile('increase', '{ value: 95, date: 2026-11-26 }', measured) }), REPORTED);
    // A period means its last day: 2026-11 is 2026-11-30, not yet due.
    assert.deepEqual(lintRule('target-overdue', { 'a.kpi.yaml': kpiFile('increase', '{ value: 95, date: 2026-11 }', measured) }), []);
    assert.deepEqual(
      lintRule('target-overdue', { 'a.kpi.yaml': kpiFile('increase', '{ value: 95, date: 2026-11 }', measured) }, { asOf: '2026-12-01' }),
      REPORTED,
    );
  });

  it('ignores measurements after the as-of date', () => {
    // Only the 2026-12-05 value meets the target; it does not count yet.
    const files = { 'a.kpi.yaml': kpiFile('increase', '{ value: 95, date: 2026-10 }', ['{ date: 2026-10, value: 90 }', '{ date: 2026-12-05, value: 97 }']) };
    assert.deepEqual(lintRule('target-overdue', files), REPORTED);
    // Without past measurements there is no latest value to judge.
    const onlyFuture = { 'a.kpi.yaml': kpiFile('increase', '{ value: 95, date: 2026-10 }', ['{ date: 2026-12-05, value: 90 }']) };
    assert.deepEqual(lintRule('target-overdue', onlyFuture), []);
  });
});
