import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintFixture, lintRule, messages, spans } from '../helpers';

/** One KPI whose `source` (line 6) is a SQL source on `connection`. */
function kpiFile(connection: string): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: web-orders',
    '    name: Web orders',
    '    category: operational',
    `    source: { connection: ${connection}, query: "select month, orders from web_orders", date: month, value: orders }`,
    '',
  ].join('\n');
}

const CONFIG = ['connections:', '  warehouse: { type: postgres, url: "${KPI_WAREHOUSE_URL}" }', '  local: { type: duckdb }', ''].join('\n');

describe('unknown-connection', () => {
  it('stays silent for a declared connection, a CSV source and a text source', () => {
    assert.deepEqual(lintRule('unknown-connection', { 'a.kpi.yaml': kpiFile('warehouse') }, { config: CONFIG }), []);
    assert.deepEqual(lintRule('unknown-connection', { 'a.kpi.yaml': kpiFile('local') }, { config: CONFIG }), []);
    const csv = kpiFile('x').replace(/source: .*/, 'source: { file: data/orders.csv, date: month, value: orders }');
    assert.deepEqual(lintRule('unknown-connection', { 'a.kpi.yaml': csv }), []);
  });

  it('reports a connection kpi.config.yaml does not declare on the connection value, with the closest one', () => {
    const files = { 'a.kpi.yaml': kpiFile('warehous') };
    const result = lintFixture(files, { rule: 'unknown-connection', config: CONFIG });
    assert.deepEqual(lintRule('unknown-connection', files, { config: CONFIG }), [{ file: 'a.kpi.yaml', line: 6, code: 'unknown-connection' }]);
    assert.deepEqual(spans(result), [{ code: 'unknown-connection', text: 'warehous' }]);
    assert.deepEqual(messages(result), [
      'Connection `warehous` is not declared in kpi.config.yaml: did you mean `warehouse`? Otherwise add it under `connections`.',
    ]);
  });

  it('lists the declared connections when none is close', () => {
    const result = lintFixture({ 'a.kpi.yaml': kpiFile('erp') }, { rule: 'unknown-connection', config: CONFIG });
    assert.deepEqual(messages(result), [
      'Connection `erp` is not declared in kpi.config.yaml, whose connections are `warehouse`, `local`: name one of them, or add `erp` under `connections`.',
    ]);
  });

  it('says when kpi.config.yaml declares no connection at all', () => {
    const result = lintFixture({ 'a.kpi.yaml': kpiFile('warehouse') }, { rule: 'unknown-connection' });
    assert.deepEqual(messages(result), [
      'Connection `warehouse` is not declared: kpi.config.yaml has no `connections`; add one named `warehouse` (type postgres or duckdb).',
    ]);
  });
});
