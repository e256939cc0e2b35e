import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { previewHtml } from '../../client/src/preview/webview-html';
import { lintPaths } from '../../server/src/cli/workspace';
import { buildScorecard } from '../../server/src/core/scorecard';
import type { ScorecardResult } from '../../server/src/lsp/protocol';
import { REPO } from '../helpers';
import { launchChromium, provideChromium } from './chromium';
import { open, serve, type Watched } from './inert';
import type { DomElement } from '../dom';

const ARTIFACTS = path.join(REPO, 'test-artifacts');

/** Writes the HTML scorecard of a folder with `kpi status --format html`. */
function renderScorecard(cwd: string, locale = 'en'): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-table-')), 'scorecard.html');
  const result = spawnSync(
    process.execPath,
    [path.join(REPO, 'bin/kpi.js'), 'status', '--format', 'html', '--as-of', '2026-11-27', '--locale', locale, '-o', out],
    { cwd, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  return fs.readFileSync(out, 'utf8');
}

/**
 * A scorecard of 30 KPIs under 6 goals, each with two years of monthly
 * history, a plan and a target, so that every column has a comparison: the
 * size the table view must show on one 1366×768 screen.
 */
function thirtyKpis(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-thirty-'));
  const lines = ['kpi: 1', 'title: Thirty KPIs', 'goals:'];
  for (let g = 0; g < 6; g++) lines.push(`  - id: goal-${g}`, `    title: Goal number ${g + 1} of the company, with a long title to show`, '    owner: Anna');
  lines.push('kpis:');
  for (let k = 0; k < 30; k++) {
    const months = Array.from({ length: 22 }, (_, m) => {
      const month = new Date(Date.UTC(2025, m, 1)).toISOString().slice(0, 7);
      return `      - { date: ${month}, value: ${(50 + ((k * 7 + m * 3) % 23) + m / 2).toFixed(1)} }`;
    });
    lines.push(
      `  - id: kpi-${String(k).padStart(2, '0')}`,
      `    name: Key performance indicator number ${k + 1}`,
      `    category: ${['financial', 'operational', 'customer', 'hr'][k % 4]}`,
      `    goals: [goal-${k % 6}]`,
      '    owner: Anna',
      '    rationale: Decides the plan.',
      `    unit: "${k % 3 === 0 ? '%' : 'MSEK'}"`,
      `    direction: ${k % 5 === 0 ? 'decrease' : 'increase'}`,
      '    frequency: monthly',
      `    aggregation: ${k % 3 === 0 ? 'average' : 'sum'}`,
      '    baseline: { value: 50, date: 2025-12 }',
      `    target: { value: ${k % 5 === 0 ? 45 : 60 + (k % 9) * 3}, date: 2026-12 }`,
      `    thresholds: { atRisk: ${k % 5 === 0 ? 65 : 58}, offTrack: ${k % 5 === 0 ? 75 : 54} }`,
      '    source: Ledger',
      '    plan:',
      '      - { date: 2026-01, value: 55 }',
      '      - { date: 2026-12, value: 70 }',
      '    measurements:',
      ...months,
    );
  }
  fs.writeFileSync(path.join(dir, 'thirty.kpi.yaml'), `${lines.join('\n')}\n`);
  return dir;
}

/** The rows of the table as shown: each goal group's KPI ids and statuses, in order. */
function shownRows(page: Page): Promise<{ goal: string; rows: { kpi: string; status: string }[] }[]> {
  type Body = DomElement & { querySelectorAll(selector: string): Iterable<DomElement> };
  return page.locator('.tv tbody:visible').evaluateAll((bodies: Body[]) =>
    bodies.map((body) => ({
      goal: body.getAttribute('data-goal') ?? '',
      // The filters hide rows by the style (report/filters.ts): a row shown is one with a box.
      rows: Array.from(body.querySelectorAll('tr.tv-kpi'))
        .filter((row) => row.getClientRects().length > 0)
        .map((row) => ({
          kpi: row.getAttribute('data-kpi') ?? '',
          status: row.getAttribute('data-status') ?? '',
        })),
    })),
  );
}

/** Each page of a PDF as A4 portrait, A4 landscape or its size in points (A4 is 595.3 × 841.9 pt; Chromium rounds to its pixels). */
function pageSizes(pdf: string): string[] {
  const near = (a: number, b: number) => Math.abs(a - b) < 2;
  return [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(([, w, h]) => {
    const [width, height] = [Number(w), Number(h)];
    if (near(width, 595.3) && near(height, 841.9)) return 'A4 portrait';
    if (near(width, 841.9) && near(height, 595.3)) return 'A4 landscape';
    return `${width} × ${height}`;
  });
}

/** The text of each cell of a KPI's row, as written (the status badge is upper-case by CSS only). */
function cellTexts(page: Page, kpi: string): Promise<string[]> {
  return page
    .locator(`tr.tv-kpi[data-kpi="${kpi}"] > *`)
    .evaluateAll((cells: DomElement[]) => cells.map((c) => ((c as unknown as { textContent: string }).textContent ?? '').replace(/[ \n]+/g, ' ').trim()));
}

async function visit(browser: Browser, html: string, viewport = { width: 1366, height: 768 }): Promise<Watched & { close: () => Promise<void> }> {
  const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: html } });
  const watched = await open(browser, site.origin, ['/']);
  await watched.page.setViewportSize(viewport);
  return {
    ...watched,
    close: async () => {
      await watched.page.close();
      await site.close();
      assert.deepEqual(site.stray, []);
    },
  };
}

