import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Scorecard } from '../../server/src/core/scorecard';
import { translator } from '../../server/src/core/l10n/catalogue';
import { COMPARISON_KINDS, comparisonWords } from '../../server/src/report/words';
import type { DomElement } from '../dom';
import { REPO } from '../helpers';
import { launchChromium, provideChromium } from './chromium';
import { open, serve, type Watched } from './inert';

/** What the test reads of a card in the page (the tests compile without the DOM library). */
interface Card extends DomElement {
  querySelectorAll(selector: string): ArrayLike<{ readonly innerText: string }>;
}

const ARTIFACTS = path.join(REPO, 'test-artifacts');
const SAMPLES = path.join(REPO, 'samples');

/** `kpi status` of the samples as of 2026-11-27, in a format and a language. */
function status(format: 'html' | 'json', locale: 'en' | 'sv'): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-chart-')), `scorecard.${format}`);
  const result = spawnSync(
    process.execPath,
    [path.join(REPO, 'bin/kpi.js'), 'status', '--format', format, '--as-of', '2026-11-27', '--locale', locale, '-o', out],
    { cwd: SAMPLES, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, result.stderr);
  return fs.readFileSync(out, 'utf8');
}

/** The element that has the keyboard focus, as its tag and class. */
const focused = (page: Page) =>
  page.evaluate<string>('document.activeElement ? document.activeElement.tagName.toLowerCase() + "." + document.activeElement.getAttribute("class") : ""');

