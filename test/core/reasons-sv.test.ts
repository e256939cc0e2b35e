import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../server/src/core/l10n/catalogue';
import { reasonText, shownFigure } from '../../server/src/core/reasons';
import { buildScorecard, type ScorecardKpi } from '../../server/src/core/scorecard';
import { lintFixture } from '../helpers';

function kpiFile(properties: string, measurements: string): string {
  return `kpi: 1\nkpis:\n  - id: k\n    name: K\n    category: financial\n${properties.replace(/^/gm, '    ')}\n    measurements:\n${measurements.replace(/^/gm, '      ')}\n`;
}

/** The one KPI of a file, as the Swedish scorecard shows it. */
function card(properties: string, measurements: string, config?: string): ScorecardKpi {
  const { workspace } = lintFixture({ 'k.kpi.yaml': kpiFile(properties, measurements) }, { config });
  return buildScorecard(workspace, (f) => f, 'sv').kpis[0];
}

const one = (date: string, value: number | string) => `- { date: ${date}, value: ${value} }`;
const reasonOf = (properties: string, date: string, value: number, config?: string) => card(properties, one(date, value), config).reason;

describe('reasons in Swedish (SPEC §5.8, §9)', () => {
  // A ten-day plan from 0 to 100: planned 50 on 2026-01-06, gap 100, band 25.
  const plan = 'baseline: { value: 0, date: 2026-01-01 }\ntarget: { value: 100, date: 2026-01-11 }';
  const falling = 'direction: decrease\nbaseline: { value: 100, date: 2026-01-01 }\ntarget: { value: 0, date: 2026-01-11 }';
  const thresholds = 'target: { value: 6 }\nthresholds: { atRisk: 5, offTrack: 4.5 }';

  it('says how far the latest value is from the plan, and where risk ends, with decimal commas', () => {
    assert.equal(reasonOf(plan, '2026-01-06', 40), '10 efter plan (plan 50 för 2026-01-06; risk ned till 25)');
    assert.equal(reasonOf(plan, '2026-01-06', 55), '5 före plan (plan 50 för 2026-01-06)');
    assert.equal(reasonOf(plan, '2026-01-06', 50), 'enligt plan (plan 50 för 2026-01-06)');
    assert.equal(reasonOf(falling, '2026-01-06', 60), '10 efter plan (plan 50 för 2026-01-06; risk upp till 75)');
    const decimals = 'baseline: { value: 0.5, date: 2026-01-01 }\ntarget: { value: 100.5, date: 2026-01-11 }';
    assert.equal(reasonOf(decimals, '2026-01-06', 40.2), '10,3 efter plan (plan 50,5 för 2026-01-06; risk ned till 25,5)');
  });

  it('names the risk level, the level for off track, the target band, the target met, missing data and errors', () => {
    assert.equal(reasonOf(thresholds, '2026-10', 5.5), 'på eller över risknivån 5');
    assert.equal(reasonOf(thresholds, '2026-10', 4.8), 'under risknivån 5');
    assert.equal(reasonOf(thresholds, '2026-10', 4), 'under nivån för ur fas 4,5');
    assert.equal(reasonOf('direction: decrease\ntarget: { value: 2 }\nthresholds: { atRisk: 3, offTrack: 4 }', '2026-10', 3.5), 'över risknivån 3');
    assert.equal(reasonOf('direction: decrease\ntarget: { value: 2 }\nthresholds: { atRisk: 3, offTrack: 4 }', '2026-10', 2.5), 'på eller under risknivån 3');
    assert.equal(reasonOf('target: { value: 50 }', '2026-10', 46), 'inom 10\u00a0% av målvärdet 50');
    assert.equal(reasonOf('target: { value: 50 }', '2026-10', 44), 'mer än 10\u00a0% från målvärdet 50');
    assert.equal(reasonOf('target: { value: 1250000.5 }', '2026-10', 1300000), 'når målvärdet 1\u00a0250\u00a0000,5');
    assert.equal(card('target: { value: 50 }', '[]').reason, 'inget mätvärde till och med 2026-11-27');
    assert.equal(reasonOf('unit: "%"', '2026-10', 51), 'saknar målvärde');
    assert.equal(reasonOf('direction: lower\ntarget: { value: 50 }', '2026-10', 51), 'rätta felen i definitionen (1)');
  });

  it('says how many measurements with errors were left out', () => {
    const k = card('unit: "%"\ntarget: { value: 6 }', `${one('2026-09', 5.5)}\n${one('2026-10', '5,6')}`);
    assert.equal(k.reason, 'inom 10\u00a0% av målvärdet 6; 1 mätvärde med fel utelämnat');
    const two = card('unit: "%"\ntarget: { value: 6 }', `${one('2026-08', '5,4')}\n${one('2026-09', 5.5)}\n${one('2026-10', '5,6')}`);
    assert.equal(two.reason, 'inom 10\u00a0% av målvärdet 6; 2 mätvärden med fel utelämnade');
  });

  it('keeps the JSON figures locale-neutral: only the reason is in Swedish', () => {
    const k = card('unit: "%"\nbaseline: { value: 4.0, date: 2025-12 }\ntarget: { value: 6.0, date: 2026-12 }', one('2026-10', 5.9));
    assert.deepEqual([k.status, k.latest, k.planned, k.progress], ['on-track', { date: '2026-10', value: 5.9 }, 5.6658, 0.95]);
    assert.equal(k.reason, '0,2 före plan (plan 5,7 för 2026-10)');
  });

  it('gives the reason in English by default, as before', () => {
    const status = { reason: { kind: 'threshold', threshold: 'atRisk', value: 46.5, met: false }, leftOut: 0 } as const;
    assert.equal(reasonText(status, 'increase'), 'below the at-risk threshold 46.5');
    assert.equal(reasonText(status, 'increase', translator('sv')), 'under risknivån 46,5');
    assert.equal(reasonText(status, 'increase', translator('qps-ploc')), '⟦below the at-risk threshold 46.5⟧');
  });

  it('writes figures as English always has, and as Intl writes them in Swedish', () => {
    const sv = translator('sv');
    assert.deepEqual(
      [1250000, -3.25, 0.1 + 0.2, -0.0001].map((n) => shownFigure(n)),
      ['1250000', '-3.25', '0.3', '0'],
    );
    assert.deepEqual(
      [1250000, -3.25, 0.1 + 0.2, -0.0001].map((n) => shownFigure(n, sv)),
      ['1\u00a0250\u00a0000', '\u22123,25', '0,3', '0'],
    );
    assert.equal(shownFigure(2, sv, 1), '2,0');
    assert.equal(shownFigure(2, translator('en'), 1), '2.0');
  });
});
