import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { previewHtml, UNTRUSTED_NOTICE } from '../../client/src/preview/webview-html';
import { ScorecardRequest, type ScorecardResult } from '../../server/src/lsp/protocol';
import { renderScorecardHtml } from '../../server/src/report/html';
import { REPO } from '../helpers';
import { FILE_NAME_GOAL, HOSTILE_FILE_NAME, PAYLOADS, shown, writeHostileWorkspace } from '../hostile-content';
import { TestClient, uriOf } from '../lsp/client';
import { SETTINGS } from '../lsp/fixture';
import { launchChromium, provideChromium } from './chromium';

const ARTIFACTS = path.join(REPO, 'test-artifacts');

/** Serves the given paths on loopback; a request for anything else is recorded and refused. */
async function serve(files: Record<string, { type: string; body: string }>): Promise<{ origin: string; stray: string[]; close: () => Promise<void> }> {
  const stray: string[] = [];
  const server = http.createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (file) {
      response.writeHead(200, { 'content-type': file.type }).end(file.body);
    } else {
      stray.push(request.url ?? '');
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, stray, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What a page did that it must not: dialogs (alert), requests beyond its own files, errors. */
interface Watched {
  page: Page;
  dialogs: string[];
  requests: string[];
  errors: string[];
}

/**
 * Opens `origin/` with every request recorded: those for `allowed` paths go
 * through, every other one is recorded and aborted. Dialogs are recorded and
 * dismissed. `init` runs before the page's own scripts.
 */
async function open(browser: Browser, origin: string, allowed: string[], init?: string): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watched: Watched = { page, dialogs: [], requests: [], errors: [] };
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => message.type() === 'error' && watched.errors.push(message.text()));
  page.on('pageerror', (error) => watched.errors.push(error.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((p) => url === `${origin}${p}`)) return route.continue();
    watched.requests.push(url);
    return route.abort();
  });
  if (init) await page.addInitScript(init);
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  return watched;
}

/** Two animation frames: whatever the last change set off (layout, image loads, handlers) has started. */
const frames = (page: Page) => page.evaluate<void>('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))');

/** Moves the mouse over, focuses and clicks every goal and KPI, so any handler an attribute could have set would fire. */
async function touchEverything(page: Page): Promise<void> {
  for (const selector of ['article.kpi', 'section.goal > .goal-title']) {
    const items = page.locator(selector);
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      await items.nth(i).hover();
      await items.nth(i).focus().catch(() => undefined);
    }
  }
  await frames(page);
}

/**
 * Every element and attribute of the page outside what the renderer writes:
 * no link, image, media, frame, form, base or extra style or script; no event
 * handler, URL or inline style attribute.
 */
