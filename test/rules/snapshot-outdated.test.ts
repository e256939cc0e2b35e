import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from '../../server/src/core/config';
import { RULE_METAS } from '../../server/src/core/rules';
import { fingerprint, manifestText } from '../../server/src/core/snapshots';
import { lintFixture, lintRule, messages, spans } from '../helpers';

const QUERY = 'select month, orders from web_orders';

function kpiFile(query = QUERY, value = 'orders'): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: web-orders',
    '    name: Web orders',
    '    category: operational',
    '    target: { value: 1200, date: 2026-12 }',
    '    source:',
    '      connection: warehouse',
    `      query: ${query}`,
    '      date: month',
    `      value: ${value}`,
    '',
  ].join('\n');
}

const CONFIG = 'connections:\n  warehouse: { type: postgres, url: "${KPI_WAREHOUSE_URL}" }\n';
const SNAPSHOT = 'date,value\n2026-09-01,1050\n2026-10-01,1100\n';

/** The manifest kpi refresh writes after running `query` for web-orders on `config`'s warehouse. */
function manifest(config = CONFIG, query = QUERY): string {
  const connection = readConfig(config, RULE_METAS).config.connections.get('warehouse')!;
  const entry = {
    connection: 'warehouse',
    fingerprint: fingerprint('warehouse', connection, { date: 'month', value: 'orders' }, query),
    taken: '2026-11-02T06:30:00.000Z',
    rows: 2,
  };
  return manifestText({ version: 1, snapshots: { 'web-orders': entry } });
}

function files(kpi: string, manifestJson = manifest()): Record<string, string> {
  return { 'a.kpi.yaml': kpi, '.kpi/snapshots/web-orders.csv': SNAPSHOT, '.kpi/snapshots/manifest.json': manifestJson };
}

describe('snapshot-outdated', () => {
  it('stays silent while the query, the columns and the connection are those the snapshot was taken with; the snapshot gives the data', () => {
    assert.deepEqual(lintRule('snapshot-outdated', files(kpiFile()), { config: CONFIG }), []);
    const result = lintFixture(files(kpiFile()), { config: CONFIG });
    const kpi = result.workspace.kpis[0];
    assert.deepEqual(
      result.workspace.measurements(kpi).map((m) => [m.date.text, m.value]),
      [
        ['2026-09-01', 1050],
        ['2026-10-01', 1100],
      ],
    );
    // The same query, laid out otherwise (a line end, spaces around it), is the same query.
    assert.deepEqual(lintRule('snapshot-outdated', files(kpiFile(`"  ${QUERY}  "`)), { config: CONFIG }), []);
  });

  it('reports another query on the source key, with when the snapshot was taken', () => {
    const changed = files(kpiFile('select month, orders from web_orders where channel = 1'));
    const result = lintFixture(changed, { rule: 'snapshot-outdated', config: CONFIG });
    assert.deepEqual(lintRule('snapshot-outdated', changed, { config: CONFIG }), [{ file: 'a.kpi.yaml', line: 7, code: 'snapshot-outdated' }]);
    assert.deepEqual(spans(result), [{ code: 'snapshot-outdated', text: 'source' }]);
    assert.deepEqual(messages(result), [
      'The snapshot of KPI `web-orders` was taken on 2026-11-02 06:30 UTC with another query, other columns or another connection: run `kpi refresh --kpi web-orders`.',
    ]);
  });

  it('reports another value column, and another connection URL, but not another value of the same ${NAME}', () => {
    assert.equal(lintRule('snapshot-outdated', files(kpiFile(QUERY, 'web_orders')), { config: CONFIG }).length, 1);
    const otherUrl = CONFIG.replace('KPI_WAREHOUSE_URL', 'KPI_OTHER_URL');
    assert.equal(lintRule('snapshot-outdated', files(kpiFile()), { config: otherUrl }).length, 1);
  });

  it('reports a snapshot the manifest does not list', () => {
    const result = lintFixture(files(kpiFile(), manifestText({ version: 1, snapshots: {} })), { rule: 'snapshot-outdated', config: CONFIG });
    assert.deepEqual(messages(result), [
      "The snapshot of KPI `web-orders` is not recorded in the snapshots' manifest, so what it was taken with is unknown: run `kpi refresh --kpi web-orders`.",
    ]);
  });
});
