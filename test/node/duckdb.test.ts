import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { translator } from '../../server/src/core/l10n/catalogue';
import { QueryError, type Driver, type QueryJob } from '../../server/src/node/sql/driver';
import { loadDuckDb, lockedDuckDb, openDuckDb } from '../../server/src/node/sql/duckdb';

/** A temporary folder holding the workspace (`root`) and, beside it, a folder outside it. */
const TOP = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-duckdb-')));
const ROOT = path.join(TOP, 'workspace');
const OUTSIDE = path.join(TOP, 'outside');

const SALES_CSV = 'month,amount\n2024-01-01,1234.50\n2024-02-01,99.95\n2024-03-01,\n';

/** A job with the defaults of a connection, over columns `month` and `amount`. */
function job(query: string, more: Partial<QueryJob> = {}): QueryJob {
  return { query, date: 'month', value: 'amount', timeoutMs: 30_000, maxRows: 100_000, ...more };
}

/** What `promise` rejects with, which must be a QueryError: its message in English. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof QueryError, `not a QueryError: ${String(error)}`);
    return error.message;
  }
  assert.fail('the query was not refused');
}

/** Runs `sql` in an unrestricted instance: how the tests make files for the driver to read. */
async function unrestricted(file: string, ...sql: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  for (const statement of sql) await connection.run(statement);
  connection.closeSync();
  instance.closeSync();
}

/** The process's working directory is `folder` while `fn` runs (DuckDB checks a relative path against it). */
async function inFolder<T>(folder: string, fn: () => Promise<T>): Promise<T> {
  const was = process.cwd();
  process.chdir(folder);
  try {
    return await fn();
  } finally {
    process.chdir(was);
  }
}

before(async () => {
  fs.mkdirSync(path.join(ROOT, 'data'), { recursive: true });
  fs.mkdirSync(path.join(ROOT, 'db'));
  fs.mkdirSync(OUTSIDE);
  fs.writeFileSync(path.join(ROOT, 'data', 'sales.csv'), SALES_CSV);
  fs.writeFileSync(path.join(OUTSIDE, 'secret.csv'), 'month,amount\n2024-01-01,666\n');
  fs.symlinkSync(OUTSIDE, path.join(ROOT, 'link'));
  await unrestricted(
    ':memory:',
    `COPY (SELECT * FROM (VALUES (DATE '2024-01-01', 1234.50::DECIMAL(12,2)), (DATE '2024-02-01', 0.05::DECIMAL(12,2))) t(month, amount))
     TO '${path.join(ROOT, 'data', 'sales.parquet')}' (FORMAT parquet)`,
  );
  await unrestricted(
    path.join(ROOT, 'db', 'metrics.duckdb'),
    'CREATE TABLE sales (month DATE, amount DECIMAL(18,3))',
    "INSERT INTO sales VALUES ('2024-01-01', 10.125), ('2024-02-01', -3.500)",
  );
  await unrestricted(path.join(OUTSIDE, 'other.duckdb'), 'CREATE TABLE t (x INTEGER)');
  fs.symlinkSync(path.join(OUTSIDE, 'other.duckdb'), path.join(ROOT, 'db', 'linked.duckdb'));
});

after(() => fs.rmSync(TOP, { recursive: true, force: true }));

