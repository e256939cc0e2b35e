/**
 * A throw-away PostgreSQL server for the tests of the driver of `kpi refresh`
 * (SPEC §8): Debian's `postgresql` package, installed with apt on first use
 * like Chromium and Neovim (see ./provision.ts), a cluster made with initdb in
 * a temporary folder, listening on 127.0.0.1 only, with a login role that
 * must give its password (scram-sha-256) and a database it owns.
 *
 * initdb, pg_ctl and postgres refuse to run as root, so as root they run as
 * the `postgres` system user the package creates, and the folder is theirs.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { Client } from 'pg';
import { provideDebianProgram } from './provision';

const VERSIONS = '/usr/lib/postgresql';

/** The role and database the tests connect as; the superuser only sets things up. */
export const ROLE = 'kpi_reader';
export const DATABASE = 'kpi';
const SUPERUSER = 'postgres';

/** How long pg_ctl waits for the server to start or stop. */
const PG_CTL_WAIT_SECONDS = '60';

/** A running server. */
export interface TestPostgres {
  /** `postgres://kpi_reader:<password>@127.0.0.1:<port>/kpi`. */
  readonly url: string;
  /** The role's password: a fresh random value, for the tests to look for in output. */
  readonly password: string;
  readonly port: number;
  /** Runs SQL as the superuser, in the tests' database; the rows of the last statement. */
  superuser(sql: string): Promise<Record<string, unknown>[]>;
  /** Stops the server at once (pg_ctl stop -m immediate): what a client sees when a database goes away mid-query. */
  stopNow(): void;
  /** Stops the server (pg_ctl stop -m fast) if it still runs, and removes its folder. Safe to call twice. */
  stop(): void;
}

/** The bin folder of the newest PostgreSQL installed, or undefined. */
function serverBinaries(): string | undefined {
  if (!fs.existsSync(VERSIONS)) return undefined;
  const versions = fs
    .readdirSync(VERSIONS)
    .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(VERSIONS, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? undefined : path.join(VERSIONS, versions[0], 'bin');
}

/** A TCP port free on 127.0.0.1 right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The user the server's programs run as: `postgres` when we are root, else ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n');
  const entry = passwd.find((line) => line.startsWith(`${SUPERUSER}:`));
  if (entry === undefined) throw new Error(`the postgresql package should have made a system user "${SUPERUSER}", and there is none`);
  const [, , uid, gid] = entry.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a server program as its user, in `cwd` (which that user can enter); throws with its output when it fails. */
function runServerProgram(program: string, args: readonly string[], cwd: string, asPostgres: boolean): void {
  const [command, commandArgs] = asPostgres ? ['runuser', ['-u', SUPERUSER, '--', program, ...args]] : [program, [...args]];
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, LC_ALL: 'C' } });
  if (result.status === 0) return;
  const ended = result.error ? result.error.message : result.signal ? `was killed by ${result.signal}` : `exited with code ${result.status}`;
  throw new Error(`${path.basename(program)} ${args.join(' ')} ${ended}:\n${result.stdout}${result.stderr}`);
}

/**
 * Starts a server for one test file, or returns undefined (the tests skip)
 * when KPI_SKIP_E2E=1. Call it in before() and stop it in after(); a process
 * that exits without that stops the server too, so no postgres is left behind.
 */
export async function startPostgres(t: TestContext): Promise<TestPostgres | undefined> {
  const bin = provideDebianProgram(t, serverBinaries, 'postgresql', `${VERSIONS}/<version>/bin/initdb`);
  if (bin === undefined) return undefined;
  const owner = serverUser();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-postgres-'));
  if (owner !== undefined) fs.chownSync(folder, owner.uid, owner.gid);
  const data = path.join(folder, 'data');
  const run = (program: string, args: readonly string[]) => runServerProgram(path.join(bin, program), args, folder, owner !== undefined);

  let running = false;
  const pgCtlStop = (mode: 'fast' | 'immediate') => {
    if (!running) return;
    running = false;
    run('pg_ctl', ['stop', '-D', data, '-m', mode, '-w', '-t', PG_CTL_WAIT_SECONDS]);
  };
  const stop = () => {
    try {
      pgCtlStop('fast');
    } finally {
      process.removeListener('exit', stop);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  };
  process.once('exit', stop);

  try {
    // --no-sync and fsync=off: a throw-away cluster needs no durability, and the tests start faster.
    run('initdb', ['-D', data, '-U', SUPERUSER, '-E', 'UTF8', '--locale=C', '--no-sync', '--auth-local=trust', '--auth-host=scram-sha-256']);
    const port = await freePort();
    // Unix sockets in the (private) folder, not /var/run/postgresql; TCP on the loopback only.
    fs.appendFileSync(
      path.join(data, 'postgresql.conf'),
      [
        `listen_addresses = '127.0.0.1'`,
        `port = ${port}`,
        `unix_socket_directories = '${folder}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        `password_encryption = 'scram-sha-256'`,
        '',
      ].join('\n'),
    );
    // The superuser over the folder's socket without a password (only its owner and root can reach it); everyone over TCP with one.
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), ['local all all trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n'));
    // -w: pg_ctl returns once the server accepts connections.
    run('pg_ctl', ['start', '-D', data, '-l', path.join(folder, 'server.log'), '-w', '-t', PG_CTL_WAIT_SECONDS]);
    running = true;

    const superuser = async (sql: string, database = DATABASE) => {
      const client = new Client({ host: folder, port, user: SUPERUSER, database });
      await client.connect();
      try {
        const results = (await client.query(sql)) as unknown;
        const last = Array.isArray(results) ? (results.at(-1) as { rows: Record<string, unknown>[] }) : (results as { rows: Record<string, unknown>[] });
        return last.rows;
      } finally {
        await client.end();
      }
    };
    const password = `pw-${randomBytes(12).toString('hex')}`;
    // The role owns its database, so it could write there: only the driver's read-only transaction stops it.
    await superuser(`create role ${ROLE} login password '${password}'`, 'postgres');
    await superuser(`create database ${DATABASE} owner ${ROLE}`, 'postgres');
    return {
      url: `postgres://${ROLE}:${password}@127.0.0.1:${port}/${DATABASE}`,
      password,
      port,
      superuser: (sql) => superuser(sql),
      stopNow: () => pgCtlStop('immediate'),
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}
