import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { toReport } from '../../server/src/cli/lint-command';
import { lintPaths } from '../../server/src/cli/workspace';
import { diffScorecards, diffSide, type DiffSide, type KpiDiff, type ScorecardDiff } from '../../server/src/core/diff';
import type { LintResult } from '../../server/src/core/lint';
import { buildScorecard, type ScorecardKpi } from '../../server/src/core/scorecard';
import { lintFixture, REPO, ROOT, yaml } from '../helpers';
import { Random } from '../fuzz/random';

const SIDES = { base: { rev: 'HEAD', commit: 'a'.repeat(40) }, head: { rev: 'working tree', commit: null } };

/** Paths as the reader sees them: relative to the workspace root, with `/`. */
function shownFrom(root: string): (file: string) => string {
  return (file) => path.relative(root, file).split(path.sep).join('/');
}

function sideOf(result: LintResult, root: string): DiffSide {
  const shown = shownFrom(root);
  return diffSide(result, buildScorecard(result.workspace, shown), shown);
}

/** One side from in-memory files, linted and scored as of 2026-11-27. */
function side(files: Record<string, string>): DiffSide {
  return sideOf(lintFixture(files, { asOf: '2026-11-27' }), ROOT);
}

function diff(base: Record<string, string>, head: Record<string, string>): ScorecardDiff {
  return diffScorecards(side(base), side(head), SIDES);
}

/** `text` with each `[from, to]` replaced once; a `from` that is not there fails the test rather than diffing nothing. */
function edit(text: string, ...replacements: [string, string][]): string {
  let edited = text;
  for (const [from, to] of replacements) {
    assert.ok(edited.includes(from), `no ${JSON.stringify(from)} to replace`);
    edited = edited.replace(from, to);
  }
  return edited;
}

/** A KPI where higher is better, judged by its thresholds (on-track at 5.9), with every field a diff reads. */
const SALES = yaml`
  kpi: 1
  goals:
    - id: grow-revenue
      title: Grow recurring revenue
      owner: Anna Berg
  kpis:
    - id: sales-growth
      name: Sales growth
      description: Net sales against the same month last year.
      category: financial
      goals: [grow-revenue]
      owner: Erik Lund
      rationale: Decides the sales hiring plan.
      unit: "%"
      direction: increase
      frequency: monthly
      baseline: { value: 4.0, date: 2025-12 }
      target: { value: 6.0, date: 2026-12 }
      thresholds: { atRisk: 5.0, offTrack: 4.5 }
      plan:
        - { date: 2026-03, value: 4.5 }
        - { date: 2026-06, value: 5.0 }
      source: CRM monthly export
      tags: [board]
      measurements:
        - { date: 2026-08, value: 5.5 }
        - { date: 2026-09, value: 5.7 }
        - { date: 2026-10, value: 5.9, note: campaign }
`;

/** A KPI where lower is better, judged by its thresholds (on-track at 2.3). */
const CHURN = yaml`
  kpi: 1
  goals:
    - id: keep-customers
      title: Keep more of our customers
  kpis:
    - id: churn
      name: Monthly churn
      category: customer
      goals: [keep-customers]
      owner: Anna Berg
      rationale: Decides where customer success spends its time.
      unit: "%"
      direction: decrease
      frequency: monthly
      baseline: { value: 3.0, date: 2025-12 }
      target: { value: 2.0, date: 2026-12 }
      thresholds: { atRisk: 2.5, offTrack: 3.0 }
      source: CRM monthly export
      measurements:
        - { date: 2026-09, value: 2.4 }
        - { date: 2026-10, value: 2.3 }
`;

const BOTH = { 'sales.kpi.yaml': SALES, 'churn.kpi.yaml': CHURN };

/** The diff of one KPI file edited, beside the other file unchanged. */
function diffOf(file: 'sales.kpi.yaml' | 'churn.kpi.yaml', ...replacements: [string, string][]): ScorecardDiff {
  return diff(BOTH, { ...BOTH, [file]: edit(BOTH[file], ...replacements) });
}

function kpiOf(result: ScorecardDiff, id: string): KpiDiff {
  const found = result.kpis.find((k) => k.id === id);
  assert.ok(found, `${id} is not in the diff: ${JSON.stringify(result.kpis.map((k) => k.id))}`);
  return found;
}

const SALES_ON_TRACK = {
  from: 'on-track',
  to: 'on-track',
  fromReason: 'at or above the at-risk threshold 5',
  toReason: 'at or above the at-risk threshold 5',
  verdict: 'same',
};
const CHURN_ON_TRACK = {
  from: 'on-track',
  to: 'on-track',
  fromReason: 'at or below the at-risk threshold 2.5',
  toReason: 'at or below the at-risk threshold 2.5',
  verdict: 'same',
};

/** A summary with nothing in it but `unchanged` KPIs, and what a test sets. */
function summary(unchanged: number, set: Partial<ScorecardDiff['summary']> = {}): ScorecardDiff['summary'] {
  return {
    kpis: { added: 0, removed: 0, changed: 0, unchanged },
    goals: { added: 0, removed: 0, changed: 0 },
    worse: 0,
    better: 0,
    loosened: 0,
    tightened: 0,
    historyRewritten: 0,
    problems: { newErrors: 0, newWarnings: 0, new: 0, fixed: 0 },
    unparsed: 0,
    ...set,
  };
}

