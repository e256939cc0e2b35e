import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { TestContext } from 'node:test';

const APT_TIMEOUT_MS = 15 * 60_000;

/**
 * Installs Debian packages with apt-get (update, then install), as root.
 * Throws, saying what to install by hand, when not root, and with the end of
 * apt's output when it fails. `purpose` names what needs them.
 */
export function aptInstall(packages: readonly string[], purpose: string): void {
  const list = packages.join(' ');
  if (process.getuid?.() !== 0) throw new Error(`${purpose} needs Debian's ${list}: install it (apt-get install ${list}), or set KPI_SKIP_E2E=1`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const result = spawnSync('apt-get', args, {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: APT_TIMEOUT_MS,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status === 0) continue;
    const ended = result.error ? result.error.message : result.signal ? `was killed by ${result.signal}` : `exited with code ${result.status}`;
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .slice(-25);
    throw new Error(
      `apt-get ${args.join(' ')} ${ended}, so ${purpose} cannot have ${list}. Last lines of its output:\n${output.map((l) => `    ${l}`).join('\n') || '    (none)'}`,
    );
  }
}

/**
 * Makes sure a program from a Debian package is there, installing the package
 * with apt when running as root. Returns false (the test is marked skipped)
 * only when the caller set KPI_SKIP_E2E=1; otherwise a missing program fails
 * the test with a message that says what to install.
 */
export function provideDebianPackage(t: TestContext, program: string, pkg: string): boolean {
  return provideDebianProgram(t, () => (fs.existsSync(program) ? program : undefined), pkg, program) !== undefined;
}

/**
 * The same for a program whose path is only known once the package is there
 * (PostgreSQL's server binaries live under a versioned folder): `find` gives
 * its path or undefined, `program` names it in messages. Returns the path, or
 * undefined when KPI_SKIP_E2E=1.
 */
export function provideDebianProgram(t: TestContext, find: () => string | undefined, pkg: string, program: string): string | undefined {
  if (process.env.KPI_SKIP_E2E === '1') {
    // A before() hook's context has no skip(); the tests then skip themselves.
    if (typeof t.skip === 'function') t.skip('KPI_SKIP_E2E=1');
    return undefined;
  }
  const there = find();
  if (there !== undefined) return there;
  aptInstall([pkg], program);
  const installed = find();
  if (installed === undefined) throw new Error(`apt-get installed ${pkg} but ${program} is still missing`);
  return installed;
}
