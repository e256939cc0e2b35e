import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans } from '../helpers';

/** `count` KPIs as lines of a `kpis` list, each linking to `goals` (a flow list) when given. */
function kpis(count: number, goals?: string, prefix = 'kpi'): string[] {
  return Array.from({ length: count }, (_, i) => [
    `  - id: ${prefix}-${i + 1}`,
    `    name: KPI ${i + 1}`,
    '    category: financial',
    ...(goals === undefined ? [] : [`    goals: ${goals}`]),
  ]).flat();
}

/** A file with the goal `grow` (its id on line 3) and `count` KPIs linking to it (`kpis` on line 5). */
function goalWithKpis(count: number): string {
  return ['kpi: 1', 'goals:', '  - id: grow', '    title: Grow', 'kpis:', ...kpis(count, '[grow]'), ''].join('\n');
}

/** A file of `count` KPIs linking to no goal (`kpis` on line 2). */
function kpisOnly(count: number): string {
  return ['kpi: 1', 'kpis:', ...kpis(count), ''].join('\n');
}

const SMALL = 'rules:\n  too-many-kpis: { severity: warning, perGoal: 2, perFile: 3 }\n';

describe('too-many-kpis', () => {
  it('stays silent for a few KPIs', () => {
    assert.deepEqual(lintRule('too-many-kpis', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  describe('with the defaults (perGoal 5, perFile 15)', () => {
    it('allows five KPIs per goal and reports the sixth on the goal id', () => {
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': goalWithKpis(5) }), []);
      const result = lintFixture({ 'a.kpi.yaml': goalWithKpis(6) }, { rule: 'too-many-kpis' });
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': goalWithKpis(6) }), [{ file: 'a.kpi.yaml', line: 3, code: 'too-many-kpis' }]);
      assert.deepEqual(spans(result), [{ code: 'too-many-kpis', text: 'grow' }]);
      assert.deepEqual(messages(result), ['Goal `grow` has 6 KPIs linking to it, more than 5: keep the few that inform decisions.']);
    });

    it('allows fifteen KPIs per file and reports the sixteenth on the kpis key', () => {
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': kpisOnly(15) }), []);
      const result = lintFixture({ 'a.kpi.yaml': kpisOnly(16) }, { rule: 'too-many-kpis' });
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': kpisOnly(16) }), [{ file: 'a.kpi.yaml', line: 2, code: 'too-many-kpis' }]);
      assert.deepEqual(spans(result), [{ code: 'too-many-kpis', text: 'kpis' }]);
    });

    it('counts the KPIs of every file linking to a goal, and reports in the goal’s file', () => {
      const files = {
        'goals.kpi.yaml': 'kpi: 1\ngoals:\n  - id: grow\n    title: Grow\n',
        'a.kpi.yaml': ['kpi: 1', 'kpis:', ...kpis(3, '[grow]', 'a'), ''].join('\n'),
        'b.kpi.yaml': ['kpi: 1', 'kpis:', ...kpis(3, '[grow]', 'b'), ''].join('\n'),
      };
      assert.deepEqual(lintRule('too-many-kpis', files), [{ file: 'goals.kpi.yaml', line: 3, code: 'too-many-kpis' }]);
    });

    it('counts only direct links, each KPI once', () => {
      const file = [
        'kpi: 1',
        'goals:',
        '  - id: grow',
        '    title: Grow',
        '  - id: grow-nordics',
        '    title: Grow in the Nordics',
        '    parent: grow',
        'kpis:',
        ...kpis(6, '[grow-nordics]', 'nordic'),
        ...kpis(5, '[grow, grow]', 'direct'),
        '',
      ].join('\n');
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': file }), [{ file: 'a.kpi.yaml', line: 5, code: 'too-many-kpis' }]);
    });
  });

  describe('with perGoal 2 and perFile 3 in kpi.config.yaml', () => {
    it('allows two KPIs per goal', () => {
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': goalWithKpis(2) }, { config: SMALL }), []);
    });

    it('reports a goal with three KPIs', () => {
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': goalWithKpis(3) }, { config: SMALL }), [
        { file: 'a.kpi.yaml', line: 3, code: 'too-many-kpis' },
      ]);
    });

    it('reports the goal and the file with four KPIs', () => {
      const result = lintFixture({ 'a.kpi.yaml': goalWithKpis(4) }, { rule: 'too-many-kpis', config: SMALL });
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': goalWithKpis(4) }, { config: SMALL }), [
        { file: 'a.kpi.yaml', line: 3, code: 'too-many-kpis' },
        { file: 'a.kpi.yaml', line: 5, code: 'too-many-kpis' },
      ]);
      assert.deepEqual(messages(result), [
        'Goal `grow` has 4 KPIs linking to it, more than 2: keep the few that inform decisions.',
        'This file defines 4 KPIs, more than 3: keep the few that matter or split the file.',
      ]);
    });

    it('allows three KPIs per file', () => {
      assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': kpisOnly(3) }, { config: SMALL }), []);
    });
  });
});