describe('kpi diff (SPEC §7)', () => {
  describe('targets, baselines, thresholds and plans: loosened or tightened by the direction', () => {
    it('a lower target of an increase KPI is loosened', () => {
      const result = diffOf('sales.kpi.yaml', ['target: { value: 6.0,', 'target: { value: 5.95,']);
      assert.deepEqual(result.kpis, [
        {
          id: 'sales-growth',
          name: 'Sales growth',
          change: 'changed',
          unit: '%',
          file: 'sales.kpi.yaml',
          line: 7,
          status: SALES_ON_TRACK,
          fields: [{ field: 'target.value', group: 'target', from: 6, to: 5.95, verdict: 'loosened' }],
          data: null,
        },
      ]);
      assert.deepEqual(result.summary, summary(1, { kpis: { added: 0, removed: 0, changed: 1, unchanged: 1 }, loosened: 1 }));
      assert.deepEqual(result.goals, []);
    });

    it('a higher target of a decrease KPI is loosened', () => {
      const result = diffOf('churn.kpi.yaml', ['target: { value: 2.0,', 'target: { value: 2.2,']);
      assert.deepEqual(kpiOf(result, 'churn'), {
        id: 'churn',
        name: 'Monthly churn',
        change: 'changed',
        unit: '%',
        file: 'churn.kpi.yaml',
        line: 6,
        status: CHURN_ON_TRACK,
        fields: [{ field: 'target.value', group: 'target', from: 2, to: 2.2, verdict: 'loosened' }],
        data: null,
      });
      assert.equal(result.summary.loosened, 1);
    });

    it('a higher target of an increase KPI and a lower one of a decrease KPI are tightened', () => {
      const sales = diffOf('sales.kpi.yaml', ['target: { value: 6.0,', 'target: { value: 7.0,']);
      assert.deepEqual(kpiOf(sales, 'sales-growth').fields, [{ field: 'target.value', group: 'target', from: 6, to: 7, verdict: 'tightened' }]);
      const churn = diffOf('churn.kpi.yaml', ['target: { value: 2.0,', 'target: { value: 1.8,']);
      assert.deepEqual(kpiOf(churn, 'churn').fields, [{ field: 'target.value', group: 'target', from: 2, to: 1.8, verdict: 'tightened' }]);
      assert.deepEqual([sales.summary.tightened, sales.summary.loosened, churn.summary.tightened], [1, 0, 1]);
    });

    it('thresholds: lower bounds loosen an increase KPI, higher ones a decrease KPI; thresholds added have no verdict', () => {
      const sales = diffOf('sales.kpi.yaml', ['thresholds: { atRisk: 5.0, offTrack: 4.5 }', 'thresholds: { atRisk: 4.8, offTrack: 4.6 }']);
      assert.deepEqual(kpiOf(sales, 'sales-growth'), {
        id: 'sales-growth',
        name: 'Sales growth',
        change: 'changed',
        unit: '%',
        file: 'sales.kpi.yaml',
        line: 7,
        status: { ...SALES_ON_TRACK, toReason: 'at or above the at-risk threshold 4.8' },
        fields: [
          { field: 'thresholds.atRisk', group: 'thresholds', from: 5, to: 4.8, verdict: 'loosened' },
          { field: 'thresholds.offTrack', group: 'thresholds', from: 4.5, to: 4.6, verdict: 'tightened' },
        ],
        data: null,
      });
      assert.deepEqual([sales.summary.loosened, sales.summary.tightened], [1, 1]);
      const churn = diffOf('churn.kpi.yaml', ['thresholds: { atRisk: 2.5, offTrack: 3.0 }', 'thresholds: { atRisk: 2.7, offTrack: 2.9 }']);
      assert.deepEqual(kpiOf(churn, 'churn').fields, [
        { field: 'thresholds.atRisk', group: 'thresholds', from: 2.5, to: 2.7, verdict: 'loosened' },
        { field: 'thresholds.offTrack', group: 'thresholds', from: 3, to: 2.9, verdict: 'tightened' },
      ]);
      const none = diff({ 'churn.kpi.yaml': edit(CHURN, ['    thresholds: { atRisk: 2.5, offTrack: 3.0 }\n', '']) }, { 'churn.kpi.yaml': CHURN });
      assert.deepEqual(kpiOf(none, 'churn').fields, [
        { field: 'thresholds.atRisk', group: 'thresholds', from: null, to: 2.5, verdict: null },
        { field: 'thresholds.offTrack', group: 'thresholds', from: null, to: 3, verdict: null },
      ]);
      assert.deepEqual([none.summary.loosened, none.summary.tightened], [0, 0]);
    });

    it('plan entries are matched by date: one changed, one added, one removed (the added and removed ones without a verdict)', () => {
      const result = diffOf('sales.kpi.yaml', [
        '      - { date: 2026-03, value: 4.5 }\n      - { date: 2026-06, value: 5.0 }\n',
        '      - { date: 2026-06, value: 4.8 }\n      - { date: 2026-09, value: 5.5 }\n',
      ]);
      assert.deepEqual(kpiOf(result, 'sales-growth').fields, [
        { field: 'plan.2026-06', group: 'plan', from: 5, to: 4.8, verdict: 'loosened' },
        { field: 'plan.2026-09', group: 'plan', from: null, to: 5.5, verdict: null },
        { field: 'plan.2026-03', group: 'plan', from: 4.5, to: null, verdict: null },
      ]);
      assert.deepEqual([result.summary.loosened, result.summary.tightened], [1, 0]);
    });

    it('a plan entry of a decrease KPI raised is loosened', () => {
      const withPlan = edit(CHURN, ['    source:', '    plan:\n      - { date: 2026-06, value: 2.5 }\n    source:']);
      const result = diff({ 'churn.kpi.yaml': withPlan }, { 'churn.kpi.yaml': edit(withPlan, ['value: 2.5 }', 'value: 2.6 }']) });
      assert.deepEqual(kpiOf(result, 'churn').fields, [{ field: 'plan.2026-06', group: 'plan', from: 2.5, to: 2.6, verdict: 'loosened' }]);
    });

    it('a lower baseline of an increase KPI is loosened; its date moved has no verdict', () => {
      const result = diffOf('sales.kpi.yaml', ['baseline: { value: 4.0, date: 2025-12 }', 'baseline: { value: 3.5, date: 2025-11 }']);
      assert.deepEqual(kpiOf(result, 'sales-growth'), {
        id: 'sales-growth',
        name: 'Sales growth',
        change: 'changed',
        unit: '%',
        file: 'sales.kpi.yaml',
        line: 7,
        status: SALES_ON_TRACK,
        fields: [
          { field: 'baseline.value', group: 'baseline', from: 4, to: 3.5, verdict: 'loosened' },
          { field: 'baseline.date', group: 'baseline', from: '2025-12', to: '2025-11', verdict: null },
        ],
        data: null,
      });
      const churn = diffOf('churn.kpi.yaml', ['baseline: { value: 3.0,', 'baseline: { value: 3.2,']);
      assert.deepEqual(kpiOf(churn, 'churn').fields, [{ field: 'baseline.value', group: 'baseline', from: 3, to: 3.2, verdict: 'loosened' }]);
    });

    it('a target date moved later or earlier compares the days the dates mean, whatever their shape', () => {
      const fieldsWith = (date: string) => kpiOf(diffOf('sales.kpi.yaml', ['date: 2026-12 }', `date: ${date} }`]), 'sales-growth').fields;
      assert.deepEqual(fieldsWith('2027-03'), [{ field: 'target.date', group: 'target', from: '2026-12', to: '2027-03', verdict: 'later' }]);
      assert.deepEqual(fieldsWith('2026-Q3'), [{ field: 'target.date', group: 'target', from: '2026-12', to: '2026-Q3', verdict: 'earlier' }]);
      assert.deepEqual(fieldsWith('2027'), [{ field: 'target.date', group: 'target', from: '2026-12', to: '2027', verdict: 'later' }]);
      assert.deepEqual(fieldsWith('2026-12-15'), [{ field: 'target.date', group: 'target', from: '2026-12', to: '2026-12-15', verdict: 'earlier' }]);
      // The same day written another way: a change to the file, neither later nor earlier.
      assert.deepEqual(fieldsWith('2026-12-31'), [{ field: 'target.date', group: 'target', from: '2026-12', to: '2026-12-31', verdict: null }]);
    });

    it('a changed direction is a definition change, and the figures are judged by the head direction', () => {
      const file = yaml`
        kpi: 1
        kpis:
          - id: lead-time
            name: Lead time
            category: operational
            unit: days
            direction: increase
            target: { value: 5 }
            measurements:
              - { date: 2026-10, value: 6 }
      `;
      const result = diff({ 'k.kpi.yaml': file }, { 'k.kpi.yaml': edit(file, ['direction: increase', 'direction: decrease'], ['value: 5 }', 'value: 4 }']) });
      assert.deepEqual(kpiOf(result, 'lead-time'), {
        id: 'lead-time',
        name: 'Lead time',
        change: 'changed',
        unit: 'days',
        file: 'k.kpi.yaml',
        line: 3,
        status: { from: 'achieved', to: 'off-track', fromReason: 'meets the target 5', toReason: 'more than 10 % away from the target 4', verdict: 'worse' },
        fields: [
          { field: 'target.value', group: 'target', from: 5, to: 4, verdict: 'tightened' },
          { field: 'direction', group: 'definition', from: 'increase', to: 'decrease', verdict: null },
        ],
        data: null,
      });
    });
  });

  describe('status', () => {
    it('a status gone worse, with both reasons, and the goal it rolls up to', () => {
      const result = diffOf('sales.kpi.yaml', [
        '      - { date: 2026-10, value: 5.9, note: campaign }\n',
        '      - { date: 2026-10, value: 5.9, note: campaign }\n      - { date: 2026-11-15, value: 4.4 }\n',
      ]);
      assert.deepEqual(result.kpis, [
        {
          id: 'sales-growth',
          name: 'Sales growth',
          change: 'changed',
          unit: '%',
          file: 'sales.kpi.yaml',
          line: 7,
          status: {
            from: 'on-track',
            to: 'off-track',
            fromReason: 'at or above the at-risk threshold 5',
            toReason: 'below the off-track threshold 4.5',
            verdict: 'worse',
          },
          fields: [],
          data: { added: [{ date: '2026-11-15', value: 4.4 }], edited: [], removed: [], notes: [], historyRewritten: false },
        },
      ]);
      assert.deepEqual(result.goals, [
        {
          id: 'grow-revenue',
          title: 'Grow recurring revenue',
          change: 'changed',
          file: 'sales.kpi.yaml',
          line: 3,
          status: { from: 'on-track', to: 'off-track', verdict: 'worse' },
          fields: [],
        },
      ]);
      assert.deepEqual(
        result.summary,
        summary(1, {
          kpis: { added: 0, removed: 0, changed: 1, unchanged: 1 },
          goals: { added: 0, removed: 0, changed: 1 },
          worse: 1,
          // A drop of 1.5 in a month leaves the target 6 too far for the best pace so far.
          problems: { newErrors: 0, newWarnings: 1, new: 1, fixed: 0 },
        }),
      );
    });

    it('better and worse follow the goal roll-up: invalid ranks between at-risk and off-track; no status is worst', () => {
      // Churn off track (3.1 above the off-track threshold 3.0), then invalid (a broken target), then at risk.
      const offTrack = edit(CHURN, ['value: 2.3 }', 'value: 3.1 }']);
      const invalid = edit(offTrack, ['target: { value: 2.0,', 'target: { value: "2,0",']);
      const atRisk = edit(CHURN, ['value: 2.3 }', 'value: 2.8 }']);
      const noData = edit(CHURN, ['      - { date: 2026-09, value: 2.4 }\n      - { date: 2026-10, value: 2.3 }\n', '      []\n']);
      const verdict = (from: string, to: string) => {
        const result = diff({ 'churn.kpi.yaml': from }, { 'churn.kpi.yaml': to });
        const { status } = kpiOf(result, 'churn');
        const goal = result.goals.find((g) => g.id === 'keep-customers');
        return [status.from, status.to, status.verdict, goal?.status.verdict];
      };
      assert.deepEqual(verdict(offTrack, invalid), ['off-track', 'invalid', 'better', 'better']);
      assert.deepEqual(verdict(invalid, atRisk), ['invalid', 'at-risk', 'better', 'better']);
      assert.deepEqual(verdict(atRisk, invalid), ['at-risk', 'invalid', 'worse', 'worse']);
      assert.deepEqual(verdict(offTrack, noData), ['off-track', 'no-data', 'worse', 'worse']);
      assert.deepEqual(verdict(CHURN, atRisk), ['on-track', 'at-risk', 'worse', 'worse']);
    });
  });

  describe('KPIs and goals added and removed', () => {
    it('a KPI added and one removed: the head order, the removed one after; no fields or data for either', () => {
      const other = yaml`
        kpi: 1
        kpis:
          - id: nps
            name: Net promoter score
            category: customer
            goals: [keep-customers]
            target: { value: 40 }
            measurements:
              - { date: 2026-10, value: 42 }
      `;
      const result = diff(BOTH, {
        'churn.kpi.yaml': edit(CHURN, ['goals: [keep-customers]', 'goals: []']),
        'a.kpi.yaml': other,
        'sales.kpi.yaml': SALES.replace(/^kpis:[^]*$/m, ''),
      });
      assert.deepEqual(
        result.kpis.map((k) => [k.id, k.change]),
        [
          ['nps', 'added'],
          ['churn', 'changed'],
          ['sales-growth', 'removed'],
        ],
      );
      assert.deepEqual(kpiOf(result, 'nps'), {
        id: 'nps',
        name: 'Net promoter score',
        change: 'added',
        unit: null,
        file: 'a.kpi.yaml',
        line: 3,
        status: { from: null, to: 'achieved', fromReason: null, toReason: 'meets the target 40', verdict: 'same' },
        fields: [],
        data: null,
      });
      assert.deepEqual(kpiOf(result, 'sales-growth'), {
        id: 'sales-growth',
        name: 'Sales growth',
        change: 'removed',
        unit: '%',
        file: 'sales.kpi.yaml',
        line: 7,
        status: { from: 'on-track', to: null, fromReason: 'at or above the at-risk threshold 5', toReason: null, verdict: 'same' },
        fields: [],
        data: null,
      });
      assert.deepEqual(result.summary.kpis, { added: 1, removed: 1, changed: 1, unchanged: 0 });
      assert.equal(result.summary.worse + result.summary.better, 0);
    });

    it('goals added, removed and changed: title, parent, owner, due and the KPIs linking to them', () => {
      const goals = yaml`
        kpi: 1
        goals:
          - id: company-growth
            title: Grow the company
          - id: old-goal
            title: Something we stopped doing
            status: dropped
      `;
      const head = yaml`
        kpi: 1
        goals:
          - id: company-growth
            title: Grow the company
          - id: new-goal
            title: Something new
            status: dropped
      `;
      const sales = edit(
        SALES,
        ['    owner: Anna Berg\n', '    owner: Erik Lund\n    parent: company-growth\n    due: 2026-12-31\n'],
        ['Grow recurring revenue', 'Grow recurring revenue 20%'],
      );
      const result = diff({ ...BOTH, 'goals.kpi.yaml': goals }, { ...BOTH, 'goals.kpi.yaml': head, 'sales.kpi.yaml': sales });
      assert.deepEqual(result.goals, [
        // company-growth now has a child goal measured by a KPI.
        {
          id: 'company-growth',
          title: 'Grow the company',
          change: 'changed',
          file: 'goals.kpi.yaml',
          line: 3,
          status: { from: 'unmeasured', to: 'on-track', verdict: 'better' },
          fields: [],
        },
        {
          id: 'new-goal',
          title: 'Something new',
          change: 'added',
          file: 'goals.kpi.yaml',
          line: 5,
          status: { from: null, to: 'unmeasured', verdict: 'same' },
          fields: [],
        },
        {
          id: 'grow-revenue',
          title: 'Grow recurring revenue 20%',
          change: 'changed',
          file: 'sales.kpi.yaml',
          line: 3,
          status: { from: 'on-track', to: 'on-track', verdict: 'same' },
          fields: [
            { field: 'title', group: 'metadata', from: 'Grow recurring revenue', to: 'Grow recurring revenue 20%', verdict: null },
            { field: 'parent', group: 'definition', from: null, to: 'company-growth', verdict: null },
            { field: 'owner', group: 'metadata', from: 'Anna Berg', to: 'Erik Lund', verdict: null },
            { field: 'due', group: 'metadata', from: null, to: '2026-12-31', verdict: null },
          ],
        },
        {
          id: 'old-goal',
          title: 'Something we stopped doing',
          change: 'removed',
          file: 'goals.kpi.yaml',
          line: 5,
          status: { from: 'unmeasured', to: null, verdict: 'same' },
          fields: [],
        },
      ]);
      assert.deepEqual(result.summary.goals, { added: 1, removed: 1, changed: 2 });
      assert.deepEqual(result.kpis, []);
    });

    it('a goal whose KPIs changed lists them; the same KPIs in another file order are no change', () => {
      const nps = yaml`
        kpi: 1
        kpis:
          - id: nps
            name: Net promoter score
            category: customer
            goals: [keep-customers]
      `;
      const result = diff(BOTH, { ...BOTH, 'nps.kpi.yaml': nps });
      const goal = result.goals.find((g) => g.id === 'keep-customers');
      assert.deepEqual(goal?.fields, [{ field: 'kpis', group: 'definition', from: ['churn'], to: ['churn', 'nps'], verdict: null }]);
      // Renamed so that it sorts first: the goal's list reads [nps, churn] and is still the same KPIs.
      const moved = diff({ ...BOTH, 'nps.kpi.yaml': nps }, { ...BOTH, 'a-nps.kpi.yaml': nps });
      assert.deepEqual(moved.goals, []);
    });
  });

  describe('definition and metadata', () => {
    it('definition fields (direction, unit, frequency, aggregation, category, goals) apart from metadata (name, owner, description, rationale, tags)', () => {
      const result = diffOf(
        'sales.kpi.yaml',
        ['name: Sales growth', 'name: Net sales growth'],
        ['description: Net sales against the same month last year.', 'description: Net sales against the same month a year earlier.'],
        ['category: financial', 'category: customer'],
        ['goals: [grow-revenue]', 'goals: [grow-revenue, keep-customers]'],
        ['owner: Erik Lund', 'owner: Maria Holm'],
        ['rationale: Decides the sales hiring plan.', 'rationale: Decides the hiring plan.'],
        ['unit: "%"', 'unit: pp'],
        ['frequency: monthly', 'frequency: monthly\n    aggregation: average'],
        ['tags: [board]', 'tags: [board, sales]'],
      );
      const fields = kpiOf(result, 'sales-growth').fields;
      assert.deepEqual(
        fields.filter((f) => f.group === 'definition'),
        [
          { field: 'unit', group: 'definition', from: '%', to: 'pp', verdict: null },
          { field: 'aggregation', group: 'definition', from: 'last', to: 'average', verdict: null },
          { field: 'category', group: 'definition', from: 'financial', to: 'customer', verdict: null },
          { field: 'goals', group: 'definition', from: ['grow-revenue'], to: ['grow-revenue', 'keep-customers'], verdict: null },
        ],
      );
      assert.deepEqual(
        fields.filter((f) => f.group === 'metadata'),
        [
          { field: 'name', group: 'metadata', from: 'Sales growth', to: 'Net sales growth', verdict: null },
          { field: 'owner', group: 'metadata', from: 'Erik Lund', to: 'Maria Holm', verdict: null },
          {
            field: 'description',
            group: 'metadata',
            from: 'Net sales against the same month last year.',
            to: 'Net sales against the same month a year earlier.',
            verdict: null,
          },
          { field: 'rationale', group: 'metadata', from: 'Decides the sales hiring plan.', to: 'Decides the hiring plan.', verdict: null },
          { field: 'tags', group: 'metadata', from: ['board'], to: ['board', 'sales'], verdict: null },
        ],
      );
      assert.equal(fields.length, 9);
      assert.equal(kpiOf(result, 'sales-growth').name, 'Net sales growth');
    });

    it('a frequency changed, and metadata alone (not in the scorecard) makes a KPI changed', () => {
      const frequency = diffOf('churn.kpi.yaml', ['frequency: monthly', 'frequency: quarterly']);
      assert.deepEqual(
        kpiOf(frequency, 'churn').fields.filter((f) => f.group === 'definition'),
        [{ field: 'frequency', group: 'definition', from: 'monthly', to: 'quarterly', verdict: null }],
      );
      const description = diffOf('churn.kpi.yaml', ['category: customer', 'description: Share of customers who leave.\n    category: customer']);
      assert.deepEqual(kpiOf(description, 'churn'), {
        id: 'churn',
        name: 'Monthly churn',
        change: 'changed',
        unit: '%',
        file: 'churn.kpi.yaml',
        line: 6,
        status: CHURN_ON_TRACK,
        fields: [{ field: 'description', group: 'metadata', from: null, to: 'Share of customers who leave.', verdict: null }],
        data: null,
      });
    });
  });

  describe('data', () => {
    it('measurements added, edited and removed, matched by date: history rewritten', () => {
      const result = diffOf(
        'sales.kpi.yaml',
        ['{ date: 2026-08, value: 5.5 }', '{ date: 2026-08, value: 5.4 }'],
        ['      - { date: 2026-09, value: 5.7 }\n', ''],
        ['{ date: 2026-10, value: 5.9, note: campaign }', '{ date: 2026-10, value: 5.9, note: spring campaign }\n      - { date: 2026-11-15, value: 6.1 }'],
      );
      assert.deepEqual(kpiOf(result, 'sales-growth').data, {
        added: [{ date: '2026-11-15', value: 6.1 }],
        edited: [{ date: '2026-08', from: 5.5, to: 5.4 }],
        removed: [{ date: '2026-09', value: 5.7 }],
        notes: [{ date: '2026-10', from: 'campaign', to: 'spring campaign' }],
        historyRewritten: true,
      });
      assert.equal(result.summary.historyRewritten, 1);
      assert.equal(kpiOf(result, 'sales-growth').status.verdict, 'better'); // 6.1 meets the target 6
    });

    it('a measurement removed alone rewrites history; a note alone does not', () => {
      const removed = diffOf('churn.kpi.yaml', ['      - { date: 2026-09, value: 2.4 }\n', '']);
      assert.deepEqual(kpiOf(removed, 'churn').data, { added: [], edited: [], removed: [{ date: '2026-09', value: 2.4 }], notes: [], historyRewritten: true });
      const note = diffOf('churn.kpi.yaml', ['value: 2.3 }', 'value: 2.3, note: new onboarding }']);
      assert.deepEqual(kpiOf(note, 'churn').data, {
        added: [],
        edited: [],
        removed: [],
        notes: [{ date: '2026-10', from: null, to: 'new onboarding' }],
        historyRewritten: false,
      });
      assert.equal(note.summary.historyRewritten, 0);
    });

    it('a measurement rewritten from inline to its CSV file, same date and value, is no change to the data', () => {
      const csv = edit(
        CHURN,
        ['source: CRM monthly export', 'source: { file: churn.csv, date: month, value: churn }'],
        ['      - { date: 2026-09, value: 2.4 }\n', ''],
      );
      const result = diff({ 'churn.kpi.yaml': CHURN }, { 'churn.kpi.yaml': csv, 'churn.csv': 'month,churn\n2026-09,2.4\n' });
      assert.deepEqual(result.kpis, []);
    });
  });

  describe('problems and files that do not parse', () => {
    it('a problem new in the head and one fixed since the base, as kpi lint --format json gives them', () => {
      const result = diffOf('churn.kpi.yaml', ['    owner: Anna Berg\n', ''], ['    rationale: Decides where customer success spends its time.\n', '']);
      // Without an owner and a rationale: both rules fire on the KPI's id, line 5.
      const id = { file: 'churn.kpi.yaml', line: 6, column: 9, endLine: 6, endColumn: 14 };
      assert.deepEqual(result.problems, {
        new: [
          { ...id, code: 'missing-owner', severity: 'warning', message: 'KPI `churn` has no owner: add `owner`, the person accountable for it.' },
          { ...id, code: 'missing-rationale', severity: 'info', message: 'KPI `churn` has no rationale: add `rationale`, the decision this KPI informs.' },
        ],
        fixed: [],
      });
      assert.deepEqual(result.summary.problems, { newErrors: 0, newWarnings: 1, new: 2, fixed: 0 });
      const fixed = diffScorecards(side({ ...BOTH, 'churn.kpi.yaml': edit(CHURN, ['    owner: Anna Berg\n', '']) }), side(BOTH), SIDES);
      assert.deepEqual(
        fixed.problems.fixed.map((p) => [p.code, p.line]),
        [['missing-owner', 6]],
      );
      assert.deepEqual(fixed.summary.problems, { newErrors: 0, newWarnings: 0, new: 0, fixed: 1 });
    });

    it('a configuration that changes only figures worked out from the KPIs (a new fiscal year start) changes no KPI', () => {
      const files = Object.fromEntries(['financial.kpi.yaml', 'strategy.kpi.yaml'].map((f) => [f, fs.readFileSync(path.join(REPO, 'samples', f), 'utf8')]));
      const base = sideOf(lintFixture(files, { asOf: '2026-11-27' }), ROOT);
      const head = sideOf(lintFixture(files, { asOf: '2026-11-27', config: 'fiscalYearStart: 7\n' }), ROOT);
      // Gross margin's year to date starts in July: a figure of the scorecard, not a change the diff lists.
      const yearToDate = (side: DiffSide) => side.scorecard.kpis.find((k) => k.id === 'gross-margin')?.comparisons.yearToDate?.value;
      assert.deepEqual([yearToDate(base), yearToDate(head)], [45.77, 45.925]);
      const result = diffScorecards(base, head, SIDES);
      assert.deepEqual(result.kpis, []);
      assert.deepEqual(result.goals, []);
      assert.deepEqual(result.summary.kpis, { added: 0, removed: 0, changed: 0, unchanged: 4 });
    });

    it('a problem made an error by kpi.config.yaml is a new error (and its warning fixed), which --fail-on new-errors sees', () => {
      const noOwner = { 'churn.kpi.yaml': edit(CHURN, ['    owner: Anna Berg\n', '']) };
      const base = sideOf(lintFixture(noOwner, { asOf: '2026-11-27' }), ROOT);
      const head = sideOf(lintFixture(noOwner, { asOf: '2026-11-27', config: 'rules:\n  missing-owner: error\n' }), ROOT);
      const result = diffScorecards(base, head, SIDES);
      assert.deepEqual(
        [result.problems.new.map((p) => [p.code, p.severity]), result.problems.fixed.map((p) => [p.code, p.severity])],
        [[['missing-owner', 'error']], [['missing-owner', 'warning']]],
      );
      assert.deepEqual(result.summary.problems, { newErrors: 1, newWarnings: 0, new: 1, fixed: 1 });
    });

    it('a problem whose line moved is neither new nor fixed; the same problem once more is new', () => {
      const noOwner = edit(CHURN, ['    owner: Anna Berg\n', '']);
      const moved = edit(noOwner, ['kpi: 1\n', 'kpi: 1\n# Churn, reviewed monthly.\n\n']);
      const result = diff({ 'churn.kpi.yaml': noOwner }, { 'churn.kpi.yaml': moved });
      assert.deepEqual(result.problems, { new: [], fixed: [] });
      assert.deepEqual(result.kpis, []);
      assert.deepEqual(result.goals, []);
      const twice = edit(noOwner, ['    measurements:', '    measurements:\n      - { date: 2026-08, value: 2.5 }\n      - { date: 2026-08, value: 2.5 }']);
      const more = diff(
        { 'churn.kpi.yaml': twice },
        { 'churn.kpi.yaml': edit(twice, ['2026-09, value: 2.4 }', '2026-09, value: 2.4 }\n      - { date: 2026-09, value: 2.4 }']) },
      );
      assert.deepEqual(
        more.problems.new.map((p) => [p.code, p.line]),
        [['duplicate-measurement', 22]],
      );
    });

    it('a KPI file that no longer parses: unparsed in the head, its KPIs and goals removed, its syntax error new', () => {
      // A tab in the indentation: one yaml-syntax error for the file (SPEC §4).
      const broken = edit(CHURN, ['    name: Monthly churn', '\tname: Monthly churn']);
      const result = diff(BOTH, { ...BOTH, 'churn.kpi.yaml': broken });
      const message = result.problems.new[0]?.message;
      assert.deepEqual(result.unparsed, [{ side: 'head', file: 'churn.kpi.yaml', message }]);
      assert.deepEqual(result.problems.new, [
        { file: 'churn.kpi.yaml', code: 'yaml-syntax', severity: 'error', message, line: 7, column: 1, endLine: 7, endColumn: 2 },
      ]);
      assert.match(message, /tab/);
      assert.deepEqual(
        result.kpis.map((k) => [k.id, k.change]),
        [['churn', 'removed']],
      );
      assert.deepEqual(
        result.goals.map((g) => [g.id, g.change]),
        [['keep-customers', 'removed']],
      );
      assert.deepEqual(
        result.summary,
        summary(1, {
          kpis: { added: 0, removed: 1, changed: 0, unchanged: 1 },
          goals: { added: 0, removed: 1, changed: 0 },
          problems: { newErrors: 1, newWarnings: 0, new: 1, fixed: 0 },
          unparsed: 1,
        }),
      );
      const back = diff({ ...BOTH, 'churn.kpi.yaml': broken }, BOTH);
      assert.deepEqual(
        back.unparsed.map((u) => [u.side, u.file]),
        [['base', 'churn.kpi.yaml']],
      );
      assert.deepEqual(
        back.problems.fixed.map((p) => p.code),
        ['yaml-syntax'],
      );
    });

    it('files the host could not read are unparsed too, beside those that do not parse, in path order', () => {
      const result = lintFixture({ 'b.kpi.yaml': 'kpi: 1\nkpis: [\n' });
      const shown = shownFrom(ROOT);
      const built = diffSide(result, buildScorecard(result.workspace, shown), shown, [{ file: 'a.kpi.yaml', message: 'permission denied' }]);
      assert.deepEqual(
        built.unparsed.map((u) => u.file),
        ['a.kpi.yaml', 'b.kpi.yaml'],
      );
      assert.equal(built.unparsed[0].message, 'permission denied');
    });
  });

  describe('no change', () => {
    it('lines moved, KPIs reordered and comments added: no change at all', () => {
      const sales = edit(
        SALES,
        ['kpi: 1\n', '# Sales, reviewed monthly.\nkpi: 1\n\n'],
        ['    source: CRM monthly export\n', '    # from the CRM\n    source: CRM monthly export\n'],
      );
      const both = yaml`
        kpi: 1
        kpis:
          - id: b
            name: B
            category: hr
          - id: a
            name: A
            category: hr
      `;
      const swapped = yaml`
        kpi: 1
        kpis:
          - id: a
            name: A
            category: hr

          - id: b
            name: B
            category: hr
      `;
      const result = diff({ ...BOTH, 'ab.kpi.yaml': both }, { ...BOTH, 'sales.kpi.yaml': sales, 'ab.kpi.yaml': swapped });
      assert.deepEqual(
        { goals: result.goals, kpis: result.kpis, problems: result.problems, unparsed: result.unparsed, summary: result.summary },
        { goals: [], kpis: [], problems: { new: [], fixed: [] }, unparsed: [], summary: summary(4) },
      );
    });

    it('the JSON says which revisions were compared, as of which date', () => {
      const result = diff(BOTH, BOTH);
      assert.deepEqual([result.version, result.base, result.head, result.asOf], [1, SIDES.base, SIDES.head, '2026-11-27']);
    });

    it('two sides scored as of different dates are not compared', () => {
      const other = sideOf(lintFixture(BOTH, { asOf: '2026-12-01' }), ROOT);
      assert.throws(() => diffScorecards(side(BOTH), other, SIDES), /as of 2026-11-27 and 2026-12-01/);
    });
  });

  describe('diffSide', () => {
    it('gives the problems with the fields of kpi lint --format json, the metadata of each KPI id, and the files that do not parse', () => {
      const files = { ...BOTH, 'broken.kpi.yaml': 'kpi: 1\nkpis:\n\t- id: x\n', 'churn.kpi.yaml': edit(CHURN, ['    owner: Anna Berg\n', '']) };
      const result = lintFixture(files);
      const built = sideOf(result, ROOT);
      const report = toReport(result.files, ROOT, false);
      assert.deepEqual(
        built.problems,
        report.files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.path, ...d }))),
      );
      assert.ok(built.problems.length >= 2);
      assert.deepEqual(built.metadata.get('sales-growth'), {
        description: 'Net sales against the same month last year.',
        rationale: 'Decides the sales hiring plan.',
        tags: ['board'],
      });
      assert.deepEqual(built.metadata.get('churn'), { description: null, rationale: 'Decides where customer success spends its time.', tags: [] });
      assert.deepEqual(built.unparsed, [{ file: 'broken.kpi.yaml', message: built.problems.find((p) => p.file === 'broken.kpi.yaml')!.message }]);
    });
  });
});