describe('the DuckDB driver (real DuckDB, in process)', () => {
  let driver: Driver;
  before(async () => {
    driver = await openDuckDb({ name: 'local', root: ROOT });
  });
  after(() => driver.close());

  it('reads a CSV file of the workspace, with exact decimals and NULL as empty', async () => {
    const file = path.join(ROOT, 'data', 'sales.csv');
    assert.deepEqual(await driver.run(job(`SELECT month, amount::DECIMAL(12,2) AS amount FROM read_csv('${file}')`)), [
      { date: '2024-01-01', value: '1234.50' },
      { date: '2024-02-01', value: '99.95' },
      { date: '2024-03-01', value: '' },
    ]);
  });

  it('reads a Parquet file of the workspace', async () => {
    const file = path.join(ROOT, 'data', 'sales.parquet');
    assert.deepEqual(await driver.run(job(`SELECT month, amount FROM read_parquet('${file}') ORDER BY month`)), [
      { date: '2024-01-01', value: '1234.50' },
      { date: '2024-02-01', value: '0.05' },
    ]);
  });

  it('gives monthly rows of every type as the snapshot holds them', async () => {
    const months = "FROM range(DATE '2024-01-01', DATE '2024-04-01', INTERVAL 1 MONTH) AS r(m)";
    const values = async (value: string, date = 'm::DATE') =>
      (await driver.run(job(`SELECT ${date} AS month, ${value} AS amount ${months} ORDER BY m`))).map((row) => `${row.date} ${row.value}`);
    assert.deepEqual(await values('12345678901234567890.123456789::DECIMAL(38,9)'), [
      '2024-01-01 12345678901234567890.123456789',
      '2024-02-01 12345678901234567890.123456789',
      '2024-03-01 12345678901234567890.123456789',
    ]);
    assert.deepEqual(await values('9007199254740993::BIGINT'), ['2024-01-01 9007199254740993', '2024-02-01 9007199254740993', '2024-03-01 9007199254740993']);
    assert.deepEqual(await values('-170141183460469231731687303715884105727::HUGEINT', 'm::DATE + INTERVAL 1 MONTH - INTERVAL 1 DAY'), [
      '2024-01-31 -170141183460469231731687303715884105727',
      '2024-02-29 -170141183460469231731687303715884105727',
      '2024-03-31 -170141183460469231731687303715884105727',
    ]);
    assert.deepEqual(await values('0.1::DOUBLE', 'm::TIMESTAMP + INTERVAL 23 HOUR + INTERVAL 59 MINUTE'), [
      '2024-01-01 0.1',
      '2024-02-01 0.1',
      '2024-03-01 0.1',
    ]);
    assert.deepEqual(await values('1.1::FLOAT', 'm::TIMESTAMP_NS'), ['2024-01-01 1.1', '2024-02-01 1.1', '2024-03-01 1.1']);
    assert.deepEqual(await values('month(m)::INTEGER', "strftime(m, '%Y-%m')"), ['2024-01 1', '2024-02 2', '2024-03 3']);
  });

  it('gives a TIMESTAMP its own calendar day and a TIMESTAMP WITH TIME ZONE its day in UTC', async () => {
    const day = async (date: string) => (await driver.run(job(`SELECT ${date} AS month, 1 AS amount`))).map((row) => row.date);
    assert.deepEqual(await day("TIMESTAMP '2024-01-31 23:59:59.999'"), ['2024-01-31']);
    assert.deepEqual(await day("TIMESTAMPTZ '2024-01-31 23:30:00-05:00'"), ['2024-02-01']);
    assert.deepEqual(await day("TIMESTAMPTZ '2024-02-01 00:30:00+01:00'"), ['2024-01-31']);
    assert.deepEqual(await day("timezone('Europe/Stockholm', TIMESTAMPTZ '2024-02-01 00:30:00+01:00')"), ['2024-02-01']);
    assert.deepEqual(await day("TIMESTAMP '1969-12-31 23:00:00'"), ['1969-12-31']);
    assert.deepEqual(await day("TIMESTAMP_S '2024-03-01 00:00:01'"), ['2024-03-01']);
    assert.deepEqual(await day("TIMESTAMP_MS '2024-03-31 23:59:59.999'"), ['2024-03-31']);
    assert.deepEqual(await day("TIMESTAMP_NS '1900-01-01 00:00:00'"), ['1900-01-01']);
    assert.deepEqual(await day("DATE '0044-03-15'"), ['0044-03-15']);
    assert.deepEqual(await day("DATE '-0044-03-15'"), ['0045-03-15 (BC)']);
    assert.deepEqual(await day("'infinity'::DATE"), ['infinity']);
    assert.deepEqual(await day("'-infinity'::TIMESTAMP"), ['-infinity']);
  });

  it('finds the columns in another case, and names the missing column and the ones there are', async () => {
    assert.deepEqual(await driver.run(job("SELECT DATE '2024-01-01' AS Month, 1 AS AMOUNT")), [{ date: '2024-01-01', value: '1' }]);
    assert.equal(
      await refusal(driver.run(job("SELECT DATE '2024-01-01' AS day, 1 AS amount, 2 AS other"))),
      'connection local: the query has no column month; its columns: day, amount, other',
    );
    assert.equal(
      await refusal(driver.run(job("SELECT DATE '2024-01-01' AS month, 1 AS total"))),
      'connection local: the query has no column amount; its columns: month, total',
    );
  });

  it('fails a query of more rows than maxRows, without reading them all', async () => {
    const range = (n: number) => `SELECT range::VARCHAR AS month, range AS amount FROM range(${n})`;
    assert.equal((await driver.run(job(range(5000), { maxRows: 5000 }))).length, 5000);
    assert.equal(
      await refusal(driver.run(job(range(5001), { maxRows: 5000 }))),
      "connection local: the query gave more than 5,000 rows (the connection's maxRows)",
    );
    // A billion rows: refused at the first chunks, not read whole.
    const started = Date.now();
    assert.equal(
      await refusal(driver.run(job(range(1_000_000_000), { maxRows: 10 }))),
      "connection local: the query gave more than 10 rows (the connection's maxRows)",
    );
    assert.ok(Date.now() - started < 10_000, 'the rows beyond maxRows were read');
    assert.deepEqual(await driver.run(job("SELECT '2024-01-01' AS month, 1 AS amount")), [{ date: '2024-01-01', value: '1' }]);
  });

  it('stops a query at its timeout, and runs the next one', async () => {
    const slow = 'SELECT 1 AS month, sum(a.range * b.range) AS amount FROM range(200000) a, range(200000) b';
    const started = Date.now();
    assert.equal(
      await refusal(driver.run(job(slow, { timeoutMs: 500 }))),
      "connection local: the query took longer than 0.5 seconds (the connection's timeout) and was stopped",
    );
    assert.ok(Date.now() - started < 10_000, 'the query was not stopped soon after its timeout');
    assert.deepEqual(await driver.run(job("SELECT '2024-01-01' AS month, 42 AS amount", { timeoutMs: 500 })), [{ date: '2024-01-01', value: '42' }]);
  });

  it('runs one SELECT statement only: no write, no setting, no extension', async () => {
    const refused = async (query: string) => refusal(driver.run(job(query)));
    assert.equal(
      await refused('SELECT 1 AS month, 1 AS amount; SELECT 2 AS month, 2 AS amount'),
      'connection local: a query is one SELECT statement; this one has 2',
    );
    const notSelect = (statement: string) => `connection local: a query may only read, in one SELECT statement; a ${statement} statement is refused`;
    assert.equal(await refused('INSTALL httpfs'), notSelect('LOAD'));
    assert.equal(await refused('LOAD httpfs'), notSelect('LOAD'));
    assert.equal(await refused('SET enable_external_access = true'), notSelect('SET'));
    assert.equal(await refused('RESET allowed_directories'), notSelect('SET'));
    assert.equal(await refused(`COPY (SELECT 1) TO '${path.join(ROOT, 'written.csv')}'`), notSelect('COPY'));
    assert.equal(await refused(`ATTACH '${path.join(ROOT, 'written.duckdb')}' AS w`), notSelect('ATTACH'));
    assert.equal(await refused('CREATE TABLE t AS SELECT 1 AS month'), notSelect('CREATE'));
    assert.deepEqual(fs.readdirSync(ROOT).sort(), ['data', 'db', 'link']);
    assert.equal(await refused('SELEC 1'), 'connection local: the query failed: Parser Error: syntax error at or near "SELEC"');
    assert.equal(await refused('SELECT * FROM nowhere'), 'connection local: the query failed: Catalog Error: Table with name nowhere does not exist!');
  });

  describe('reads files under the workspace root only', () => {
    const outside = (file: string) =>
      `connection local: the query may read files under the workspace root (${ROOT}) only, not ${file}; a relative path is read from the workspace root`;

    it('refuses an absolute path outside, a path that leads out with .., and a symbolic link out of the root', async () => {
      for (const file of [
        path.join(OUTSIDE, 'secret.csv'),
        `${ROOT}/../outside/secret.csv`,
        `${ROOT}/data/../../outside/secret.csv`,
        path.join(ROOT, 'link', 'secret.csv'),
        '/etc/passwd',
      ]) {
        assert.equal(await refusal(driver.run(job(`SELECT * FROM read_csv('${file}')`))), outside(file), file);
      }
      assert.equal(await refusal(driver.run(job(`SELECT * FROM read_text('${path.join(OUTSIDE, 'secret.csv')}')`))), outside(path.join(OUTSIDE, 'secret.csv')));
      assert.equal(await refusal(driver.run(job(`SELECT * FROM glob('${TOP}/**')`))), outside(`${TOP}/**`));
    });

    it('reads relative paths from the root, and refuses one that leads out', async () => {
      await inFolder(ROOT, async () => {
        assert.deepEqual(await driver.run(job("SELECT month, amount FROM 'data/sales.parquet' ORDER BY month")), [
          { date: '2024-01-01', value: '1234.50' },
          { date: '2024-02-01', value: '0.05' },
        ]);
        assert.equal((await driver.run(job("SELECT month, amount::VARCHAR AS amount FROM read_csv('data/sales.csv')"))).length, 3);
        assert.equal(await refusal(driver.run(job("SELECT * FROM read_csv('../outside/secret.csv')"))), outside('../outside/secret.csv'));
        // DuckDB follows a symbolic link before it checks: one inside the root that leads out is refused, one that stays inside is read.
        assert.equal(await refusal(driver.run(job("SELECT * FROM read_csv('link/secret.csv')"))), outside('link/secret.csv'));
        fs.symlinkSync(path.join(ROOT, 'data'), path.join(ROOT, 'same'));
        try {
          assert.equal((await driver.run(job("SELECT month, amount::VARCHAR AS amount FROM read_csv('same/sales.csv')"))).length, 3);
        } finally {
          fs.unlinkSync(path.join(ROOT, 'same'));
        }
      });
    });

    it('refuses a relative path, never reading it from elsewhere, when kpi runs outside the root', async () => {
      fs.mkdirSync(path.join(OUTSIDE, 'data'), { recursive: true });
      fs.writeFileSync(path.join(OUTSIDE, 'data', 'sales.csv'), 'month,amount\n2024-01-01,666\n');
      await inFolder(OUTSIDE, async () => {
        assert.equal(await refusal(driver.run(job("SELECT * FROM read_csv('data/sales.csv')"))), outside('data/sales.csv'));
      });
    });
  });

  it('keeps its settings locked: DuckDB itself refuses to change them, to install or to load an extension', async () => {
    const { instance, connection } = await lockedDuckDb(loadDuckDb(), ROOT);
    const refused = async (sql: string) => {
      try {
        await connection.run(sql);
      } catch (error) {
        return (error as Error).message.split('\n')[0];
      }
      return 'ran';
    };
    const locked = (setting: string) => `Invalid Input Error: Cannot change configuration option "${setting}" - the configuration has been locked`;
    assert.equal(await refused('SET enable_external_access = true'), locked('enable_external_access'));
    assert.equal(await refused("SET allowed_directories = ['/']"), locked('allowed_directories'));
    assert.equal(await refused('RESET allowed_directories'), locked('allowed_directories'));
    assert.equal(await refused("SET file_search_path = '/'"), locked('file_search_path'));
    assert.equal(await refused('SET autoload_known_extensions = true'), locked('autoload_known_extensions'));
    assert.equal(await refused('SET allow_community_extensions = true'), locked('allow_community_extensions'));
    assert.equal(await refused('SET lock_configuration = false'), locked('lock_configuration'));
    assert.equal(await refused("SET TimeZone = 'Europe/Stockholm'"), locked('TimeZone'));
    assert.match(await refused('INSTALL httpfs'), /^Permission Error: Cannot access directory ".*" - file system operations are disabled by configuration$/);
    assert.equal(await refused('LOAD httpfs'), 'Permission Error: Loading external extensions is disabled through configuration');
    connection.closeSync();
    instance.closeSync();
  });
});

