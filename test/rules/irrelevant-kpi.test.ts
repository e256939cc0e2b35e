import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, messages, spans, yaml } from '../helpers';

/** Goals in one file, each with its own status or due date (as-of date in these tests: 2026-11-27). */
const GOALS = yaml`
  kpi: 1
  goals:
    - id: launch-shop
      title: Launch the web shop
      status: achieved
    - id: enter-germany
      title: Enter Germany
      status: dropped
    - id: summer-campaign
      title: Summer campaign
      due: 2026-Q3
    - id: grow-revenue
      title: Grow revenue
      due: 2026-12-31
    - id: november-sale
      title: November sale
      due: 2026-11
    - id: black-friday
      title: Black Friday
      due: 2026-11-27
`;

/** A KPI file whose KPIs link to `links`, one KPI per entry; KPI ids are on lines 3, 7, 11, ... */
function kpisLinkingTo(...links: string[]): string {
  const items = links.map((goals, i) => `  - id: kpi-${i + 1}\n    name: KPI ${i + 1}\n    category: financial\n    goals: [${goals}]\n`);
  return `kpi: 1\nkpis:\n${items.join('')}`;
}

describe('irrelevant-kpi', () => {
  it('stays silent for a KPI serving an active goal', () => {
    assert.deepEqual(lintRule('irrelevant-kpi', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports a KPI whose goals (in another file) are all achieved, dropped or past due, on its id value', () => {
    const files = {
      'goals.kpi.yaml': GOALS,
      'sales.kpi.yaml': kpisLinkingTo('launch-shop', 'enter-germany', 'summer-campaign', 'launch-shop, enter-germany, summer-campaign'),
    };
    assert.deepEqual(lintRule('irrelevant-kpi', files), [
      { file: 'sales.kpi.yaml', line: 3, code: 'irrelevant-kpi' },
      { file: 'sales.kpi.yaml', line: 7, code: 'irrelevant-kpi' },
      { file: 'sales.kpi.yaml', line: 11, code: 'irrelevant-kpi' },
      { file: 'sales.kpi.yaml', line: 15, code: 'irrelevant-kpi' },
    ]);
    const result = lintFixture(files, { rule: 'irrelevant-kpi' });
    assert.deepEqual(
      spans(result).map((s) => s.text),
      ['kpi-1', 'kpi-2', 'kpi-3', 'kpi-4'],
    );
    assert.equal(
      messages(result)[3],
      'KPI `kpi-4` serves no active goal (`launch-shop` is achieved; `enter-germany` is dropped; `summer-campaign` was due 2026-Q3, as of 2026-11-27): link it to a current goal or remove it.',
    );
  });

  it('stays silent while any linked goal is still active', () => {
    const files = { 'goals.kpi.yaml': GOALS, 'sales.kpi.yaml': kpisLinkingTo('launch-shop, grow-revenue', 'enter-germany, summer-campaign, black-friday') };
    assert.deepEqual(lintRule('irrelevant-kpi', files), []);
  });

  it('counts a goal as due only after its due date: a period lasts to its last day, and the as-of day itself is not past', () => {
    const files = { 'goals.kpi.yaml': GOALS, 'sales.kpi.yaml': kpisLinkingTo('november-sale', 'black-friday') };
    assert.deepEqual(lintRule('irrelevant-kpi', files), []);
    assert.deepEqual(lintRule('irrelevant-kpi', files, { asOf: '2026-12-01' }), [
      { file: 'sales.kpi.yaml', line: 3, code: 'irrelevant-kpi' },
      { file: 'sales.kpi.yaml', line: 7, code: 'irrelevant-kpi' },
    ]);
  });

  it('judges due dates against the as-of date', () => {
    const files = { 'goals.kpi.yaml': GOALS, 'sales.kpi.yaml': kpisLinkingTo('summer-campaign') };
    assert.deepEqual(lintRule('irrelevant-kpi', files, { asOf: '2026-09-30' }), []);
    assert.deepEqual(lintRule('irrelevant-kpi', files, { asOf: '2026-10-01' }), [{ file: 'sales.kpi.yaml', line: 3, code: 'irrelevant-kpi' }]);
  });

  it('stays silent when a linked goal is defined nowhere (unknown-goal reports it) or the KPI links to no goal', () => {
    const files = {
      'goals.kpi.yaml': GOALS,
      'sales.kpi.yaml': kpisLinkingTo('launch-shop, no-such-goal', '') + '  - id: unlinked\n    name: Unlinked\n    category: hr\n',
    };
    assert.deepEqual(lintRule('irrelevant-kpi', files), []);
  });
});
