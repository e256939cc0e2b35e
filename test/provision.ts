import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { TestContext } from 'node:test';

/**
 * Makes sure a program from a Debian package is there, installing the package
 * with apt when running as root. Returns false (the test is marked skipped)
 * only when the caller set KPI_SKIP_E2E=1; otherwise a missing program fails
 * the test with a message that says what to install.
 */
export function provideDebianPackage(t: TestContext, program: string, pkg: string): boolean {
  if (process.env.KPI_SKIP_E2E === '1') {
    // A before() hook's context has no skip(); the tests then skip themselves.
    if (typeof t.skip === 'function') t.skip('KPI_SKIP_E2E=1');
    return false;
  }
  if (fs.existsSync(program)) return true;
  if (process.getuid?.() !== 0) throw new Error(`${program} is missing: install Debian's ${pkg} package (apt-get install ${pkg}), or set KPI_SKIP_E2E=1`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', pkg]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', timeout: 15 * 60_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}): cannot provide ${program}`);
  }
  if (!fs.existsSync(program)) throw new Error(`apt-get installed ${pkg} but ${program} is still missing`);
  return true;
}
