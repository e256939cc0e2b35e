import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../server/src/cli/formatters/status-markdown';
import { renderTable, wrapWords } from '../../server/src/cli/formatters/status-table';
import { lintPaths } from '../../server/src/cli/workspace';
import type { LocaleOrPseudo } from '../../server/src/core/l10n/locale';
import { buildScorecard, type Scorecard } from '../../server/src/core/scorecard';
import { renderScorecardBody, renderScorecardHtml } from '../../server/src/report/html';
import { REPO } from '../helpers';
import { outsideMarks } from '../pseudo';

const SAMPLES = path.join(REPO, 'samples');

/** The samples' scorecard as `kpi status --as-of 2026-11-27` builds it, its reasons in `locale`. */
function samples(locale: LocaleOrPseudo): Scorecard {
  const linted = lintPaths({ paths: [], cwd: SAMPLES, asOf: '2026-11-27' });
  return buildScorecard(linted.result.workspace, (file) => path.relative(SAMPLES, file).split(path.sep).join('/'), locale);
}

/** Expected text with ␣ for the no-break space Intl and the Swedish texts put in `1 234,5` and `12,3 %`. */
const shown = (text: string) => text.replace(/␣/g, '\u00a0');

const TABLE = `Nordvik Outdoor AB 2026
Per 2026-11-27 · 14 KPI:er · 10 mål
1 ur fas · 4 risk · 7 i fas · 2 uppnått

KPI                      Utfall      Mot föreg.     Mot i fjol      Ack.            Mot plan         Målvärde    Status

risk            Grow net sales to SEK 310 M at a 9 % EBIT margin
  EBIT margin, rolling   8,6␣%       ▲ +0,7 p.e. ✓                                  ▲ +0,15 p.e. ✓   9,0␣%       i fas
  twelve months          0,2 före plan (plan 8,4 för 2026-Q3)

  risk            Grow web shop sales 25 % year on year
    Web shop net sales   23,8␣%      ▲ +1,1 p.e. ✓  ▲ +10,5 p.e. ✓                  ▲ +0,79 p.e. ✓   25,0␣%      i fas
    growth, year on      0,8 före plan (plan 23,0 för 2026-10)
    year
    Web shop net sales   13,17␣MSEK  ▲ +4,3␣% ✓     ▲ +23,8␣% ✓     ▲ +19,9␣% ✓     ▼ −0,33␣MSEK ✗   26,00␣MSEK  risk
    per month            0,33 efter plan (plan 13,50 för 2026-10; risk ned till 9,25)

  risk            Reach a 48 % gross margin
    Gross margin         46,1␣%      ▲ +0,2 p.e. ✓  ▲ +0,7 p.e. ✓   ▲ +1 p.e. ✓     ▼ −1,43 p.e. ✗   48,0␣%      risk
                         under risknivån 46,5

ur fas          Be the outdoor brand Nordic customers recommend and come back to
  Net Promoter Score     45␣score    ▶ 0␣% =                                        ▼ −3,16␣score ✗  50␣score    i fas
                         på eller över risknivån 42
  Spontaneous brand      13,4␣%      ▲ +0,4 p.e. ✓  ▲ +2,5 p.e. ✓                   ▼ −0,67 p.e. ✗   15,0␣%      risk
  awareness in Sweden    under risknivån 13,5

  i fas           Ship every order on the promised day
    Orders shipped on    96,4␣%      ▲ +0,5 p.e. ✓  ▲ +3 p.e. ✓     ▲ +2,33 p.e. ✓  ▲ +0,82 p.e. ✓   96,0␣%      uppnått
    the promised day     når målvärdet 96
    Order-to-dispatch    20,8␣hours  ▼ −1,4␣% ✓     ▼ −29,2␣% ✓     ▼ −18,3␣% ✓     ▼ −0,32␣hours ✓  20,0␣hours  i fas
    time, weekly median  0,3 före plan (plan 21,1 för 2026-11-20)

  ur fas          Bring returns below 7 % of orders
    Returned orders,     8,9␣%       ▼ −0,1 p.e. ✓                                  ▲ +0,84 p.e. ✗   7,0␣%       ur fas
    share of shipped     över nivån för ur fas 8,5
    orders

  risk            Make one in three customers come back within a year
    Repeat purchase      30,9␣%      ▲ +0,5 p.e. ✓                                  ▼ −0,26 p.e. ✗   32,0␣%      risk
    rate, rolling        0,3 efter plan (plan 31,2 för 2026-10; risk ned till 29,9)
    twelve months
    Web orders from      41,3␣%      ▲ +0,5 p.e. ✓  ▲ +4,2 p.e. ✓   ▲ +2,74 p.e. ✓  ▲ +0,25 p.e. ✓   42,0␣%      i fas
    returning customers  ögonblicksbild 2026-12-05 01:38 UTC · 0,3 före plan (plan 41,0 för 2026-10)

i fas           A workplace people stay at and grow in

  i fas           Keep staff turnover at or below 11 %
    Staff turnover,      10,8␣%      ▼ −0,4 p.e. ✓                                  ▼ −0,78 p.e. ✓   11,0␣%      uppnått
    rolling twelve       når målvärdet 11
    months
    Employee Net         21␣score    ▲ +5␣% ✓                                       ▼ −1,83␣score ✗  25␣score    i fas
    Promoter Score       på eller över risknivån 18
    (eNPS)

  i fas           Every employee certified in product knowledge and safety
    Staff certified in   86␣%        ▲ +3 p.e. ✓                                    ▲ +1,35 p.e. ✓   90␣%        i fas
    product knowledge    1 före plan (plan 85 för 2026-10)
    and safety

✓ bättre · ✗ sämre · = oförändrat
`;