/* ------------------------------------------------------------------ */
/* Properties: diff(A, A) is empty, and a KPI is in diff(A, B) exactly  */
/* when its status JSON (but its place and reason) or metadata differs. */
/* ------------------------------------------------------------------ */

interface GenKpi {
  id: string;
  name: string;
  description?: string;
  category: string;
  goals: string[];
  owner?: string;
  rationale?: string;
  tags?: string[];
  direction: 'increase' | 'decrease';
  target?: { value: number; date: string };
  baseline?: { value: number; date: string };
  thresholds?: { atRisk: number; offTrack: number };
  plan?: { date: string; value: number }[];
  measurements: { date: string; value: number; note?: string }[];
}

interface GenFile {
  name: string;
  goals: { id: string; title: string; owner?: string }[];
  kpis: GenKpi[];
  /** Lines of comments before `kpis:`: moving every line below. */
  comments: number;
  broken: boolean;
}

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];

function genKpi(r: Random, id: string, goalIds: readonly string[]): GenKpi {
  const direction = r.pick(['increase', 'decrease'] as const);
  const sign = direction === 'increase' ? 1 : -1;
  const start = 50 + r.int(50);
  const target = start + sign * (5 + r.int(20));
  const kpi: GenKpi = {
    id,
    name: `Measure ${id}`,
    category: r.pick(['financial', 'operational', 'customer', 'hr']),
    goals: goalIds.length > 0 && r.chance(0.8) ? [r.pick(goalIds)] : [],
    direction,
    measurements: MONTHS.filter(() => r.chance(0.5)).map((date) => ({
      date,
      value: start + r.int(30) - 10,
      ...(r.chance(0.2) ? { note: `note ${r.int(9)}` } : {}),
    })),
  };
  if (r.chance(0.5)) kpi.description = `About ${id}.`;
  if (r.chance(0.6)) kpi.owner = r.pick(['Anna', 'Erik', 'Maria']);
  if (r.chance(0.5)) kpi.rationale = `Decides ${r.int(5)}.`;
  if (r.chance(0.4)) kpi.tags = r.chance(0.5) ? ['board'] : ['board', 'web'];
  if (r.chance(0.8)) kpi.target = { value: target, date: r.pick(['2026-12', '2026-Q4', '2027']) };
  if (kpi.target && r.chance(0.5)) kpi.baseline = { value: start, date: '2025-12' };
  if (kpi.target && r.chance(0.4)) kpi.thresholds = { atRisk: target - sign * 3, offTrack: target - sign * 6 };
  if (kpi.target && r.chance(0.3)) kpi.plan = [{ date: '2026-06', value: start + sign * 2 }];
  return kpi;
}

