import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { previewHtml, UNTRUSTED_NOTICE } from '../../client/src/preview/webview-html';
import { ScorecardRequest, type ScorecardResult } from '../../server/src/lsp/protocol';
import { renderScorecardHtml } from '../../server/src/report/html';
import { REPO } from '../helpers';
import { HOSTILE_FILE_NAME, HOSTILE_TITLE, PAYLOADS, shown, writeHostileWorkspace } from '../hostile-content';
import { TestClient, uriOf } from '../lsp/client';
import { SETTINGS } from '../lsp/fixture';
import { launchChromium, provideChromium } from './chromium';
import { assertInert, assertTableInert, frames, open, serve } from './inert';
import type { DomElement } from '../dom';

const ARTIFACTS = path.join(REPO, 'test-artifacts');

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
    const cli = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'status', '--format', 'html', '--as-of', '2026-11-27', '-o', out], {
      cwd: workspace,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 0, cli.stderr);
    const html = fs.readFileSync(out, 'utf8');
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    assert.notEqual(withoutCsp, html);
    for (const [what, page] of [
      ['with its CSP', html],
      ['without its CSP (escaping alone)', withoutCsp],
    ] as const) {
      const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: page } });
      const watched = await open(browser, site.origin, ['/']);
      try {
        await assertInert(watched, 1, `exported HTML ${what}`);
        await assertTableInert(watched, `exported HTML ${what}, table view`);
        assert.equal(await watched.page.title(), `${shown(HOSTILE_TITLE)} — as of 2026-11-27`);
        assert.equal(await watched.page.locator('h1').textContent(), shown(HOSTILE_TITLE));
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
    const site = await serve({
      '/': { type: 'text/html; charset=utf-8', body: renderScorecardHtml(result.scorecard, { nonce: 'bm9uY2U' }) },
    });
    const watched = await open(browser, site.origin, ['/']);
    try {
      await assertInert(watched, 1, 'exported HTML from the editor');
      await assertTableInert(watched, 'exported HTML from the editor, table view');
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
      // Polled from here: page.waitForFunction evaluates its predicate with eval inside the page, which the page's CSP forbids.
      if ((message as { type: string }).type === 'update') {
        const deadline = Date.now() + 10_000;
        while (!(await page.evaluate<boolean>(`window.__states.length > ${before}`))) {
          if (Date.now() > deadline) throw new Error('the preview did not re-render after the update');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await frames(page);
    };
    try {
      assert.deepEqual(await posted(), [{ type: 'ready' }]);
      await assertInert(watched, 2, 'preview, first render');

      // The extension posts the model again on every change: the script re-renders with innerHTML.
      const state = { uri: uriOf(path.join(workspace, 'p00.kpi.yaml')), locked: false };
      await post({ type: 'update', result, state });
      await assertInert(watched, 2, 'preview, after an update');
      // The webview keeps the extension's state with the view the page shows.
      assert.deepEqual(await page.evaluate<unknown[]>('window.__states'), [{ ...state, view: 'cards' }]);

      // The table view: shown, sorted and kept in the webview state; an update re-renders it as the table, still sorted.
      await assertTableInert(watched, 'preview, table view');
      await page.click('button[data-view="table"]');
      await page.click('button[data-sort-column="0"]');
      assert.deepEqual((await page.evaluate<unknown[]>('window.__states')).slice(-1), [{ ...state, view: 'table' }]);
      await post({ type: 'update', result, state });
      assert.equal(await page.locator('#table-view').isVisible(), true, 'still the table after an update');
      assert.equal(await page.getAttribute('.tv thead th:first-child', 'aria-sort'), 'ascending', 'still sorted after an update');
      assert.deepEqual((await page.evaluate<unknown[]>('window.__states')).slice(-1), [{ ...state, view: 'table' }]);
      await assertTableInert(watched, 'preview, table view after an update');

      // The KPI under the cursor, found by its (hostile) id.
      for (const id of [PAYLOADS[8], PAYLOADS[21]]) {
        await post({ type: 'highlight', kpi: id });
        assert.deepEqual(await page.locator('article.kpi.highlight').evaluateAll((cards: DomElement[]) => cards.map((c) => c.getAttribute('data-kpi'))), [id]);
      }

      // A click reports the file and line as written, for the extension to check against its own list.
      await page.locator('article.kpi').first().locator('h3').click();
      await page
        .locator('section.goal', { has: page.locator('.goal-title', { hasText: 'Named by its file' }) })
        .locator('.goal-title')
        .click();
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
