import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans, yaml } from '../helpers';

describe('goal-cycle', () => {
  it('stays silent for goals without parents and for a goal tree', () => {
    const tree = yaml`
      kpi: 1
      goals:
        - id: company-growth
          title: Grow the company
        - id: grow-revenue
          title: Grow revenue
          parent: company-growth
        - id: nordic-sales
          title: Nordic sales
          parent: grow-revenue
        - id: hire-sellers
          title: Hire sellers
          parent: company-growth
    `;
    assert.deepEqual(lintRule('goal-cycle', { 'sales.kpi.yaml': GOOD_FILE, 'tree.kpi.yaml': tree }), []);
  });

  it('reports the parent value of each goal in a cycle, but not of a goal that merely hangs off it', () => {
    const files = {
      'a.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: a
            title: A
            parent: b
          - id: b
            title: B
            parent: c
          - id: c
            title: C
            parent: a
          - id: d
            title: D
            parent: a
      `,
    };
    assert.deepEqual(lintRule('goal-cycle', files), [
      { file: 'a.kpi.yaml', line: 5, code: 'goal-cycle' },
      { file: 'a.kpi.yaml', line: 8, code: 'goal-cycle' },
      { file: 'a.kpi.yaml', line: 11, code: 'goal-cycle' },
    ]);
    const result = lintFixture(files, { rule: 'goal-cycle' });
    assert.deepEqual(spans(result), [
      { code: 'goal-cycle', text: 'b' },
      { code: 'goal-cycle', text: 'c' },
      { code: 'goal-cycle', text: 'a' },
    ]);
    assert.equal(messages(result)[0], 'Goal parents form a cycle (a → b → c → a): remove or change one `parent`.');
  });

  it('reports a goal that is its own parent', () => {
    const file = yaml`
      kpi: 1
      goals:
        - id: grow-revenue
          title: Grow revenue
          parent: grow-revenue
    `;
    assert.deepEqual(lintRule('goal-cycle', { 'a.kpi.yaml': file }), [{ file: 'a.kpi.yaml', line: 5, code: 'goal-cycle' }]);
  });

  it('reports a cycle that spans files in each file', () => {
    const files = {
      'b.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: grow-revenue
            title: Grow revenue
            parent: company-growth
      `,
      'a.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: company-growth
            title: Grow the company
            parent: grow-revenue
      `,
    };
    assert.deepEqual(lintRule('goal-cycle', files), [
      { file: 'a.kpi.yaml', line: 5, code: 'goal-cycle' },
      { file: 'b.kpi.yaml', line: 5, code: 'goal-cycle' },
    ]);
  });

  it('reports two separate cycles, each with its own goals', () => {
    const file = yaml`
      kpi: 1
      goals:
        - id: a
          title: A
          parent: b
        - id: b
          title: B
          parent: a
        - id: c
          title: C
          parent: c
    `;
    const result = lintFixture({ 'a.kpi.yaml': file }, { rule: 'goal-cycle' });
    assert.deepEqual(messages(result), [
      'Goal parents form a cycle (a → b → a): remove or change one `parent`.',
      'Goal parents form a cycle (a → b → a): remove or change one `parent`.',
      'Goal parents form a cycle (c → c): remove or change one `parent`.',
    ]);
  });

  it('stays silent for a parent that names no goal (unknown-goal reports it)', () => {
    const file = yaml`
      kpi: 1
      goals:
        - id: grow-revenue
          title: Grow revenue
          parent: company-growth
    `;
    assert.deepEqual(lintRule('goal-cycle', { 'a.kpi.yaml': file }), []);
  });
});
