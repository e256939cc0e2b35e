import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintPaths } from '../../server/src/cli/workspace';
import { translator } from '../../server/src/core/l10n/catalogue';
import { buildScorecard, type ScorecardKpi } from '../../server/src/core/scorecard';
import { historyChart } from '../../server/src/report/chart';
import { REPO } from '../helpers';

const SAMPLES = path.join(REPO, 'samples');

function sampleKpi(id: string): ScorecardKpi {
  const linted = lintPaths({ paths: [], cwd: SAMPLES, asOf: '2026-11-27' });
  return buildScorecard(linted.result.workspace, (file) => file).kpis.find((k) => k.id === id)!;
}

/** The rows of the table under a KPI's chart, each as its cells' text. */
function tableRows(kpi: ScorecardKpi): string[][] {
  const html = historyChart(kpi, translator('en'));
  const body = /<table class="chart-table">.*<tbody>(.*)<\/tbody><\/table>/s.exec(html)![1];
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/&nbsp;|\u00a0/g, ' ')),
  );
}

describe('the table under a history chart', () => {
  it('has a row per measurement and per point of the plan line the chart draws ahead of them, with the planned value', () => {
    const sales = sampleKpi('web-sales');
    const rows = tableRows(sales);
    assert.equal(rows.filter((r) => r[1] !== '').length, sales.history.length, 'every measurement');
    // The 2026 budget's last two months, after the latest measurement (2026-10): the chart draws them, the table tells them.
    assert.deepEqual(rows.slice(-3), [
      ['2026-10', '13.17 MSEK', '13.50 MSEK', '10.64 MSEK', ''],
      ['2026-11', '', '18.50 MSEK', '15.36 MSEK', ''],
      ['2026-12', '', '26.00 MSEK', '21.84 MSEK', ''],
    ]);
    assert.deepEqual(
      rows.map((r) => r[0]),
      [...rows.map((r) => r[0])].sort(),
      'by date',
    );
  });

  it('a plan line from baseline to target without entries: a row for the target date', () => {
    const margin = sampleKpi('gross-margin');
    const rows = tableRows(margin);
    assert.equal(rows.length, margin.history.length + 1);
    assert.deepEqual(rows.at(-1), ['2026-12', '', '48.0 %', '45.2 %', '']);
  });

  it('a KPI without a plan line (a target without a baseline or plan): only the measurements', () => {
    const margin = sampleKpi('gross-margin');
    const rows = tableRows({ ...margin, baseline: null });
    assert.deepEqual(
      rows.map((r) => r[0]),
      margin.history.map((m) => m.date),
    );
    assert.ok(
      rows.every((r) => r[2] === ''),
      'no planned values',
    );
  });
});