async function foreignMarkup(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const tags = new Set(['html', 'head', 'meta', 'title', 'style', 'script', 'body', 'div', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'li', 'span', 'nav', 'button', 'main', 'section', 'article', 'svg', 'polyline', 'line', 'rect']);
    const attributes = /^(class|id|lang|charset|name|content|http-equiv|nonce|role|type|tabindex|hidden|title|viewbox|preserveaspectratio|x1|x2|y1|y2|points|width|height|rx|data-[a-z-]+|aria-[a-z-]+)$/;
    const found = [];
    for (const element of document.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      if (!tags.has(tag)) found.push('<' + tag + '>');
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (!attributes.test(name) && !(tag === 'script' && name === 'src')) found.push('<' + tag + ' ' + name + '>');
        if (name === 'http-equiv' && attribute.value !== 'Content-Security-Policy') found.push('<' + tag + ' http-equiv=' + attribute.value + '>');
      }
    }
    return found;
  })()`);
}

/** What the reader sees of each hostile goal and KPI: the texts the renderer puts into the cards. */
async function shownTexts(page: Page): Promise<{ kpis: Record<string, string[]>; goals: Record<string, string[]> }> {
  return page.evaluate(`(() => {
    const text = (element) => (element ? element.textContent : '').replace(/\\s+/g, ' ').trim();
    const kpis = {};
    for (const card of document.querySelectorAll('article.kpi')) {
      kpis[card.dataset.kpi] = [text(card.querySelector('h3')), text(card.querySelector('.meta')), text(card.querySelector('.latest .value')), text(card.querySelector('.target'))];
    }
    const goals = {};
    for (const section of document.querySelectorAll('section.goal')) {
      goals[section.dataset.goal] = [text(section.querySelector(':scope > .goal-title')), text(section.querySelector(':scope > .meta'))];
    }
    return { kpis, goals };
  })()`);
}

/** The card texts every hostile KPI and goal must show: the payload as text, on one line, with control and bidi characters visible. */
function expectedTexts(): { kpis: Record<string, string[]>; goals: Record<string, string[]> } {
  const kpis: Record<string, string[]> = {};
  const goals: Record<string, string[]> = { [FILE_NAME_GOAL]: ['unmeasured Named by its file', ''] };
  PAYLOADS.forEach((p, i) => {
    const s = shown(p).replace(/\s+/g, ' ').trim();
    kpis[p] = [s, `${s} · ${s}`, `5 ${s}`.trim(), `Target: 10 ${s}${i % 2 === 0 ? ' by 2026-12' : ''}`.replace(/\s+/g, ' ').trim()];
    goals[p] = [`off track ${s}`.trim(), s];
  });
  return { kpis, goals };
}

/** Asserts the page shows every hostile text as text, and nothing ran or was fetched. */
async function assertInert(watched: Watched, scripts: number, what: string): Promise<void> {
  const { page } = watched;
  await touchEverything(page);
  assert.deepEqual(watched.dialogs, [], `${what}: no script ran`);
  assert.deepEqual(watched.requests, [], `${what}: nothing fetched`);
  assert.deepEqual(watched.errors, [], `${what}: no error (a CSP violation is one)`);
  assert.deepEqual(await foreignMarkup(page), [], `${what}: only the renderer's own markup`);
  assert.equal(await page.locator('script').count(), scripts, `${what}: only the scorecard's own scripts`);
  assert.equal(await page.locator('style').count(), 1, `${what}: only the scorecard's own style`);
  assert.deepEqual(await shownTexts(page), expectedTexts(), `${what}: KPI text shown as text`);
}