describe('a DuckDB database file', () => {
  it('is opened read-only from the workspace', async () => {
    const driver = await openDuckDb({ name: 'metrics', root: ROOT, path: 'db/metrics.duckdb' });
    try {
      assert.deepEqual(await driver.run(job('SELECT month, amount FROM sales ORDER BY month')), [
        { date: '2024-01-01', value: '10.125' },
        { date: '2024-02-01', value: '-3.500' },
      ]);
      assert.equal(
        await refusal(driver.run(job("INSERT INTO sales VALUES ('2024-03-01', 1)"))),
        'connection metrics: a query may only read, in one SELECT statement; a INSERT statement is refused',
      );
    } finally {
      await driver.close();
    }
    // Below the driver's check, DuckDB's own: the file is read-only.
    const { instance, connection } = await lockedDuckDb(loadDuckDb(), ROOT, path.join(ROOT, 'db', 'metrics.duckdb'));
    await assert.rejects(connection.run("INSERT INTO sales VALUES ('2024-03-01', 1)"), /read-only/);
    connection.closeSync();
    instance.closeSync();
  });

  it('is refused outside the workspace, through a symbolic link too, and named when it is missing', async () => {
    assert.equal(
      await refusal(openDuckDb({ name: 'metrics', root: ROOT, path: '../outside/other.duckdb' })),
      'connection metrics: the database file ../outside/other.duckdb is outside the workspace root; DuckDB may read files under the workspace root only',
    );
    assert.equal(
      await refusal(openDuckDb({ name: 'metrics', root: ROOT, path: path.join(OUTSIDE, 'other.duckdb') })),
      `connection metrics: the database file ${path.join(OUTSIDE, 'other.duckdb')} is outside the workspace root; DuckDB may read files under the workspace root only`,
    );
    assert.equal(
      await refusal(openDuckDb({ name: 'metrics', root: ROOT, path: 'db/linked.duckdb' })),
      'connection metrics: the database file db/linked.duckdb is outside the workspace root; DuckDB may read files under the workspace root only',
    );
    assert.equal(
      await refusal(openDuckDb({ name: 'metrics', root: ROOT, path: 'db/missing.duckdb' })),
      'connection metrics: the database file db/missing.duckdb does not exist (a path is relative to the workspace root)',
    );
  });
});

describe('without DuckDB installed', () => {
  const missing = () => {
    throw Object.assign(new Error("Cannot find module '@duckdb/node-api'"), { code: 'MODULE_NOT_FOUND' });
  };

  it('says it is not installed and how to install it, in English and Swedish', async () => {
    const error = await openDuckDb({ name: 'local', root: ROOT }, missing).then(
      () => assert.fail('opened'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof QueryError);
    assert.equal(
      error.message,
      'connection local is a DuckDB database, but DuckDB is not installed: install it where kpi runs with npm install @duckdb/node-api',
    );
    assert.equal(
      translator('sv').text(error.reason),
      'anslutningen local är en DuckDB-databas, men DuckDB är inte installerat: installera det där kpi körs med npm install @duckdb/node-api',
    );
  });

  it('says what failed when the package is there but its binding does not load', async () => {
    const broken = () => {
      throw Object.assign(new Error('the module was compiled against a different Node.js version\nmore'), { code: 'ERR_DLOPEN_FAILED' });
    };
    assert.equal(
      await refusal(openDuckDb({ name: 'local', root: ROOT }, broken)),
      'connection local: DuckDB could not be loaded (the module was compiled against a different Node.js version); reinstall it with npm install @duckdb/node-api',
    );
  });
});