const MARKDOWN = `## Nordvik Outdoor AB 2026

Per 2026-11-27 · 14 KPI\\:er · 10 mål

🔴 ur fas: 1 · 🟠 risk: 4 · 🟢 i fas: 7 · ✅ uppnått: 2

| Mål | KPI | Utfall | Mot föreg. | Mot i fjol | Ack. | Mot plan | Målvärde | Status | Varför | Ansvarig |
| --- | --- | ---: | --- | --- | --- | --- | ---: | --- | --- | --- |
| Grow net sales to SEK 310 M at a 9 % EBIT margin (🟠 risk) | EBIT margin, rolling twelve months | 8,6␣% | 🟢 ▲ +0,7 p\\.e. mot 2026-Q2 |  |  | 🟢 ▲ +0,15 p\\.e. | 9,0␣% | 🟢 i fas | 0,2 före plan (plan 8,4 för 2026-Q3) | Karin Sjöberg |
| ↳ Grow web shop sales 25 % year on year (🟠 risk) | Web shop net sales growth, year on year | 23,8␣% | 🟢 ▲ +1,1 p\\.e. mot 2026-09 | 🟢 ▲ +10,5 p\\.e. mot 2025-10 |  | 🟢 ▲ +0,79 p\\.e. | 25,0␣% | 🟢 i fas | 0,8 före plan (plan 23,0 för 2026-10) | Johan Lindqvist |
|  | Web shop net sales per month | 13,17␣MSEK | 🟢 ▲ +4,3␣% mot 2026-09 | 🟢 ▲ +23,8␣% mot 2025-10 | 🟢 116,6␣MSEK ▲ +19,9␣% | 🔴 ▼ −0,33␣MSEK | 26,00␣MSEK | 🟠 risk | 0,33 efter plan (plan 13,50 för 2026-10; risk ned till 9,25) | Johan Lindqvist |
| ↳ Reach a 48 % gross margin (🟠 risk) | Gross margin | 46,1␣% | 🟢 ▲ +0,2 p\\.e. mot 2026-09 | 🟢 ▲ +0,7 p\\.e. mot 2025-10 | 🟢 45,77␣% ▲ +1 p\\.e. | 🔴 ▼ −1,43 p\\.e. | 48,0␣% | 🟠 risk | under risknivån 46,5 | Karin Sjöberg |
| Be the outdoor brand Nordic customers recommend and come back to (🔴 ur fas) | Net Promoter Score | 45␣score | ⚪ ▶ 0␣% mot 2026-09 |  |  | 🔴 ▼ −3,16␣score | 50␣score | 🟢 i fas | på eller över risknivån 42 | Sara Nyberg |
|  | Spontaneous brand awareness in Sweden | 13,4␣% | 🟢 ▲ +0,4 p\\.e. mot 2026-Q2 | 🟢 ▲ +2,5 p\\.e. mot 2025-Q3 |  | 🔴 ▼ −0,67 p\\.e. | 15,0␣% | 🟠 risk | under risknivån 13,5 | Sara Nyberg |
| ↳ Ship every order on the promised day (🟢 i fas) | Orders shipped on the promised day | 96,4␣% | 🟢 ▲ +0,5 p\\.e. mot 2026-09 | 🟢 ▲ +3 p\\.e. mot 2025-10 | 🟢 94,81␣% ▲ +2,33 p\\.e. | 🟢 ▲ +0,82 p\\.e. | 96,0␣% | ✅ uppnått | når målvärdet 96 | Maria Ekström |
|  | Order-to-dispatch time, weekly median | 20,8␣hours | 🟢 ▼ −1,4␣% mot 2026-W46 | 🟢 ▼ −29,2␣% mot 2025-W47 | 🟢 25,51␣hours ▼ −18,3␣% | 🟢 ▼ −0,32␣hours | 20,0␣hours | 🟢 i fas | 0,3 före plan (plan 21,1 för 2026-11-20) | Maria Ekström |
| ↳ Bring returns below 7 % of orders (🔴 ur fas) | Returned orders, share of shipped orders | 8,9␣% | 🟢 ▼ −0,1 p\\.e. mot 2026-09 |  |  | 🔴 ▲ +0,84 p\\.e. | 7,0␣% | 🔴 ur fas | över nivån för ur fas 8,5 | Maria Ekström |
| ↳ Make one in three customers come back within a year (🟠 risk) | Repeat purchase rate, rolling twelve months | 30,9␣% | 🟢 ▲ +0,5 p\\.e. mot 2026-09 |  |  | 🔴 ▼ −0,26 p\\.e. | 32,0␣% | 🟠 risk | 0,3 efter plan (plan 31,2 för 2026-10; risk ned till 29,9) | Sara Nyberg |
|  | Web orders from returning customers | 41,3␣% | 🟢 ▲ +0,5 p\\.e. mot 2026-09 | 🟢 ▲ +4,2 p\\.e. mot 2025-10 | 🟢 38,69␣% ▲ +2,74 p\\.e. | 🟢 ▲ +0,25 p\\.e. | 42,0␣% | 🟢 i fas | 0,3 före plan (plan 41,0 för 2026-10) · ögonblicksbild 2026-12-05 01\\:38 UTC | Sara Nyberg |
| A workplace people stay at and grow in (🟢 i fas) | | | | | | | | | | |
| ↳ Keep staff turnover at or below 11 % (🟢 i fas) | Staff turnover, rolling twelve months | 10,8␣% | 🟢 ▼ −0,4 p\\.e. mot 2026-09 |  |  | 🟢 ▼ −0,78 p\\.e. | 11,0␣% | ✅ uppnått | når målvärdet 11 | Anders Holm |
|  | Employee Net Promoter Score (eNPS) | 21␣score | 🟢 ▲ +5␣% mot 2026-09 |  |  | 🔴 ▼ −1,83␣score | 25␣score | 🟢 i fas | på eller över risknivån 18 | Anders Holm |
| ↳ Every employee certified in product knowledge and safety (🟢 i fas) | Staff certified in product knowledge and safety | 86␣% | 🟢 ▲ +3 p\\.e. mot 2026-09 |  |  | 🟢 ▲ +1,35 p\\.e. | 90␣% | 🟢 i fas | 1 före plan (plan 85 för 2026-10) | Anders Holm |

🟢 bättre · 🔴 sämre · ⚪ oförändrat

`;

