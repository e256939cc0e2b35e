/**
 * `kpi refresh` end to end (SPEC §6, §8): the built CLI, run as a user runs
 * it, against DuckDB files in a temporary workspace and a real PostgreSQL
 * server (test/postgres.ts; skipped only with KPI_SKIP_E2E=1). Every case
 * asserts the exit code, the exact lines and the exact snapshot files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { REPO } from './helpers';
import { inEnglish } from './machine';

const AS_OF = '2026-03-15';
const KPI_BIN = path.join(REPO, 'bin/kpi.js');

/** What a run of the CLI printed and how it ended. */
interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `kpi ARGS` in `cwd`, in English unless `--locale` says otherwise; `env` replaces this process's environment when given. */
function kpi(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Run {
  const result = spawnSync(process.execPath, [KPI_BIN, ...args], { cwd, encoding: 'utf8', env: inEnglish(env), timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh workspace folder holding `files` (paths relative to it), its real path. */
function workspace(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-refresh-')));
  for (const [name, text] of Object.entries(files)) write(root, name, text);
  return root;
}

function write(root: string, name: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
}

function read(root: string, name: string): string {
  return fs.readFileSync(path.join(root, name), 'utf8');
}

/** A KPI with a SQL source that lints clean as of AS_OF once its snapshot is there. The query is a JSON string, which YAML reads as it is. */
function sqlKpi(id: string, connection: string, query: string, date = 'month', value = 'value'): string {
  return [
    `  - id: ${id}`,
    `    name: KPI ${id}`,
    '    category: financial',
    '    goals: [grow]',
    '    owner: Anna Berg',
    '    rationale: Tells whether the plan works.',
    '    unit: SEK',
    '    frequency: monthly',
    '    baseline: { value: 10, date: 2025-12 }',
    '    target: { value: 400, date: 2026-12 }',
    `    source: { connection: ${connection}, query: ${JSON.stringify(query)}, date: ${date}, value: ${value} }`,
    '',
  ].join('\n');
}

/** A KPI file: one goal, and these KPIs. */
function kpiFile(...kpis: string[]): string {
  return ['kpi: 1', 'goals:', '  - id: grow', '    title: Grow revenue', 'kpis:', ...kpis].join('\n');
}

/** The manifest as JSON. */
interface ManifestJson {
  version: number;
  snapshots: Record<string, { connection: string; fingerprint: string; taken: string; rows: number }>;
}

function manifest(root: string): ManifestJson {
  return JSON.parse(read(root, '.kpi/snapshots/manifest.json')) as ManifestJson;
}

/** The diagnostic codes `kpi lint --format json` reports, as `code kpi-line` pairs sorted. */
function lintCodes(root: string): string[] {
  const run = kpi(root, ['lint', '--format', 'json', '--as-of', AS_OF]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { files: { diagnostics: { code: string; message: string }[] }[] };
  return result.files.flatMap((f) => f.diagnostics.map((d) => `${d.code}: ${d.message}`));
}

/** `kpi status --format json` KPIs: id, latest and previous. */
function statusValues(root: string, env?: NodeJS.ProcessEnv): { id: string; latest: unknown; previous: unknown }[] {
  const run = kpi(root, ['status', '--format', 'json', '--as-of', AS_OF], env);
  assert.equal(run.status, 0, run.stderr);
  const status = JSON.parse(run.stdout) as { kpis: { id: string; latest: unknown; previous: unknown }[] };
  return status.kpis.map(({ id, latest, previous }) => ({ id, latest, previous }));
}

/** Every file under `.kpi/snapshots` of `root`, by name. */
function snapshotFiles(root: string): Record<string, string> {
  const folder = path.join(root, '.kpi/snapshots');
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(folder, name), 'utf8')]),
  );
}

describe('kpi refresh with DuckDB', () => {
  const DUCKDB_CONFIG = 'connections:\n  local: { type: duckdb }\n';
  const REVENUE_QUERY = "select month, amount from read_csv('data/sales.csv') order by month";
  const VISITS_QUERY = "select day, visits from 'data/visits.parquet' order by day";
  let root: string;
  let outside: string;

  before(async () => {
    root = workspace({
      'kpi.config.yaml': DUCKDB_CONFIG,
      'data/sales.csv': 'month,amount\n2026-01-01,120.50\n2026-02-01,130.25\n',
      'kpis.kpi.yaml': kpiFile(sqlKpi('revenue', 'local', REVENUE_QUERY, 'month', 'amount'), sqlKpi('visits', 'local', VISITS_QUERY, 'day', 'visits')),
    });
    outside = workspace({ 'secret.csv': 'month,amount\n2026-01-01,666\n' });
    // The Parquet file, written by DuckDB itself (a DECIMAL column and a DATE).
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `copy (select * from (values ('2026-01-31'::date, 1500::decimal(12,2)), ('2026-02-28'::date, 1725.5::decimal(12,2))) as v(day, visits))
       to '${path.join(root, 'data/visits.parquet')}' (format parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
  });

  it('writes the snapshots and the manifest, says so line by line, and exits 0', () => {
    assert.deepEqual(lintCodes(root), [
      'snapshot-missing: KPI `revenue` has no snapshot yet (`.kpi/snapshots/revenue.csv`): run `kpi refresh --kpi revenue` to run its query.',
      'snapshot-missing: KPI `visits` has no snapshot yet (`.kpi/snapshots/visits.csv`): run `kpi refresh --kpi visits` to run its query.',
    ]);
    const started = Date.now();
    const run = kpi(root, ['refresh']);
    const ended = Date.now();
    assert.deepEqual(run, {
      status: 0,
      stdout: [
        '✓ revenue: 2 rows → .kpi/snapshots/revenue.csv',
        '✓ visits: 2 rows → .kpi/snapshots/visits.csv',
        '2 snapshots written, 0 queries failed',
        '',
      ].join('\n'),
      stderr: '',
    });
    // read_csv reads the amounts as DOUBLE, whose shortest text drops the trailing zero; the Parquet DECIMAL keeps its scale.
    assert.equal(read(root, '.kpi/snapshots/revenue.csv'), 'date,value\n2026-01-01,120.5\n2026-02-01,130.25\n');
    assert.equal(read(root, '.kpi/snapshots/visits.csv'), 'date,value\n2026-01-31,1500.00\n2026-02-28,1725.50\n');
    const { version, snapshots } = manifest(root);
    assert.equal(version, 1);
    assert.deepEqual(Object.keys(snapshots), ['revenue', 'visits']);
    for (const [id, entry] of Object.entries(snapshots)) {
      assert.equal(entry.connection, 'local', id);
      assert.equal(entry.rows, 2, id);
      assert.match(entry.fingerprint, /^[0-9a-f]{16}$/, id);
      assert.match(entry.taken, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, id);
      const taken = Date.parse(entry.taken);
      assert.ok(taken >= started - 1 && taken <= ended + 1, `${id} taken ${entry.taken}, the run was ${new Date(started).toISOString()}…`);
    }
  });

  it('gives the snapshot rows to kpi status, and kpi lint finds no snapshot problem', () => {
    assert.deepEqual(statusValues(root), [
      { id: 'revenue', latest: { date: '2026-02-01', value: 130.25 }, previous: { date: '2026-01-01', value: 120.5 } },
      { id: 'visits', latest: { date: '2026-02-28', value: 1725.5 }, previous: { date: '2026-01-31', value: 1500 } },
    ]);
    assert.deepEqual(lintCodes(root), []);
  });

  it('makes kpi lint report an edited query as outdated until it is refreshed again', () => {
    const taken = manifest(root).snapshots.visits.taken.replace(/T(\d\d:\d\d).*$/, ' $1');
    write(root, 'kpis.kpi.yaml', read(root, 'kpis.kpi.yaml').replace('order by day', 'order by day desc'));
    assert.deepEqual(lintCodes(root), [
      `snapshot-outdated: The snapshot of KPI \`visits\` was taken on ${taken} UTC with another query, other columns or another connection: run \`kpi refresh --kpi visits\`.`,
    ]);
    assert.deepEqual(kpi(root, ['refresh', '--kpi', 'visits']), {
      status: 0,
      stdout: '✓ visits: 2 rows → .kpi/snapshots/visits.csv\n1 snapshot written, 0 queries failed\n',
      stderr: '',
    });
    assert.equal(read(root, '.kpi/snapshots/visits.csv'), 'date,value\n2026-02-28,1725.50\n2026-01-31,1500.00\n');
    assert.deepEqual(lintCodes(root), []);
  });

  it('refreshes only the KPIs --kpi and --connection name, and refuses an unknown one with exit 2', (t) => {
    write(root, 'kpi.config.yaml', `${DUCKDB_CONFIG}  other: { type: duckdb }\n`);
    t.after(() => {
      fs.rmSync(path.join(root, 'other.kpi.yaml'), { force: true });
      fs.rmSync(path.join(root, '.kpi/snapshots/orders.csv'), { force: true });
      write(root, 'kpi.config.yaml', DUCKDB_CONFIG);
    });
    write(
      root,
      'other.kpi.yaml',
      kpiFile(sqlKpi('orders', 'other', "select '2026-02-01'::date as month, 7 as value"))
        .replace('- id: grow\n    title: Grow revenue', '- id: grow-orders\n    title: Grow orders')
        .replace('goals: [grow]', 'goals: [grow-orders]'),
    );
    assert.deepEqual(kpi(root, ['refresh', '--connection', 'other']), {
      status: 0,
      stdout: '✓ orders: 1 row → .kpi/snapshots/orders.csv\n1 snapshot written, 0 queries failed\n',
      stderr: '',
    });
    assert.deepEqual(kpi(root, ['refresh', '--kpi', 'revenue', '--kpi', 'orders']), {
      status: 0,
      stdout: '✓ revenue: 2 rows → .kpi/snapshots/revenue.csv\n✓ orders: 1 row → .kpi/snapshots/orders.csv\n2 snapshots written, 0 queries failed\n',
      stderr: '',
    });
    const before = snapshotFiles(root);
    assert.deepEqual(kpi(root, ['refresh', '--kpi', 'nope']), { status: 2, stdout: '', stderr: 'kpi: no KPI `nope` with a SQL source in this workspace\n' });
    assert.deepEqual(kpi(root, ['refresh', '--connection', 'warehouse']), {
      status: 2,
      stdout: '',
      stderr: 'kpi: no connection `warehouse` in kpi.config.yaml\n',
    });
    assert.deepEqual(kpi(root, ['refresh', '--locale', 'sv', '--kpi', 'nope']), {
      status: 2,
      stdout: '',
      stderr: 'kpi: inget nyckeltal `nope` med en SQL-källa i den här arbetsytan\n',
    });
    assert.deepEqual(snapshotFiles(root), before);
  });

  it('fails only the KPI whose query reads a file outside the workspace, and keeps its old snapshot byte for byte', (t) => {
    const oldRevenue = read(root, '.kpi/snapshots/revenue.csv');
    const oldEntry = manifest(root).snapshots.revenue;
    const secret = path.join(outside, 'secret.csv');
    const kpis = read(root, 'kpis.kpi.yaml');
    write(root, 'kpis.kpi.yaml', kpis.replace("read_csv('data/sales.csv')", `read_csv('${secret}')`));
    t.after(() => write(root, 'kpis.kpi.yaml', kpis));
    const run = kpi(root, ['refresh', '--progress']);
    assert.deepEqual(run, {
      status: 1,
      stdout: [
        '[1/2] revenue (local) …',
        '[2/2] visits (local) …',
        '✓ visits: 2 rows → .kpi/snapshots/visits.csv',
        '1 snapshot written, 1 query failed',
        '',
      ].join('\n'),
      stderr: `✗ revenue (local): connection local: the query may read files under the workspace root (${root}) only, not ${secret}; a relative path is read from the root when kpi runs there\n`,
    });
    assert.equal(read(root, '.kpi/snapshots/revenue.csv'), oldRevenue);
    assert.deepEqual(manifest(root).snapshots.revenue, oldEntry);
  });

  it('speaks Swedish with --locale sv', () => {
    assert.deepEqual(kpi(root, ['refresh', '--locale', 'sv', '--progress']), {
      status: 0,
      stdout: [
        '[1/2] revenue (local) …',
        '✓ revenue: 2 rader → .kpi/snapshots/revenue.csv',
        '[2/2] visits (local) …',
        '✓ visits: 2 rader → .kpi/snapshots/visits.csv',
        '2 ögonblicksbilder skrivna, 0 frågor misslyckades',
        '',
      ].join('\n'),
      stderr: '',
    });
    assert.deepEqual(kpi(root, ['refresh', '--locale', 'sv', '--kpi', 'visits']), {
      status: 0,
      stdout: '✓ visits: 2 rader → .kpi/snapshots/visits.csv\n1 ögonblicksbild skriven, 0 frågor misslyckades\n',
      stderr: '',
    });
  });

  it('has nothing to refresh in a workspace without SQL sources, and exits 0', () => {
    const plain = workspace({
      'kpis.kpi.yaml': 'kpi: 1\nkpis:\n  - id: nps\n    name: NPS\n    category: customer\n    measurements:\n      - { date: 2026-01, value: 40 }\n',
    });
    assert.deepEqual(kpi(plain, ['refresh']), { status: 0, stdout: 'No KPI here has a SQL source: nothing to refresh.\n', stderr: '' });
    assert.deepEqual(kpi(plain, ['refresh', '--locale', 'sv']), { status: 0, stdout: 'Inget nyckeltal här har en SQL-källa: inget att hämta.\n', stderr: '' });
    assert.equal(fs.existsSync(path.join(plain, '.kpi')), false);
  });
});
