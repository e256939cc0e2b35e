import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EMPTY_CONFIG } from '../../server/src/core/config';
import { parseCalendarDay } from '../../server/src/core/dates';
import { lintWorkspace } from '../../server/src/core/lint';
import { parseKpiFile } from '../../server/src/core/parse';
import { buildScorecard, ScorecardBuilder } from '../../server/src/core/scorecard';
import type { KpiFile } from '../../server/src/core/types';
import { GOOD_FILE, memoryReader, ROOT, TWO_GOALS, yaml } from '../helpers';

/** Two KPIs of `keep-customers`, in a file of their own. */
const SERVICE = yaml`
  kpi: 1
  kpis:
    - id: churn
      name: Customer churn
      category: customer
      goals: [keep-customers]
      direction: decrease
      baseline: { value: 3.0, date: 2025-12 }
      target: { value: 2.0, date: 2026-12 }
      measurements:
        - { date: 2026-10, value: 2.2 }
    - id: nps
      name: Net promoter score
      category: customer
      goals: [keep-customers]
      baseline: { value: 30, date: 2025-12 }
      target: { value: 40, date: 2026-12 }
      measurements:
        - { date: 2026-10, value: 38 }
`;

const shown = (file: string) => path.relative(ROOT, file);

function workspace(files: readonly KpiFile[], asOf = '2026-11-27') {
  return lintWorkspace(files, { root: ROOT, asOf: parseCalendarDay(asOf)!, config: EMPTY_CONFIG, reader: memoryReader({}) }).workspace;
}

describe('ScorecardBuilder', () => {
  it('builds what buildScorecard builds, and after an edit computes only the edited file’s KPIs again', () => {
    const goals = parseKpiFile(path.join(ROOT, 'goals.kpi.yaml'), TWO_GOALS);
    const sales = parseKpiFile(path.join(ROOT, 'sales.kpi.yaml'), GOOD_FILE);
    const service = parseKpiFile(path.join(ROOT, 'service.kpi.yaml'), SERVICE);
    const builder = new ScorecardBuilder(shown, 'en');
    const first = builder.build(workspace([goals, sales, service]));
    assert.deepEqual(first, buildScorecard(workspace([goals, sales, service]), shown));
    assert.deepEqual(
      first.goals.map((g) => [g.id, g.status]),
      [
        ['grow-revenue', 'on-track'],
        ['keep-customers', 'at-risk'],
      ],
    );

    // churn's latest value goes from 2.2 (at risk) to 2.9: off track, and so is its goal; sales-growth is the same object.
    const edited = parseKpiFile(service.path, SERVICE.replace('value: 2.2', 'value: 2.9'), service);
    const second = builder.build(workspace([goals, sales, edited]));
    assert.deepEqual(second, buildScorecard(workspace([goals, sales, edited]), shown));
    const byId = (scorecard: typeof first, id: string) => scorecard.kpis.find((k) => k.id === id);
    assert.equal(byId(second, 'sales-growth'), byId(first, 'sales-growth'));
    assert.notEqual(byId(second, 'churn'), byId(first, 'churn'));
    assert.deepEqual([byId(second, 'churn')?.status, second.goals.find((g) => g.id === 'keep-customers')?.status], ['off-track', 'off-track']);
    // A goal that reads the same is the same object too: the server finds what changed by identity first.
    assert.equal(
      second.goals.find((g) => g.id === 'grow-revenue'),
      first.goals.find((g) => g.id === 'grow-revenue'),
    );

    // Another as-of date: everything afresh.
    const later = builder.build(workspace([goals, sales, edited], '2027-03-31'));
    assert.deepEqual(later, buildScorecard(workspace([goals, sales, edited], '2027-03-31'), shown));
    assert.notEqual(byId(later, 'sales-growth'), byId(second, 'sales-growth'));
  });

  it('counts the statuses as the scorecard lists the KPIs: one per id, the first definition', () => {
    const sales = parseKpiFile(path.join(ROOT, 'sales.kpi.yaml'), GOOD_FILE);
    // nps renamed sales-growth, and off track: a second definition, not counted.
    const twice = parseKpiFile(path.join(ROOT, 'twice.kpi.yaml'), SERVICE.replace('id: nps', 'id: sales-growth').replace('value: 38', 'value: 30'));
    const builder = new ScorecardBuilder(shown);
    assert.equal(builder.build(workspace([sales, twice])).kpis.length, 2);
    assert.deepEqual(builder.statusCounts(workspace([sales, twice])), { 'on-track': 1, 'at-risk': 1 });
  });

  it('gives each KPI as plain data: its JSON, a spread and a parsed copy agree, history and comparisons in their place', () => {
    const sales = parseKpiFile(path.join(ROOT, 'sales.kpi.yaml'), GOOD_FILE);
    const [kpi] = new ScorecardBuilder(shown).build(workspace([sales])).kpis;
    const copy: unknown = JSON.parse(JSON.stringify(kpi));
    assert.deepEqual({ ...kpi }, copy);
    assert.deepEqual(kpi, copy);
    assert.deepEqual(Object.keys(kpi).slice(-3), ['comparisons', 'history', 'snapshot']);
    assert.deepEqual(
      kpi.history.map((m) => `${m.date} ${m.value}`),
      ['2026-08 5.5', '2026-09 5.7', '2026-10 5.9'],
    );
    assert.deepEqual(kpi.comparisons.previous, { value: 5.9, base: 5.7, change: 0.2, changePercent: 0.0351, verdict: 'better' });
    // Read twice, the same again (made each time from the KPI's status).
    assert.deepEqual(kpi.comparisons, kpi.comparisons);
  });
});
