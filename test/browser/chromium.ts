import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { TestContext } from 'node:test';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.KPI_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a headless Chromium on an offline machine: nothing phones home. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Makes sure Debian's Chromium is there, installing it with apt when running
 * as root. Returns false (and marks the test skipped) only when the caller set
 * KPI_SKIP_E2E=1; otherwise a missing browser fails the test.
 */
export function provideChromium(t: TestContext): boolean {
  if (process.env.KPI_SKIP_E2E === '1') {
    t.skip('KPI_SKIP_E2E=1');
    return false;
  }
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium), or set KPI_SKIP_E2E=1`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', timeout: 15 * 60_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}): cannot provide Chromium`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
  return true;
}

/** Playwright gives every launch a fresh, temporary profile. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}
