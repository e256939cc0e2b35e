import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { lintPaths } from '../../server/src/cli/workspace';
import { buildScorecard, type Scorecard } from '../../server/src/core/scorecard';
import type { ScorecardResult } from '../../server/src/lsp/protocol';
import { renderScorecardHtml } from '../../server/src/report/html';
import { REPO } from '../helpers';
import { launchChromium, provideChromium } from './chromium';
import { frames, open, serve } from './inert';

const SAMPLES = path.join(REPO, 'samples');

/** The samples' scorecard as `kpi status --as-of 2026-11-27` builds it, in Swedish. */
function swedishSamples(asOf = '2026-11-27'): Scorecard {
  const linted = lintPaths({ paths: [], cwd: SAMPLES, asOf });
  return buildScorecard(linted.result.workspace, (file) => path.relative(SAMPLES, file).split(path.sep).join('/'), 'sv');
}

/** The texts of every element `selector` finds, as the reader sees them (no-break spaces kept). */
const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

describe('the Swedish scorecard in Chromium', () => {
  let browser: Browser | undefined;

  before(async (t) => {
    if (provideChromium(t as never)) browser = await launchChromium();
  });
  after(async () => browser?.close());

  it('kpi status --format html in Swedish: lang, status words, decimal commas and the filters', async (t) => {
    if (!browser) return t.skip('no browser');
    const html = renderScorecardHtml(swedishSamples(), { nonce: 'c3Y', locale: 'sv' });
    const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: html } });
    const watched = await open(browser, site.origin, ['/']);
    const { page } = watched;
    try {
      assert.equal(await page.getAttribute('html', 'lang'), 'sv-SE');
      assert.equal(await page.title(), 'Nordvik Outdoor AB 2026 — per 2026-11-27');
      assert.deepEqual(await page.locator('.counts li').allTextContents(), ['1 ur fas', '4 risk', '7 i fas', '2 uppnått']);
      const margin = page.locator('article[data-kpi="gross-margin"]');
      assert.equal(await margin.locator('.badge').first().textContent(), 'risk');
      assert.equal((await margin.locator('.latest').innerText()).trim(), '46,1\u00a0% för 2026-10');
      assert.equal((await margin.locator('.target').innerText()).trim(), 'Målvärde: 48\u00a0% till 2026-12');
      assert.equal((await margin.locator('.trend').innerText()).trim(), '▲ förbättras');
      assert.equal((await margin.locator('.reason').innerText()).trim(), 'Under risknivån 46,5');
      assert.deepEqual(await texts(page, '.filter-label'), ['Kategori', 'Status']);
      assert.deepEqual(await texts(page, 'button[data-filter-category]'), ['Alla', 'Ekonomi', 'Verksamhet', 'Kund', 'Medarbetare'], 'capitalised by the style');
      assert.deepEqual(await texts(page, 'button[data-filter-status]'), ['Alla', 'Ur fas', 'Risk', 'I fas', 'Uppnått']);
      assert.equal(await page.getAttribute('nav.filters', 'aria-label'), 'Filter');
      // The filters work as in English, and say so in Swedish when nothing matches.
      await page.click('button[data-filter-category="hr"]');
      await page.click('button[data-filter-status="off-track"]');
      assert.equal(await page.locator('article.kpi:visible').count(), 0);
      assert.equal(await page.locator('.no-match').innerText(), 'Ingen KPI matchar filtren.');
      assert.deepEqual(watched.errors, []);
      assert.deepEqual(watched.requests, []);
    } finally {
      await page.close();
      await site.close();
    }
  });

  it('the preview re-renders in the language of its page', async (t) => {
    if (!browser) return t.skip('no browser');
    const script = fs.readFileSync(path.join(REPO, 'dist/media/preview.js'), 'utf8');
    const pages: Record<string, { type: string; body: string }> = { '/preview.js': { type: 'text/javascript', body: script } };
    const site = await serve(pages);
    const { origin } = site;
    const result = (scorecard: Scorecard): ScorecardResult => ({ scorecard, root: SAMPLES, uris: {}, errors: 0, warnings: 0, csvRead: true, locale: 'sv' });
    // The page as the extension renders it, in Swedish: the extension passes the locale; the webview script reads it from the page.
    pages['/'] = {
      type: 'text/html; charset=utf-8',
      body: renderScorecardHtml(swedishSamples(), {
        theme: 'vscode',
        sourceLines: true,
        nonce: 'cHY',
        cspSource: origin,
        scriptUri: `${origin}/preview.js`,
        locale: 'sv',
      }),
    };
    const vscodeApi = `window.__states = [];
      window.acquireVsCodeApi = () => ({ postMessage: () => undefined, setState: (s) => window.__states.push(s), getState: () => undefined });`;
    const watched = await open(browser, origin, ['/', '/preview.js'], vscodeApi);
    const { page } = watched;
    try {
      const state = { uri: 'file:///samples/financial.kpi.yaml', locked: false };
      await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'update', result: result(swedishSamples('2026-11-28')), state })}, '*')`);
      const deadline = Date.now() + 10_000;
      while (!(await page.evaluate<boolean>('window.__states.length > 0'))) {
        if (Date.now() > deadline) throw new Error('the preview did not re-render after the update');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await frames(page);
      assert.equal(await page.locator('header.top p.muted').first().innerText(), 'Per 2026-11-28 · 14 KPI:er · 10 mål', 're-rendered, in Swedish');
      assert.deepEqual(await page.locator('.counts li').allTextContents(), ['1 ur fas', '4 risk', '7 i fas', '2 uppnått']);
      assert.equal((await page.locator('article[data-kpi="gross-margin"] .latest').innerText()).trim(), '46,1\u00a0% för 2026-10');
      assert.deepEqual(await texts(page, '.filter-label'), ['Kategori', 'Status']);
      assert.deepEqual(watched.errors, []);
      assert.deepEqual(watched.requests, []);
    } finally {
      await page.close();
      await site.close();
    }
  });
});