describe('the table view of the HTML scorecard in Chromium', () => {
  let browser: Browser | undefined;
  let thirty = '';

  before(async (t) => {
    if (provideChromium(t as never)) browser = await launchChromium();
    thirty = renderScorecard(thirtyKpis());
  });
  after(async () => browser?.close());

  it('switches to the table and back; the cells read as the words of every view', async (t) => {
    if (!browser) return t.skip('no browser');
    const v = await visit(browser, renderScorecard(path.join(REPO, 'samples')));
    try {
      const { page } = v;
      assert.equal(await page.locator('#table-view').isVisible(), false, 'the cards first');
      assert.equal(await page.getAttribute('button[data-view="cards"]', 'aria-pressed'), 'true');
      await page.click('button[data-view="table"]');
      assert.equal(await page.locator('#table-view').isVisible(), true);
      assert.equal(await page.locator('#scorecard').isVisible(), false);
      assert.equal(await page.getAttribute('button[data-view="table"]', 'aria-pressed'), 'true');
      assert.deepEqual(await page.locator('.tv thead th').allInnerTexts(), [
        'KPI',
        'Latest',
        'vs previous',
        'vs last year',
        'YTD',
        'vs plan',
        'Target',
        'Status',
        'Why',
      ]);
      const margin = await cellTexts(page, 'gross-margin');
      assert.deepEqual(margin, [
        'Gross margin',
        '46.1 %',
        '▲ +0.2 pp better',
        '▲ +0.7 pp better',
        '45.77 % ▲ +1 pp better',
        '▼ -1.43 pp worse',
        '48 % by 2026-12',
        'at risk',
        'Below the at-risk threshold 46.5',
      ]);
      assert.equal(await page.getAttribute('tr.tv-kpi[data-kpi="gross-margin"] > td:nth-child(5)', 'title'), 'YTD 45.77 %, +1 pp vs last year');
      // The filters apply to the rows as to the cards.
      await page.click('button[data-filter-status="at-risk"]');
      assert.deepEqual(await shownRows(page), [
        { goal: 'grow-web-shop', rows: [{ kpi: 'web-sales', status: 'at-risk' }] },
        { goal: 'healthy-margins', rows: [{ kpi: 'gross-margin', status: 'at-risk' }] },
        { goal: 'loved-by-customers', rows: [{ kpi: 'brand-awareness', status: 'at-risk' }] },
        { goal: 'repeat-customers', rows: [{ kpi: 'repeat-purchase-rate', status: 'at-risk' }] },
      ]);
      await page.click('button[data-filter-status=""]');
      // Remembered in the file's localStorage: a reload shows the table.
      await page.reload();
      assert.equal(await page.locator('#table-view').isVisible(), true, 'the table after a reload');
      await page.click('button[data-view="cards"]');
      assert.equal(await page.locator('#scorecard').isVisible(), true);
      assert.equal(await page.locator('#table-view').isVisible(), false);
      assert.deepEqual(v.errors, []);
      assert.deepEqual(v.requests, []);
      assert.deepEqual(v.dialogs, []);
    } finally {
      await v.close();
    }
  });

  it('sorts by status within each goal, with the keyboard, worst first and back', async (t) => {
    if (!browser) return t.skip('no browser');
    const v = await visit(browser, thirty);
    try {
      const { page } = v;
      await page.click('button[data-view="table"]');
      const statusHeader = page.locator('.tv thead th', { has: page.locator('button', { hasText: 'Status' }) });
      assert.equal(await statusHeader.getAttribute('aria-sort'), null);
      const before = await shownRows(page);
      await page.locator('button[data-sort-column="7"]').focus();
      await page.keyboard.press('Enter');
      assert.equal(await statusHeader.getAttribute('aria-sort'), 'ascending');
      const order = ['off-track', 'invalid', 'at-risk', 'on-track', 'achieved', 'no-data', 'no-target', 'unmeasured'];
      const sorted = await shownRows(page);
      assert.deepEqual(
        sorted.map((g) => g.goal),
        before.map((g) => g.goal),
        'the goal groups stay in place',
      );
      for (const [i, group] of sorted.entries()) {
        const statuses = group.rows.map((r) => r.status);
        assert.deepEqual(
          statuses,
          [...statuses].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
          `${group.goal}: worst first`,
        );
        assert.deepEqual(group.rows.map((r) => r.kpi).sort(), before[i].rows.map((r) => r.kpi).sort(), `${group.goal}: the same KPIs`);
      }
      assert.ok(new Set(sorted.flatMap((g) => g.rows.map((r) => r.status))).size >= 3, 'a mix of statuses to sort');
      assert.notDeepEqual(sorted, before, 'the sort moved rows');
      await page.keyboard.press('Space');
      assert.equal(await statusHeader.getAttribute('aria-sort'), 'descending');
      for (const group of await shownRows(page)) {
        const statuses = group.rows.map((r) => r.status);
        assert.deepEqual(
          statuses,
          [...statuses].sort((a, b) => order.indexOf(b) - order.indexOf(a)),
          `${group.goal}: best first`,
        );
      }
      // Another column: only its header says how the table is sorted.
      await page.click('button[data-sort-column="0"]');
      assert.equal(await statusHeader.getAttribute('aria-sort'), null);
      assert.equal(await page.locator('.tv thead th[aria-sort]').count(), 1);
      assert.deepEqual(v.errors, []);
    } finally {
      await v.close();
    }
  });

  it('shows 30 KPIs with their goals on one 1366×768 screen, and prints the table on A4 landscape', async (t) => {
    if (!browser) return t.skip('no browser');
    const v = await visit(browser, thirty);
    try {
      const { page } = v;
      await page.click('button[data-view="table"]');
      assert.equal(await page.locator('tr.tv-kpi').count(), 30);
      await page.locator('#table-view').evaluate((e: DomElement) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
      const box = (await page.locator('.tv').boundingBox())!;
      assert.ok(box.height <= 768, `the table is ${box.height} px high`);
      assert.ok(box.y >= 0 && box.y + box.height <= 768, `the whole table is on the screen: ${box.y}–${box.y + box.height}`);
      assert.equal(await page.evaluate<number>('document.documentElement.scrollWidth'), 1366, 'no horizontal scroll');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'scorecard-table.png') });

      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('#table-view').isVisible(), true, 'the table prints');
      assert.equal(await page.locator('#scorecard').isVisible(), false, 'not the cards');
      assert.equal(await page.locator('.view-toggle').isVisible(), false, 'no buttons on paper');
      const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
      const boxes = pageSizes(pdf);
      assert.ok(boxes.length >= 1, 'pages in the PDF');
      assert.deepEqual(new Set(boxes), new Set(['A4 landscape']));
      await page.emulateMedia({ media: 'screen' });

      // The cards view prints as before: portrait, the page size of the printer.
      await page.click('button[data-view="cards"]');
      const cards = (await page.pdf({ preferCSSPageSize: true, format: 'A4' })).toString('latin1');
      assert.deepEqual(new Set(pageSizes(cards)), new Set(['A4 portrait']));
      assert.deepEqual(v.errors, []);
    } finally {
      await v.close();
    }
  });

  it('speaks Swedish in the table: headers, verdicts and numbers', async (t) => {
    if (!browser) return t.skip('no browser');
    const v = await visit(browser, renderScorecard(path.join(REPO, 'samples'), 'sv'));
    try {
      const { page } = v;
      await page.click('button[data-view="table"]');
      assert.equal(await page.locator('button[data-view="table"]').innerText(), 'Tabell');
      assert.deepEqual(await page.locator('.tv thead th').allInnerTexts(), [
        'KPI',
        'Utfall',
        'Mot föreg.',
        'Mot i fjol',
        'Ack.',
        'Mot plan',
        'Målvärde',
        'Status',
        'Varför',
      ]);
      // Intl puts a no-break space between the number and %.
      assert.deepEqual((await cellTexts(page, 'gross-margin')).slice(0, 8), [
        'Gross margin',
        '46,1\u00a0%',
        '▲ +0,2 p.e. bättre',
        '▲ +0,7 p.e. bättre',
        '45,77\u00a0% ▲ +1 p.e. bättre',
        '▼ −1,43 p.e. sämre',
        '48\u00a0% till 2026-12',
        'risk',
      ]);
      assert.deepEqual(v.errors, []);
    } finally {
      await v.close();
    }
  });

  it('the preview opens in the view its webview state names: a reload of the window keeps the table', async (t) => {
    if (!browser) return t.skip('no browser');
    const linted = lintPaths({ paths: [], cwd: path.join(REPO, 'samples'), asOf: '2026-11-27' });
    const scorecard = buildScorecard(linted.result.workspace, (file) => path.relative(path.join(REPO, 'samples'), file));
    const result: ScorecardResult = { scorecard, root: '/ws', uris: {}, errors: 0, warnings: 0, csvRead: true, locale: 'en' };
    const script = fs.readFileSync(path.join(REPO, 'dist/media/preview.js'), 'utf8');
    const pages: Record<string, { type: string; body: string }> = { '/preview.js': { type: 'text/javascript', body: script } };
    const site = await serve(pages);
    pages['/'] = {
      type: 'text/html; charset=utf-8',
      body: previewHtml(result, { nonce: 'dGFibGU', cspSource: site.origin, scriptUri: `${site.origin}/preview.js` }),
    };
    const state = { uri: 'file:///ws/sales.kpi.yaml', locked: true };
    try {
      for (const [saved, view] of [
        [undefined, 'cards'],
        [{ ...state, view: 'table' }, 'table'],
        [{ ...state, view: 'cards' }, 'cards'],
        [{ ...state, view: '<script>' }, 'cards'],
      ] as const) {
        // VS Code's webview API as after a reload: getState gives what the webview last kept.
        const api = `window.__states = []; window.acquireVsCodeApi = () => ({ postMessage: () => {}, setState: (s) => window.__states.push(s), getState: () => (${JSON.stringify(saved ?? null)}) ?? undefined });`;
        const watched = await open(browser, site.origin, ['/', '/preview.js'], api);
        try {
          const { page } = watched;
          assert.equal(await page.locator('#table-view').isVisible(), view === 'table', `${JSON.stringify(saved)}: ${view}`);
          assert.equal(await page.locator('#scorecard').isVisible(), view === 'cards');
          assert.equal(await page.getAttribute(`button[data-view="${view}"]`, 'aria-pressed'), 'true');
          // Switching keeps the state the extension gave, with the new view.
          await page.click(`button[data-view="${view === 'table' ? 'cards' : 'table'}"]`);
          const kept = await page.evaluate<unknown[]>('window.__states');
          assert.deepEqual(kept, saved ? [{ ...state, view: view === 'table' ? 'cards' : 'table' }] : [], 'no state before the extension gave one');
          // The preview does not use the file's localStorage.
          assert.equal(await page.evaluate<number>('window.localStorage.length'), 0);
          assert.deepEqual(watched.errors, []);
          assert.deepEqual(watched.requests, []);
        } finally {
          await watched.page.close();
        }
      }
    } finally {
      await site.close();
    }
  });
});
