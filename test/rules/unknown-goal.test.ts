import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans, TWO_GOALS, yaml } from '../helpers';

describe('unknown-goal', () => {
  it('stays silent when every goal a KPI names is defined', () => {
    assert.deepEqual(lintRule('unknown-goal', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('resolves goals and parents defined in another file of the workspace', () => {
    const files = {
      'goals.kpi.yaml': TWO_GOALS,
      'sales.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: nordic-sales
            title: Nordic sales
            parent: grow-revenue
        kpis:
          - id: churn
            name: Churn
            category: customer
            goals: [keep-customers, nordic-sales]
      `,
    };
    assert.deepEqual(lintRule('unknown-goal', files), []);
  });

  it('reports each unknown id in `goals` and `parent` on that id, suggesting the closest goal of the workspace', () => {
    const files = {
      'goals.kpi.yaml': TWO_GOALS,
      'sales.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: nordic-sales
            title: Nordic sales
            parent: grow-revenu
        kpis:
          - id: churn
            name: Churn
            category: customer
            goals:
              - keep-customers
              - keep-customer
      `,
    };
    assert.deepEqual(lintRule('unknown-goal', files), [
      { file: 'sales.kpi.yaml', line: 5, code: 'unknown-goal' },
      { file: 'sales.kpi.yaml', line: 12, code: 'unknown-goal' },
    ]);
    const result = lintFixture(files, { rule: 'unknown-goal' });
    assert.deepEqual(spans(result), [
      { code: 'unknown-goal', text: 'grow-revenu' },
      { code: 'unknown-goal', text: 'keep-customer' },
    ]);
    const diagnostics = result.files.flatMap((f) => f.diagnostics);
    assert.deepEqual(
      diagnostics.map((d) => d.data),
      [
        { goalId: 'grow-revenu', suggestion: 'grow-revenue' },
        { goalId: 'keep-customer', suggestion: 'keep-customers' },
      ],
    );
    assert.equal(
      diagnostics[1].message,
      'Goal `keep-customer` is not defined in any KPI file of the workspace: did you mean `keep-customers`? Otherwise define the goal.',
    );
  });

  it('suggests nothing when the workspace defines no goal', () => {
    const files = {
      'a.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: churn
            name: Churn
            category: customer
            goals: [keep-customers]
      `,
    };
    const result = lintFixture(files, { rule: 'unknown-goal' });
    assert.deepEqual(lintRule('unknown-goal', files), [{ file: 'a.kpi.yaml', line: 6, code: 'unknown-goal' }]);
    assert.deepEqual(result.files[0].diagnostics[0].data, { goalId: 'keep-customers' });
    assert.doesNotMatch(result.files[0].diagnostics[0].message, /did you mean/);
  });

  it('never suggests a goal id that is not a valid slug (it has a schema error of its own)', () => {
    const files = {
      'goals.kpi.yaml': yaml`
        kpi: 1
        goals:
          - id: lojala-kunder-åäö
            title: Lojala kunder
          - id: grow-revenue
            title: Grow revenue
      `,
      'a.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: churn
            name: Churn
            category: customer
            goals: [lojala-kunder-aao]
      `,
    };
    const diagnostics = lintFixture(files, { rule: 'unknown-goal' }).files.flatMap((f) => f.diagnostics);
    assert.deepEqual(
      diagnostics.map((d) => [d.message, d.data]),
      [
        [
          'Goal `lojala-kunder-aao` is not defined in any KPI file of the workspace: did you mean `grow-revenue`? Otherwise define the goal.',
          { goalId: 'lojala-kunder-aao', suggestion: 'grow-revenue' },
        ],
      ],
    );
    const onlyInvalid = { ...files, 'goals.kpi.yaml': 'kpi: 1\ngoals:\n  - id: lojala-kunder-åäö\n    title: Lojala kunder\n' };
    const alone = lintFixture(onlyInvalid, { rule: 'unknown-goal' }).files.flatMap((f) => f.diagnostics);
    assert.deepEqual(
      alone.map((d) => [d.message, d.data]),
      [['Goal `lojala-kunder-aao` is not defined in any KPI file of the workspace: define the goal.', { goalId: 'lojala-kunder-aao' }]],
    );
  });

  it('does not resolve a goal id against the KPI ids (separate namespaces)', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: churn
          name: Churn
          category: customer
          goals: [churn]
    `;
    assert.deepEqual(lintRule('unknown-goal', { 'a.kpi.yaml': file }), [{ file: 'a.kpi.yaml', line: 6, code: 'unknown-goal' }]);
  });

  it('stays silent for a KPI without goals, and for entries that are not ids (the schema reports those)', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: churn
          name: Churn
          category: customer
        - id: nps
          name: Net promoter score
          category: customer
          goals: [7, "", { id: x }]
    `;
    assert.deepEqual(lintRule('unknown-goal', { 'a.kpi.yaml': file }), []);
  });
});
