import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { translator } from '../../server/src/core/l10n/catalogue';
import { QueryError, type Driver, type QueryJob } from '../../server/src/node/sql/driver';
import { ANSWER_GRACE_MS, openPostgres } from '../../server/src/node/sql/postgres';
import { startPostgres, type TestPostgres } from '../postgres';

const NAME = 'warehouse';

/** A job with the connection settings of the tests: 10 s, 1000 rows. */
const job = (query: string, more: Partial<QueryJob> = {}): QueryJob => ({ query, date: 'month', value: 'value', timeoutMs: 10_000, maxRows: 1000, ...more });

/** What `promise` rejects with, which must be a QueryError; its message in English. */
async function queryError(promise: Promise<unknown>): Promise<QueryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof QueryError, `not a QueryError: ${String(error)}`);
    return error;
  }
  assert.fail('no QueryError was thrown');
}

/** Every text a failure could show: the message in both languages, the stack, and the error as Node prints it. */
function everythingShown(error: QueryError): string {
  return [error.message, translator('sv').text(error.reason), error.stack ?? '', JSON.stringify(error), String(error)].join('\n');
}

/**
 * A TCP relay to the server that can fall silent: afterwards it passes
 * nothing either way and closes nothing, as a network that drops packets does.
 */
async function silentRelay(port: number): Promise<{ port: number; silence(): void; close(): void }> {
  let silent = false;
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const server = net.connect(port, '127.0.0.1');
    for (const [from, to] of [
      [client, server],
      [server, client],
    ]) {
      sockets.add(from);
      from.on('data', (chunk) => void (silent || to.write(chunk)));
      from.on('error', () => undefined);
      from.on('close', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as net.AddressInfo).port,
    silence: () => void (silent = true),
    close: () => {
      for (const socket of sockets) socket.destroy();
      relay.close();
    },
  };
}