describe('HTML scorecard in Chromium: comparisons and history charts', () => {
  let browser: Browser | undefined;

  before(async (t) => {
    if (provideChromium(t as never)) browser = await launchChromium();
  });
  after(async () => browser?.close());

  for (const locale of ['en', 'sv'] as const) {
    it(`shows on every card the comparisons of kpi status --format json, in words (${locale})`, async (t) => {
      if (!browser) return t.skip('no browser');
      const scorecard = JSON.parse(status('json', locale)) as Scorecard;
      const words = translator(locale);
      const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: status('html', locale) } });
      const watched = await open(browser, site.origin, ['/']);
      try {
        const shown = await watched.page
          .locator('article.kpi')
          .evaluateAll((cards: Card[]) =>
            cards.map((card) => [
              card.getAttribute('data-kpi'),
              Array.from(card.querySelectorAll('ul.compare li')).map((li) => li.innerText.replace(/\s+/g, ' ')),
            ]),
          );
        const expected = scorecard.kpis.map((kpi) => [
          kpi.id,
          COMPARISON_KINDS.flatMap((kind) => {
            const c = comparisonWords(kpi, kind, words);
            return c ? [`${c.arrow} ${c.text} ${c.verdictWord}${c.partial ? ` ${words.t('report.compare.partial')}` : ''}`.replace(/\s+/g, ' ')] : [];
          }),
        ]);
        assert.deepEqual(Object.fromEntries(shown), Object.fromEntries(expected));
        assert.ok(
          expected.some(([, texts]) => texts.length === 5),
          'some KPI has all five comparisons',
        );
        assert.deepEqual(watched.errors, []);
        assert.deepEqual(watched.requests, []);
      } finally {
        await watched.page.close();
        await site.close();
      }
    });
  }

  it('opens a history chart with the keyboard: axes, plan and target lines, the table of the JSON history; Esc closes it', async (t) => {
    if (!browser) return t.skip('no browser');
    const scorecard = JSON.parse(status('json', 'en')) as Scorecard;
    const margin = scorecard.kpis.find((k) => k.id === 'gross-margin')!;
    const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: status('html', 'en') } });
    const watched: Watched = await open(browser, site.origin, ['/']);
    const { page } = watched;
    try {
      const card = page.locator('article[data-kpi="gross-margin"]');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await card.screenshot({ path: path.join(ARTIFACTS, 'scorecard-card.png') });
      const dialog = card.locator('dialog.history');
      assert.equal(await dialog.isVisible(), false, 'closed until asked for');

      await card.focus();
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'button.history-button');
      assert.equal(await page.evaluate<string>('document.activeElement.textContent'), 'History');
      await page.keyboard.press('Enter');
      assert.equal(await dialog.isVisible(), true);
      assert.equal(await dialog.evaluate((d) => (d as unknown as { open: boolean }).open), true);
      assert.equal(await dialog.locator('h4').textContent(), 'History of Gross margin');

      const svg = dialog.locator('svg.chart');
      assert.deepEqual(await svg.locator('text.x-tick').allTextContents(), ['2025-01', '2025-05', '2025-09', '2026-01', '2026-05', '2026-10']);
      assert.deepEqual(await svg.locator('text.y-tick').allTextContents(), ['44', '45', '46', '47', '48']);
      assert.equal(await svg.locator('polyline.measured-line').count(), 1);
      assert.equal(await svg.locator('polyline.plan-line').count(), 1);
      assert.equal(await svg.locator('line.target-line').count(), 1);
      assert.equal(await svg.locator('polyline.last-year-line').count(), 1);
      assert.deepEqual(await svg.locator('rect.band').evaluateAll((rects: DomElement[]) => rects.map((r) => r.getAttribute('class'))), [
        'band band-off-track',
        'band band-at-risk',
      ]);
      // The measured line has a point per measurement, and the target line lies at the y of 48 on the axis.
      const points = (await svg.locator('polyline.measured-line').getAttribute('points'))!.split(' ');
      assert.equal(points.length, margin.history.length);
      const tick48 = Number(await svg.locator('text.y-tick', { hasText: '48' }).getAttribute('y')) - 4;
      assert.equal(Number(await svg.locator('line.target-line').getAttribute('y1')), tick48);

      // The table under the chart: the JSON history, value by value, with its notes, and the plan line's points ahead of it.
      const rows = await dialog
        .locator('table.chart-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from((tr as unknown as { children: ArrayLike<{ textContent: string }> }).children).map((c) => c.textContent.trim())),
        );
      assert.deepEqual(
        rows
          .filter(([, value]) => value !== '')
          .map(([date, value, , , note]) => ({ date, value: Number(value.replace(/ %$/, '')), ...(note ? { note } : {}) })),
        margin.history.map((m) => ({ ...m })),
      );
      // Then the target's date, where the plan line ends: no value, the planned one, and last year's.
      assert.deepEqual(rows.at(-1), ['2026-12', '', '48.0 %', '45.2 %', '']);
      assert.deepEqual(await dialog.locator('table.chart-table thead th').allTextContents(), ['Date', 'Value', 'Plan', 'Last year', 'Note']);

      // A note marker takes the focus and shows its text.
      const note = svg.locator('g.note').first();
      await note.focus();
      assert.equal(await focused(page), 'g.note');
      assert.equal(await note.locator('text.note-text').isVisible(), true);
      assert.equal(await note.locator('text.note-text').textContent(), 'Note on 2025-07: summer clearance');
      await page.screenshot({ path: path.join(ARTIFACTS, 'scorecard-chart.png') });

      await page.keyboard.press('Escape');
      assert.equal(await dialog.isVisible(), false);
      assert.equal(await focused(page), 'button.history-button', 'the focus is back on the button');

      // The Close button closes it too; on paper neither button nor dialog shows.
      await card.locator('button.history-button').click();
      assert.equal(await dialog.isVisible(), true);
      await dialog.locator('button.close').click();
      assert.equal(await dialog.isVisible(), false);
      await page.emulateMedia({ media: 'print' });
      assert.equal(await card.locator('button.history-button').isVisible(), false);
      assert.equal(await card.locator('ul.compare').isVisible(), true, 'the comparisons print');
      assert.deepEqual(watched.errors, []);
      assert.deepEqual(watched.requests, []);
    } finally {
      await page.close();
      await site.close();
    }
  });

  it('renders 1,000 KPI cards without drawing a chart until one is opened', async (t) => {
    if (!browser) return t.skip('no browser');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-chart-thousand-'));
    for (let f = 0; f < 20; f++) {
      const kpis = Array.from({ length: 50 }, (_, i) => {
        const k = f * 50 + i;
        const months = Array.from(
          { length: 22 },
          (_, m) => `{ date: ${new Date(Date.UTC(2025, m, 1)).toISOString().slice(0, 7)}, value: ${40 + ((k + m) % 17)} }`,
        );
        return [
          `  - id: kpi-${k}`,
          `    name: KPI ${k}`,
          '    category: operational',
          '    unit: "%"',
          '    frequency: monthly',
          '    target: { value: 60, date: 2026-12 }',
          `    measurements: [${months.join(', ')}]`,
        ].join('\n');
      });
      fs.writeFileSync(path.join(dir, `f${f}.kpi.yaml`), `kpi: 1\nkpis:\n${kpis.join('\n')}\n`);
    }
    const out = path.join(dir, 'scorecard.html');
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'status', '--format', 'html', '--as-of', '2026-11-27', '-o', out], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    const site = await serve({ '/': { type: 'text/html; charset=utf-8', body: fs.readFileSync(out, 'utf8') } });
    const watched = await open(browser, site.origin, ['/']);
    const { page } = watched;
    // A chart is drawn when it has a layout box: a closed <dialog> gives its content none.
    const drawn = () => page.locator('svg.chart').evaluateAll((charts: DomElement[]) => charts.filter((c) => c.getClientRects().length > 0).length);
    try {
      assert.equal(await page.locator('article.kpi').count(), 1000);
      assert.equal(await drawn(), 0);
      await page.locator('article[data-kpi="kpi-500"] button.history-button').click();
      assert.equal(await drawn(), 1);
      assert.equal(await page.locator('dialog.history[open] h4').textContent(), 'History of KPI 500');
      await page.keyboard.press('Escape');
      assert.equal(await drawn(), 0);
      assert.deepEqual(watched.errors, []);
    } finally {
      await page.close();
      await site.close();
    }
  });
});
