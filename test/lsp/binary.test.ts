import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { SERVER_USAGE } from '../../server/src/lsp/main';
import { VERSION } from '../../server/src/version';
import { CHECKS, session, type Session } from './checks';
import { SERVER_BIN, TestClient } from './client';
import { inEnglish } from '../machine';

/** The same checks against `kpi-language-server --stdio`, as Neovim or Helix would start it. */
describe('language server, spawned as kpi-language-server --stdio', () => {
  const open: Session[] = [];
  after(async () => Promise.all(open.map((s) => s.client.shutdown())));
  for (const [name, check] of Object.entries(CHECKS)) {
    it(name, async () => {
      const s = await session(() => TestClient.spawned());
      open.push(s);
      await check(s);
    });
  }
});

describe('language server over the other transports', () => {
  const open: Session[] = [];
  after(async () => Promise.all(open.map((s) => s.client.shutdown())));
  const [name, check] = Object.entries(CHECKS)[0];
  it(`--node-ipc --clientProcessId=PID (as VS Code starts it): ${name}`, async () => {
    const s = await session(() => TestClient.spawnedOverIpc());
    open.push(s);
    await check(s);
  });
  it(`--socket=PORT: ${name}`, async () => {
    const client = await TestClient.spawnedOverSocket();
    const s = await session(() => client);
    open.push(s);
    await check(s);
  });
});

/** Runs the binary with `args` and no client, as a person at a terminal does. */
function server(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SERVER_BIN, ...args], { encoding: 'utf8', env: inEnglish(), input: '', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kpi-language-server on the command line (SPEC §6)', () => {
  it('--help and -h print the usage and exit 0', () => {
    for (const help of ['--help', '-h', '--stdio --help']) {
      assert.deepEqual(server(...help.split(' ')), { status: 0, stdout: `${SERVER_USAGE}\n`, stderr: '' }, help);
    }
    assert.match(SERVER_USAGE, /^Usage: kpi-language-server --stdio \| --node-ipc \| --socket=PORT \| --pipe=NAME\n/);
  });

  it('--version and -v print the version and exit 0', () => {
    assert.deepEqual(server('--version'), { status: 0, stdout: `${VERSION}\n`, stderr: '' });
    assert.deepEqual(server('-v'), { status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('no argument: the usage on stderr, exit 2', () => {
    assert.deepEqual(server(), { status: 2, stdout: '', stderr: `${SERVER_USAGE}\n` });
  });

  it('a wrong argument: one line saying what is wrong, then the usage, on stderr, exit 2 (never a stack trace)', () => {
    const wrong: [string[], string][] = [
      [['--studio'], 'unknown option "--studio"'],
      [['stdio'], 'unknown option "stdio"'],
      [['--stdio', '--verbose'], 'unknown option "--verbose"'],
      [['--socket=http'], '--socket needs a port number'],
      [['--socket'], '--socket needs a port number'],
      [['--pipe='], '--pipe needs a pipe name'],
      [['--clientProcessId=12'], 'choose how to talk to the client: --stdio, --node-ipc, --socket=PORT or --pipe=NAME'],
      [['--stdio', '--node-ipc'], 'choose one way to talk to the client, not --stdio and --node-ipc'],
    ];
    for (const [args, line] of wrong) {
      assert.deepEqual(server(...args), { status: 2, stdout: '', stderr: `kpi-language-server: ${line}\n\n${SERVER_USAGE}\n` }, args.join(' '));
    }
  });
});
