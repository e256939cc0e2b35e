/**
 * `kpi refresh` end to end (SPEC §6, §8): the built CLI, run as a user runs
 * it, against DuckDB files in a temporary workspace and a real PostgreSQL
 * server (test/postgres.ts; skipped only with KPI_SKIP_E2E=1). Every case
 * asserts the exit code, the exact lines and the exact snapshot files.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { REPO } from './helpers';
import { inEnglish } from './machine';
import { startPostgres, type TestPostgres } from './postgres';

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
      stderr: `✗ revenue (local): connection local: the query may read files under the workspace root (${root}) only, not ${secret}; a relative path is read from the workspace root\n`,
    });
    assert.equal(read(root, '.kpi/snapshots/revenue.csv'), oldRevenue);
    assert.deepEqual(manifest(root).snapshots.revenue, oldEntry);
  });

  it('removes the temporary files a killed refresh left behind, and only those of processes that no longer run', () => {
    // A process that has ended: its id names no running process (a refresh killed between writing and renaming).
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const stale = `revenue.csv.${ended.stdout}.m0abc.tmp`;
    const running = `visits.csv.${process.pid}.m0abc.tmp`;
    write(root, `.kpi/snapshots/${stale}`, 'date,value\n2026-01');
    write(root, `.kpi/snapshots/${running}`, 'date,value\n');
    assert.equal(kpi(root, ['refresh', '--kpi', 'visits']).status, 0);
    const names = Object.keys(snapshotFiles(root));
    assert.equal(names.includes(stale), false);
    assert.equal(names.includes(running), true);
    fs.rmSync(path.join(root, '.kpi/snapshots', running));
  });

  it('reads a relative path in a query from the workspace root wherever kpi runs', () => {
    // A folder outside the workspace (kpi given the root and --config), and a folder inside it holding a decoy data/sales.csv.
    const elsewhere = workspace({});
    const inside = path.join(root, 'reports');
    write(root, 'reports/data/sales.csv', 'month,amount\n2026-01-01,666\n');
    try {
      const expected = { status: 0, stdout: '✓ revenue: 2 rows → .kpi/snapshots/revenue.csv\n1 snapshot written, 0 queries failed\n', stderr: '' };
      assert.deepEqual(kpi(elsewhere, ['refresh', root, '--config', path.join(root, 'kpi.config.yaml'), '--kpi', 'revenue']), expected);
      assert.equal(read(root, '.kpi/snapshots/revenue.csv'), 'date,value\n2026-01-01,120.5\n2026-02-01,130.25\n');
      assert.deepEqual(kpi(inside, ['refresh', '..', '--kpi', 'revenue']), expected);
      assert.equal(read(root, '.kpi/snapshots/revenue.csv'), 'date,value\n2026-01-01,120.5\n2026-02-01,130.25\n');
    } finally {
      fs.rmSync(inside, { recursive: true });
    }
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

/** This process's environment without the variable the PostgreSQL workspaces name, plus `more`. */
function envWith(more: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...more };
  if (!('KPI_WAREHOUSE_URL' in more)) delete env.KPI_WAREHOUSE_URL;
  return env;
}

/** `kpi ARGS` started in the background, for a test that acts while it runs: its exit and output when it ends. */
function kpiInBackground(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [KPI_BIN, ...args], { cwd, env: inEnglish(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const ended = new Promise<Run & { signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })),
  );
  return { child, ended };
}