function genWorkspace(r: Random): GenFile[] {
  const files: GenFile[] = [];
  const count = 1 + r.int(3);
  let n = 0;
  for (let f = 0; f < count; f++) {
    const goals = Array.from({ length: r.int(3) }, (_, g) => ({ id: `g${f}-${g}`, title: `Goal ${f}.${g}`, ...(r.chance(0.5) ? { owner: 'Anna' } : {}) }));
    files.push({ name: `f${f}.kpi.yaml`, goals, kpis: [], comments: 0, broken: false });
  }
  const goalIds = files.flatMap((f) => f.goals.map((g) => g.id));
  for (const file of files) file.kpis = Array.from({ length: 1 + r.int(4) }, () => genKpi(r, `k${n++}`, goalIds));
  return files;
}

const flow = (o: Record<string, unknown>) =>
  `{ ${Object.entries(o)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
    .join(', ')} }`;

function render(file: GenFile): string {
  const lines = ['kpi: 1'];
  for (let c = 0; c < file.comments; c++) lines.push(`# comment ${c}`);
  if (file.goals.length > 0) {
    lines.push('goals:');
    for (const g of file.goals) lines.push(`  - id: ${g.id}`, `    title: ${JSON.stringify(g.title)}`, ...(g.owner ? [`    owner: ${g.owner}`] : []));
  }
  lines.push('kpis:');
  for (const k of file.kpis) {
    lines.push(`  - id: ${k.id}`, `    name: ${JSON.stringify(k.name)}`, `    category: ${k.category}`, `    goals: [${k.goals.join(', ')}]`);
    if (k.description !== undefined) lines.push(`    description: ${JSON.stringify(k.description)}`);
    if (k.owner !== undefined) lines.push(`    owner: ${k.owner}`);
    if (k.rationale !== undefined) lines.push(`    rationale: ${JSON.stringify(k.rationale)}`);
    if (k.tags !== undefined) lines.push(`    tags: [${k.tags.join(', ')}]`);
    lines.push('    unit: count', `    direction: ${k.direction}`, '    frequency: monthly');
    if (k.baseline) lines.push(`    baseline: ${flow(k.baseline)}`);
    if (k.target) lines.push(`    target: ${flow(k.target)}`);
    if (k.thresholds) lines.push(`    thresholds: ${flow(k.thresholds)}`);
    if (k.plan) lines.push('    plan:', ...k.plan.map((p) => `      - ${flow(p)}`));
    lines.push(k.measurements.length > 0 ? '    measurements:' : '    measurements: []', ...k.measurements.map((m) => `      - ${flow(m)}`));
  }
  const text = `${lines.join('\n')}\n`;
  return file.broken ? text.replace('kpis:\n', 'kpis:\n  - [\n') : text;
}

