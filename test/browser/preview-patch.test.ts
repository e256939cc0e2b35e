import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { previewHtml } from '../../client/src/preview/webview-html';
import { diffScorecards } from '../../server/src/core/diff';
import type { LocaleOrPseudo } from '../../server/src/core/l10n/locale';
import type { Scorecard, ScorecardGoal, ScorecardKpi } from '../../server/src/core/scorecard';
import type { KpiStatusWord } from '../../server/src/core/status';
import type { ScorecardResult } from '../../server/src/lsp/protocol';
import type { DomElement } from '../dom';
import { REPO } from '../helpers';
import { launchChromium, provideChromium } from './chromium';
import { open, serve } from './inert';

/** The samples' scorecard, as the server gives it to the preview. */
function samplesScorecard(): Scorecard {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'status', '--format', 'json', '--as-of', '2026-11-27'], {
    cwd: path.join(REPO, 'samples'),
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Scorecard;
}

/** A seeded PRNG (mulberry32): the same changes on every run, and a failure names its step. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES: KpiStatusWord[] = ['achieved', 'on-track', 'at-risk', 'off-track', 'invalid', 'no-data', 'no-target'];

/** One random change of the kind a keystroke in a KPI file makes, and what it was. */
function change(scorecard: Scorecard, random: () => number, step: number): [Scorecard, string] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const kpis = [...scorecard.kpis];
  const goals = [...scorecard.goals];
  const withKpi = (f: (k: ScorecardKpi) => ScorecardKpi): ScorecardKpi[] => {
    const i = Math.floor(random() * kpis.length);
    kpis[i] = f(kpis[i]);
    return kpis;
  };
  const withGoal = (f: (g: ScorecardGoal) => ScorecardGoal): ScorecardGoal[] => {
    const i = Math.floor(random() * goals.length);
    goals[i] = f(goals[i]);
    return goals;
  };
  const kinds = [
    'status',
    'value',
    'history',
    'add-kpi',
    'remove-kpi',
    'add-goal',
    'remove-goal',
    'rename-kpi',
    'rename-goal',
    'reorder-kpis',
    'reorder-goal',
    'goal-status',
  ] as const;
  const kind = kpis.length < 3 ? 'add-kpi' : goals.length < 2 ? 'add-goal' : pick(kinds);
  switch (kind) {
    case 'status':
      return [{ ...scorecard, kpis: withKpi((k) => ({ ...k, status: pick(STATUSES), reason: `reason ${step}` })) }, kind];
    case 'value':
      return [{ ...scorecard, kpis: withKpi((k) => ({ ...k, latest: { date: k.latest?.date ?? '2026-10', value: (k.latest?.value ?? 0) + step } })) }, kind];
    case 'history':
      return [
        {
          ...scorecard,
          kpis: withKpi((k) => ({
            ...k,
            history:
              random() < 0.5 ? k.history.slice(0, -1) : [...k.history, { date: '2026-11', value: step, ...(random() < 0.3 ? { note: `note ${step}` } : {}) }],
          })),
        },
        kind,
      ];
    case 'add-kpi': {
      const goal = random() < 0.8 && goals.length > 0 ? pick(goals) : undefined;
      const kpi: ScorecardKpi = { ...pick(kpis.length ? kpis : scorecard.kpis), id: `new-${step}`, name: `New KPI ${step}`, goals: goal ? [goal.id] : [] };
      kpis.splice(Math.floor(random() * (kpis.length + 1)), 0, kpi);
      const linked = goal ? goals.map((g) => (g === goal ? { ...g, kpis: [...g.kpis, kpi.id] } : g)) : goals;
      return [{ ...scorecard, kpis, goals: linked }, kind];
    }
    case 'remove-kpi': {
      const gone = kpis.splice(Math.floor(random() * kpis.length), 1)[0];
      return [{ ...scorecard, kpis, goals: goals.map((g) => ({ ...g, kpis: g.kpis.filter((id) => id !== gone.id) })) }, kind];
    }
    case 'add-goal': {
      const parent = random() < 0.5 && goals.length > 0 ? pick(goals).id : null;
      const goal: ScorecardGoal = {
        ...(goals[0] ?? scorecard.goals[0]),
        id: `goal-${step}`,
        title: `Goal ${step}`,
        parent,
        kpis: kpis.filter(() => random() < 0.2).map((k) => k.id),
        status: pick(STATUSES.filter((s) => s !== 'no-target')),
      };
      goals.splice(Math.floor(random() * (goals.length + 1)), 0, goal);
      return [{ ...scorecard, goals }, kind];
    }
    case 'remove-goal':
      goals.splice(Math.floor(random() * goals.length), 1);
      return [{ ...scorecard, goals }, kind];
    case 'rename-kpi':
      return [{ ...scorecard, kpis: withKpi((k) => ({ ...k, name: `${k.name} ${step}` })) }, kind];
    case 'rename-goal':
      return [{ ...scorecard, goals: withGoal((g) => ({ ...g, title: `${g.title} ${step}` })) }, kind];
    case 'reorder-kpis':
      return [{ ...scorecard, kpis: kpis.sort(() => random() - 0.5) }, kind];
    case 'reorder-goal':
      return [{ ...scorecard, goals: withGoal((g) => ({ ...g, kpis: [...g.kpis].reverse() })) }, kind];
    case 'goal-status':
      return [{ ...scorecard, goals: withGoal((g) => ({ ...g, status: pick(STATUSES.filter((s) => s !== 'no-target')) })) }, kind];
  }
}

