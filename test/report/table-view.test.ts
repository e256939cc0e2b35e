import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintPaths } from '../../server/src/cli/workspace';
import { translator } from '../../server/src/core/l10n/catalogue';
import type { LocaleOrPseudo } from '../../server/src/core/l10n/locale';
import { buildScorecard, type Scorecard, type ScorecardKpi } from '../../server/src/core/scorecard';
import { renderScorecardBody, renderScorecardHtml } from '../../server/src/report/html';
import { renderTableView, viewToggle } from '../../server/src/report/table-view';
import { goalTree } from '../../server/src/report/words';
import { REPO } from '../helpers';
import { textOf } from '../rendered';

const SAMPLES = path.join(REPO, 'samples');

/** The samples' scorecard as `kpi status --as-of 2026-11-27` builds it, its reasons in `locale`. */
function samples(locale: LocaleOrPseudo = 'en'): Scorecard {
  const linted = lintPaths({ paths: [], cwd: SAMPLES, asOf: '2026-11-27' });
  return buildScorecard(linted.result.workspace, (file) => path.relative(SAMPLES, file).split(path.sep).join('/'), locale);
}

function table(scorecard: Scorecard, locale: LocaleOrPseudo = 'en', sourceLines = false): string {
  return renderTableView(goalTree(scorecard), { words: translator(locale), sourceLines });
}

/** Each goal group of the table: its goal id, the goal row's text and its KPI ids, in order. */
function groups(html: string): { goal: string; title: string; kpis: string[] }[] {
  return [...html.matchAll(/<tbody data-goal="([^"]*)"[^>]*>([\s\S]*?)<\/tbody>/g)].map(([, goal, body]) => ({
    goal,
    title: textOf(/<tr class="tv-goal[^>]*>([\s\S]*?)<\/tr>/.exec(body)![1]).trim(),
    kpis: [...body.matchAll(/<tr class="tv-kpi[^>]* data-kpi="([^"]*)"/g)].map((m) => m[1]),
  }));
}

/** A KPI's row (its first); `kpi` as written in the HTML. */
function row(html: string, kpi: string): string {
  const start = html.indexOf(`data-kpi="${kpi}"`);
  assert.notEqual(start, -1, kpi);
  return html.slice(html.indexOf('>', start) + 1, html.indexOf('</tr>', start));
}

/** The text of each cell of a KPI's row (the first row of that KPI). */
function cells(html: string, kpi: string): string[] {
  return [...row(html, kpi).matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => textOf(m[1]));
}

/** The attribute of the cell `index` of a KPI's row. */
function cellAttribute(html: string, kpi: string, index: number, name: string): string | undefined {
  const cell = [...row(html, kpi).matchAll(/<t[hd]\b([^>]*)>/g)][index][1];
  const value = new RegExp(` ${name}="([^"]*)"`).exec(cell)?.[1];
  return value === undefined ? undefined : textOf(value);
}

const nbsp = (text: string) => text.replace(/␣/g, '\u00a0');

