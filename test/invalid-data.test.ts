/**
 * SPEC §5.9, "invalid data is never a figure": every field the status reads
 * is broken in each way the schema rejects, and every view — JSON, the
 * terminal table, Markdown, the HTML scorecard (also the preview's), hover
 * and CodeLens — is checked for figures derived from it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../server/src/cli/formatters/status-markdown';
import { renderTable } from '../server/src/cli/formatters/status-table';
import { LineIndex } from '../server/src/core/lines';
import { buildScorecard, type ScorecardKpi } from '../server/src/core/scorecard';
import { codeLenses } from '../server/src/lsp/service/code-lens';
import { hover } from '../server/src/lsp/service/hover';
import { renderScorecardBody } from '../server/src/report/html';
import { lintFixture } from './helpers';

/**
 * A clean KPI: thresholds decide its status (30.9 ≥ atRisk 30.5: on track),
 * a plan gives a planned value, a baseline gives progress (73 %), three
 * measurements a trend. Every figure is distinctive, so a view that shows
 * one can be caught.
 */
const CLEAN = `kpi: 1
goals:
  - id: keep-customers
    title: Keep customers
kpis:
  - id: repeat-rate
    name: Repeat purchase rate
    category: customer
    goals: [keep-customers]
    owner: Sara Ek
    rationale: Decides the loyalty budget.
    unit: "%"
    direction: increase
    frequency: monthly
    baseline: { value: 28.0, date: 2025-12 }
    target: { value: 32.0, date: 2026-12 }
    thresholds: { atRisk: 30.5, offTrack: 29.5 }
    plan:
      - { date: 2026-06, value: 30.0 }
    measurements:
      - { date: 2026-08, value: 30.1 }
      - { date: 2026-09, value: 30.4 }
      - { date: 2026-10, value: 30.9 }
`;

/** Ways the schema rejects a number, a date and the direction, as people type them. */
const BAD_NUMBERS = ['"31%"', '31,5', '"31"', '31 %', '[31]', '{ v: 31 }', 'true', ''];
const BAD_DATES = ['2026-13', '2026-02-30', 'jan 2026', '13.11.2026', '2026/11/13', 'true', ''];
const BAD_DIRECTIONS = ['lower', 'högre', 'up', '1', '[increase]', ''];

interface Break {
  readonly name: string;
  /** The line of CLEAN to replace, and what to put instead. */
  readonly from: string;
  readonly to: string;
}

function breaks(line: string, make: (bad: string) => string, bads: readonly string[], name: string): Break[] {
  return bads.map((bad) => ({ name: `${name} = ${bad || '(empty)'}`, from: line, to: make(bad) }));
}

