import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCalendarDay } from '../../server/src/core/dates';
import { parseKpiFile } from '../../server/src/core/parse';
import { Links } from '../../server/src/core/workspace';
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
    assert.deepEqual([...workspace.index.kpis.first.keys()], ['revenue', 'churn', 'loops']);
    assert.deepEqual([...workspace.goalIds()], ['grow', 'sell', 'keep', 'loop-a', 'loop-b']);
  });

  it('lists every definition of the ids defined more than once, and only those', () => {
    assert.deepEqual(
      [...workspace.repeatedKpis()].map(([id, kpis]) => [id, names(kpis)]),
      [['revenue', ['Revenue', 'Revenue again', 'Revenue a third time']]],
    );
    assert.deepEqual(
      [...workspace.repeatedGoals()].map(([id, goals]) => [id, goals.map((g) => g.title)]),
      [['sell', ['Sell more', 'Sell (again)']]],
    );
  });

  it('gives the KPIs measuring a goal through its descendants, each once, and survives a cycle of parents', () => {
    assert.deepEqual(names(workspace.kpisMeasuring('grow')), ['Revenue again', 'Revenue', 'Churn']);
    assert.deepEqual(names(workspace.kpisMeasuring('sell')), ['Revenue']);
    assert.deepEqual(names(workspace.kpisMeasuring('loop-b')), ['Loops']);
    assert.deepEqual(workspace.kpisMeasuring('nothing'), []);
    // Worked out once per goal: the scorecard and the rules ask again for the same positions.
    assert.equal(workspace.index.measuring('grow'), workspace.index.measuring('grow'));
  });
});

describe('Links after an edit', () => {
  const asOf = parseCalendarDay('2026-11-27')!;
  const parsed = (kpis: string) => [
    parseKpiFile('/w/a-goals.kpi.yaml', GOALS),
    parseKpiFile('/w/b-kpis.kpi.yaml', kpis),
    parseKpiFile('/w/c-more.kpi.yaml', MORE),
  ];
  const names = (kpis: readonly { id: string }[]) => kpis.map((k) => k.id + ' ' + (k as { name?: string }).name);
  const before = new Links(parsed(KPIS), '/w', asOf);

  it('takes the earlier index when no id, parent or goal changed, and finds the new definitions', () => {
    const after = new Links(parsed(KPIS.replace('name: Churn', 'name: Churn, edited')), '/w', asOf, before.index);
    assert.equal(after.index, before.index);
    assert.equal((after.kpi('churn') as { name?: string }).name, 'Churn, edited');
    assert.deepEqual(names(after.kpisMeasuring('grow')), ['revenue Revenue again', 'revenue Revenue', 'churn Churn, edited']);
  });

  it('makes a new index when a KPI names other goals, or an id changes', () => {
    const relinked = new Links(parsed(KPIS.replace('goals: [keep]', 'goals: [loop-b]')), '/w', asOf, before.index);
    assert.notEqual(relinked.index, before.index);
    assert.deepEqual(names(relinked.kpisMeasuring('keep')), []);
    assert.deepEqual(names(relinked.kpisMeasuring('loop-a')), ['loops Loops', 'churn Churn']);
    const renamed = new Links(parsed(KPIS.replace('id: churn', 'id: churn-rate')), '/w', asOf, before.index);
    assert.notEqual(renamed.index, before.index);
    assert.equal(renamed.kpi('churn'), undefined);
    assert.equal(renamed.kpi('churn-rate')?.id, 'churn-rate');
  });
});
