import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it, mock } from 'node:test';
import { aptInstall } from './provision';

/**
 * Runs `run` with an `apt-get` first on PATH that prints `output` and exits
 * with `code`; returns the arguments of each call to it and what `run` threw.
 */
function withFakeAptGet(code: number, output: string, run: () => void): { calls: string[]; error?: Error } {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-fake-apt-'));
  const calls = path.join(bin, 'calls');
  fs.writeFileSync(path.join(bin, 'apt-get'), `#!/bin/sh\necho "$*" >> '${calls}'\nprintf '%s\\n' '${output}'\nexit ${code}\n`, { mode: 0o755 });
  const saved = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${saved ?? ''}`;
  let error: Error | undefined;
  try {
    run();
  } catch (thrown) {
    error = thrown as Error;
  } finally {
    process.env.PATH = saved;
  }
  return { calls: fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8').trim().split('\n') : [], error };
}

/** Makes process.getuid() answer `uid` until the test ends. */
const runAs = (uid: number) => mock.method(process as unknown as { getuid(): number }, 'getuid', () => uid);

describe('provisioning Debian packages for the browser and editor tests', () => {
  afterEach(() => mock.restoreAll());

  it('runs apt-get update, then install without recommends, and returns when both succeed', () => {
    runAs(0);
    assert.deepEqual(
      withFakeAptGet(0, 'Done', () => aptInstall(['chromium', 'neovim'], 'the test')),
      {
        calls: ['update', 'install -y --no-install-recommends chromium neovim'],
        error: undefined,
      },
    );
  });

  it('fails with the exit code and the end of apt-get output, never silently', () => {
    runAs(0);
    const { calls, error } = withFakeAptGet(100, 'E: Unable to locate package chromium', () => aptInstall(['chromium'], 'the browser tests'));
    assert.deepEqual(calls, ['update'], 'no install after a failed update');
    assert.equal(
      error?.message,
      'apt-get update exited with code 100, so the browser tests cannot have chromium. Last lines of its output:\n    E: Unable to locate package chromium',
    );
  });

  it('says what to install when not root, without running apt-get', () => {
    runAs(1000);
    const { calls, error } = withFakeAptGet(0, 'Done', () => aptInstall(['chromium'], '/usr/bin/chromium'));
    assert.deepEqual(calls, []);
    assert.equal(error?.message, "/usr/bin/chromium needs Debian's chromium: install it (apt-get install chromium), or set KPI_SKIP_E2E=1");
  });
});
