/**
 * Helpers for the hostile-content browser tests: serve a page, watch what it
 * does (dialogs, requests, errors), and check that every hostile text of
 * test/hostile-content.ts shows as text and nothing ran or was fetched.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { FILE_NAME_GOAL, PAYLOADS, shown } from '../hostile-content';

/** Serves the given paths on loopback; a request for anything else is recorded and refused. */
export async function serve(files: Record<string, { type: string; body: string }>): Promise<{ origin: string; stray: string[]; close: () => Promise<void> }> {
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
export interface Watched {
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
export async function open(browser: Browser, origin: string, allowed: string[], init?: string): Promise<Watched> {
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
export const frames = (page: Page) => page.evaluate<void>('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))');

/** Moves the mouse over, focuses and clicks every goal and KPI, so any handler an attribute could have set would fire. */
export async function touchEverything(page: Page, selectors = ['article.kpi', 'section.goal > .goal-title']): Promise<void> {
  for (const selector of selectors) {
    const items = page.locator(selector);
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      await items.nth(i).hover();
      await items
        .nth(i)
        .focus()
        .catch(() => undefined);
    }
  }
  await frames(page);
}

/**
 * Every element and attribute of the page outside what the renderer writes:
 * no link, image, media, frame, form, base or extra style or script; no event
 * handler, URL or inline style attribute.
 */
export async function foreignMarkup(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const tags = new Set(['html', 'head', 'meta', 'title', 'style', 'script', 'body', 'div', 'header', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'li', 'span', 'nav', 'button', 'main', 'section', 'article', 'svg', 'polyline', 'line', 'rect', 'dialog', 'g', 'circle', 'text', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td']);
    const attributes = /^(class|id|lang|charset|name|content|http-equiv|nonce|role|type|tabindex|hidden|title|viewbox|preserveaspectratio|x1|x2|y1|y2|points|width|height|rx|x|y|cx|cy|r|scope|colspan|data-[a-z-]+|aria-[a-z-]+)$/;
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
export async function shownTexts(page: Page): Promise<{ kpis: Record<string, string[]>; goals: Record<string, string[]> }> {
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
export function expectedTexts(): { kpis: Record<string, string[]>; goals: Record<string, string[]> } {
  const kpis: Record<string, string[]> = {};
  const goals: Record<string, string[]> = { [FILE_NAME_GOAL]: ['unmeasured Named by its file', ''] };
  PAYLOADS.forEach((p, i) => {
    const s = shown(p).replace(/\s+/g, ' ').trim();
    // Every field the status needs is hostile: the KPI is invalid, and a target with a bad date (odd i) is not shown.
    kpis[p] = [s, `${s} · ${s}`, `5 ${s}`.trim(), i % 2 === 0 ? `Target: 10 ${s} by 2026-12`.replace(/\s+/g, ' ') : 'Target: none'];
    goals[p] = [`invalid ${s}`.trim(), s];
  });
  return { kpis, goals };
}

/** What the reader sees of each hostile KPI and goal in the table view: the KPI's name, latest value and target; the goal row's text. */
export async function tableTexts(page: Page): Promise<{ kpis: Record<string, string[]>; goals: Record<string, string> }> {
  return page.evaluate(`(() => {
    const text = (element) => (element ? element.textContent : '').replace(/\\s+/g, ' ').trim();
    const kpis = {};
    for (const row of document.querySelectorAll('tr.tv-kpi')) kpis[row.dataset.kpi] = [text(row.children[0]), text(row.children[1]), text(row.children[6])];
    const goals = {};
    for (const body of document.querySelectorAll('.tv tbody')) goals[body.dataset.goal] = text(body.querySelector('tr.tv-goal'));
    return { kpis, goals };
  })()`);
}

/** The table texts every hostile KPI and goal must show: the payload as text, on one line, control and bidi characters visible. */
export function expectedTableTexts(): { kpis: Record<string, string[]>; goals: Record<string, string> } {
  const kpis: Record<string, string[]> = {};
  const goals: Record<string, string> = { [FILE_NAME_GOAL]: 'unmeasured Named by its file' };
  PAYLOADS.forEach((p, i) => {
    const s = shown(p).replace(/\s+/g, ' ').trim();
    kpis[p] = [s, `5 ${s}`.trim(), i % 2 === 0 ? `10 ${s} by 2026-12`.replace(/\s+/g, ' ') : ''];
    goals[p] = `invalid ${s}`.trim();
  });
  return { kpis, goals };
}

/**
 * Switches to the table view, sorts by every column, touches every row and
 * checks the table shows every hostile text as text and nothing ran or was
 * fetched; then goes back to the cards.
 */
export async function assertTableInert(watched: Watched, what: string): Promise<void> {
  const { page } = watched;
  await page.click('button[data-view="table"]');
  assert.equal(await page.locator('#table-view').isVisible(), true, `${what}: the table view shows`);
  const columns = await page.locator('button[data-sort-column]').count();
  for (let i = 0; i < columns; i++) await page.locator('button[data-sort-column]').nth(i).click();
  await touchEverything(page, ['tr.tv-kpi', 'tr.tv-goal', 'td[title]']);
  assert.deepEqual(watched.dialogs, [], `${what}: no script ran`);
  assert.deepEqual(watched.requests, [], `${what}: nothing fetched`);
  assert.deepEqual(watched.errors, [], `${what}: no error (a CSP violation is one)`);
  assert.deepEqual(await foreignMarkup(page), [], `${what}: only the renderer's own markup`);
  assert.deepEqual(await tableTexts(page), expectedTableTexts(), `${what}: KPI text shown as text in the table`);
  await page.click('button[data-view="cards"]');
}

/**
 * Opens the history chart of every KPI with its button, hovers and focuses its
 * note markers, and reads what the chart shows: its heading, the notes (as
 * shown under the axis and in the table), the table's caption and its values.
 */
export async function chartTexts(page: Page): Promise<Record<string, string[]>> {
  const charts: Record<string, string[]> = {};
  const buttons = page.locator('article.kpi button.history-button');
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    await buttons.nth(i).click();
    const dialog = page.locator('dialog.history[open]');
    const notes = dialog.locator('g.note');
    for (let n = 0; n < (await notes.count()); n++) {
      await notes.nth(n).locator('circle.note-mark').hover();
      await notes.nth(n).focus();
    }
    await frames(page);
    const read = await dialog.evaluate(`(dialog => {
      const text = (element) => (element ? element.textContent : '').replace(/\\s+/g, ' ').trim();
      const all = (selector) => Array.from(dialog.querySelectorAll(selector)).map(text).filter((t) => t !== '');
      return [dialog.closest('article').dataset.kpi, [text(dialog.querySelector('h4')), ...all('text.note-text'), text(dialog.querySelector('caption')), ...all('tbody td:last-child'), ...all('text.value-label')]];
    })(document.querySelector('dialog.history[open]'))`);
    const [kpi, texts] = read as [string, string[]];
    charts[kpi] = texts;
    await page.keyboard.press('Escape');
  }
  return charts;
}

/** What the chart of every hostile KPI shows: its name and notes as text (the hostile dates and values are left out), its values with the hostile unit. */
export function expectedCharts(): Record<string, string[]> {
  const charts: Record<string, string[]> = {};
  PAYLOADS.forEach((p, i) => {
    const s = shown(p).replace(/\s+/g, ' ').trim();
    // Every third KPI reads the hostile CSV too, whose one good row is 2026-08: 3.
    const values = i % 3 === 2 ? [3, 4, 5] : [4, 5];
    const unit = (value: number) => `${value} ${s}`.trim();
    const notes = [`Note on 2026-09: ${s}`.trim(), `Note on 2026-10: ${s}`.trim()];
    charts[p] = [`History of ${s}`.trim(), ...notes, `Values of ${s}`.trim(), s, s, ...values.map(unit)].filter((t) => t !== '');
  });
  return charts;
}

/** Asserts the page shows every hostile text as text, and nothing ran or was fetched. */
export async function assertInert(watched: Watched, scripts: number, what: string): Promise<void> {
  const { page } = watched;
  await touchEverything(page);
  assert.deepEqual(watched.dialogs, [], `${what}: no script ran`);
  assert.deepEqual(watched.requests, [], `${what}: nothing fetched`);
  assert.deepEqual(watched.errors, [], `${what}: no error (a CSP violation is one)`);
  assert.deepEqual(await foreignMarkup(page), [], `${what}: only the renderer's own markup`);
  // The model a page script reads (the preview's, a large file's) is data the browser never runs: the one script element that is not a script.
  assert.equal(await page.locator('script:not([type="application/json"])').count(), scripts, `${what}: only the scorecard's own scripts`);
  assert.ok((await page.locator('script[type="application/json"]').count()) <= 1, `${what}: at most the page's model as data`);
  assert.equal(await page.locator('style').count(), 1, `${what}: only the scorecard's own style`);
  assert.deepEqual(await shownTexts(page), expectedTexts(), `${what}: KPI text shown as text`);
  assert.deepEqual(await chartTexts(page), expectedCharts(), `${what}: chart labels, notes and table shown as text`);
  assert.deepEqual(watched.dialogs, [], `${what}: no script ran in the charts`);
  assert.deepEqual(watched.requests, [], `${what}: nothing fetched from the charts`);
  assert.deepEqual(watched.errors, [], `${what}: no error in the charts`);
}
