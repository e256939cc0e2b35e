import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFixture, lintRule, messages, spans } from '../helpers';

const KPI = [
  'kpi: 1',
  'kpis:',
  '  - id: web-orders',
  '    name: Web orders',
  '    category: operational',
  '    target: { value: 1200, date: 2026-12 }',
  '    source:',
  '      connection: warehouse',
  '      query: select month, orders from web_orders',
  '      date: month',
  '      value: orders',
  '',
].join('\n');

const CONFIG = 'connections:\n  warehouse: { type: postgres, url: "${KPI_WAREHOUSE_URL}" }\n';

describe('snapshot-missing', () => {
  it('reports a SQL source without a snapshot on the source key, naming the file and the command', () => {
    const files = { 'a.kpi.yaml': KPI };
    const result = lintFixture(files, { rule: 'snapshot-missing', config: CONFIG });
    assert.deepEqual(lintRule('snapshot-missing', files, { config: CONFIG }), [{ file: 'a.kpi.yaml', line: 7, code: 'snapshot-missing' }]);
    assert.deepEqual(spans(result), [{ code: 'snapshot-missing', text: 'source' }]);
    assert.deepEqual(messages(result), [
      'KPI `web-orders` has no snapshot yet (`.kpi/snapshots/web-orders.csv`): run `kpi refresh --kpi web-orders` to run its query.',
    ]);
  });

  it('stays silent once the snapshot is there, and no-data stays silent while it is missing', () => {
    const files = { 'a.kpi.yaml': KPI, '.kpi/snapshots/web-orders.csv': 'date,value\n2026-10-01,1100\n' };
    assert.deepEqual(lintRule('snapshot-missing', files, { config: CONFIG }), []);
    assert.deepEqual(lintRule('no-data', { 'a.kpi.yaml': KPI }, { config: CONFIG }), []);
  });

  it('is not reported for an unknown connection, which has its own rule', () => {
    assert.deepEqual(lintRule('snapshot-missing', { 'a.kpi.yaml': KPI }), []);
  });
});