/** What the page shows: the body's markup and the state the scripts keep on `<body>` (filters, view). */
function shown(page: Page): Promise<string> {
  return page.evaluate<string>(
    `JSON.stringify([document.body.getAttributeNames().sort().map((n) => n + '=' + document.body.getAttribute(n)), document.getElementById('root').innerHTML])`,
  );
}

/** Posts a message as VS Code delivers the extension's (a message event on the window), and waits until the preview has handled it. */
async function post(page: Page, message: unknown): Promise<void> {
  await page.evaluate<void>(`new Promise((resolve) => {
    window.addEventListener('message', () => resolve(), { once: true });
    window.postMessage(${JSON.stringify(message)}, '*');
  })`);
}

describe('the preview replaces only what changed', () => {
  let browser: Browser | undefined;

  before(async (t) => {
    if (provideChromium(t as never)) browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows after each of 100 random changes what a fresh render of the same model shows', async (t) => {
    if (!browser) return t.skip('no browser');
    const base = samplesScorecard();
    const script = fs.readFileSync(path.join(REPO, 'dist/media/preview.js'), 'utf8');
    const pages: Record<string, { type: string; body: string }> = { '/preview.js': { type: 'text/javascript', body: script } };
    const site = await serve(pages);
    const webview = { nonce: 'cGF0Y2g', cspSource: site.origin, scriptUri: `${site.origin}/preview.js` };
    const resultOf = (scorecard: Scorecard, locale: LocaleOrPseudo, compare: boolean, step: number): ScorecardResult => {
      const side = (s: Scorecard) => ({ scorecard: s, metadata: new Map(), problems: [], unparsed: [] });
      const sides = { base: { rev: 'HEAD', commit: '0'.repeat(40) }, head: { rev: 'working tree', commit: null } };
      const comparison = !compare
        ? undefined
        : step % 3 === 0
          ? { problem: `No comparison at step ${step}` }
          : { diff: diffScorecards(side(base), side(scorecard), sides) };
      return { scorecard, root: '/samples', uris: {}, errors: 0, warnings: 0, csvRead: step % 7 !== 0, locale, comparison };
    };
    const api = 'window.acquireVsCodeApi = () => ({ postMessage: () => undefined, setState: () => undefined, getState: () => undefined });';
    pages['/'] = { type: 'text/html; charset=utf-8', body: previewHtml(resultOf(base, 'en', false, 1), webview) };
    const patched = await open(browser, site.origin, ['/', '/preview.js'], api);
    const random = prng(18);
    const chosen = { category: '', status: '', view: 'cards' };
    let [scorecard, locale, compare] = [base, 'en' as LocaleOrPseudo, false];
    /** Steps compared with a filter chosen and with the table shown: the test covers both. */
    const covered = { filtered: 0, table: 0 };
    try {
      for (let step = 1; step <= 100; step++) {
        let what: string;
        [scorecard, what] = change(scorecard, random, step);
        if (random() < 0.1) [locale, what] = [locale === 'en' ? 'sv' : 'en', `${what}, locale`];
        if (random() < 0.15) [compare, what] = [!compare, `${what}, compare ${!compare ? 'on' : 'off'}`];
        const result = resultOf(scorecard, locale, compare, step);
        const state = { uri: 'file:///samples/sales.kpi.yaml', locked: false, compare };
        await post(patched.page, { type: 'update', result, state });
        // A filter whose button went with the last KPI of its status or category is set back to All, as a reader would.
        for (const name of ['category', 'status'] as const) {
          const gone = chosen[name] !== '' && (await patched.page.locator(`button[data-filter-${name}="${chosen[name]}"]`).count()) === 0;
          if (gone) [chosen[name]] = [''];
          if (gone) await patched.page.click(`button[data-filter-${name}=""]`);
        }
        // Now and then the reader filters or switches the view.
        const roll = random();
        if (roll < 0.3) {
          const name = roll < 0.15 ? 'category' : 'status';
          const buttons = await patched.page
            .locator(`button[data-filter-${name}]`)
            .evaluateAll((all: DomElement[], attribute: string) => all.map((b) => b.getAttribute(attribute) ?? ''), `data-filter-${name}`);
          chosen[name] = buttons[Math.floor(random() * buttons.length)];
          await patched.page.click(`button[data-filter-${name}="${chosen[name]}"]`);
        } else if (roll < 0.4) {
          chosen.view = chosen.view === 'cards' ? 'table' : 'cards';
          await patched.page.click(`button[data-view="${chosen.view}"]`);
        }

        // The same model rendered whole, as the extension's first page, then the same update and the same choices.
        pages['/'] = { type: 'text/html; charset=utf-8', body: previewHtml(result, webview, compare) };
        const fresh = await open(browser, site.origin, ['/', '/preview.js'], api);
        try {
          await post(fresh.page, { type: 'update', result, state });
          if (chosen.category !== '') await fresh.page.click(`button[data-filter-category="${chosen.category}"]`);
          if (chosen.status !== '') await fresh.page.click(`button[data-filter-status="${chosen.status}"]`);
          if (chosen.view === 'table') await fresh.page.click('button[data-view="table"]');
          assert.equal(await shown(patched.page), await shown(fresh.page), `step ${step}: ${what}`);
          if (chosen.category !== '' || chosen.status !== '') covered.filtered++;
          if (chosen.view === 'table') covered.table++;
          assert.deepEqual(fresh.errors, []);
        } finally {
          await fresh.page.close();
        }
      }
      assert.deepEqual(patched.errors, []);
      assert.deepEqual(patched.requests, []);
      assert.ok(covered.filtered > 10 && covered.table > 10, JSON.stringify(covered));
    } finally {
      await patched.page.close();
      await site.close();
    }
  });
});
