import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { REPO } from '../helpers';
import { launchChromium, provideChromium } from './chromium';

const ARTIFACTS = path.join(REPO, 'test-artifacts');

/** Writes the HTML scorecard of a folder with `kpi status --format html`. */
function renderScorecard(cwd: string): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-html-')), 'scorecard.html');
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'status', '--format', 'html', '--as-of', '2026-11-27', '-o', out], {
    cwd,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return fs.readFileSync(out, 'utf8');
}

/** Serves one page on loopback; every other request is recorded and refused. */
async function serve(html: string): Promise<{ url: string; stray: string[]; close: () => Promise<void> }> {
  const stray: string[] = [];
  const server = http.createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else {
      stray.push(request.url ?? '');
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, stray, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Visit {
  page: Page;
  errors: string[];
  /** Every request made so far, blocked in the page or reaching the server: read when asserting, not before. */
  readonly requests: string[];
  close: () => Promise<void>;
}

/** Opens a page with every request but the page itself blocked, and console errors collected. */
async function visit(browser: Browser, html: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Visit> {
  const site = await serve(html);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', (route) => {
    if (route.request().url() === site.url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  await page.goto(site.url, { waitUntil: 'load' });
  return {
    page,
    errors,
    get requests() {
      return requests.concat(site.stray);
    },
    close: async () => {
      await page.close();
      await site.close();
    },
  };
}

describe('HTML scorecard in Chromium', () => {
  let browser: Browser | undefined;

  before(async (t) => {
    if (provideChromium(t as never)) browser = await launchChromium();
  });
  after(async () => browser?.close());

  it('shows the samples scorecard with no console error and no request', async (t) => {
    if (!browser) return t.skip('no browser');
    const v = await visit(browser, renderScorecard(path.join(REPO, 'samples')));
    try {
      const { page } = v;
      assert.equal(await page.title(), 'Nordvik Outdoor AB 2026 — as of 2026-11-27');
      assert.deepEqual(await page.locator('.counts li').allTextContents(), ['1 off track', '4 at risk', '7 on track', '2 achieved']);
      const margin = page.locator('article[data-kpi="gross-margin"]');
      assert.equal(await margin.locator('.badge').first().textContent(), 'at risk');
      assert.equal(await margin.locator('h3').textContent(), 'Gross margin');
      assert.equal((await margin.locator('.latest').innerText()).trim(), '46.1 % on 2026-10');
      assert.equal((await margin.locator('.target').innerText()).trim(), 'Target: 48 % by 2026-12');
      assert.equal((await margin.locator('.trend').innerText()).trim(), '▲ improving');
      assert.equal(await margin.locator('svg.spark polyline').count(), 1);
      assert.equal(await margin.locator('svg.spark line.spark-target').count(), 1);
      assert.equal(await page.locator('section[data-goal="healthy-margins"] > .goal-title .badge').textContent(), 'at risk');
      assert.equal(await page.locator('article.kpi').count(), 14);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'scorecard-light.png'), fullPage: true });
      assert.deepEqual(v.errors, []);
      assert.deepEqual(v.requests, []);
    } finally {
      await v.close();
    }
  });

  it('filters by category and status when the buttons are clicked', async (t) => {
    if (!browser) return t.skip('no browser');
    const v = await visit(browser, renderScorecard(path.join(REPO, 'samples')));
    try {
      const { page } = v;
      const visible = () =>
        page.locator('article.kpi:visible').evaluateAll((cards) => cards.map((c) => (c as unknown as { dataset: { kpi: string } }).dataset.kpi));
      await page.click('button[data-filter-category="financial"]');
      assert.deepEqual(await visible(), ['ebit-margin', 'web-sales-growth', 'web-sales', 'gross-margin']);
      assert.equal(await page.getAttribute('button[data-filter-category="financial"]', 'aria-pressed'), 'true');
      await page.click('button[data-filter-status="at-risk"]');
      assert.deepEqual(await visible(), ['web-sales', 'gross-margin']);
      assert.equal(await page.locator('section[data-goal="loved-by-customers"]').isVisible(), false);
      await page.click('button[data-filter-category="hr"]');
      assert.deepEqual(await visible(), []);
      assert.equal(await page.locator('.no-match').isVisible(), true);
      await page.click('button[data-filter-category=""]');
      await page.click('button[data-filter-status=""]');
      assert.equal((await visible()).length, 14);
      assert.deepEqual(v.errors, []);
    } finally {
      await v.close();
    }
  });

  it('looks right in the dark colour scheme', async (t) => {
    if (!browser) return t.skip('no browser');
    const v = await visit(browser, renderScorecard(path.join(REPO, 'samples')), 'dark');
    try {
      const background = await v.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      assert.equal(background, 'rgb(20, 23, 28)');
      await v.page.screenshot({ path: path.join(ARTIFACTS, 'scorecard-dark.png') });
      await v.page.emulateMedia({ media: 'print', colorScheme: 'light' });
      assert.equal(await v.page.locator('nav.filters').isVisible(), false, 'no filters on paper');
      assert.equal(await v.page.evaluate<string>('getComputedStyle(document.body).backgroundColor'), 'rgb(255, 255, 255)');
    } finally {
      await v.close();
    }
  });

  it('shows hostile KPI text as text, runs nothing and fetches nothing', async (t) => {
    if (!browser) return t.skip('no browser');
    const attack = '<img src=x onerror="window.pwned=1;fetch(\'/img\')"><script>window.pwned=2</script>';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-hostile-html-'));
    const quoted = (text: string) => JSON.stringify(text);
    fs.writeFileSync(
      path.join(dir, 'evil.kpi.yaml'),
      [
        'kpi: 1',
        'goals:',
        `  - id: g`,
        `    title: ${quoted(`${attack} goal`)}`,
        `    owner: ${quoted('<a href="javascript:window.pwned=3">owner</a>')}`,
        'kpis:',
        '  - id: evil',
        `    name: ${quoted(attack)}`,
        `    category: ${quoted('hr" onmouseover="window.pwned=4')}`,
        '    goals: [g]',
        `    owner: ${quoted('"><svg onload=window.pwned=5>')}`,
        `    unit: ${quoted('</style><script>window.pwned=6</script>')}`,
        '    target: { value: 10, date: 2026-12 }',
        '    measurements: [{ date: 2026-10, value: 5 }]',
        `  - id: ${quoted('x" onfocus="window.pwned=7" autofocus="')}`,
        `    name: ${quoted('[click](javascript:window.pwned=8) **bold** {{7*7}}')}`,
        '    category: hr',
        '    goals: [g]',
      ].join('\n'),
    );
    const v = await visit(browser, renderScorecard(dir));
    try {
      const { page } = v;
      await page.hover('article.kpi');
      await page.locator('article.kpi').nth(1).focus();
      assert.equal(await page.locator('article[data-kpi="evil"] h3').textContent(), attack);
      assert.equal(
        await page
          .locator('section[data-goal="g"] > .goal-title')
          .innerText()
          .then((s) => s.endsWith(`${attack} goal`)),
        true,
      );
      assert.equal(await page.locator('article.kpi').nth(1).locator('h3').textContent(), '[click](javascript:window.pwned=8) **bold** {{7*7}}');
      assert.equal(await page.locator('img, a, iframe, object, embed').count(), 0);
      assert.equal(await page.locator('script').count(), 1, 'only the scorecard script');
      assert.equal(await page.evaluate<unknown>('window.pwned'), undefined);
      assert.deepEqual(v.requests, []);
      assert.deepEqual(v.errors, []);
    } finally {
      await v.close();
    }
  });
});
