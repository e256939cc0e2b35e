import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers';

/**
 * Issue 14: the output does not depend on the machine's locale or time zone.
 * The test files that assert what the CLI, the scorecard, the language server
 * and the status and date logic show run again in a child `node --test` on a
 * Swedish machine far east of UTC (UTC+14, where the day has already turned),
 * with nothing else that picks a language: a `toLocaleString()`, an
 * `Intl.NumberFormat()` without a locale or a `new Date().getDate()` in the
 * product makes them fail there. The main run is on LANG=C.UTF-8, TZ=UTC
 * (.ci/run).
 */

const TESTS = [
  'cli.test.js',
  'cli-status.test.js',
  'cli-locale.test.js',
  'cli-init.test.js',
  'cli-diff.test.js',
  'report/html.test.js',
  'report/swedish.test.js',
  'report/diff-html.test.js',
  'lsp/service.test.js',
  'lsp/server.test.js',
  'lsp/locale.test.js',
  'lsp/compare.test.js',
  'lsp/binary.test.js',
  'core/status.test.js',
  'core/dates.test.js',
  'core/reasons-sv.test.js',
  'core/l10n.test.js',
  'core/l10n-schema.test.js',
  'mistakes.test.js',
  'l10n-rules.test.js',
  'client/locale.test.js',
  'client/preview.test.js',
].map((file) => path.join(REPO, 'out', 'test', file));

/**
 * The machine: only what a shell on it would have, so that nothing of this
 * run (KPI_LOCALE, LC_MESSAGES, TZ, NODE_TEST_CONTEXT, NODE_OPTIONS) masks
 * its locale or changes how the child runs.
 */
const SWEDISH_MACHINE: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...(process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR }),
  LANG: 'sv_SE.UTF-8',
  LC_ALL: 'sv_SE.UTF-8',
  LANGUAGE: 'sv',
  TZ: 'Pacific/Kiritimati',
  KPI_SKIP_E2E: '1',
};

function count(tap: string, what: string): number {
  const found = new RegExp(`^# ${what} (\\d+)$`, 'm').exec(tap);
  return found ? Number(found[1]) : -1;
}

/** The failed tests of a TAP report, each with its lines of detail. */
function failures(tap: string): string {
  const lines = tap.split('\n');
  const shown: string[] = [];
  lines.forEach((line, i) => {
    if (!/^\s*not ok /.test(line)) return;
    const indent = /^\s*/.exec(line)![0].length;
    const end = lines.findIndex((next, j) => j > i && /^\s*(ok|not ok) /.test(next) && /^\s*/.exec(next)![0].length <= indent);
    shown.push(lines.slice(i, end === -1 ? i + 40 : Math.min(end, i + 40)).join('\n'));
  });
  return shown.join('\n');
}

describe('the output does not depend on the machine', () => {
  it('is the Swedish machine the child runs on: Node formats in Swedish there, and the time zone is UTC+14', () => {
    const result = spawnSync(
      process.execPath,
      ['-e', 'console.log(new Intl.NumberFormat().format(1234.5), new Date(Date.UTC(2026, 10, 27, 12)).getDate(), (0.5).toLocaleString())'],
      { env: SWEDISH_MACHINE, encoding: 'utf8' },
    );
    assert.equal(result.stdout, '1\u00a0234,5 28 0,5\n', 'a test there can fail on a product that uses the machine locale');
  });

  it('the CLI, scorecard, language server, status and date tests pass under LANG=sv_SE.UTF-8 and TZ=Pacific/Kiritimati', () => {
    const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...TESTS], {
      cwd: REPO,
      env: SWEDISH_MACHINE,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 600_000,
    });
    const tap = result.stdout;
    const summary = `pass ${count(tap, 'pass')}, fail ${count(tap, 'fail')}, cancelled ${count(tap, 'cancelled')}`;
    const said = `${summary}\n${failures(tap)}\n${result.stderr}`;
    assert.equal(result.signal, null, said);
    assert.equal(count(tap, 'fail'), 0, said);
    assert.equal(count(tap, 'cancelled'), 0, said);
    assert.ok(count(tap, 'pass') > 200, said);
    assert.equal(result.status, 0, said);
  });
});
