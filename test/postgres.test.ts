import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { DATABASE, ROLE, startPostgres, type TestPostgres } from './postgres';

describe('the throw-away PostgreSQL server of the tests', () => {
  let server: TestPostgres | undefined;

  before(async (t) => {
    server = await startPostgres(t as never);
  });
  after(() => server?.stop());

  it('lets the role in over TCP with its password, into its database, and reports the settings it was made with', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    assert.equal(server.url, `postgres://${ROLE}:${server.password}@127.0.0.1:${server.port}/${DATABASE}`);
    const client = new Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ user: string; db: string }>('select current_user as user, current_database() as db');
      assert.deepEqual(rows, [{ user: ROLE, db: DATABASE }]);
    } finally {
      await client.end();
    }
    const settings = await server.superuser(
      "select name, setting from pg_settings where name in ('fsync', 'listen_addresses', 'password_encryption') order by name",
    );
    assert.deepEqual(settings, [
      { name: 'fsync', setting: 'off' },
      { name: 'listen_addresses', setting: '127.0.0.1' },
      { name: 'password_encryption', setting: 'scram-sha-256' },
    ]);
  });

  it('refuses the role without its password over TCP', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const client = new Client({ connectionString: server.url.replace(server.password, 'wrong') });
    await assert.rejects(client.connect(), { message: `password authentication failed for user "${ROLE}"` });
  });

  it('stops and removes its folder; stopping again is harmless', async (t) => {
    if (!server) return t.skip('KPI_SKIP_E2E=1');
    const folders = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('kpi-postgres-'));
    const before = folders();
    server.stopNow();
    server.stop();
    server.stop();
    assert.equal(folders().length, before.length - 1);
    const client = new Client({ connectionString: server.url, connectionTimeoutMillis: 5000 });
    await assert.rejects(client.connect(), { code: 'ECONNREFUSED' });
  });
});