/** Breaks of what the status is computed from: each makes the KPI invalid. */
const DEFINITION_BREAKS: readonly Break[] = [
  ...breaks('    direction: increase', (b) => `    direction: ${b}`, BAD_DIRECTIONS, 'direction'),
  ...breaks('    baseline: { value: 28.0, date: 2025-12 }', (b) => `    baseline: { value: ${b}, date: 2025-12 }`, BAD_NUMBERS, 'baseline.value'),
  ...breaks('    baseline: { value: 28.0, date: 2025-12 }', (b) => `    baseline: { value: 28.0, date: ${b} }`, BAD_DATES, 'baseline.date'),
  ...breaks('    target: { value: 32.0, date: 2026-12 }', (b) => `    target: { value: ${b}, date: 2026-12 }`, BAD_NUMBERS, 'target.value'),
  ...breaks('    target: { value: 32.0, date: 2026-12 }', (b) => `    target: { value: 32.0, date: ${b} }`, BAD_DATES, 'target.date'),
  ...breaks('    thresholds: { atRisk: 30.5, offTrack: 29.5 }', (b) => `    thresholds: { atRisk: ${b}, offTrack: 29.5 }`, BAD_NUMBERS, 'thresholds.atRisk'),
  ...breaks('    thresholds: { atRisk: 30.5, offTrack: 29.5 }', (b) => `    thresholds: { atRisk: 30.5, offTrack: ${b} }`, BAD_NUMBERS, 'thresholds.offTrack'),
  ...breaks('      - { date: 2026-06, value: 30.0 }', (b) => `      - { date: 2026-06, value: ${b} }`, BAD_NUMBERS, 'plan[0].value'),
  ...breaks('      - { date: 2026-06, value: 30.0 }', (b) => `      - { date: ${b}, value: 30.0 }`, BAD_DATES, 'plan[0].date'),
  { name: 'target without value', from: '    target: { value: 32.0, date: 2026-12 }', to: '    target: { date: 2026-12 }' },
  { name: 'baseline without value', from: '    baseline: { value: 28.0, date: 2025-12 }', to: '    baseline: { date: 2025-12 }' },
  { name: 'thresholds without offTrack', from: '    thresholds: { atRisk: 30.5, offTrack: 29.5 }', to: '    thresholds: { atRisk: 30.5 }' },
  { name: 'target as a number', from: '    target: { value: 32.0, date: 2026-12 }', to: '    target: 32' },
  { name: 'thresholds as a list', from: '    thresholds: { atRisk: 30.5, offTrack: 29.5 }', to: '    thresholds: [30.5, 29.5]' },
  { name: 'plan as a mapping', from: '    plan:\n      - { date: 2026-06, value: 30.0 }', to: '    plan: { 2026-06: 30.0 }' },
  { name: 'unknown key in target', from: '    target: { value: 32.0, date: 2026-12 }', to: '    target: { value: 32.0, date: 2026-12, by: 2026-12 }' },
];

/** Breaks of the latest measurement (30.9 on 2026-10): it is left out, the others still count. */
const MEASUREMENT_BREAKS: readonly Break[] = [
  ...breaks(
    '      - { date: 2026-10, value: 30.9 }',
    (b) => `      - { date: 2026-10, value: ${b} }`,
    BAD_NUMBERS.map((b) => b.replace('31', '30.9').replace('30.9,5', '30,9')),
    'measurement value',
  ),
  ...breaks('      - { date: 2026-10, value: 30.9 }', (b) => `      - { date: ${b}, value: 30.9 }`, BAD_DATES, 'measurement date'),
  { name: 'measurement without value', from: '      - { date: 2026-10, value: 30.9 }', to: '      - { date: 2026-10 }' },
  { name: 'measurement with an unknown key', from: '      - { date: 2026-10, value: 30.9 }', to: '      - { date: 2026-10, value: 30.9, vaule: 30.9 }' },
];

function broken(change: Break): string {
  assert.ok(CLEAN.includes(change.from), change.from);
  return CLEAN.replace(change.from, change.to);
}

/** Everything a person sees of the KPI's status, in every view. */
function views(text: string) {
  const result = lintFixture({ 'k.kpi.yaml': text });
  const { workspace } = result;
  const scorecard = buildScorecard(workspace, (f) => f);
  const file = result.files[0].file;
  const lines = new LineIndex(file.text);
  const kpi = scorecard.kpis[0];
  const idOffset = file.locate(['kpis', 0, 'id']).start;
  const hoverText = (hover(file, lines, idOffset, workspace)?.contents as { value: string }).value;
  const lens = codeLenses(file, lines, workspace)[0].command!;
  return {
    codes: result.files.flatMap((f) => f.diagnostics.map((d) => d.code)),
    kpi,
    json: JSON.stringify(scorecard),
    table: renderTable(scorecard, false),
    markdown: renderMarkdown(scorecard),
    // The page's body (its style and script name every status); the preview renders the same body.
    html: renderScorecardBody(scorecard),
    hover: hoverText,
    lens: `${lens.title} | ${lens.tooltip ?? ''}`,
  };
}

