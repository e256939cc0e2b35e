import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildScorecard } from '../../server/src/core/scorecard';
import { goalStatus } from '../../server/src/core/status';
import { lintFixture, yaml } from '../helpers';

/** One KPI file with the given KPI properties (indented YAML lines) and inline measurements. */
function kpiFile(properties: string, measurements: [string, number][]): string {
  const list = measurements.map(([date, value]) => `      - { date: ${date}, value: ${value} }`).join('\n');
  return `kpi: 1\nkpis:\n  - id: k\n    name: K\n    category: financial\n${properties.replace(/^/gm, '    ')}\n    measurements:\n${list || '      []'}\n`;
}

function statusOf(properties: string, measurements: [string, number][], files: Record<string, string> = {}, asOf = '2026-11-27') {
  const result = lintFixture({ 'k.kpi.yaml': kpiFile(properties, measurements), ...files }, { asOf });
  return result.workspace.status(result.workspace.kpi('k')!);
}

const word = (properties: string, latest: number, date = '2026-06-30') => statusOf(properties, [[date, latest]]).status;

describe('status (SPEC §5)', () => {
  it('5.1: no measurement gives no-data, no target gives no-target; later measurements are ignored', () => {
    assert.equal(statusOf('target: { value: 6 }', []).status, 'no-data');
    assert.equal(statusOf('unit: "%"', [['2026-01', 4]]).status, 'no-target');
    const s = statusOf('target: { value: 6 }', [
      ['2026-01', 4],
      ['2026-02', 5],
      ['2026-12', 9],
    ]);
    assert.equal(s.latest?.date.text, '2026-02');
    assert.equal(s.previous?.date.text, '2026-01');
    assert.equal(statusOf('target: { value: 6 }', [['2026-12', 9]]).status, 'no-data');
  });

  it('5.2: thresholds, direction increase', () => {
    const p = 'target: { value: 6 }\nthresholds: { atRisk: 5, offTrack: 4.5 }';
    assert.deepEqual(
      [6, 5.99, 5, 4.99, 4.5, 4.49].map((v) => word(p, v)),
      ['achieved', 'on-track', 'on-track', 'at-risk', 'at-risk', 'off-track'],
    );
  });

  it('5.2: thresholds, direction decrease', () => {
    const p = 'direction: decrease\ntarget: { value: 2 }\nthresholds: { atRisk: 3, offTrack: 4 }';
    assert.deepEqual(
      [2, 2.01, 3, 3.01, 4, 4.01].map((v) => word(p, v)),
      ['achieved', 'on-track', 'on-track', 'at-risk', 'at-risk', 'off-track'],
    );
  });

  // Plan from 4 on 2025-12-31 to 6 on 2026-12-31; on 2026-06-30 (181 of 365 days):
  // planned = 4 + 2 × 181/365 = 4.99178, gap 2, band 0.25, so at-risk down to 4.49178.
  it('5.3: the plan, direction increase', () => {
    const p = 'baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }';
    assert.deepEqual(
      [6, 5.5, 4.992, 4.991, 4.492, 4.491].map((v) => word(p, v)),
      ['achieved', 'on-track', 'on-track', 'at-risk', 'at-risk', 'off-track'],
    );
  });

  // From 10 to 6: planned on 2026-06-30 = 10 − 4 × 181/365 = 8.01644, gap 4, at-risk up to 9.01644.
  it('5.3: the plan, direction decrease', () => {
    const p = 'direction: decrease\nbaseline: { value: 10, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }';
    assert.deepEqual(
      [6, 7, 8.016, 8.017, 9.016, 9.017].map((v) => word(p, v)),
      ['achieved', 'on-track', 'on-track', 'at-risk', 'at-risk', 'off-track'],
    );
  });

  it('5.3: the plan is clamped before the baseline and after the target date', () => {
    const p = 'baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }';
    assert.equal(word(p, 4, '2025-06'), 'on-track'); // planned = baseline
    assert.equal(word(p, 3.51, '2025-06'), 'at-risk'); // 4 − 0.5 ≤ 3.51
    assert.equal(word(p, 3.49, '2025-06'), 'off-track');
    assert.equal(statusOf(p, [['2027-03', 5.5]], {}, '2027-05-01').status, 'at-risk'); // planned = target, 6 − 0.5 ≤ 5.5
    assert.equal(statusOf(p, [['2027-03', 5.49]], {}, '2027-05-01').status, 'off-track');
  });

  it('5.3: a KPI a month behind a straight yearly plan is at risk, not off track, with the default band', () => {
    // 100 → 220 over 2026: planned on 2026-10-31 is 100 + 120 × 304/365 = 199.95; a month behind is about 190.
    const p = 'baseline: { value: 100, date: 2025-12 }\ntarget: { value: 220, date: 2026-12 }';
    assert.equal(word(p, 190, '2026-10'), 'at-risk');
    const s = statusOf(p, [['2026-10', 190]]);
    assert.equal(Math.round(s.planned! * 100) / 100, 199.95);
  });

  it('5.3: status.atRiskBand and status.nearTarget of kpi.config.yaml set the bands', () => {
    const p = 'baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }';
    const with_ = (config: string, properties: string, value: number) => {
      const result = lintFixture({ 'k.kpi.yaml': kpiFile(properties, [['2026-06-30', value]]) }, { config });
      return result.workspace.status(result.workspace.kpi('k')!).status;
    };
    assert.equal(with_('status: { atRiskBand: 0.1 }', p, 4.792), 'at-risk'); // 4.99178 − 0.2
    assert.equal(with_('status: { atRiskBand: 0.1 }', p, 4.791), 'off-track');
    assert.equal(with_('status: { nearTarget: 0.2 }', 'target: { value: 6 }', 4.8), 'at-risk');
    assert.equal(with_('status: { nearTarget: 0.2 }', 'target: { value: 6 }', 4.79), 'off-track');
  });

  it('5.3: plan entries bend the plan line; without a dated baseline the first entry starts it', () => {
    // Baseline 100 (2025-12-31), plan 110 on 2026-06-30, target 200 on 2026-12-31: a seasonal budget.
    const p = 'baseline: { value: 100, date: 2025-12 }\ntarget: { value: 200, date: 2026-12 }\nplan:\n  - { date: 2026-06, value: 110 }';
    // On 2026-03-31 (90 of 181 days to the entry): 100 + 10 × 90/181 = 104.97.
    assert.equal(Math.round(statusOf(p, [['2026-03', 104]]).planned! * 100) / 100, 104.97);
    assert.equal(word(p, 105, '2026-03'), 'on-track'); // a straight line would plan 124.66
    // On 2026-09-30 (92 of 184 days from the entry to the target): 110 + 90 × 92/184 = 155; gap 100, at risk down to 130.
    assert.deepEqual(
      [155, 154.9, 130, 129.9].map((v) => word(p, v, '2026-09')),
      ['on-track', 'at-risk', 'at-risk', 'off-track'],
    );
    // No baseline: the line starts at the first entry, held flat before it; the gap is 200 − 110.
    const noBaseline = 'target: { value: 200, date: 2026-12 }\nplan:\n  - { date: 2026-06, value: 110 }';
    assert.equal(statusOf(noBaseline, [['2026-03', 110]]).planned, 110);
    assert.deepEqual(
      [87.5, 87.4].map((v) => word(noBaseline, v, '2026-03')),
      ['at-risk', 'off-track'],
    ); // 110 − 0.25 × 90
  });

  it('5.4: without thresholds or a plan, within 10 % of |T| is at-risk', () => {
    assert.deepEqual(
      [6, 5.4, 5.39].map((v) => word('target: { value: 6 }', v)),
      ['achieved', 'at-risk', 'off-track'],
    );
    assert.deepEqual(
      [6, 6.6, 6.61].map((v) => word('direction: decrease\ntarget: { value: 6 }', v)),
      ['achieved', 'at-risk', 'off-track'],
    );
    // A baseline without a target date is no plan.
    assert.equal(word('baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6 }', 5.3), 'off-track');
  });

  it('5.6: progress, trend and staleness', () => {
    const p = 'baseline: { value: 4, date: 2025-12 }\ntarget: { value: 6, date: 2026-12 }\nfrequency: monthly';
    const s = statusOf(p, [
      ['2026-01', 4.4],
      ['2026-02', 4.9],
    ]);
    assert.equal(Math.round(s.progress! * 1000) / 1000, 0.45);
    assert.equal(s.trend, 'improving');
    assert.equal(s.stale, true); // 2026-02 is more than two months before 2026-11-27
    assert.equal(
      statusOf(p, [
        ['2026-09', 5],
        ['2026-10', 4.8],
      ]).trend,
      'worsening',
    );
    assert.equal(
      statusOf(p, [
        ['2026-09', 5],
        ['2026-10', 5],
      ]).trend,
      'flat',
    );
    assert.equal(statusOf(p, [['2026-10', 5]]).trend, null);
    assert.equal(statusOf(p, [['2026-09', 5]]).stale, false);
    assert.equal(
      statusOf('direction: decrease', [
        ['2026-09', 5],
        ['2026-10', 4.8],
      ]).trend,
      'improving',
    );
    assert.equal(statusOf('target: { value: 6 }', [['2026-10', 5]]).progress, null);
  });

  it('merges CSV rows with inline measurements; the inline one wins on the same date', () => {
    const s = statusOf('source: { file: data/k.csv, date: month, value: v }', [['2026-02', 9]], {
      'data/k.csv': 'month,v\n2026-01,1\n2026-02,2\n2026-03,3\n',
    });
    assert.deepEqual(
      s.history.map((m) => `${m.date.text}=${m.value}`),
      ['2026-01=1', '2026-02=9', '2026-03=3'],
    );
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
    assert.equal(scorecard.title, 'KPI scorecard');
    assert.deepEqual(scorecard.goals[1], {
      id: 'sales',
      title: 'Sales',
      status: 'at-risk',
      kpis: ['b'],
      parent: 'company',
      owner: null,
      due: null,
      file: 'goals.kpi.yaml',
      line: 4,
    });
    assert.deepEqual(scorecard.kpis[1], {
      id: 'b',
      name: 'B',
      category: 'financial',
      goals: ['sales'],
      unit: null,
      direction: 'increase',
      latest: { date: '2026-10', value: 9.5 },
      previous: null,
      target: { value: 10 },
      status: 'at-risk',
      reason: 'within 10 % of the target 10',
      planned: null,
      progress: null,
      trend: null,
      stale: false,
      file: 'goals.kpi.yaml',
      line: 11,
      owner: null,
      frequency: null,
      aggregation: 'last',
      baseline: null,
      thresholds: null,
      plan: [],
      // Without a frequency there are no periods: only the target comparison.
      comparisons: {
        previous: null,
        lastYear: null,
        yearToDate: null,
        plan: null,
        target: { value: 9.5, base: 10, change: -0.5, changePercent: -0.05, verdict: 'worse' },
      },
      history: [{ date: '2026-10', value: 9.5 }],
      snapshot: null,
    });
  });
});

