import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans, yaml } from '../helpers';

describe('unmeasured-goal', () => {
  it('stays silent for a goal that a KPI links to', () => {
    assert.deepEqual(lintRule('unmeasured-goal', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports an active goal no KPI links to on its id value', () => {
    const files = {
      'a.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: grow-revenue
            title: Grow revenue
          - title: Keep customers
            status: active
            id: keep-customers
        kpis:
          - id: sales-growth
            name: Sales growth
            category: financial
            goals: [grow-revenue]
      `,
    };
    assert.deepEqual(lintRule('unmeasured-goal', files), [{ file: 'a.kpi.yaml', line: 7, code: 'unmeasured-goal' }]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'unmeasured-goal' })), [{ code: 'unmeasured-goal', text: 'keep-customers' }]);
  });

  it('stays silent for achieved and dropped goals', () => {
    const file = yaml`
      kpi: 1
      goals:
        - id: launch-shop
          title: Launch the web shop
          status: achieved
        - id: enter-germany
          title: Enter Germany
          status: dropped
    `;
    assert.deepEqual(lintRule('unmeasured-goal', { 'a.kpi.yaml': file }), []);
  });

  it('counts a KPI linking to a descendant goal in another file, but not one linking to an ancestor', () => {
    const files = {
      'goals.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: company-growth
            title: Grow the company
          - id: grow-revenue
            title: Grow revenue
            parent: company-growth
          - id: hire-sellers
            title: Hire ten sellers
            parent: company-growth
      `,
      'sales/nordic.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: nordic-sales
            title: Nordic sales
            parent: grow-revenue
          - id: nordic-partners
            title: Sign Nordic partners
            parent: nordic-sales
        kpis:
          - id: nordic-revenue
            name: Nordic revenue
            category: financial
            goals: [nordic-sales]
      `,
    };
    assert.deepEqual(lintRule('unmeasured-goal', files), [
      { file: 'goals.kpi.yaml', line: 8, code: 'unmeasured-goal' },
      { file: 'sales/nordic.kpi.yaml', line: 6, code: 'unmeasured-goal' },
    ]);
  });

  it('reports only the first definition of a goal id defined twice (duplicate-id reports the other)', () => {
    const file = yaml`
      kpi: 1
      goals:
        - id: keep-customers
          title: Keep customers
        - id: keep-customers
          title: Keep customers again
    `;
    assert.deepEqual(lintRule('unmeasured-goal', { 'a.kpi.yaml': file }), [{ file: 'a.kpi.yaml', line: 3, code: 'unmeasured-goal' }]);
  });

  it('terminates on goals whose parents form a cycle, counting a KPI on any goal of the cycle for all of them', () => {
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
          parent: d
        - id: d
          title: D
          parent: c
      kpis:
        - id: k
          name: K
          category: hr
          goals: [a]
    `;
    assert.deepEqual(lintRule('unmeasured-goal', { 'a.kpi.yaml': file }), [
      { file: 'a.kpi.yaml', line: 9, code: 'unmeasured-goal' },
      { file: 'a.kpi.yaml', line: 12, code: 'unmeasured-goal' },
    ]);
  });
});
