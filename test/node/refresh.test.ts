import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readConfig } from '../../server/src/core/config';
import { message } from '../../server/src/core/l10n/catalogue';
import { parseKpiFile } from '../../server/src/core/parse';
import { RULE_METAS } from '../../server/src/core/rules';
import { plainDecimal, refreshSnapshots, RefreshUsageError, type Drivers } from '../../server/src/node/refresh';
import { QueryError, type Driver } from '../../server/src/node/sql/driver';

const KPI = [
  'kpi: 1',
  'kpis:',
  '  - id: web-orders',
  '    name: Web orders',
  '    category: operational',
  '    source: { connection: shop, query: select 1, date: month, value: orders }',
  '',
].join('\n');

function workspace(
  config: string,
  files: Record<string, string> = {},
): { root: string; run: (drivers: Drivers, env?: NodeJS.ProcessEnv) => ReturnType<typeof refreshSnapshots> } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-refresh-unit-')));
  for (const [name, text] of Object.entries({ 'a.kpi.yaml': KPI, ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  const { config: parsed, messages } = readConfig(config, RULE_METAS);
  assert.deepEqual(messages, []);
  const kpiFile = parseKpiFile(path.join(root, 'a.kpi.yaml'), KPI);
  return {
    root,
    run: (drivers, env = {}) => refreshSnapshots({ root, config: parsed, files: [kpiFile], env, now: () => new Date('2026-11-02T06:30:00Z'), drivers }),
  };
}

/** Drivers that give fixed rows, or fail with `problem`, and record how they were opened. */
function fake(rows: { date: string; value: string }[], problem?: string): Drivers & { opened: unknown[] } {
  const opened: unknown[] = [];
  const driver: Driver = {
    run: () => (problem === undefined ? Promise.resolve(rows) : Promise.reject(new QueryError(message('refresh.failed', { reason: problem })))),
    close: () => Promise.resolve(),
  };
  return {
    opened,
    postgres: (options) => (opened.push(options), Promise.resolve(driver)),
    duckdb: (options) => (opened.push(options), Promise.resolve(driver)),
  };
}

describe('kpi refresh, the parts that need no database', () => {
  it('writes a float with an exponent as plain decimal text, which the snapshot reader takes', () => {
    assert.deepEqual(['1.5e-05', '1e+21', '-2.5E3', '1.25e1', '7e0', '123.45', 'n/a', ''].map(plainDecimal), [
      '0.000015',
      '1000000000000000000000',
      '-2500',
      '12.5',
      '7',
      '123.45',
      'n/a',
      '',
    ]);
    const { root, run } = workspace('connections:\n  shop: { type: duckdb }\n');
    return run(fake([{ date: '2026-10-01', value: '1.5e-05' }])).then(() => {
      assert.equal(fs.readFileSync(path.join(root, '.kpi/snapshots/web-orders.csv'), 'utf8'), 'date,value\n2026-10-01,0.000015\n');
    });
  });

  it('substitutes ${NAME} in a DuckDB path, and refuses to start while a ${NAME} is set nowhere', async () => {
    const { run } = workspace('connections:\n  shop: { type: duckdb, path: "${DBFILE}" }\n');
    const drivers = fake([]);
    await run(drivers, { DBFILE: 'data/metrics.duckdb' });
    assert.deepEqual(
      drivers.opened.map((o) => (o as { path?: string }).path),
      ['data/metrics.duckdb'],
    );
    await assert.rejects(run(fake([])), (error: unknown) => {
      assert.ok(error instanceof RefreshUsageError);
      assert.equal(error.message, 'connection `shop`: ${DBFILE} is set neither in the environment nor in .env in the workspace root');
      return true;
    });
  });

  it('hides every value of .env from the messages, whatever the query read', async () => {
    const { run } = workspace('connections:\n  shop: { type: duckdb }\n', { '.env': 'API_TOKEN=tok-123456789\nSHORT=1\n' });
    const [result] = await run(fake([], 'Conversion Error: "API_TOKEN=tok-123456789" in row 1'));
    assert.deepEqual(result, { kpi: 'web-orders', connection: 'shop', ok: false, problem: 'cannot refresh: Conversion Error: "API_TOKEN=***" in row 1' });
  });

  it('writes no snapshot through a .kpi folder that leads out of the workspace', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-refresh-outside-')));
    const { root, run } = workspace('connections:\n  shop: { type: duckdb }\n');
    fs.symlinkSync(outside, path.join(root, '.kpi'));
    await assert.rejects(run(fake([{ date: '2026-10-01', value: '1' }])), /the snapshot folder \.kpi leads outside the workspace root \(a symbolic link\)/);
    assert.deepEqual(fs.readdirSync(outside), []);
  });

  it('keeps the entries another refresh wrote to the manifest meanwhile', async () => {
    const { root, run } = workspace('connections:\n  shop: { type: duckdb }\n');
    const manifestFile = path.join(root, '.kpi/snapshots/manifest.json');
    const other = { connection: 'shop', fingerprint: '0123456789abcdef', taken: '2026-11-01T00:00:00.000Z', rows: 3 };
    // The other refresh writes its entry while this one's query runs.
    const slow: Drivers = {
      ...fake([]),
      duckdb: () =>
        Promise.resolve({
          run: () => {
            fs.mkdirSync(path.dirname(manifestFile), { recursive: true });
            fs.writeFileSync(manifestFile, JSON.stringify({ version: 1, snapshots: { other } }));
            return Promise.resolve([{ date: '2026-10-01', value: '1' }]);
          },
          close: () => Promise.resolve(),
        }),
    };
    await run(slow);
    const written = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { snapshots: Record<string, unknown> };
    assert.deepEqual(Object.keys(written.snapshots), ['other', 'web-orders']);
  });
});