describe('the table view of the scorecard', () => {
  it('has one row per KPI grouped by goal, goals in the order of the goal tree, sub-goals after their parent', () => {
    const html = table(samples());
    assert.deepEqual(groups(html), [
      { goal: 'profitable-growth', title: 'at risk Grow net sales to SEK 310 M at a 9 % EBIT margin', kpis: ['ebit-margin'] },
      { goal: 'grow-web-shop', title: 'at risk Grow web shop sales 25 % year on year', kpis: ['web-sales-growth', 'web-sales'] },
      { goal: 'healthy-margins', title: 'at risk Reach a 48 % gross margin', kpis: ['gross-margin'] },
      {
        goal: 'loved-by-customers',
        title: 'off track Be the outdoor brand Nordic customers recommend and come back to',
        kpis: ['net-promoter-score', 'brand-awareness'],
      },
      { goal: 'on-time-delivery', title: 'on track Ship every order on the promised day', kpis: ['delivery-precision', 'dispatch-time'] },
      { goal: 'fewer-returns', title: 'off track Bring returns below 7 % of orders', kpis: ['return-rate'] },
      {
        goal: 'repeat-customers',
        title: 'at risk Make one in three customers come back within a year',
        kpis: ['repeat-purchase-rate', 'returning-customer-orders'],
      },
      { goal: 'great-place-to-work', title: 'on track A workplace people stay at and grow in', kpis: [] },
      { goal: 'keep-our-people', title: 'on track Keep staff turnover at or below 11 %', kpis: ['staff-turnover', 'employee-nps'] },
      { goal: 'skilled-team', title: 'on track Every employee certified in product knowledge and safety', kpis: ['certified-staff'] },
    ]);
    assert.match(html, /<tr class="tv-goal depth-1 status-on-track"><th scope="colgroup" colspan="9">/, 'a sub-goal is indented');
    assert.match(html, /<section id="table-view" class="table-view" aria-label="All KPIs by goal" hidden>/, 'hidden until the script shows it');
  });

  it('says in English what every view says: the latest value, each comparison with its verdict as a word, the target, the status and why', () => {
    const html = table(samples());
    assert.deepEqual(cells(html, 'gross-margin'), [
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
    assert.equal(cellAttribute(html, 'gross-margin', 1, 'title'), 'on 2026-10');
    assert.equal(cellAttribute(html, 'gross-margin', 2, 'title'), '+0.2 pp vs 2026-09');
    assert.equal(cellAttribute(html, 'gross-margin', 3, 'title'), '+0.7 pp vs 2025-10');
    assert.equal(cellAttribute(html, 'gross-margin', 4, 'title'), 'YTD 45.77 %, +1 pp vs last year');
    assert.equal(cellAttribute(html, 'gross-margin', 5, 'title'), '-1.43 pp vs plan');
    assert.equal(cellAttribute(html, 'gross-margin', 6, 'title'), '-1.9 pp vs target, worse');
    // Sort keys: verdict worse 0, unchanged 1, better 2; the status by its place from worst to best.
    assert.deepEqual(
      [0, 1, 2, 5, 6, 7].map((i) => cellAttribute(html, 'gross-margin', i, 'data-sort')),
      ['Gross margin', '46.1', '2', '0', '48', '2'],
    );
    // No comparison: an empty cell, which sorts last.
    assert.deepEqual(cells(html, 'ebit-margin').slice(2, 6), ['▲ +0.7 pp better', '', '', '▲ +0.15 pp better']);
    assert.equal(cellAttribute(html, 'ebit-margin', 3, 'data-sort'), undefined);
    assert.deepEqual(
      [...html.matchAll(/<th scope="col"[^>]*><button type="button" data-sort-column="(\d)" data-sort-type="(\w+)">([^<]*)<\/button><\/th>/g)].map((m) =>
        m.slice(1).join(' '),
      ),
      [
        '0 text KPI',
        '1 number Latest',
        '2 number vs previous',
        '3 number vs last year',
        '4 number YTD',
        '5 number vs plan',
        '6 number Target',
        '7 number Status',
        '8 text Why',
      ],
    );
  });

  it('says the same in Swedish, with Swedish numbers', () => {
    const html = table(samples('sv'), 'sv');
    assert.deepEqual(cells(html, 'gross-margin'), [
      'Gross margin',
      nbsp('46,1␣%'),
      '▲ +0,2 p.e. bättre',
      '▲ +0,7 p.e. bättre',
      nbsp('45,77␣% ▲ +1 p.e. bättre'),
      '▼ −1,43 p.e. sämre',
      nbsp('48␣% till 2026-12'),
      'risk',
      'Under risknivån 46,5',
    ]);
    assert.equal(cellAttribute(html, 'gross-margin', 4, 'title'), nbsp('Ack. 45,77␣%, +1 p.e. mot i fjol'));
    assert.deepEqual(
      [...html.matchAll(/data-sort-column="\d" data-sort-type="\w+">([^<]*)</g)].map((m) => m[1]),
      ['KPI', 'Utfall', 'Mot föreg.', 'Mot i fjol', 'Ack.', 'Mot plan', 'Målvärde', 'Status', 'Varför'],
    );
    assert.match(html, /aria-label="Alla KPI:er per mål"/);
    assert.equal(
      viewToggle(translator('sv')),
      '<div class="view-toggle" role="group" aria-label="Visa styrkortet som"><button type="button" data-view="cards" aria-pressed="true">Kort</button><button type="button" data-view="table" aria-pressed="false">Tabell</button></div>',
    );
  });

  it('marks a year to date that misses a period, and says so under the table', () => {
    const scorecard = samples();
    const partial = scorecard.kpis.map((k): ScorecardKpi =>
      k.id === 'gross-margin' ? { ...k, comparisons: { ...k.comparisons, yearToDate: { ...k.comparisons.yearToDate!, complete: false } } } : k,
    );
    const html = table({ ...scorecard, kpis: partial, goals: scorecard.goals });
    assert.equal(cells(html, 'gross-margin')[4], '45.77 % ▲ +1 pp* better');
    assert.equal(cellAttribute(html, 'gross-margin', 4, 'title'), 'YTD 45.77 %, +1 pp vs last year (not every period measured)');
    assert.match(html, /<p class="tv-note muted">\* not every period measured<\/p>/);
    assert.doesNotMatch(table(scorecard), /tv-note|tv-partial/, 'no note when every year to date is complete');
  });

  it('puts the KPIs linked to no goal last, and the source lines on rows for the preview', () => {
    const scorecard = samples();
    const loose = { ...scorecard, kpis: scorecard.kpis.map((k) => (k.id === 'return-rate' ? { ...k, goals: [] } : k)) };
    const html = table(loose, 'en', true);
    assert.deepEqual(groups(html).at(-1), { goal: '', title: 'Not linked to a goal', kpis: ['return-rate'] });
    assert.match(
      html,
      /<tr class="tv-kpi status-at-risk" data-kpi="gross-margin" data-status="at-risk" data-category="financial" data-order="\d+" data-file="financial\.kpi\.yaml" data-line="\d+">/,
    );
    assert.match(html, /<tr class="tv-goal depth-0 status-at-risk" data-file="strategy\.kpi\.yaml" data-line="\d+">/);
  });

  it('escapes every text: names, goal titles, ids, categories, units, reasons and targets', () => {
    const attack = `<img src=x onerror="alert(1)">'&`;
    const scorecard = samples();
    const kpis = scorecard.kpis.map((k) =>
      k.id === 'gross-margin'
        ? { ...k, id: `${attack}id`, name: `${attack}\rname`, category: `${attack}cat`, unit: attack, reason: `${attack}reason`, file: `${attack}.kpi.yaml` }
        : k,
    );
    const goals = scorecard.goals.map((g) => (g.id === 'healthy-margins' ? { ...g, title: `${attack}title`, kpis: [`${attack}id`] } : g));
    const html = table({ ...scorecard, kpis, goals }, 'en', true);
    assert.doesNotMatch(html, /<img|onerror="/);
    const e = '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;';
    assert.ok(html.includes(`data-kpi="${e}id"`));
    assert.ok(html.includes(`data-category="${e}cat"`));
    assert.ok(html.includes(`data-file="${e}.kpi.yaml"`));
    assert.ok(html.includes(`<th scope="row" data-sort="${e} name" title="${e} name">${e} name</th>`), 'on one line, as on the cards');
    assert.ok(html.includes(`${e}title</th></tr>`));
    assert.ok(html.includes(`<td class="tv-num" data-sort="46.1" title="on 2026-10">46.1 ${e}</td>`));
    assert.ok(html.includes(`title="${e}reason">${e}reason</td>`));
    assert.deepEqual(cells(html, `${e}id`)[6], `48 ${attack} by 2026-12`);
  });

  it('is part of the page: the toggle in the header, the table after the cards, one style and one script', () => {
    const body = renderScorecardBody(samples());
    assert.match(body, /<\/nav>\n {2}<div class="view-toggle" role="group" aria-label="Show the scorecard as">/);
    assert.match(body, /<\/main>\n<section id="table-view"/);
    const html = renderScorecardHtml(samples(), { nonce: 'n' });
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
    assert.equal((html.match(/<style\b/g) ?? []).length, 1);
    assert.match(html, /@page table \{ size: A4 landscape; margin: 10mm; \}/);
    assert.match(html, /body\.view-table \{ page: table; \}/);
    assert.match(html, /localStorage\.getItem\(KEY\)/);
  });
});
