import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { writeWorkspace } from '../../bench/generate';
import type { DomElement } from '../dom';
import { REPO } from '../helpers';
import { launchChromium, provideChromium } from './chromium';
import { frames, open, serve, type Watched } from './inert';

/** `kpi status --format html` of a generated workspace of 1,200 KPIs (more than the 1,000 a file is written whole with). */
function largeScorecard(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-large-'));
  writeWorkspace(dir, 60, 20);
  const out = path.join(dir, 'scorecard.html');
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'status', dir, '--format', 'html', '--as-of', '2026-11-27', '-o', out], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return fs.readFileSync(out, 'utf8');
}

/** Counts of cards: still stubs, built, and shown (with a box). */
function cards(page: Page): Promise<{ stubs: number; built: number; shown: number }> {
  return page.locator('article.kpi').evaluateAll((all: DomElement[]) => ({
    stubs: all.filter((c) => c.classList.contains('stub')).length,
    built: all.filter((c) => !c.classList.contains('stub')).length,
    shown: all.filter((c) => c.getClientRects().length > 0).length,
  }));
}

/** Polls until `ready` (the page builds after its model is unpacked, and waitForFunction's eval is not allowed by the page's CSP). */
async function until(page: Page, ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await frames(page);
  }
}

describe('a large HTML scorecard in Chromium: built as it is shown', () => {
  let browser: Browser | undefined;
  let html = '';
  let site: { origin: string; close: () => Promise<void> } | undefined;

  before(async (t) => {
    if (!provideChromium(t as never)) return;
    browser = await launchChromium();
    html = largeScorecard();
    site = await serve({ '/': { type: 'text/html; charset=utf-8', body: html } });
  });

  after(async () => {
    await site?.close();
    await browser?.close();
  });

  it('writes a card per KPI with its name, and the model packed; builds the cards on screen, the charts, the table and everything to print', async (t) => {
    if (!browser || !site) return t.skip('no browser');
    const stubs = [...html.matchAll(/<article class="kpi stub [^>]* data-kpi="([^"]*)"/g)].map(([, id]) => id);
    assert.equal(new Set(stubs).size, 1200, 'every KPI named in the file (a KPI of two goals twice)');
    assert.match(html, /<script type="application\/json" id="kpi-model">[A-Za-z0-9+/=]+<\/script>/);
    const body = html.slice(html.indexOf('<div id="root">'), html.indexOf('<script'));
    assert.doesNotMatch(body, /<dialog|<table/, 'no chart and no table written');
    const watched: Watched = await open(browser, site.origin, ['/']);
    const { page } = watched;
    try {
      // The cards near the screen are built from the model; the rest wait.
      await until(page, async () => (await cards(page)).built > 0, 'the first cards built');
      const first = await cards(page);
      assert.ok(first.stubs > 1000, JSON.stringify(first));
      assert.equal(await page.locator('article.kpi').first().locator('.figures .value').count(), 1, 'a built card shows its value');
      // Ctrl+F finds any KPI by name: its stub holds it. Scrolled to, its goal's cards are built.
      const last = await page.locator('article.kpi').last().locator('h3').textContent();
      assert.equal(await page.evaluate<boolean>(`window.find(${JSON.stringify(last)})`), true);
      // (Find has scrolled there already; this makes sure, in one step: the card may be rebuilt meanwhile.)
      await page.evaluate("Array.from(document.querySelectorAll('article.kpi')).pop().scrollIntoView()");
      await until(page, async () => (await page.locator('article.kpi').last().locator('.figures').count()) === 1, 'the last card built');
      assert.equal(await page.locator('article.kpi').last().locator('h3').textContent(), last);

      // The filters: the style hides what does not match, stubs and built cards alike.
      const statuses = await page
        .locator('button[data-filter-status]')
        .evaluateAll((all: DomElement[]) => all.map((b) => b.getAttribute('data-filter-status')));
      await page.click(`button[data-filter-status="${statuses[1]}"]`);
      const shown = await page
        .locator('article.kpi')
        .evaluateAll((all: DomElement[]) => all.filter((c) => c.getClientRects().length > 0).map((c) => c.getAttribute('data-status')));
      assert.ok(shown.length > 0 && shown.every((s) => s === statuses[1]), `${statuses[1]}: ${new Set(shown).size} statuses shown`);
      await page.click('button[data-filter-status=""]');

      // A chart is drawn when its button is pressed.
      await page.locator('article.kpi button.history-button').first().click();
      assert.equal(await page.locator('dialog.history[open] svg.chart').count(), 1);
      await page.keyboard.press('Escape');

      // The table view, built when shown: a row per KPI.
      await page.click('button[data-view="table"]');
      await until(page, async () => (await page.locator('.tv tr.tv-kpi').count()) === stubs.length, 'the table built');
      await page.click('button[data-view="cards"]');

      // Printing builds every card first.
      await page.pdf({ format: 'A4' });
      assert.deepEqual(await cards(page), { stubs: 0, built: stubs.length, shown: stubs.length });
      assert.equal(await page.locator('dialog.history').count(), 1, 'a built card has its History button alone: only the chart opened is drawn');
      assert.deepEqual(watched.errors, []);
      assert.deepEqual(watched.requests, []);
    } finally {
      await page.close();
    }
  });
});
