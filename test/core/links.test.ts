import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFixture, yaml } from '../helpers';

const GOALS = yaml`
  kpi: 1
  goals:
    - id: grow
      title: Grow
    - id: sell
      title: Sell more
      parent: grow
    - id: keep
      title: Keep customers
      parent: grow
    - id: loop-a
      title: A
      parent: loop-b
    - id: loop-b
      title: B
      parent: loop-a
`;

const KPIS = yaml`
  kpi: 1
  kpis:
    - id: revenue
      name: Revenue
      goals: [sell, sell]
    - id: churn
      name: Churn
      goals: [keep]
    - id: revenue
      name: Revenue again
      goals: [grow]
    - id: loops
      name: Loops
      goals: [loop-a]
`;

const MORE = yaml`
  kpi: 1
  goals:
    - id: sell
      title: Sell (again)
  kpis:
    - id: revenue
      name: Revenue a third time
`;

describe('Links', () => {
  const { workspace } = lintFixture({ 'a-goals.kpi.yaml': GOALS, 'b-kpis.kpi.yaml': KPIS, 'c-more.kpi.yaml': MORE });
  const names = (kpis: readonly { name?: string }[]) => kpis.map((k) => k.name);

  it('finds each id by its first definition, in file-path then line order', () => {
    assert.equal(workspace.kpi('revenue')?.name, 'Revenue');
    assert.equal(workspace.goal('sell')?.title, 'Sell more');
    assert.equal(workspace.kpi('nothing'), undefined);
    assert.deepEqual([...workspace.kpiById.keys()], ['revenue', 'churn', 'loops']);
  });

  it('lists every definition of the ids defined more than once, and only those', () => {
    assert.deepEqual(
      [...workspace.repeatedKpis].map(([id, kpis]) => [id, names(kpis)]),
      [['revenue', ['Revenue', 'Revenue again', 'Revenue a third time']]],
    );
    assert.deepEqual(
      [...workspace.repeatedGoals].map(([id, goals]) => [id, goals.map((g) => g.title)]),
      [['sell', ['Sell more', 'Sell (again)']]],
    );
  });

  it('gives the KPIs measuring a goal through its descendants, each once, and survives a cycle of parents', () => {
    assert.deepEqual(names(workspace.kpisMeasuring('grow')), ['Revenue again', 'Revenue', 'Churn']);
    assert.deepEqual(names(workspace.kpisMeasuring('sell')), ['Revenue']);
    assert.deepEqual(names(workspace.kpisMeasuring('loop-b')), ['Loops']);
    assert.deepEqual(workspace.kpisMeasuring('nothing'), []);
    // Worked out once per goal: the scorecard and the rules ask again for the same list.
    assert.equal(workspace.kpisMeasuring('grow'), workspace.kpisMeasuring('grow'));
  });
});
