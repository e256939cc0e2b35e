import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { found, GOOD_FILE, lintFixture, lintRule, spans, yaml } from '../helpers';

describe('target-direction', () => {
  it('stays silent for a target above the baseline of an increase KPI', () => {
    assert.deepEqual(lintRule('target-direction', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports a target below the baseline when direction is increase, explicit or by default', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: revenue
          name: Revenue
          category: financial
          baseline: { value: 10, date: 2025-12 }
          target: { value: 8, date: 2026-12 }
        - id: margin
          name: Gross margin
          category: financial
          direction: increase
          baseline: { value: 40 }
          target: { value: 39.5 }
    `;
    assert.deepEqual(lintRule('target-direction', { 'a.kpi.yaml': file }), [
      { file: 'a.kpi.yaml', line: 7, code: 'target-direction' },
      { file: 'a.kpi.yaml', line: 13, code: 'target-direction' },
    ]);
  });

  it('reports a target above the baseline when direction is decrease, on the target key', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: complaints
          name: Customer complaints
          category: operational
          direction: decrease
          baseline: { value: 10, date: 2025-12 }
          target:
            value: 12
            date: 2026-12
    `;
    const result = lintFixture({ 'a.kpi.yaml': file }, { rule: 'target-direction' });
    assert.deepEqual(spans(result), [{ code: 'target-direction', text: 'target' }]);
    assert.deepEqual(lintRule('target-direction', { 'a.kpi.yaml': file }), [{ file: 'a.kpi.yaml', line: 8, code: 'target-direction' }]);
  });

  it('stays silent when the direction has a schema error: `direction: lower` is not read as increase', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: dispatch-time
          name: Order-to-dispatch time
          category: operational
          unit: hours
          direction: lower
          baseline: { value: 30, date: 2025-12 }
          target: { value: 24, date: 2026-12 }
          measurements:
            - { date: 2026-10, value: 26.5 }
    `;
    const result = lintFixture({ 'a.kpi.yaml': file });
    // The KPI's other gaps (owner, goals, …) are reported too; of the direction, only the schema speaks.
    assert.deepEqual(
      found(result)
        .filter((f) => f.line > 3)
        .map((f) => `${f.line} ${f.code}`),
      ['7 schema'],
    );
    assert.equal(result.workspace.status(result.workspace.kpis[0]).status, 'invalid');
  });

  it('stays silent for a target on the better side, or equal to the baseline, in both directions', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: revenue
          name: Revenue
          category: financial
          baseline: { value: 10 }
          target: { value: 10 }
        - id: complaints
          name: Customer complaints
          category: operational
          direction: decrease
          baseline: { value: 10 }
          target: { value: 8 }
        - id: turnover
          name: Staff turnover
          category: hr
          direction: decrease
          baseline: { value: 12 }
          target: { value: 12 }
    `;
    assert.deepEqual(lintRule('target-direction', { 'a.kpi.yaml': file }), []);
  });

  it('stays silent without a baseline value or without a target value', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: revenue
          name: Revenue
          category: financial
          target: { value: 8, date: 2026-12 }
        - id: margin
          name: Gross margin
          category: financial
          baseline: { value: 40 }
        - id: churn
          name: Churn
          category: customer
          direction: decrease
          baseline: { date: 2025-12 }
          target: { value: 12 }
    `;
    assert.deepEqual(lintRule('target-direction', { 'a.kpi.yaml': file }), []);
  });
});