/** The reason the scorecard gives for the one KPI of `kpiFile(properties, measurements)`. */
function reasonOf(properties: string, measurements: [string, number][], config?: string): string {
  const { workspace } = lintFixture({ 'k.kpi.yaml': kpiFile(properties, measurements) }, { config });
  return buildScorecard(workspace, (f) => f).kpis[0].reason;
}

describe('reasons (SPEC §5.8)', () => {
  // A ten-day plan from 0 to 100: planned 50 on 2026-01-06, gap 100, band 25.
  const plan = 'baseline: { value: 0, date: 2026-01-01 }\ntarget: { value: 100, date: 2026-01-11 }';
  const falling = 'direction: decrease\nbaseline: { value: 100, date: 2026-01-01 }\ntarget: { value: 0, date: 2026-01-11 }';
  const thresholds = 'target: { value: 6 }\nthresholds: { atRisk: 5, offTrack: 4.5 }';

  it('says how far the latest value is from the plan, and where at risk ends', () => {
    assert.equal(reasonOf(plan, [['2026-01-06', 40]]), '10 behind plan (plan 50 for 2026-01-06; at risk down to 25)');
    assert.equal(reasonOf(plan, [['2026-01-06', 55]]), '5 ahead of plan (plan 50 for 2026-01-06)');
    assert.equal(reasonOf(plan, [['2026-01-06', 50]]), 'on plan (plan 50 for 2026-01-06)');
    assert.equal(reasonOf(falling, [['2026-01-06', 60]]), '10 behind plan (plan 50 for 2026-01-06; at risk up to 75)');
    assert.equal(reasonOf(plan, [['2026-01-06', 40]], 'status: { atRiskBand: 0.05 }'), '10 behind plan (plan 50 for 2026-01-06; at risk down to 45)');
  });

  it('names the threshold, the target band, the target met, a missing measurement or target, and errors', () => {
    assert.equal(reasonOf(thresholds, [['2026-10', 5.5]]), 'at or above the at-risk threshold 5');
    assert.equal(reasonOf(thresholds, [['2026-10', 4.8]]), 'below the at-risk threshold 5');
    assert.equal(reasonOf(thresholds, [['2026-10', 4]]), 'below the off-track threshold 4.5');
    assert.equal(
      reasonOf('direction: decrease\ntarget: { value: 2 }\nthresholds: { atRisk: 3, offTrack: 4 }', [['2026-10', 3.5]]),
      'above the at-risk threshold 3',
    );
    assert.equal(reasonOf('target: { value: 50 }', [['2026-10', 46]]), 'within 10 % of the target 50');
    assert.equal(reasonOf('target: { value: 50 }', [['2026-10', 44]]), 'more than 10 % away from the target 50');
    assert.equal(reasonOf('target: { value: 50 }', [['2026-10', 51]]), 'meets the target 50');
    assert.equal(reasonOf('target: { value: 50 }', []), 'no measurement up to 2026-11-27');
    assert.equal(reasonOf('unit: "%"', [['2026-10', 51]]), 'no target');
    assert.equal(reasonOf('direction: lower\ntarget: { value: 50 }', [['2026-10', 51]]), 'fix the errors in its definition (1)');
  });
});

