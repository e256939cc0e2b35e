import type { TestContext } from 'node:test';
import type { Browser } from 'playwright-core';
import { provideDebianPackage } from '../provision';

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

/** Debian's Chromium, installed with apt on first use (see ../provision.ts). */
export function provideChromium(t: TestContext): boolean {
  return provideDebianPackage(t, CHROMIUM, 'chromium');
}

/** Playwright gives every launch a fresh, temporary profile. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}