/** The figures a status computed from the definition brings: none may show for an invalid KPI. */
function assertNoDerivedFigures(kpi: ScorecardKpi, shown: ReturnType<typeof views>, what: string): void {
  assert.equal(kpi.status, 'invalid', what);
  assert.match(kpi.reason, /^fix the errors in its definition \(\d+\)$/, what);
  assert.deepEqual([kpi.progress, kpi.trend, kpi.planned], [null, null, null], what);
  for (const view of ['table', 'markdown', 'html', 'hover', 'lens'] as const) {
    const text = shown[view];
    assert.match(text, /invalid/, `${what}: ${view} says invalid`);
    assert.doesNotMatch(text, /on track|at risk|off track|achieved|on-track|at-risk|off-track/, `${what}: ${view} shows no status word but invalid`);
    assert.doesNotMatch(text, /improving|worsening|▲|▼|▶/, `${what}: ${view} shows no trend`);
    assert.doesNotMatch(text, /\d+ % of the way|progress \d|· \d+ % ·|\| \d+ % \|/, `${what}: ${view} shows no progress`);
    assert.doesNotMatch(text, /planned|ahead of plan|behind plan/, `${what}: ${view} shows no planned value`);
  }
  assert.doesNotMatch(shown.html, /class="progress"|trend-(improving|worsening|flat)/, what);
}

describe('invalid data is never a figure (SPEC §5.9)', () => {
  it('the clean KPI shows every figure, so the checks below can fail', () => {
    const shown = views(CLEAN);
    assert.deepEqual(shown.codes, []);
    assert.equal(shown.kpi.status, 'on-track');
    assert.notEqual(shown.kpi.progress, null);
    assert.equal(shown.kpi.trend, 'improving');
    assert.notEqual(shown.kpi.planned, null);
    assert.match(shown.table, /\n {2}Repeat purchase rate {2}30\.9 % {2}▲ \+0\.5 pp ✓ {16}▼ -0\.44 pp ✗ {2}32\.0 % {2}on track\n/);
    assert.match(shown.markdown, /\| Repeat purchase rate \| 30\.9 % \| 🟢 ▲ \+0\.5 pp vs 2026-09 \| {2}\| 🔴 ▼ -0\.44 pp \| 32\.0 % \| 🟢 on track \|/);
    assert.match(shown.hover, /planned 31\\\.34 %/);
  });

  for (const change of DEFINITION_BREAKS) {
    it(`${change.name}: the KPI is invalid, with no status, progress, trend or planned value in any view`, () => {
      const shown = views(broken(change));
      assertNoDerivedFigures(shown.kpi, shown, change.name);
      // One mistake, one kind of diagnostic: no other rule reads the broken field.
      assert.ok(shown.codes.length > 0 && shown.codes.every((c) => c === 'schema'), `${change.name}: ${shown.codes.join(', ')}`);
      // A target or baseline with an error is not shown as a figure either.
      if (change.from.includes('target:')) assert.equal(shown.kpi.target, null, change.name);
      if (change.from.includes('baseline:')) assert.equal(shown.kpi.baseline, null, change.name);
    });
  }

  for (const change of MEASUREMENT_BREAKS) {
    it(`${change.name}: the measurement is left out, the others still count, and the reason says so`, () => {
      const shown = views(broken(change));
      assert.deepEqual(shown.kpi.latest, { date: '2026-09', value: 30.4 }, change.name);
      assert.deepEqual(
        shown.kpi.history.map((m) => m.value),
        [30.1, 30.4],
        change.name,
      );
      assert.equal(shown.kpi.status, 'at-risk', change.name); // 30.4: below atRisk 30.5, above offTrack 29.5
      assert.match(shown.kpi.reason, /; 1 measurement with errors left out$/, change.name);
      for (const view of ['table', 'markdown', 'html', 'hover', 'lens'] as const) {
        // (The sparkline's coordinates are numbers of its own: its points are counted instead.)
        const text = shown[view].replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/\\\./g, '.');
        assert.doesNotMatch(text, /30\.9|\b30 %/, `${change.name}: ${view} shows no figure of the broken measurement`);
      }
      assert.match(shown.html, /aria-label="History of 2 measurements from 2026-08 to 2026-09"/, change.name);
      assert.ok(
        shown.codes.every((c) => c === 'schema'),
        `${change.name}: ${shown.codes.join(', ')}`,
      );
    });
  }
});