describe('kpi refresh with PostgreSQL', () => {
  let server: TestPostgres | undefined;
  const MONTHLY = "select date_trunc('month', paid_at)::date as month, sum(amount) as value from sales group by 1 order by 1";
  const NUMERIC = "select '2026-01-31'::date as month, 12345678901234567.89::numeric as value";
  const BIGINT = "select '2026-02-28 23:30:00+01'::timestamptz as month, 9007199254740993::bigint as value";
  /** The monthly sums of `sales`, as the snapshot holds them. */
  const MONTHLY_SNAPSHOT = 'date,value\n2026-01-01,300.75\n2026-02-01,50\n';

  /** A workspace whose connection `warehouse` reads `${KPI_WAREHOUSE_URL}`, with `settings` added, and these KPIs. */
  const warehouse = (settings: string, ...kpis: string[]) =>
    workspace({
      'kpi.config.yaml': `connections:\n  warehouse: { type: postgres, url: "\${KPI_WAREHOUSE_URL}"${settings} }\n`,
      'kpis.kpi.yaml': kpiFile(...kpis),
    });

  before(async (t) => {
    server = await startPostgres(t as never);
    if (!server) return;
    await server.superuser(
      `create table sales (paid_at date, amount numeric);
       insert into sales values ('2026-01-05', 100.50), ('2026-01-20', 200.25), ('2026-02-03', 50);
       alter table sales owner to kpi_reader;
       alter database kpi set timezone = 'Europe/Stockholm'`,
    );
  });
  after(() => server?.stop());

  it('refreshes a monthly query with the url from the environment, and kpi status shows it', (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const root = warehouse('', sqlKpi('revenue', 'warehouse', MONTHLY), sqlKpi('big-sum', 'warehouse', NUMERIC), sqlKpi('big-count', 'warehouse', BIGINT));
    assert.deepEqual(kpi(root, ['refresh'], envWith({ KPI_WAREHOUSE_URL: server.url })), {
      status: 0,
      stdout: [
        '✓ revenue: 2 rows → .kpi/snapshots/revenue.csv',
        '✓ big-sum: 1 row → .kpi/snapshots/big-sum.csv',
        '✓ big-count: 1 row → .kpi/snapshots/big-count.csv',
        '3 snapshots written, 0 queries failed',
        '',
      ].join('\n'),
      stderr: '',
    });
    assert.equal(read(root, '.kpi/snapshots/revenue.csv'), MONTHLY_SNAPSHOT);
    // Every digit of the NUMERIC and the BIGINT; the TIMESTAMPTZ's day in the database's zone (22:30 UTC is 23:30 in Stockholm, still 28 February).
    assert.equal(read(root, '.kpi/snapshots/big-sum.csv'), 'date,value\n2026-01-31,12345678901234567.89\n');
    assert.equal(read(root, '.kpi/snapshots/big-count.csv'), 'date,value\n2026-02-28,9007199254740993\n');
    assert.deepEqual(
      Object.values(manifest(root).snapshots).map(({ connection, rows }) => ({ connection, rows })),
      [
        { connection: 'warehouse', rows: 1 },
        { connection: 'warehouse', rows: 1 },
        { connection: 'warehouse', rows: 2 },
      ],
    );
    // Status reads the snapshots only: no database variable needed.
    assert.deepEqual(statusValues(root, envWith())[0], {
      id: 'revenue',
      latest: { date: '2026-02-01', value: 50 },
      previous: { date: '2026-01-01', value: 300.75 },
    });
    assert.deepEqual(lintCodes(root), []);
  });

  it('reads the url from .env in the workspace root when the environment has none', (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const root = warehouse('', sqlKpi('revenue', 'warehouse', MONTHLY));
    write(root, '.env', `# the warehouse\nKPI_WAREHOUSE_URL=${server.url}\n`);
    assert.deepEqual(kpi(root, ['refresh'], envWith()), {
      status: 0,
      stdout: '✓ revenue: 2 rows → .kpi/snapshots/revenue.csv\n1 snapshot written, 0 queries failed\n',
      stderr: '',
    });
    assert.equal(read(root, '.kpi/snapshots/revenue.csv'), MONTHLY_SNAPSHOT);
  });

  it('fails only the KPIs that write, run past the timeout or give more than maxRows rows; the others are refreshed', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const root = warehouse(
      ', timeout: 1, maxRows: 5',
      sqlKpi('writes', 'warehouse', "insert into sales values ('2026-03-01', 1) returning paid_at as month, amount as value"),
      sqlKpi('creates', 'warehouse', 'create table sneaky (month date, value numeric)'),
      sqlKpi('sleeps', 'warehouse', 'select current_date as month, 1 as value from pg_sleep(3)'),
      sqlKpi('many', 'warehouse', 'select current_date as month, n as value from generate_series(1, 6) as n'),
      sqlKpi('revenue', 'warehouse', MONTHLY),
    );
    const readOnly = (statement: string) =>
      `the query of connection "warehouse" tries to change the database, and kpi refresh runs every query in a read-only transaction: write a query that only reads (cannot execute ${statement} in a read-only transaction)`;
    assert.deepEqual(kpi(root, ['refresh'], envWith({ KPI_WAREHOUSE_URL: server.url })), {
      status: 1,
      stdout: '✓ revenue: 2 rows → .kpi/snapshots/revenue.csv\n1 snapshot written, 4 queries failed\n',
      stderr: [
        `✗ writes (warehouse): ${readOnly('INSERT')}`,
        `✗ creates (warehouse): ${readOnly('CREATE TABLE')}`,
        '✗ sleeps (warehouse): the query of connection "warehouse" took longer than 1 second (the connection\'s timeout) and was stopped',
        '✗ many (warehouse): the query of connection "warehouse" gives more than 5 rows (the connection\'s maxRows): aggregate it to one row per period, or raise maxRows',
        '',
      ].join('\n'),
    });
    assert.deepEqual(Object.keys(snapshotFiles(root)), ['manifest.json', 'revenue.csv']);
    assert.deepEqual(await server.superuser("select count(*)::int as n, to_regclass('sneaky') as sneaky from sales"), [{ n: 3, sneaky: null }]);
  });

  it('names the unset variable and the connection: a configuration problem, before any query runs', (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const root = warehouse('', sqlKpi('revenue', 'warehouse', MONTHLY));
    assert.deepEqual(kpi(root, ['refresh'], envWith()), {
      status: 2,
      stdout: '',
      stderr: 'kpi: connection `warehouse`: ${KPI_WAREHOUSE_URL} is set neither in the environment nor in .env in the workspace root\n',
    });
    assert.equal(fs.existsSync(path.join(root, '.kpi')), false, 'nothing written');
  });

  it('puts a password with @, /, # and % from ${NAME} into the URL encoded, and hides it and every value of .env', (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const odd = 'p@ss/w#rd%41';
    const template = server.url.replace(`:${server.password}@`, ':${KPI_PW}@').replace(/postgres:\/\/[^:]*/, 'postgres://${KPI_USER}');
    const user = /postgres:\/\/([^:]*)/.exec(server.url)![1];
    const root = workspace({
      'kpi.config.yaml': `connections:\n  warehouse: { type: postgres, url: "${template}" }\n`,
      'sales.kpi.yaml': kpiFile(sqlKpi('revenue', 'warehouse', MONTHLY)),
      '.env': `KPI_PW=${odd}\nKPI_USER=${user}\nAPI_TOKEN=tok-123456789\n`,
    });
    const { status, stdout, stderr } = kpi(root, ['refresh'], envWith());
    // The password is wrong for the server, but it reached it whole: the login is refused, not a host looked up from a piece of it.
    assert.equal(status, 1);
    assert.match(stderr, /^✗ revenue \(warehouse\): .*warehouse/);
    assert.doesNotMatch(stderr, /is not known|Invalid URL/);
    for (const secret of [odd, encodeURIComponent(odd), 'tok-123456789']) assert.ok(!`${stdout}${stderr}`.includes(secret), secret);
  });

  it('refuses a wrong password naming the connection, and the password is in no output and no file, in English and Swedish', (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const wrong = 'Wr0ng-pässword-4711';
    const url = server.url.replace(server.password, encodeURIComponent(wrong));
    const root = warehouse('', sqlKpi('revenue', 'warehouse', MONTHLY), sqlKpi('orders', 'warehouse', NUMERIC));
    write(root, '.kpi/snapshots/revenue.csv', MONTHLY_SNAPSHOT);
    const english = kpi(root, ['refresh', '--progress'], envWith({ KPI_WAREHOUSE_URL: url }));
    const refused = `cannot connect to the database of connection "warehouse": the server refused the login: password authentication failed for user "kpi_reader"`;
    assert.deepEqual(english, {
      status: 1,
      stdout: '[1/2] revenue (warehouse) …\n[2/2] orders (warehouse) …\n0 snapshots written, 2 queries failed\n',
      stderr: `✗ revenue (warehouse): ${refused}\n✗ orders (warehouse): ${refused}\n`,
    });
    const swedish = kpi(root, ['refresh', '--locale', 'sv'], envWith({ KPI_WAREHOUSE_URL: url }));
    assert.equal(swedish.status, 1);
    assert.match(swedish.stderr, /^✗ revenue \(warehouse\): .*"warehouse".*\n✗ orders \(warehouse\): .*\n$/);
    const files = Object.values(snapshotFiles(root));
    for (const secret of [wrong, encodeURIComponent(wrong), server.password, url]) {
      for (const text of [english.stdout, english.stderr, swedish.stdout, swedish.stderr, ...files])
        assert.equal(text.includes(secret), false, `${secret} in ${text}`);
    }
    assert.equal(read(root, '.kpi/snapshots/revenue.csv'), MONTHLY_SNAPSHOT);
  });

  describe('stopped halfway', () => {
    let root: string;
    let env: NodeJS.ProcessEnv;
    let before: Record<string, string>;

    /** The server processes running the query that sleeps. */
    const sleepers = async (postgres: TestPostgres): Promise<number[]> => {
      const rows = await postgres.superuser(
        "select pid from pg_stat_activity where state = 'active' and query like '%pg_sleep(3)%' and pid <> pg_backend_pid() order by pid",
      );
      return rows.map((row) => Number(row.pid));
    };

    /**
     * Resolves once a server process other than `known` runs the query that
     * sleeps: the refresh just started is then in the middle of it (a refresh
     * killed before leaves its server process sleeping on).
     */
    const sleeping = async (postgres: TestPostgres, known: readonly number[]) => {
      while (!(await sleepers(postgres)).some((pid) => !known.includes(pid))) await new Promise((resolve) => setImmediate(resolve));
    };

    it('keeps the old snapshots and the manifest whole when the refresh is killed during a query', async (t) => {
      if (!server) return t.skip('KPI_SKIP_E2E=1');
      env = envWith({ KPI_WAREHOUSE_URL: server.url });
      root = warehouse(
        ', timeout: 30',
        sqlKpi('slow', 'warehouse', 'select current_date as month, 1 as value from pg_sleep(3)'),
        sqlKpi('revenue', 'warehouse', MONTHLY),
      );
      assert.equal(kpi(root, ['refresh', '--kpi', 'revenue'], env).status, 0);
      before = snapshotFiles(root);
      const { child, ended } = kpiInBackground(root, ['refresh', '--progress'], env);
      await sleeping(server, []);
      child.kill('SIGKILL');
      const run = await ended;
      assert.deepEqual(run, { status: null, signal: 'SIGKILL', stdout: '[1/2] slow (warehouse) …\n', stderr: '' });
      // No temporary file is left: the query was under way, and nothing is written until it ends.
      assert.deepEqual(snapshotFiles(root), before);
    });

    it('fails the query under way and the rest when the server stops, and keeps every old snapshot whole', async (t) => {
      if (!server) return t.skip('KPI_SKIP_E2E=1');
      const postgres = server;
      const killed = await sleepers(postgres);
      const { ended } = kpiInBackground(root, ['refresh', '--progress'], env);
      await sleeping(postgres, killed);
      postgres.stopNow();
      const run = await ended;
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '[1/2] slow (warehouse) …\n[2/2] revenue (warehouse) …\n0 snapshots written, 2 queries failed\n');
      const lines = run.stderr.split('\n');
      assert.match(
        lines[0],
        /^✗ slow \(warehouse\): the connection to the database of connection "warehouse" was lost during the query \(.+\): the server stopped or the network failed$/,
      );
      // The next KPI connects again while the server goes down: refused, reset or "shutting down", as the race falls; it fails in any case.
      assert.match(lines[1], /^✗ revenue \(warehouse\): cannot connect to the database of connection "warehouse": .+$/);
      assert.equal(lines.length, 3);
      assert.deepEqual(snapshotFiles(root), before);
    });
  });
});