describe('invalid data (SPEC §5.9)', () => {
  const card = (properties: string, measurements: string) => {
    const text = `kpi: 1\nkpis:\n  - id: k\n    name: K\n    category: financial\n${properties.replace(/^/gm, '    ')}\n    measurements:\n${measurements.replace(/^/gm, '      ')}\n`;
    const { workspace } = lintFixture({ 'k.kpi.yaml': text });
    return buildScorecard(workspace, (f) => f).kpis[0];
  };
  const lowerIsBetter = 'unit: hours\ndirection: lower\nbaseline: { value: 30, date: 2025-12 }\ntarget: { value: 24, date: 2026-12 }';

  it('gives a KPI with a broken direction no status, planned value, progress or trend (26.5 hours is not "achieved")', () => {
    const k = card(lowerIsBetter, '- { date: 2026-09, value: 27 }\n- { date: 2026-10, value: 26.5 }');
    assert.deepEqual([k.status, k.reason, k.planned, k.progress, k.trend], ['invalid', 'fix the errors in its definition (1)', null, null, null]);
    assert.deepEqual(k.latest, { date: '2026-10', value: 26.5 }); // a measurement without errors is still shown
  });

  it('leaves out a measurement written with a decimal comma, and says so', () => {
    const k = card('unit: "%"\ntarget: { value: 6 }', '- { date: 2026-09, value: 5.5 }\n- { date: 2026-10, value: 5,6 }');
    assert.deepEqual(k.latest, { date: '2026-09', value: 5.5 });
    assert.deepEqual(k.history, [{ date: '2026-09', value: 5.5 }]);
    assert.equal(k.reason, 'within 10 % of the target 6; 1 measurement with errors left out');
    const only = card('unit: "%"\ntarget: { value: 6 }', '- { date: 2026-10, value: "5,6" }');
    assert.deepEqual([only.status, only.latest, only.reason], ['no-data', null, 'no measurement up to 2026-11-27; 1 measurement with errors left out']);
  });

  it('shows no target or baseline with an error, and counts every error of the definition', () => {
    const k = card('target: { value: "12%", date: 2026-12 }\nbaseline: { value: 4, date: 2026-13 }', '- { date: 2026-10, value: 5 }');
    assert.deepEqual([k.status, k.reason, k.target, k.baseline], ['invalid', 'fix the errors in its definition (2)', null, null]);
  });

  it('makes a target-direction or threshold-order error invalid too, unless configured below error', () => {
    const wrongSide = 'baseline: { value: 10, date: 2025-12 }\ntarget: { value: 8, date: 2026-12 }';
    assert.equal(card(wrongSide, '- { date: 2026-10, value: 9 }').status, 'invalid');
    const { workspace } = lintFixture({ 'k.kpi.yaml': kpiFile(wrongSide, [['2026-10', 9]]) }, { config: 'rules: { target-direction: warning }' });
    assert.notEqual(workspace.status(workspace.kpis[0]).status, 'invalid');
    assert.equal(card('target: { value: 6 }\nthresholds: { atRisk: 4, offTrack: 5 }', '- { date: 2026-10, value: 5 }').status, 'invalid');
  });

  it('ranks invalid just below off-track in a goal', () => {
    assert.equal(goalStatus(['at-risk', 'invalid', 'achieved']), 'invalid');
    assert.equal(goalStatus(['invalid', 'off-track']), 'off-track');
  });
});
