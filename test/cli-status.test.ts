import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers';
import type { Scorecard } from '../server/src/core/scorecard';

const SAMPLES = path.join(REPO, 'samples');

function kpi(args: string[], cwd = SAMPLES, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kpi status', () => {
  it('prints the JSON of SPEC §6 for the samples', () => {
    const { status, stdout, stderr } = kpi(['status', '--format', 'json', '--as-of', '2026-11-27']);
    assert.equal(status, 0);
    assert.equal(stderr, '');
    const scorecard = JSON.parse(stdout) as Scorecard;
    assert.equal(scorecard.asOf, '2026-11-27');
    assert.equal(scorecard.goals.length, 10);
    assert.equal(scorecard.kpis.length, 14);
    assert.deepEqual(
      scorecard.goals.find((g: { id: string }) => g.id === 'grow-web-shop'),
      {
        id: 'grow-web-shop',
        title: 'Grow web shop sales 25 % year on year',
        status: 'at-risk',
        kpis: ['web-sales-growth', 'web-sales'],
        parent: 'profitable-growth',
        owner: 'Johan Lindqvist',
        due: '2026-12-31',
        file: 'strategy.kpi.yaml',
        line: 22,
      },
    );
    // Thresholds 46.5 / 45.5: 46.1 is at risk; progress (46.1 − 45.2) / (48 − 45.2) = 0.3214;
    // planned on 2026-10-31: 45.2 + 2.8 × 304/365 = 47.5321 (the thresholds decide the status, the plan is still shown).
    const margin = scorecard.kpis.find((k) => k.id === 'gross-margin');
    assert.deepEqual(
      { ...margin, history: margin?.history.length },
      {
        id: 'gross-margin',
        name: 'Gross margin',
        category: 'financial',
        goals: ['healthy-margins'],
        unit: '%',
        direction: 'increase',
        latest: { date: '2026-10', value: 46.1 },
        previous: { date: '2026-09', value: 45.9 },
        target: { value: 48, date: '2026-12' },
        status: 'at-risk',
        reason: 'below the at-risk threshold 46.5',
        planned: 47.5321,
        progress: 0.3214,
        trend: 'improving',
        stale: false,
        file: 'financial.kpi.yaml',
        line: 66,
        owner: 'Karin Sjöberg',
        frequency: 'monthly',
        aggregation: 'average',
        baseline: { value: 45.2, date: '2025-12' },
        thresholds: { atRisk: 46.5, offTrack: 45.5 },
        plan: [],
        comparisons: {
          previous: { value: 46.1, base: 45.9, change: 0.2, changePercent: 0.0044, verdict: 'better' },
          lastYear: { value: 46.1, base: 45.4, change: 0.7, changePercent: 0.0154, verdict: 'better' },
          // January to October: a mean of 45.77 in 2026 against 44.77 in 2025.
          yearToDate: { value: 45.77, base: 44.77, change: 1, changePercent: 0.0223, verdict: 'better', complete: true },
          plan: { value: 46.1, base: 47.5321, change: -1.4321, changePercent: -0.0301, verdict: 'worse' },
          target: { value: 46.1, base: 48, change: -1.9, changePercent: -0.0396, verdict: 'worse' },
        },
        history: 22,
        // Its data is written in the file, not taken from a database.
        snapshot: null,
      },
    );
    // A seasonal KPI (aggregation: sum) with a monthly budget: October 2026 against the budget's 13.5, and
    // January to October summed, 116.6 MSEK in 2026 against 97.29 in 2025 (samples/data/web-shop-sales.csv).
    const sales = scorecard.kpis.find((k) => k.id === 'web-sales');
    assert.deepEqual(
      {
        status: sales?.status,
        reason: sales?.reason,
        planned: sales?.planned,
        progress: sales?.progress,
        plan: sales?.plan.length,
        comparisons: sales?.comparisons,
      },
      {
        status: 'at-risk',
        // No baseline: the first budget month (9.0) stands for it, so the band is 0.25 × |26 − 9| = 4.25.
        reason: '0.33 behind plan (plan 13.50 for 2026-10; at risk down to 9.25)',
        planned: 13.5,
        progress: null,
        plan: 12,
        comparisons: {
          previous: { value: 13.17, base: 12.63, change: 0.54, changePercent: 0.0428, verdict: 'better' },
          lastYear: { value: 13.17, base: 10.64, change: 2.53, changePercent: 0.2378, verdict: 'better' },
          yearToDate: { value: 116.6, base: 97.29, change: 19.31, changePercent: 0.1985, verdict: 'better', complete: true },
          plan: { value: 13.17, base: 13.5, change: -0.33, changePercent: -0.0244, verdict: 'worse' },
          target: { value: 13.17, base: 26, change: -12.83, changePercent: -0.4935, verdict: 'worse' },
        },
      },
    );
    // The Excel source (samples/data/varumarkesmatning.xlsx): its date cells as days. 13.4 is under the at-risk
    // threshold 13.5; planned on 2026-09-25: 11.5 + 3.5 × 268/365 = 14.0699; a year earlier 10.9 (2025-09-26).
    const awareness = scorecard.kpis.find((k) => k.id === 'brand-awareness');
    assert.deepEqual(
      [awareness?.latest, awareness?.previous, awareness?.status, awareness?.reason, awareness?.planned, awareness?.comparisons.lastYear?.base],
      [{ date: '2026-09-25', value: 13.4 }, { date: '2026-06-26', value: 13 }, 'at-risk', 'below the at-risk threshold 13.5', 14.0699, 10.9],
    );
    // The SQL source, read from its committed snapshot (samples/.kpi/snapshots): planned on 2026-10-31,
    // 36.3 + 5.7 × 304/365 = 41.0474; year to date the mean of January to October, 38.69 in 2026 against 35.95 in 2025.
    const returning = scorecard.kpis.find((k) => k.id === 'returning-customer-orders');
    assert.deepEqual(
      [returning?.latest, returning?.status, returning?.reason, returning?.planned, returning?.comparisons.yearToDate, returning?.history.length],
      [
        { date: '2026-10', value: 41.3 },
        'on-track',
        '0.3 ahead of plan (plan 41.0 for 2026-10)',
        41.0474,
        { value: 38.69, base: 35.95, change: 2.74, changePercent: 0.0762, verdict: 'better', complete: true },
        22,
      ],
    );
    assert.deepEqual(scorecard.kpis.map((k: { status: string }) => k.status).sort(), [
      'achieved',
      'achieved',
      'at-risk',
      'at-risk',
      'at-risk',
      'at-risk',
      'off-track',
      'on-track',
      'on-track',
      'on-track',
      'on-track',
      'on-track',
      'on-track',
      'on-track',
    ]);
  });

  it('prints a terminal scorecard grouped by goal: latest, comparisons, target and status per KPI, coloured only on request', () => {
    const { status, stdout } = kpi(['status', '--as-of', '2026-11-27']);
    assert.equal(status, 0);
    const lines = stdout.split('\n');
    assert.deepEqual(lines.slice(0, 5), [
      'Nordvik Outdoor AB 2026',
      'As of 2026-11-27 · 14 KPIs · 10 goals',
      '1 off track · 4 at risk · 7 on track · 2 achieved',
      '',
      'KPI                          Latest      vs previous  vs last year  YTD           vs plan          Target      Status',
    ]);
    const goal = lines.indexOf('  at risk    Reach a 48 % gross margin');
    assert.ok(goal > 0, stdout);
    assert.deepEqual(lines.slice(goal + 1, goal + 3), [
      '    Gross margin             46.1 %      ▲ +0.2 pp ✓  ▲ +0.7 pp ✓   ▲ +1 pp ✓     ▼ -1.43 pp ✗     48.0 %      at risk',
      '                             below the at-risk threshold 46.5',
    ]);
    // A long name wraps in its column; the reason for the status is under the figures.
    const repeat = lines.indexOf('    Repeat purchase rate,    30.9 %      ▲ +0.5 pp ✓                              ▼ -0.26 pp ✗     32.0 %      at risk');
    assert.ok(repeat > 0, stdout);
    assert.equal(lines[repeat + 1], '    rolling twelve months    0.3 behind plan (plan 31.2 for 2026-10; at risk down to 29.9)');
    // A decrease KPI: down is better; a change of nothing is "=".
    assert.ok(
      lines.includes('    Order-to-dispatch time,  20.8 hours  ▼ -1.4 % ✓   ▼ -29.2 % ✓   ▼ -18.3 % ✓   ▼ -0.32 hours ✓  20.0 hours  on track'),
      stdout,
    );
    assert.ok(
      lines.includes('  Net Promoter Score         45 score    ▶ 0 % =                                  ▼ -3.16 score ✗  50 score    on track'),
      stdout,
    );
    assert.deepEqual(lines.slice(-3), ['', '✓ better · ✗ worse · = unchanged', '']);
    assert.doesNotMatch(stdout, /\u001b\[/);
    const coloured = kpi(['status', '--as-of', '2026-11-27'], SAMPLES, { FORCE_COLOR: '1' }).stdout;
    assert.match(coloured, /\u001b\[33mat risk/);
    // The verdict is a colour and a mark: green ✓, red ✗.
    assert.match(coloured, /\n {4}Gross margin {13}46\.1 % {6}\u001b\[32m▲ \+0\.2 pp ✓\u001b\[39m {2}.*\u001b\[31m▼ -1\.43 pp ✗\u001b\[39m {5}48\.0 %/);
  });

  it('keeps the terminal scorecard of the samples within 120 columns, in English and in Swedish', () => {
    for (const locale of ['en', 'sv']) {
      const { stdout } = kpi(['status', '--as-of', '2026-11-27', '--locale', locale]);
      const widest = Math.max(...stdout.split('\n').map((line) => [...line].length));
      assert.ok(widest <= 120, `${locale}: ${widest}`);
    }
  });

  it('prints a GitHub-flavoured Markdown table', () => {
    const { stdout } = kpi(['status', '--format', 'markdown', '--as-of', '2026-11-27']);
    assert.match(
      stdout,
      /^## Nordvik Outdoor AB 2026\n\nAs of 2026-11-27 · 14 KPIs · 10 goals\n\n🔴 off track: 1 · 🟠 at risk: 4 · 🟢 on track: 7 · ✅ achieved: 2\n\n\| Goal \| KPI \| Latest \| vs previous \| vs last year \| YTD \| vs plan \| Target \| Status \| Why \| Owner \|\n/,
    );
    assert.ok(
      stdout.includes(
        '\n| ↳ Reach a 48 % gross margin (🟠 at risk) | Gross margin | 46.1 % | 🟢 ▲ +0.2 pp vs 2026-09 | 🟢 ▲ +0.7 pp vs 2025-10 | 🟢 45.77 % ▲ +1 pp | 🔴 ▼ -1.43 pp | 48.0 % | 🟠 at risk | below the at-risk threshold 46.5 | Karin Sjöberg |\n',
      ),
      stdout,
    );
    assert.ok(stdout.includes('| Net Promoter Score | 45 score | ⚪ ▶ 0 % vs 2026-09 |  |  | 🔴 ▼ -3.16 score | 50 score | 🟢 on track |'), stdout);
    assert.ok(stdout.endsWith('\n\n🟢 better · 🔴 worse · ⚪ unchanged\n\n'), stdout);
  });

  it('writes the HTML scorecard with -o and says where', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-status-')), 'report', 'scorecard.html');
    const { status, stdout } = kpi(['status', '--format', 'html', '--as-of', '2026-11-27', '-o', out]);
    assert.equal(status, 0);
    assert.equal(stdout, `Scorecard written to ${out}\n`);
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<article class="kpi status-at-risk" data-kpi="gross-margin" data-status="at-risk" data-category="financial"/);
  });

  it('says in one line, exit code 2, when -o names a place no folder can be made in, and never waits there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-status-'));
    fs.writeFileSync(path.join(dir, 'file'), '');
    for (const [output, reason] of [
      ['/proc/kpi-nowhere/scorecard.html', 'it does not exist'],
      [path.join(dir, 'file', 'scorecard.html'), 'a part of the path is a file, not a folder'],
    ]) {
      const result = kpi(['status', '--format', 'html', '--as-of', '2026-11-27', '-o', output]);
      assert.deepEqual(result, { status: 2, stdout: '', stderr: `kpi: cannot write ${output}: ${reason}\n` });
    }
  });

  it('warns on stderr when lint errors may leave the scorecard incomplete', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-status-'));
    fs.writeFileSync(path.join(dir, 'a.kpi.yaml'), 'kpi: 1\nkpis:\n  - id: a\n    name: A\n    category: hr\n    goals: [nowhere]\n');
    const { status, stderr } = kpi(['status', '--format', 'json', '--as-of', '2026-11-27'], dir);
    assert.equal(status, 0);
    assert.equal(stderr, 'kpi: the workspace has 1 lint error; the scorecard may be incomplete (run "kpi lint")\n');
  });

  it('counts the errors kpi lint reports: a warning the configuration makes an error, not one silenced in the file, and no warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-status-'));
    fs.writeFileSync(path.join(dir, 'kpi.config.yaml'), 'rules:\n  missing-owner: error\n');
    fs.writeFileSync(
      path.join(dir, 'a.kpi.yaml'),
      [
        'kpi: 1',
        'kpis:',
        '  - id: a',
        '    name: A',
        '    category: hr',
        '    goals: [nowhere]',
        '  - id: b',
        '    name: B',
        '    category: hr',
        '    owner: Eva',
        '    # kpi-disable-next-line unknown-goal',
        '    goals: [elsewhere]',
        '',
      ].join('\n'),
    );
    const lint = kpi(['lint', '--format', 'json', '--as-of', '2026-11-27'], dir);
    const found = (JSON.parse(lint.stdout) as { files: { diagnostics: { code: string; severity: string }[] }[] }).files.flatMap((f) => f.diagnostics);
    const errors = found.filter((d) => d.severity === 'error').map((d) => d.code);
    assert.deepEqual(errors.sort(), ['missing-owner', 'unknown-goal'], 'a: no owner (an error here) and an unknown goal; b: its unknown goal silenced');
    assert.ok(
      found.some((d) => d.severity === 'warning'),
      'warnings too',
    );
    const { status, stderr } = kpi(['status', '--format', 'json', '--as-of', '2026-11-27'], dir);
    assert.equal(status, 0);
    assert.equal(stderr, 'kpi: the workspace has 2 lint errors; the scorecard may be incomplete (run "kpi lint")\n');
  });

  it('gives each KPI its comparisons, aggregation, plan and full history in the JSON, and the configured title and fiscal year', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-status-'));
    fs.writeFileSync(path.join(dir, 'kpi.config.yaml'), 'title: Acme AB — scorecard 2026\nfiscalYearStart: 9\n');
    const rows = ['2025-09', '2025-10', '2025-11', '2026-09', '2026-10'].map(
      (d, i) => `      - { date: ${d}, value: ${[10, 12, 11, 13, 15][i]}${i === 3 ? ', note: new shop opened' : ''} }`,
    );
    fs.writeFileSync(
      path.join(dir, 'sales.kpi.yaml'),
      [
        'kpi: 1',
        'title: Sales',
        'kpis:',
        '  - id: orders',
        '    name: Web orders',
        '    category: financial',
        '    unit: kSEK',
        '    frequency: monthly',
        '    aggregation: sum',
        '    baseline: { value: 10, date: 2026-08 }',
        '    target: { value: 20, date: 2026-12 }',
        '    plan:',
        '      - { date: 2026-10, value: 14 }',
        '    measurements:',
        ...rows,
        '      - { date: 2026-11, value: 30, note: not yet closed }',
      ].join('\n') + '\n',
    );
    const { status, stdout, stderr } = kpi(['status', '--format', 'json', '--as-of', '2026-11-15'], dir);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    const scorecard = JSON.parse(stdout) as Scorecard;
    assert.equal(scorecard.title, 'Acme AB — scorecard 2026');
    const orders = scorecard.kpis[0];
    assert.deepEqual(
      { ...orders, reason: undefined },
      {
        id: 'orders',
        name: 'Web orders',
        category: 'financial',
        goals: [],
        unit: 'kSEK',
        direction: 'increase',
        latest: { date: '2026-10', value: 15 },
        previous: { date: '2026-09', value: 13 },
        target: { value: 20, date: '2026-12' },
        status: 'on-track',
        reason: undefined,
        planned: 14,
        progress: 0.5,
        trend: 'improving',
        stale: false,
        file: 'sales.kpi.yaml',
        line: 4,
        owner: null,
        frequency: 'monthly',
        aggregation: 'sum',
        baseline: { value: 10, date: '2026-08' },
        thresholds: null,
        plan: [{ date: '2026-10', value: 14 }],
        comparisons: {
          previous: { value: 15, base: 13, change: 2, changePercent: 0.1538, verdict: 'better' },
          lastYear: { value: 15, base: 12, change: 3, changePercent: 0.25, verdict: 'better' },
          // The fiscal year starts in September: 13 + 15 against 10 + 12.
          yearToDate: { value: 28, base: 22, change: 6, changePercent: 0.2727, verdict: 'better', complete: true },
          plan: { value: 15, base: 14, change: 1, changePercent: 0.0714, verdict: 'better' },
          target: { value: 15, base: 20, change: -5, changePercent: -0.25, verdict: 'worse' },
        },
        history: [
          { date: '2025-09', value: 10 },
          { date: '2025-10', value: 12 },
          { date: '2025-11', value: 11 },
          { date: '2026-09', value: 13, note: 'new shop opened' },
          { date: '2026-10', value: 15 },
        ],
        snapshot: null,
      },
    );
    assert.equal(orders.reason, '1 ahead of plan (plan 14 for 2026-10)');
    // Without a configured title, the one file's title.
    fs.writeFileSync(path.join(dir, 'kpi.config.yaml'), 'fiscalYearStart: 9\n');
    assert.equal((JSON.parse(kpi(['status', '--format', 'json', '--as-of', '2026-11-15'], dir).stdout) as Scorecard).title, 'Sales');
    fs.writeFileSync(path.join(dir, 'kpi.config.yaml'), 'fiscalYearStart: 13\ntitle: [a]\n');
    assert.deepEqual(kpi(['status', '--format', 'json', '--as-of', '2026-11-15'], dir), {
      status: 2,
      stdout: '',
      stderr:
        `kpi: ${path.join(dir, 'kpi.config.yaml')}: \`title\` must be the scorecard's title as text, not ["a"]; ` +
        '`fiscalYearStart` must be the month the fiscal year starts, a whole number from 1 (January) to 12 (December), not 13\n',
    });
  });

  it('fails with one line and exit code 2 on a bad format', () => {
    assert.deepEqual(kpi(['status', '--format', 'pdf']), {
      status: 2,
      stdout: '',
      stderr: 'kpi: --format must be one of table, json, markdown, html, not "pdf"\n',
    });
  });
});