function renderAll(files: readonly GenFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.name, render(f)]));
}

/** One random change to a generated workspace, in place: to a figure, the data, the words, the order or the file's lines. */
function mutate(r: Random, files: GenFile[], fresh: () => string): void {
  const file = r.pick(files);
  const kpi = file.kpis.length > 0 ? r.pick(file.kpis) : undefined;
  const goalIds = files.flatMap((f) => f.goals.map((g) => g.id));
  switch (r.int(14)) {
    case 0:
      if (kpi?.target) kpi.target.value += r.pick([-2, -1, 1, 2]);
      break;
    case 1:
      if (kpi?.thresholds) kpi.thresholds.atRisk += r.pick([-1, 1]);
      break;
    case 2:
      if (kpi) kpi.measurements.push({ date: '2026-11', value: 40 + r.int(60) });
      break;
    case 3:
      if (kpi && kpi.measurements.length > 0) kpi.measurements[r.int(kpi.measurements.length)].value += 1;
      break;
    case 4:
      if (kpi && kpi.measurements.length > 0) kpi.measurements.splice(r.int(kpi.measurements.length), 1);
      break;
    case 5:
      if (kpi && kpi.measurements.length > 0) kpi.measurements[0].note = `changed ${r.int(9)}`;
      break;
    case 6:
      if (kpi) {
        const what = r.int(4);
        if (what === 0) kpi.description = kpi.description === undefined ? 'Now described.' : undefined;
        else if (what === 1) kpi.tags = kpi.tags ? undefined : ['new'];
        else if (what === 2) kpi.rationale = `Decides ${r.int(99)} things.`;
        else kpi.name = `${kpi.name}!`;
      }
      break;
    case 7:
      if (kpi) kpi.direction = kpi.direction === 'increase' ? 'decrease' : 'increase';
      break;
    case 8:
      if (kpi) file.kpis.splice(file.kpis.indexOf(kpi), 1);
      break;
    case 9:
      file.kpis.push(genKpi(r, fresh(), goalIds));
      break;
    case 10:
      file.comments += 1 + r.int(3);
      break;
    case 11:
      file.kpis.reverse();
      break;
    case 12:
      if (kpi && files.length > 1) {
        file.kpis.splice(file.kpis.indexOf(kpi), 1);
        files.find((f) => f !== file)!.kpis.push(kpi);
      }
      break;
    default:
      if (r.chance(0.5)) file.broken = !file.broken;
      else if (file.goals.length > 0) file.goals[0].title += ' (new)';
  }
}

