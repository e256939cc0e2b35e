import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildScorecard } from '../../server/src/core/scorecard';
import { lintFixture, yaml } from '../helpers';

/** One KPI file with the given KPI properties (indented YAML lines) and inline measurements. */
function kpiFile(properties: string, measurements: [string, number][]): string {
  const list = measurements.map(([date, value]) => `      - { date: ${date}, value: ${value} }`).join('\n');
  return `kpi: 1\nkpis:\n  - id: k\n    name: K\n    category: financial\n${properties.replace(/^/gm, '    ')}\n    measurements:\n${list || '      []'}\n`;
}

function statusOf(properties: string, measurements: [string, number][], files: Record<string, string> = {}, asOf = '2026-11-27') {
  const result = lintFixture({ 'k.kpi.yaml': kpiFile(properties, measurements), ...files }, { asOf });
  return result.workspace.status(result.workspace.kpisById.get('k')![0]!);
}

const word = (properties: string, latest: number, date = '2026-06-30') => statusOf(properties, [[date, latest]]).status;

describe('status (SPEC §5)', () => {
  it('5.1: no measurement gives no-data, no target gives no-target; later measurements are ignored', () => {
    assert.equal(statusOf('target: { value: 6 }', []).status, 'no-data');
    assert.equal(statusOf('unit: "%"', [['2026-01', 4]]).status, 'no-target');
    const s = statusOf('target: { value: 6 }', [['2026-01', 4], ['2026-02', 5], ['2026-12', 9]]);
    assert.equal(s.latest?.date.text, '2026-02');
    assert.equal(s.previous?.date.text, '2026-01');
    assert.equal(statusOf('target: { value: 6 }', [['2026-12', 9]]).status, 'no-data');
  });

  it('5.2: thresholds, direction increase', () => {
    const p = 'target: { value: 6 }\nthresholds: { atRisk: 5, offTrack: 4.5 }';
    assert.deepEqual([6, 5.99, 5, 4.99, 4.5, 4.49].map((v) => word(p, v)), ['achieved', 'on-track', 'on-track', 'at-risk', 'at-risk', 'off-track']);
  });

  it('5.2: thresholds, direction decrease', () => {
    const p = 'direction: decrease\ntarget: { value: 2 }\nthresholds: { atRisk: 3, offTrack: 4 }';
    assert.deepEqual([2, 2.01, 3, 3.01, 4, 4.01].map((v) => word(p, v)), ['achieved', 'on-track', 'on-track', 'at-risk', 'at-risk', 'off-track']);
  });

  // Plan from 4 on 2025-12-31 to 6 on 2026-12-31; on 2026-06-30 (181 of 365 days):
  // planned = 4 + 2 × 181/365 = 4.99178, gap 2, so at-risk down to 4.79178.
  it('5.3: the plan, direction increase', () => {
    const p = 'baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }';
    assert.deepEqual([6, 5.5, 4.992, 4.991, 4.792, 4.791].map((v) => word(p, v)), ['achieved', 'on-track', 'on-track', 'at-risk', 'at-risk', 'off-track']);
  });

  // From 10 to 6: planned on 2026-06-30 = 10 − 4 × 181/365 = 8.01644, gap 4, at-risk up to 8.41644.
  it('5.3: the plan, direction decrease', () => {
    const p = 'direction: decrease\nbaseline: { value: 10, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }';
    assert.deepEqual([6, 7, 8.016, 8.017, 8.416, 8.417].map((v) => word(p, v)), ['achieved', 'on-track', 'on-track', 'at-risk', 'at-risk', 'off-track']);
  });

  it('5.3: the plan is clamped before the baseline and after the target date', () => {
    const p = 'baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }';
    assert.equal(word(p, 4, '2025-06'), 'on-track'); // planned = baseline
    assert.equal(word(p, 3.81, '2025-06'), 'at-risk'); // 4 − 0.2 ≤ 3.81
    assert.equal(statusOf(p, [['2027-03', 5.9]], {}, '2027-05-01').status, 'at-risk'); // planned = target, 6 − 0.2 ≤ 5.9
    assert.equal(statusOf(p, [['2027-03', 5.79]], {}, '2027-05-01').status, 'off-track');
  });

  it('5.4: without thresholds or a plan, within 10 % of |T| is at-risk', () => {
    assert.deepEqual([6, 5.4, 5.39].map((v) => word('target: { value: 6 }', v)), ['achieved', 'at-risk', 'off-track']);
    assert.deepEqual([6, 6.6, 6.61].map((v) => word('direction: decrease\ntarget: { value: 6 }', v)), ['achieved', 'at-risk', 'off-track']);
    // A baseline without a target date is no plan.
    assert.equal(word('baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6 }', 5.3), 'off-track');
  });

  it('5.6: progress, trend and staleness', () => {
    const p = 'baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }\nfrequency: monthly';
    const s = statusOf(p, [['2026-01', 4.4], ['2026-02', 4.9]]);
    assert.equal(Math.round(s.progress! * 1000) / 1000, 0.45);
    assert.equal(s.trend, 'improving');
    assert.equal(s.stale, true); // 2026-02 is more than two months before 2026-11-27
    assert.equal(statusOf(p, [['2026-09', 5], ['2026-10', 4.8]]).trend, 'worsening');
    assert.equal(statusOf(p, [['2026-09', 5], ['2026-10', 5]]).trend, 'flat');
    assert.equal(statusOf(p, [['2026-10', 5]]).trend, null);
    assert.equal(statusOf(p, [['2026-09', 5]]).stale, false);
    assert.equal(statusOf('direction: decrease', [['2026-09', 5], ['2026-10', 4.8]]).trend, 'improving');
    assert.equal(statusOf('target: { value: 6 }', [['2026-10', 5]]).progress, null);
  });

  it('merges CSV rows with inline measurements; the inline one wins on the same date', () => {
    const s = statusOf('source: { file: data/k.csv, date: month, value: v }', [['2026-02', 9]], {
      'data/k.csv': 'month,v\n2026-01,1\n2026-02,2\n2026-03,3\n',
    });
    assert.deepEqual(s.history.map((m) => `${m.date.text}=${m.value}`), ['2026-01=1', '2026-02=9', '2026-03=3']);
  });
});

