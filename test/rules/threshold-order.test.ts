import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFixture, lintRule, messages, spans, yaml } from '../helpers';

describe('threshold-order', () => {
  it('stays silent for offTrack ≤ atRisk ≤ target (increase) and offTrack ≥ atRisk ≥ target (decrease)', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: revenue
          name: Revenue
          category: financial
          target: { value: 6 }
          thresholds: { atRisk: 5, offTrack: 4 }
        - id: complaints
          name: Customer complaints
          category: operational
          direction: decrease
          target: { value: 10 }
          thresholds: { atRisk: 15, offTrack: 20 }
    `;
    assert.deepEqual(lintRule('threshold-order', { 'a.kpi.yaml': file }), []);
  });

  it('allows equal values in both directions', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: revenue
          name: Revenue
          category: financial
          target: { value: 6 }
          thresholds: { atRisk: 6, offTrack: 6 }
        - id: complaints
          name: Customer complaints
          category: operational
          direction: decrease
          target: { value: 10 }
          thresholds: { atRisk: 10, offTrack: 10 }
    `;
    assert.deepEqual(lintRule('threshold-order', { 'a.kpi.yaml': file }), []);
  });

  it('reports increase thresholds above the target or swapped, on the thresholds key', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: revenue
          name: Revenue
          category: financial
          target: { value: 6 }
          thresholds: { atRisk: 7, offTrack: 4 }
        - id: margin
          name: Gross margin
          category: financial
          direction: increase
          target: { value: 40 }
          thresholds:
            atRisk: 30
            offTrack: 35
    `;
    const result = lintFixture({ 'a.kpi.yaml': file }, { rule: 'threshold-order' });
    assert.deepEqual(lintRule('threshold-order', { 'a.kpi.yaml': file }), [
      { file: 'a.kpi.yaml', line: 7, code: 'threshold-order' },
      { file: 'a.kpi.yaml', line: 13, code: 'threshold-order' },
    ]);
    assert.deepEqual(spans(result), [
      { code: 'threshold-order', text: 'thresholds' },
      { code: 'threshold-order', text: 'thresholds' },
    ]);
    assert.deepEqual(messages(result), [
      'Thresholds are out of order for direction `increase`: it needs offTrack 4 ≤ atRisk 7 ≤ target 6.',
      'Thresholds are out of order for direction `increase`: it needs offTrack 35 ≤ atRisk 30 ≤ target 40.',
    ]);
  });

  it('reports decrease thresholds written as for increase, or below the target', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: complaints
          name: Customer complaints
          category: operational
          direction: decrease
          target: { value: 10 }
          thresholds: { atRisk: 15, offTrack: 12 }
        - id: delivery-time
          name: Delivery time
          category: operational
          direction: decrease
          target: { value: 3 }
          thresholds: { atRisk: 2, offTrack: 5 }
    `;
    assert.deepEqual(lintRule('threshold-order', { 'a.kpi.yaml': file }), [
      { file: 'a.kpi.yaml', line: 8, code: 'threshold-order' },
      { file: 'a.kpi.yaml', line: 14, code: 'threshold-order' },
    ]);
  });

  it('stays silent without a target value or without both bounds', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: revenue
          name: Revenue
          category: financial
          thresholds: { atRisk: 4, offTrack: 5 }
        - id: margin
          name: Gross margin
          category: financial
          target: { date: 2026-12 }
          thresholds: { atRisk: 4, offTrack: 5 }
        - id: churn
          name: Churn
          category: customer
          target: { value: 6 }
          thresholds: { atRisk: 7 }
    `;
    assert.deepEqual(lintRule('threshold-order', { 'a.kpi.yaml': file }), []);
  });
});