/** A value's JSON with its keys sorted, so that two values compare by content alone. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** What must differ for a KPI to be in the diff: its status JSON entry without its place and reason, and its metadata as the files say it. */
function judged(entry: ScorecardKpi, result: LintResult): string {
  const kpi = result.workspace.kpi(entry.id)!;
  return canonical({
    ...entry,
    file: null,
    line: null,
    reason: null,
    metadata: { description: kpi.description ?? null, rationale: kpi.rationale ?? null, tags: kpi.tags ?? [] },
  });
}

function assertNoChange(result: ScorecardDiff, kpis: number, label: string): void {
  assert.deepEqual(
    { goals: result.goals, kpis: result.kpis, problems: result.problems, summary: { ...result.summary, unparsed: 0 } },
    { goals: [], kpis: [], problems: { new: [], fixed: [] }, summary: summary(kpis) },
    label,
  );
}

/** Lints the same files twice: the two sides share no object, as the base and head of `kpi diff` do not. */
function sameTwice(lint: () => LintResult, root: string): [DiffSide, DiffSide] {
  return [sideOf(lint(), root), sideOf(lint(), root)];
}

describe('kpi diff properties', () => {
  it('the samples diffed with themselves show no change at all (the pitfalls: only their unparsed file, on both sides)', () => {
    const samples = path.join(REPO, 'samples');
    const [a, b] = sameTwice(() => lintPaths({ paths: ['.'], cwd: samples, asOf: '2026-11-27', config: 'kpi.config.yaml' }).result, samples);
    const result = diffScorecards(a, b, SIDES);
    assertNoChange(result, a.scorecard.kpis.length, 'samples');
    assert.deepEqual(result.unparsed, []);
    assert.ok(a.scorecard.kpis.length >= 10);
    const pitfalls = path.join(samples, 'pitfalls');
    const [p, q] = sameTwice(() => lintPaths({ paths: ['.'], cwd: pitfalls, asOf: '2026-11-27', config: 'kpi.config.yaml' }).result, pitfalls);
    const broken = diffScorecards(p, q, SIDES);
    assertNoChange(broken, p.scorecard.kpis.length, 'pitfalls');
    assert.ok(p.problems.length > 20);
    assert.deepEqual(
      broken.unparsed.map((u) => [u.side, u.file]),
      [
        ['base', 'broken-syntax.kpi.yaml'],
        ['head', 'broken-syntax.kpi.yaml'],
      ],
    );
  });

  it('50 generated workspaces: diff(A, A) is empty; diff(A, B) lists exactly the KPIs whose status JSON or metadata differs', () => {
    let changedSeen = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const r = new Random(seed);
      const files = genWorkspace(r);
      const baseFiles = renderAll(files);
      const [a, again] = sameTwice(() => lintFixture(baseFiles), ROOT);
      assertNoChange(diffScorecards(a, again, SIDES), a.scorecard.kpis.length, `seed ${seed}: A against A`);

      let n = 1000;
      for (let m = 1 + r.int(4); m > 0; m--) mutate(r, files, () => `k${n++}`);
      const baseLint = lintFixture(baseFiles);
      const headLint = lintFixture(renderAll(files));
      const result = diffScorecards(sideOf(baseLint, ROOT), sideOf(headLint, ROOT), SIDES);

      const baseKpis = new Map(sideOf(baseLint, ROOT).scorecard.kpis.map((k) => [k.id, k]));
      const headKpis = sideOf(headLint, ROOT).scorecard.kpis;
      const expected = [
        ...headKpis.flatMap((k) => {
          const before = baseKpis.get(k.id);
          if (!before) return [[k.id, 'added']];
          return judged(before, baseLint) === judged(k, headLint) ? [] : [[k.id, 'changed']];
        }),
        ...[...baseKpis.values()].filter((k) => !headKpis.some((h) => h.id === k.id)).map((k) => [k.id, 'removed']),
      ];
      const label = `seed ${seed}`;
      assert.deepEqual(
        result.kpis.map((k) => [k.id, k.change]),
        expected,
        label,
      );
      const { kpis } = result.summary;
      assert.equal(kpis.added + kpis.changed + kpis.unchanged, headKpis.length, label);
      assert.equal(kpis.removed + kpis.changed + kpis.unchanged, baseKpis.size, label);
      changedSeen += result.kpis.length;
      // With one configuration on both sides, a changed KPI always shows why: a field, its data or its status.
      for (const k of result.kpis.filter((d) => d.change === 'changed')) {
        assert.ok(k.fields.length > 0 || k.data !== null || k.status.from !== k.status.to, `${label}: ${k.id} changed, but shows nothing`);
      }
    }
    assert.ok(changedSeen > 50, `only ${changedSeen} KPIs changed over 50 workspaces`);
  });
});