describe('the scorecard in Swedish', () => {
  it('kpi status: the terminal table of the samples', () => {
    assert.equal(renderTable(samples('sv'), false, 'sv'), shown(TABLE));
  });

  it('kpi status --format markdown: the Markdown of the samples', () => {
    assert.equal(renderMarkdown(samples('sv'), 'sv'), shown(MARKDOWN));
  });

  it('kpi status --format json: figures and codes stay locale-neutral, the reason is Swedish', () => {
    const margin = samples('sv').kpis.find((k) => k.id === 'gross-margin');
    assert.deepEqual(
      [margin?.status, margin?.latest, margin?.target, margin?.planned, margin?.progress, margin?.trend, margin?.reason],
      ['at-risk', { date: '2026-10', value: 46.1 }, { value: 48, date: '2026-12' }, 47.5321, 0.3214, 'improving', 'under risknivån 46,5'],
    );
    // The title of kpi.config.yaml is the user's own text, shown as written; only the default title is translated.
    assert.deepEqual([samples('sv').title, samples('en').title], ['Nordvik Outdoor AB 2026', 'Nordvik Outdoor AB 2026']);
    const pitfalls = lintPaths({ paths: [], cwd: path.join(SAMPLES, 'pitfalls'), asOf: '2026-11-27' }).result.workspace; // no title, many files
    const untitled = (locale: LocaleOrPseudo) => buildScorecard(pitfalls, (file) => file, locale).title;
    assert.deepEqual([untitled('sv'), untitled('en'), untitled('qps-ploc')], ['Styrkort', 'KPI scorecard', '⟦KPI scorecard⟧']);
    assert.deepEqual(
      { ...samples('sv'), kpis: samples('sv').kpis.map((k) => ({ ...k, reason: '' })) },
      { ...samples('en'), kpis: samples('en').kpis.map((k) => ({ ...k, reason: '' })) },
      'only the reasons differ',
    );
  });

  it('the HTML scorecard: <html lang="sv-SE">, Swedish words and reasons, decimal commas', () => {
    const html = renderScorecardHtml(samples('sv'), { nonce: 'n', locale: 'sv' });
    assert.match(html, /<html lang="sv-SE" data-locale="sv">/);
    assert.match(html, /<title>Nordvik Outdoor AB 2026 — per 2026-11-27<\/title>/);
    assert.match(html, /<h1>Nordvik Outdoor AB 2026<\/h1>\n {2}<p class="muted">Per 2026-11-27 · 14 KPI:er · 10 mål<\/p>/);
    assert.match(html, /<ul class="counts" aria-label="KPI:er per status">/);
    assert.deepEqual(
      [...html.matchAll(/<li class="count status-[a-z-]+"><span class="count-number">(\d+)<\/span> ([^<]+)<\/li>/g)].map((m) => `${m[1]} ${m[2]}`),
      ['1 ur fas', '4 risk', '7 i fas', '2 uppnått'],
    );
    const card = /<article class="kpi status-at-risk" data-kpi="gross-margin"[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
    assert.match(card, /<span class="badge status-at-risk">risk<\/span>/);
    assert.match(card, /<span class="category">ekonomi<\/span> · <span>Karin Sjöberg<\/span>/);
    assert.match(card, new RegExp(shown('<span class="value">46,1␣%</span> <span class="muted">för 2026-10</span>')));
    assert.match(card, new RegExp(shown('<p class="target">Målvärde: 48␣% till 2026-12</p>')));
    assert.match(card, new RegExp(shown('<p class="plan muted">Plan: 47,5␣% för 2026-10</p>')));
    assert.match(card, /<span class="trend trend-improving">▲ förbättras<\/span>/);
    assert.match(card, /<p class="reason muted">Under risknivån 46,5<\/p>/);
    assert.match(card, new RegExp(shown('aria-label="Måluppfyllelse 32␣%"')));
    assert.match(card, new RegExp(shown('<span class="muted progress-text">32␣% måluppfyllelse</span>')));
    assert.match(card, /aria-label="Historik med 22 mätvärden från 2025-01 till 2026-10"/);
    const repeat = /<article class="kpi status-at-risk" data-kpi="repeat-purchase-rate"[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
    assert.match(repeat, /<p class="reason muted">0,3 efter plan \(plan 31,2 för 2026-10; risk ned till 29,9\)<\/p>/);
    assert.match(
      html,
      /<section class="goal depth-1 status-at-risk" data-goal="healthy-margins"[^>]*>\n\s*<h3 class="goal-title"><span class="badge status-at-risk">risk<\/span> /,
    );
    assert.match(html, /<p class="meta">Karin Sjöberg · senast 2026-12-31<\/p>/);
    assert.match(html, /<nav class="filters" aria-label="Filter">/);
    assert.match(
      html,
      /<div class="filter" role="group" aria-label="Filtrera på kategori"><span class="filter-label">Kategori<\/span><button type="button" data-filter-category="" aria-pressed="true">Alla<\/button><button type="button" data-filter-category="financial" aria-pressed="false">ekonomi<\/button><button type="button" data-filter-category="operational" aria-pressed="false">verksamhet<\/button><button type="button" data-filter-category="customer" aria-pressed="false">kund<\/button><button type="button" data-filter-category="hr" aria-pressed="false">medarbetare<\/button><\/div>/,
    );
    assert.match(
      html,
      /aria-label="Filtrera på status"><span class="filter-label">Status<\/span><button type="button" data-filter-status="" aria-pressed="true">Alla<\/button><button type="button" data-filter-status="off-track" aria-pressed="false">ur fas<\/button>/,
    );
    assert.match(html, /<p class="no-match muted" hidden>Ingen KPI matchar filtren\.<\/p>/);
  });

  it('the HTML scorecard: the words of a stale KPI, a KPI without data and an empty workspace', () => {
    const scorecard = samples('sv');
    const margin = scorecard.kpis.find((k) => k.id === 'gross-margin')!;
    const stale = {
      ...scorecard,
      kpis: [{ ...margin, stale: true, trend: null, progress: null, planned: null, latest: null, history: [], target: { value: 48 } }],
    };
    const body = renderScorecardBody(stale, { locale: 'sv' });
    assert.match(body, /<span class="badge stale" title="Senaste mätvärdet är äldre än två perioder">inaktuell<\/span>/);
    assert.match(body, /<span class="muted">saknar data<\/span>/);
    assert.match(body, new RegExp(shown('<p class="target">Målvärde: 48␣%</p>')));
    assert.match(body, /<span class="muted">ingen trend än<\/span>/);
    assert.match(body, /<span class="spark-empty">ingen historik<\/span>/);
    assert.match(
      renderScorecardBody({ title: 'Styrkort', asOf: '2026-11-27', goals: [], kpis: [] }, { locale: 'sv' }),
      /<p class="empty">Inga mål eller KPI:er i arbetsytan ännu\.<\/p>/,
    );
    const loose = renderScorecardBody({ title: 'Styrkort', asOf: '2026-11-27', goals: [], kpis: [{ ...margin, goals: [] }] }, { locale: 'sv' });
    assert.match(loose, /<h2 class="goal-title">Inte kopplade till något mål<\/h2>/);
    assert.match(loose, /Per 2026-11-27 · 1 KPI · 0 mål/);
  });
});

/** The people's own words in the samples: goal titles, KPI names and owners, shown as written in every language. */
function userTexts(scorecard: Scorecard): string[] {
  // The history chart shows the measurements' dates as written (its axis, its table) and their notes: the user's data too.
  const texts = [
    scorecard.title,
    ...scorecard.goals.flatMap((g) => [g.title, g.owner]),
    ...scorecard.kpis.flatMap((k) => [
      k.name,
      k.owner,
      ...k.history.flatMap((m) => [m.date, m.note ?? null]),
      // The chart's table also has a row for each point of the plan line without a measurement.
      ...[k.baseline?.date, ...k.plan.map((p) => p.date), k.target?.date].filter((date) => date !== undefined),
    ]),
  ];
  // Longest first, so that a title is not left in pieces by a shorter one inside it.
  return [...new Set(texts.filter((t): t is string => t !== null))].sort((a, b) => b.length - a.length);
}

/**
 * The letters of `text` that came neither from the catalogue (marked ⟦…⟧ by
 * the pseudo-locale, nested when a message holds another) nor from the
 * user's own words.
 */
function unmarked(text: string, users: readonly string[]): string[] {
  let rest = outsideMarks(text);
  for (const user of users) rest = rest.split(user).join(' ');
  return rest.split(/\s+/).filter((word) => /\p{L}/u.test(word));
}

/** What a person sees or hears of an HTML page: the body's text, the title, and the aria-label and title attributes. */
function visibleText(html: string): string {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
  const attributes = [...html.matchAll(/ (?:aria-label|title)="([^"]*)"/g)].map((m) => m[1]);
  const text = body
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim();
  return [text, title, ...attributes].map(decode).join('\n');
}

describe('the scorecard in the pseudo-locale: no English of ours outside the catalogue', () => {
  // Allowed unmarked: the goal titles, KPI names and owners of the sample files, which are the user's data and are shown
  // as written. Units ("%", "score", "hours"), dates as written ("2026-Q3") and the as-of date are data too, but they are
  // placed inside catalogue texts (⟦46.1 %⟧, ⟦on 2026-Q3⟧), so they need no exception.
  const scorecard = samples('qps-ploc');
  const users = userTexts(scorecard);

  it('the HTML scorecard', () => {
    const html = renderScorecardHtml(scorecard, { nonce: 'n', locale: 'qps-ploc' });
    const text = visibleText(html);
    assert.match(text, /⟦at risk⟧/, 'the status words are marked');
    assert.match(text, /Gross margin/, "the user's words are shown");
    assert.deepEqual(unmarked(text, users), []);
    assert.ok(unmarked(visibleText(renderScorecardHtml(samples('en'), { nonce: 'n' })), users).includes('Target:'), 'the check sees unmarked English');
  });

  it('the HTML scorecard of a KPI without data, a stale KPI, an empty workspace', () => {
    const margin = scorecard.kpis.find((k) => k.id === 'gross-margin')!;
    const odd = { ...margin, goals: [], stale: true, trend: null, progress: null, planned: null, latest: null, history: [] };
    const html = renderScorecardHtml({ ...scorecard, kpis: [...scorecard.kpis, odd] }, { nonce: 'n', locale: 'qps-ploc' });
    assert.deepEqual(unmarked(visibleText(html), users), []);
    assert.deepEqual(
      unmarked(visibleText(renderScorecardHtml({ title: scorecard.title, asOf: '2026-11-27', goals: [], kpis: [] }, { nonce: 'n', locale: 'qps-ploc' })), [
        scorecard.title,
      ]),
      [],
    );
  });

  it('the terminal table and the Markdown', () => {
    // The table wraps a long KPI name in its column, at spaces: the pieces are the user's words too.
    const pieces = scorecard.kpis.flatMap((k) => Array.from({ length: 70 }, (_, i) => wrapWords(k.name, 12 + i)).flat());
    const wrapped = [...new Set([...users, ...pieces])].sort((a, b) => b.length - a.length);
    const table = renderTable(scorecard, false, 'qps-ploc');
    assert.match(table, /^ {4}Repeat purchase +⟦30\.9 %⟧/m, 'a name is wrapped');
    assert.deepEqual(unmarked(table, wrapped), []);
    assert.deepEqual(unmarked(renderMarkdown(scorecard, 'qps-ploc'), users), []);
    // The title is the user's, from kpi.config.yaml or the file.
    const empty = { title: 'Acme AB', asOf: '2026-11-27', goals: [], kpis: [] };
    assert.deepEqual(unmarked(renderTable(empty, false, 'qps-ploc'), ['Acme AB']), []);
    assert.deepEqual(unmarked(renderMarkdown(empty, 'qps-ploc'), ['Acme AB']), []);
    assert.deepEqual(unmarked(renderTable(empty, false, 'qps-ploc'), []), ['Acme', 'AB'], 'the check sees the title');
  });
});

describe('the year to date in the table and the Markdown, in English and Swedish', () => {
  /** The samples with gross margin's year to date missing a period. */
  const partial = (locale: LocaleOrPseudo): Scorecard => {
    const scorecard = samples(locale);
    const kpis = scorecard.kpis.map((k) =>
      k.id === 'gross-margin' ? { ...k, comparisons: { ...k.comparisons, yearToDate: { ...k.comparisons.yearToDate!, complete: false } } } : k,
    );
    return { ...scorecard, kpis };
  };

  it('a partial year to date is marked * with a footnote', () => {
    const en = renderTable(partial('en'), false, 'en');
    assert.match(en, /\n {4}Gross margin +46\.1 % +▲ \+0\.2 pp ✓ +▲ \+0\.7 pp ✓ +▲ \+1 pp ✓\* +▼ -1\.43 pp ✗/);
    assert.ok(en.endsWith('\n✓ better · ✗ worse · = unchanged\n* not every period measured\n'), en);
    const sv = renderTable(partial('sv'), false, 'sv');
    assert.match(sv, new RegExp(shown('\\n {4}Gross margin +46,1␣% +▲ \\+0,2 p\\.e\\. ✓ +▲ \\+0,7 p\\.e\\. ✓ +▲ \\+1 p\\.e\\. ✓\\* +▼ −1,43 p\\.e\\. ✗')));
    assert.ok(sv.endsWith('\n✓ bättre · ✗ sämre · = oförändrat\n* alla perioder är inte uppmätta\n'), sv);
    const markdown = renderMarkdown(partial('en'), 'en');
    assert.ok(markdown.includes('| 🟢 45.77 % ▲ +1 pp\\* |'), markdown);
    assert.ok(markdown.endsWith('\n🟢 better · 🔴 worse · ⚪ unchanged\n\n\\* not every period measured\n\n'), markdown);
    const swedish = renderMarkdown(partial('sv'), 'sv');
    assert.ok(swedish.includes(shown('| 🟢 45,77␣% ▲ +1 p\\.e.\\* |')), swedish);
    assert.ok(swedish.endsWith('\n\\* alla perioder är inte uppmätta\n\n'), swedish);
    // A complete one has neither.
    assert.doesNotMatch(renderTable(samples('en'), false, 'en') + renderMarkdown(samples('en'), 'en'), /\*|not every period/);
  });

  it('without any year to date the column is left out', () => {
    for (const locale of ['en', 'sv'] as const) {
      const scorecard = samples(locale);
      const none = { ...scorecard, kpis: scorecard.kpis.map((k) => ({ ...k, comparisons: { ...k.comparisons, yearToDate: null } })) };
      const [withYtd, without] = [scorecard, none].map((s) => renderTable(s, false, locale).split('\n')[4]);
      const [ytd, vsPlan] = locale === 'en' ? ['YTD', 'vs plan'] : ['Ack.', 'Mot plan'];
      assert.ok(withYtd.includes(` ${ytd} `) && withYtd.includes(vsPlan), withYtd);
      assert.ok(!without.includes(` ${ytd} `) && without.includes(vsPlan), without);
      const header = (s: Scorecard) =>
        renderMarkdown(s, locale)
          .split('\n')
          .find((line) => line.startsWith('| '))!;
      assert.ok(header(scorecard).includes(`| ${ytd} |`), header(scorecard));
      assert.ok(!header(none).includes(`| ${ytd} |`), header(none));
    }
  });
});
