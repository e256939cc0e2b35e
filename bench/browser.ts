/**
 * The scorecard page in Chromium (issue 18): the HTML file's load, size in
 * elements, a status filter and a history chart; and the preview's repaint
 * after an update that changes one KPI. Each page is served on loopback
 * (nothing else is reachable), with Debian's Chromium as the browser tests
 * use it. bench/bench.ts calls browserFigures.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { previewHtml } from '../client/src/preview/webview-html';
import type { Scorecard, ScorecardKpi } from '../server/src/core/scorecard';
import type { ScorecardResult } from '../server/src/lsp/protocol';
import { launchChromium } from '../test/browser/chromium';

const REPO = path.resolve(__dirname, '..', '..');

export interface BrowserFigures {
  /** The HTML file: bytes, its load event (from navigation start), and its elements once loaded. */
  readonly fileBytes: number;
  readonly loadMs: number;
  readonly elements: number;
  /** A status filter button clicked until the next frame is painted (median). */
  readonly filterMs: number;
  /** A history chart button clicked until its dialog is painted (median). */
  readonly chartMs: number;
  /** The preview: an update with one KPI changed, from the message to the next frame painted (median); undefined without a preview scorecard. */
  readonly previewRepaintMs?: number;
}

type Pages = Record<string, { type: string; body: string | Buffer }>;

/** Serves the pages on loopback; anything else is a 404. */
async function serve(pages: Pages): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const page = pages[request.url ?? ''];
    if (page) response.writeHead(200, { 'content-type': page.type }).end(page.body);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
}

/** Clicks what `selector` finds in the page (the n-th) and measures until two animation frames later, i.e. the frame after the click painted. */
async function clickToPaint(page: Page, selector: string, n = 0): Promise<number> {
  // A string: the tests' tsconfig has no DOM types, and the page's CSP does not apply to what the browser is told to run.
  return page.evaluate<number>(`new Promise((resolve) => {
    const target = document.querySelectorAll(${JSON.stringify(selector)})[${n}];
    const started = performance.now();
    target.click();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
  })`);
}

async function fileFigures(browser: Browser, htmlFile: string): Promise<Omit<BrowserFigures, 'previewRepaintMs'>> {
  const html = fs.readFileSync(htmlFile);
  const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: html } });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${site.origin}/`, { waitUntil: 'load', timeout: 120_000 });
    const loadMs = await page.evaluate<number>("performance.getEntriesByType('navigation')[0].loadEventStart");
    const elements = await page.evaluate<number>("document.getElementsByTagName('*').length");
    // What a reader does first: wait for the page to settle, then filter, and back.
    await page.waitForTimeout(1000);
    const filters: number[] = [];
    // The first status the scorecard has, then All again (the workspaces differ in which statuses they have).
    for (let n = 0; n < 6; n++) filters.push(await clickToPaint(page, 'button[data-filter-status]', n % 2 === 0 ? 1 : 0));
    const charts: number[] = [];
    for (let n = 0; n < 5; n++) {
      charts.push(await clickToPaint(page, 'button.history-button', n));
      await page.keyboard.press('Escape');
    }
    return { fileBytes: html.length, loadMs: Math.round(loadMs), elements, filterMs: median(filters), chartMs: median(charts) };
  } finally {
    await page.close();
    await site.close();
  }
}

/** The scorecard with one KPI's latest value and reason changed, as a keystroke in its file would. */
function withOneChange(scorecard: Scorecard, n: number): Scorecard {
  const kpis = scorecard.kpis.map((kpi, i): ScorecardKpi => {
    if (i !== Math.floor(scorecard.kpis.length / 2) || !kpi.latest) return kpi;
    return { ...kpi, latest: { ...kpi.latest, value: kpi.latest.value + n }, reason: `${kpi.reason} (${n})` };
  });
  return { ...scorecard, kpis };
}

function resultOf(scorecard: Scorecard): ScorecardResult {
  return { scorecard, root: '/bench', uris: {}, errors: 0, warnings: 0, csvRead: true, locale: 'en' };
}

async function previewFigure(browser: Browser, scorecard: Scorecard): Promise<number> {
  const pages: Pages = { '/preview.js': { type: 'text/javascript', body: fs.readFileSync(path.join(REPO, 'dist/media/preview.js')) } };
  const site = await serve(pages);
  pages['/'] = {
    type: 'text/html; charset=utf-8',
    body: previewHtml(resultOf(scorecard), { nonce: 'YmVuY2g', cspSource: site.origin, scriptUri: `${site.origin}/preview.js` }),
  };
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript('window.acquireVsCodeApi = () => ({ postMessage: () => undefined, setState: () => undefined, getState: () => undefined });');
  try {
    await page.goto(`${site.origin}/`, { waitUntil: 'load', timeout: 120_000 });
    const state = { uri: 'file:///bench/a.kpi.yaml', locked: false };
    /** Posts an update as VS Code delivers one (a message event on the window) and measures until the frame after the preview's handler painted. */
    const update = (result: ScorecardResult) =>
      page.evaluate<number>(`new Promise((resolve) => {
        const started = performance.now();
        // Listeners run in the order added: this one after the preview's own.
        window.addEventListener('message', () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started))), { once: true });
        window.postMessage(${JSON.stringify({ type: 'update', result, state })}, '*');
      })`);
    // The first update puts the pieces in place; the keystrokes follow.
    await update(resultOf(scorecard));
    const times: number[] = [];
    for (let n = 1; n <= 7; n++) times.push(await update(resultOf(withOneChange(scorecard, n))));
    return median(times);
  } finally {
    await page.close();
    await site.close();
  }
}

/**
 * The figures of an HTML scorecard file (`kpi status --format html`), and of
 * the preview fed `previewScorecard` (e.g. `kpi status --format json` of a
 * 1,000-KPI workspace) and then that scorecard with one KPI changed.
 */
export async function browserFigures(htmlFile: string, previewScorecard?: Scorecard): Promise<BrowserFigures> {
  const browser = await launchChromium();
  try {
    const file = await fileFigures(browser, htmlFile);
    const previewRepaintMs = previewScorecard ? await previewFigure(browser, previewScorecard) : undefined;
    return { ...file, previewRepaintMs };
  } finally {
    await browser.close();
  }
}

/** `node out/bench/browser.js FILE.html [SCORECARD.json]`: the figures as JSON. */
if (require.main === module) {
  const [htmlFile, json] = process.argv.slice(2);
  const scorecard = json ? (JSON.parse(fs.readFileSync(json, 'utf8')) as Scorecard) : undefined;
  void browserFigures(htmlFile, scorecard).then((figures) => console.log(JSON.stringify(figures)));
}
