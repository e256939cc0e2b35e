import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GOOD_FILE, lintFixture, lintRule, spans, yaml } from '../helpers';

describe('missing-source', () => {
  it('stays silent for a KPI with a source and measurements', () => {
    assert.deepEqual(lintRule('missing-source', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('stays silent for a KPI with only a source (text or CSV file) or only measurements', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - id: text-source
          name: Sales growth
          category: financial
          source: CRM monthly export
        - id: file-source
          name: Churn
          category: customer
          source: { file: churn.csv, date: month, value: churn }
        - id: inline-only
          name: Net promoter score
          category: customer
          measurements:
            - { date: 2026-01, value: 31 }
    `;
    assert.deepEqual(lintRule('missing-source', { 'a.kpi.yaml': file }), []);
  });

  it('reports a KPI with neither source nor measurements on its id value', () => {
    const files = {
      'a.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: sales-growth
            name: Sales growth
            category: financial
            source: CRM monthly export
          - name: Churn
            category: customer
            id: churn
            target: { value: 2, date: 2026-12 }
      `,
    };
    assert.deepEqual(lintRule('missing-source', files), [{ file: 'a.kpi.yaml', line: 9, code: 'missing-source' }]);
    assert.deepEqual(spans(lintFixture(files, { rule: 'missing-source' })), [{ code: 'missing-source', text: 'churn' }]);
  });

  it('stays silent for a KPI without an id, which it could not name', () => {
    const file = yaml`
      kpi: 1
      kpis:
        - name: Churn
          category: customer
    `;
    assert.deepEqual(lintRule('missing-source', { 'a.kpi.yaml': file }), []);
  });
});