describe('the PostgreSQL driver of kpi refresh (SPEC §8), against a real server', () => {
  let server: TestPostgres | undefined;
  let driver: Driver;

  before(async (t) => {
    server = await startPostgres(t as never);
    if (!server) return;
    await server.superuser(
      `create table sales (month date, revenue numeric);
       insert into sales values ('2026-01-01', 100.5), ('2026-02-01', 200.25), ('2026-02-15', 50), ('2026-03-01', null);
       create table events (at timestamptz, amount bigint);
       alter table sales owner to kpi_reader; alter table events owner to kpi_reader;
       alter database kpi set timezone = 'Europe/Stockholm'`,
    );
    driver = await openPostgres({ name: NAME, url: server.url, secrets: [server.password] });
  });
  after(async () => {
    await driver?.close();
    server?.stop();
  });

  it('gives a monthly query as rows: the calendar day of each month, the value as exact text, NULL as empty', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const rows = await driver.run(job("select date_trunc('month', month)::date as month, sum(revenue) as value from sales group by 1 order by 1"));
    assert.deepEqual(rows, [
      { date: '2026-01-01', value: '100.5' },
      { date: '2026-02-01', value: '250.25' },
      { date: '2026-03-01', value: '' },
    ]);
  });

  it('keeps NUMERIC and BIGINT exact, and gives the day of a DATE, TIMESTAMP and TIMESTAMPTZ without a time-zone shift', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const values = await driver.run(
      job(`select * from (values ('2026-01-31'::date, 12345678901234567.89::numeric), ('2026-02-28'::date, 9007199254740993::bigint)) as v(month, value)`),
    );
    assert.deepEqual(values, [
      { date: '2026-01-31', value: '12345678901234567.89' },
      { date: '2026-02-28', value: '9007199254740993' },
    ]);
    // 23:30 on 31 January in Stockholm is 22:30 UTC: the database's zone says the day, not UTC and not this machine's zone.
    const timestamps = await driver.run(
      job(
        `select '2026-01-31 23:30:00+01'::timestamptz as month, 1 as value
         union all select '2026-02-28 23:59:59'::timestamp, 2
         union all select '2026-03-01 00:30:00+01'::timestamptz at time zone 'UTC', 3`,
      ),
    );
    assert.deepEqual(timestamps, [
      { date: '2026-01-31', value: '1' },
      { date: '2026-02-28', value: '2' },
      { date: '2026-02-28', value: '3' },
    ]);
  });

  it('refuses an insert, a create table and a second statement: the query runs in a read-only transaction', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const readOnly = (statement: string) =>
      `the query of connection "warehouse" tries to change the database, and kpi refresh runs every query in a read-only transaction: write a query that only reads (cannot execute ${statement} in a read-only transaction)`;
    const insert = await queryError(driver.run(job("insert into sales values ('2026-04-01', 1) returning month, revenue as value")));
    assert.equal(insert.message, readOnly('INSERT'));
    const create = await queryError(driver.run(job('create table sneaky (month date, value numeric)')));
    assert.equal(create.message, readOnly('CREATE TABLE'));
    const escape = await queryError(driver.run(job("commit; insert into sales values ('2026-04-01', 1)")));
    assert.equal(escape.message, 'the query of connection "warehouse" failed: cannot insert multiple commands into a prepared statement');
    assert.deepEqual(await server.superuser("select count(*)::int as n, to_regclass('sneaky') as sneaky from sales"), [{ n: 4, sneaky: null }]);
  });

  it('stops a query at the timeout, in seconds, and the next query on the same driver works', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const error = await queryError(driver.run(job('select pg_sleep(5) as month, 1 as value', { timeoutMs: 1000 })));
    assert.equal(error.message, 'the query of connection "warehouse" took longer than 1 second (the connection\'s timeout) and was stopped');
    assert.equal(
      translator('sv').text(error.reason),
      'frågan för anslutningen "warehouse" tog längre tid än 1 sekund (anslutningens tidsgräns, timeout) och avbröts',
    );
    assert.deepEqual(await driver.run(job("select '2026-01-01'::date as month, 1 as value")), [{ date: '2026-01-01', value: '1' }]);
  });

  it('fails a query with more rows than maxRows, without reading them all, and the next query works', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const started = Date.now();
    // Fifty million rows, made as they are read (a join of two small series), would take far longer than the test allows if they were all read.
    const fiftyMillion = 'select current_date as month, a * b as value from generate_series(1, 5000) as a, generate_series(1, 10000) as b';
    const error = await queryError(driver.run(job(fiftyMillion, { maxRows: 1000, timeoutMs: 60_000 })));
    assert.equal(
      error.message,
      'the query of connection "warehouse" gives more than 1,000 rows (the connection\'s maxRows): aggregate it to one row per period, or raise maxRows',
    );
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    const exactly = await driver.run(job('select current_date as month, n as value from generate_series(1, 3) as n', { maxRows: 3 }));
    assert.equal(exactly.length, 3);
  });

  it('names a column the result lacks, and the columns there are', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const error = await queryError(driver.run(job('select month, revenue from sales')));
    assert.equal(
      error.message,
      'the result of the query of connection "warehouse" has no column "value" (named by the source\'s value); its columns: month, revenue',
    );
    const none = await queryError(driver.run(job('select from sales', { date: 'Month' })));
    assert.equal(none.message, 'the result of the query of connection "warehouse" has no column "Month" (named by the source\'s date); it has no columns');
  });

  it('a wrong password: a QueryError naming the connection, and the password in no output', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const wrong = `${server.password}-wrong`;
    const url = server.url.replace(server.password, wrong);
    const error = await queryError(openPostgres({ name: NAME, url, secrets: [wrong] }));
    assert.equal(
      error.message,
      'cannot connect to the database of connection "warehouse": the server refused the login: password authentication failed for user "kpi_reader"',
    );
    for (const secret of [wrong, server.password, url]) assert.ok(!everythingShown(error).includes(secret));
  });

  it('nothing listening: a QueryError naming the connection and the address, soon', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const url = `postgres://kpi_reader:${server.password}@127.0.0.1:1/kpi`;
    const error = await queryError(openPostgres({ name: NAME, url, secrets: [server.password] }));
    assert.equal(
      error.message,
      'cannot connect to the database of connection "warehouse": nothing answers at 127.0.0.1 port 1: is the database server running, and are the host and port in the connection\'s url right?',
    );
    assert.ok(!everythingShown(error).includes(server.password));
  });

  it('a network that falls silent mid-query: the query fails soon after its timeout, not when TCP gives up', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const relay = await silentRelay(server.port);
    t.after(() => relay.close());
    const quiet = await openPostgres({ name: NAME, url: server.url.replace(`:${server.port}/`, `:${relay.port}/`), secrets: [server.password] });
    assert.deepEqual(await quiet.run(job("select '2026-01-01'::date as month, 1 as value")), [{ date: '2026-01-01', value: '1' }]);
    relay.silence();
    const started = Date.now();
    const error = await queryError(quiet.run(job('select 1 as month, 1 as value', { timeoutMs: 1000 })));
    const took = Date.now() - started;
    assert.equal(
      error.message,
      'the database of connection "warehouse" gave no answer for 1 second (the connection\'s timeout) and 5 seconds more: the network or the server stopped answering, and the connection was closed',
    );
    assert.equal(
      translator('sv').text(error.reason),
      'databasen för anslutningen "warehouse" svarade inte på 1 sekund (anslutningens tidsgräns, timeout) och 5 sekunder till: nätverket eller servern slutade svara, och förbindelsen stängdes',
    );
    assert.ok(took >= 1000 + ANSWER_GRACE_MS - 100 && took < 1000 + ANSWER_GRACE_MS + 3000, `took ${took} ms`);
    assert.ok(!everythingShown(error).includes(server.password));
    await quiet.close();
  });

  it('the server stopped mid-query: the query fails with a QueryError naming the connection, never a secret', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const running = driver.run(job('select pg_sleep(30) as month, 1 as value', { timeoutMs: 60_000 }));
    // Wait until the server runs the query (each look is a round trip to the server), then stop it under the query.
    const deadline = Date.now() + 10_000;
    const sleeping = "select count(*)::int as n from pg_stat_activity where query like 'select pg_sleep(30)%' and state = 'active'";
    while ((await server.superuser(sleeping))[0].n !== 1) assert.ok(Date.now() < deadline, 'the query never started');
    server.stopNow();
    const error = await queryError(running);
    assert.match(
      error.message,
      /^the connection to the database of connection "warehouse" was lost during the query \(.+\): the server stopped or the network failed$/,
    );
    assert.ok(!everythingShown(error).includes(server.password));
    const again = await queryError(driver.run(job('select 1 as month, 1 as value')));
    assert.match(again.message, /^cannot connect to the database of connection "warehouse": nothing answers at 127\.0\.0\.1 port \d+: /);
  });
});
