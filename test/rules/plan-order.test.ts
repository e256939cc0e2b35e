import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, yaml } from '../helpers';

/** One monthly KPI from a baseline at the end of 2025 to a target at the end of 2026, with the given plan entries (line 10 on). */
function planned(entries: readonly string[], extra: readonly string[] = []): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: gift-cards',
    '    name: Gift card sales',
    '    category: financial',
    '    frequency: monthly',
    '    baseline: { value: 120, date: 2025-12 }',
    '    target: { value: 150, date: 2026-12 }',
    '    plan:',
    ...entries.map((e) => `      - ${e}`),
    ...extra,
    '',
  ].join('\n');
}

const messages = (text: string) => lintFixture({ 'a.kpi.yaml': text }, { rule: 'plan-order' }).files.flatMap((f) => f.diagnostics.map((d) => d.message));

describe('plan-order', () => {
  it('stays silent for entries between the baseline and target dates, one per month, the last on the target date', () => {
    assert.deepEqual(lintRule('plan-order', { 'sales.kpi.yaml': GOOD_FILE }), []);
    const text = planned(['{ date: 2025-12, value: 120 }', '{ date: 2026-06, value: 130 }', '{ date: 2026-12, value: 150 }']);
    assert.deepEqual(lintRule('plan-order', { 'a.kpi.yaml': text }), []);
  });

  it('reports an entry before the baseline date and one after the target date, on their dates', () => {
    const text = planned(['{ date: 2025-11, value: 119 }', '{ date: 2026-06, value: 130 }', '{ date: 2027-Q1, value: 155 }']);
    assert.deepEqual(lintRule('plan-order', { 'a.kpi.yaml': text }), [
      { file: 'a.kpi.yaml', line: 10, code: 'plan-order' },
      { file: 'a.kpi.yaml', line: 12, code: 'plan-order' },
    ]);
    assert.deepEqual(messages(text), [
      'The 1st plan entry (2025-11) is dated before the baseline date 2025-12: date it on or after the baseline, or remove it.',
      'The 3rd plan entry (2027-Q1) is dated after the target date 2026-12: date it on or before the target, or remove it.',
    ]);
  });

  it("reports the later of two entries in one period of the KPI's frequency", () => {
    const text = planned(['{ date: 2026-06-15, value: 130 }', '{ date: 2026-06, value: 131 }', '{ date: 2026-09, value: 140 }']);
    assert.deepEqual(lintRule('plan-order', { 'a.kpi.yaml': text }), [{ file: 'a.kpi.yaml', line: 11, code: 'plan-order' }]);
    assert.deepEqual(messages(text), ['The 2nd plan entry (2026-06) is in the same month as the 1st (2026-06-15): keep one entry per period.']);
    // Quarterly: June and May are one quarter.
    const quarterly = planned(['{ date: 2026-05, value: 130 }', '{ date: 2026-06, value: 131 }']).replace('frequency: monthly', 'frequency: quarterly');
    assert.deepEqual(messages(quarterly), ['The 2nd plan entry (2026-06) is in the same quarter as the 1st (2026-05): keep one entry per period.']);
  });

  it('reports a plan without a target on the plan key', () => {
    const text = yaml`
      kpi: 1
      kpis:
        - id: gift-cards
          name: Gift card sales
          category: financial
          plan:
            - { date: 2026-06, value: 130 }
    `;
    assert.deepEqual(lintRule('plan-order', { 'a.kpi.yaml': text }), [{ file: 'a.kpi.yaml', line: 6, code: 'plan-order' }]);
    assert.deepEqual(messages(text), ['KPI `gift-cards` has a `plan` but no `target`: add the target the plan leads to, or remove the plan.']);
  });

  it('makes the KPI invalid while it is an error, and not when it is set to warning', () => {
    const text = planned(['{ date: 2027-01, value: 150 }'], ['    measurements:', '      - { date: 2026-10, value: 141 }']);
    const statusWith = (config?: string) => {
      const { workspace } = lintFixture({ 'a.kpi.yaml': text }, { config });
      return workspace.status(workspace.kpis[0]).status;
    };
    assert.equal(statusWith(), 'invalid');
    // As written: planned 144.98 on 2026-10-31 (120 → 150 over 2026), 141 is 3.98 behind, within the band of 0.25 × 30.
    assert.equal(statusWith('rules: { plan-order: warning }'), 'at-risk');
  });
});