describe('hostile KPI text in Chromium: the exported HTML and the preview', () => {
  let browser: Browser | undefined;
  let workspace = '';
  let result: ScorecardResult;

  before(async (t) => {
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-hostile-browser-')));
    writeHostileWorkspace(workspace);
    // The model the extension gets from the language server (the built binary) and posts to the preview.
    const client = TestClient.spawned();
    await client.initialize(workspace, { settings: SETTINGS });
    const any = uriOf(path.join(workspace, 'p00.kpi.yaml'));
    await client.diagnosticsOf(any);
    result = (await client.connection.sendRequest(ScorecardRequest.type, { uri: any }))!;
    await client.shutdown();
    if (provideChromium(t as never)) browser = await launchChromium();
  });
  after(async () => browser?.close());

  it('kpi status --format html: every string field shown as text; nothing runs, nothing is fetched, also without the CSP', async (t) => {
    if (!browser) return t.skip('KPI_SKIP_E2E=1');
    const out = path.join(workspace, 'out', 'scorecard.html');
    const cli = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'status', '--format', 'html', '--as-of', '2026-11-27', '-o', out], { cwd: workspace, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const html = fs.readFileSync(out, 'utf8');
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    assert.notEqual(withoutCsp, html);
    for (const [what, page] of [['with its CSP', html], ['without its CSP (escaping alone)', withoutCsp]] as const) {
      const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: page } });
      const watched = await open(browser, site.origin, ['/']);
      try {
        await assertInert(watched, 1, `exported HTML ${what}`);
        assert.equal(await watched.page.title(), 'KPI scorecard — as of 2026-11-27');
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        if (what === 'with its CSP') await watched.page.screenshot({ path: path.join(ARTIFACTS, 'hostile-scorecard.png'), fullPage: true });
        assert.deepEqual(site.stray, []);
      } finally {
        await watched.page.close();
        await site.close();
      }
    }
  });

  it("the editor's export (the language server's model, rendered by the extension's call): the same", async (t) => {
    if (!browser) return t.skip('KPI_SKIP_E2E=1');
    const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: renderScorecardHtml(result.scorecard, { nonce: 'bm9uY2U', title: 'KPI scorecard' }) } });
    const watched = await open(browser, site.origin, ['/']);
    try {
      await assertInert(watched, 1, 'exported HTML from the editor');
    } finally {
      await watched.page.close();
      await site.close();
    }
  });

  it('the preview webview: first render, re-render on update, highlight, click-to-source and the untrusted notice; nothing runs', async (t) => {
    if (!browser) return t.skip('KPI_SKIP_E2E=1');
    const script = fs.readFileSync(path.join(REPO, 'dist/media/preview.js'), 'utf8');
    const pages: Record<string, { type: string; body: string }> = { '/preview.js': { type: 'text/javascript', body: script } };
    const site = await serve(pages);
    const { origin } = site;
    // The page exactly as the extension builds it, with the webview's CSP source and script URI.
    pages['/'] = { type: 'text/html; charset=utf-8', body: previewHtml(result, { nonce: 'cHJldmlldw', cspSource: origin, scriptUri: `${origin}/preview.js` }) };
    // VS Code's webview API, as the host page injects it: what the preview posts and keeps is recorded.
    const vscodeApi = `window.__posted = []; window.__states = [];
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), setState: (s) => window.__states.push(s), getState: () => undefined });`;
    const watched = await open(browser, origin, ['/', '/preview.js'], vscodeApi);
    const { page } = watched;
    const posted = () => page.evaluate<unknown[]>('window.__posted');
    const post = async (message: unknown) => {
      const before = await page.evaluate<number>('window.__states.length');
      // As VS Code delivers the extension's postMessage to the webview: a message event on its window.
      await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
      if ((message as { type: string }).type === 'update') await page.waitForFunction(`window.__states.length > ${before}`);
      await frames(page);
    };
    try {
      assert.deepEqual(await posted(), [{ type: 'ready' }]);
      await assertInert(watched, 2, 'preview, first render');

      // The extension posts the model again on every change: the script re-renders with innerHTML.
      const state = { uri: uriOf(path.join(workspace, 'p00.kpi.yaml')), locked: false };
      await post({ type: 'update', result, state });
      await assertInert(watched, 2, 'preview, after an update');
      assert.deepEqual(await page.evaluate<unknown[]>('window.__states'), [state]);

      // The KPI under the cursor, found by its (hostile) id.
      for (const id of [PAYLOADS[8]!, PAYLOADS[21]!]) {
        await post({ type: 'highlight', kpi: id });
        assert.deepEqual(await page.locator('article.kpi.highlight').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-kpi'))), [id]);
      }

      // A click reports the file and line as written, for the extension to check against its own list.
      await page.locator('article.kpi').first().locator('h3').click();
      await page.locator('section.goal', { has: page.locator('.goal-title', { hasText: 'Named by its file' }) }).locator('.goal-title').click();
      const reveals = (await posted()).slice(1);
      const first = result.scorecard.kpis.find((k) => k.id === PAYLOADS[0])!;
      assert.deepEqual(reveals, [
        { type: 'reveal', file: first.file, line: first.line },
        { type: 'reveal', file: HOSTILE_FILE_NAME, line: 3 },
      ]);

      // In an untrusted workspace the server reads no CSV and the preview says so.
      await post({ type: 'update', result: { ...result, csvRead: false }, state });
      assert.equal(await page.locator('p.notice').textContent(), UNTRUSTED_NOTICE);
      await assertInert(watched, 2, 'preview, untrusted');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'hostile-preview.png') });
    } finally {
      await page.close();
      await site.close();
    }
  });
});