describe('goal roll-up (SPEC §5.7)', () => {
  const workspace = yaml`
    kpi: 1
    goals:
      - { id: company, title: Company }
      - { id: sales, title: Sales, parent: company }
      - { id: web, title: Web, parent: sales }
      - { id: people, title: People, parent: company }
      - { id: quiet, title: Quiet }
      - { id: waiting, title: Waiting }
    kpis:
      - { id: a, name: A, category: financial, goals: [web], target: { value: 10 }, measurements: [{ date: 2026-10, value: 10 }] }
      - { id: b, name: B, category: financial, goals: [sales], target: { value: 10 }, measurements: [{ date: 2026-10, value: 9.5 }] }
      - { id: c, name: C, category: hr, goals: [people], target: { value: 10 }, measurements: [{ date: 2026-10, value: 5 }] }
      - { id: d, name: D, category: hr, goals: [waiting], target: { value: 10 } }
  `;

  it('takes the worst status of the KPIs of a goal and its descendants', () => {
    const { workspace: ws } = lintFixture({ 'goals.kpi.yaml': workspace });
    const statuses = Object.fromEntries(['company', 'sales', 'web', 'people', 'quiet', 'waiting'].map((id) => [id, ws.goalStatus(id)]));
    assert.deepEqual(statuses, {
      company: 'off-track', // c is off-track (5 of 10), through people
      sales: 'at-risk', // b at 9.5 is within 10 % of 10; a is achieved
      web: 'achieved',
      people: 'off-track',
      quiet: 'unmeasured',
      waiting: 'no-data',
    });
  });

  it('appears in the scorecard with the SPEC fields, in file and line order', () => {
    const { workspace: ws } = lintFixture({ 'goals.kpi.yaml': workspace });
    const scorecard = buildScorecard(ws, (file) => file.replace(/^.*\//, ''));
    assert.equal(scorecard.asOf, '2026-11-27');
    assert.deepEqual(scorecard.goals[1], {
      id: 'sales', title: 'Sales', status: 'at-risk', kpis: ['b'], parent: 'company', owner: null, due: null, file: 'goals.kpi.yaml', line: 4,
    });
    assert.deepEqual(scorecard.kpis[1], {
      id: 'b', name: 'B', category: 'financial', goals: ['sales'], unit: null, direction: 'increase',
      latest: { date: '2026-10', value: 9.5 }, previous: null, target: { value: 10 }, status: 'at-risk', progress: null, trend: null,
      stale: false, file: 'goals.kpi.yaml', line: 11, owner: null, frequency: null, baseline: null, history: [{ date: '2026-10', value: 9.5 }],
    });
  });
});
