import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../server/src/cli/formatters/status-markdown';
import { renderTable } from '../../server/src/cli/formatters/status-table';
import { lintPaths } from '../../server/src/cli/workspace';
import type { LocaleOrPseudo } from '../../server/src/core/l10n/locale';
import { buildScorecard, type Scorecard } from '../../server/src/core/scorecard';
import { renderScorecardBody, renderScorecardHtml } from '../../server/src/report/html';
import { REPO } from '../helpers';

const SAMPLES = path.join(REPO, 'samples');

/** The samples' scorecard as `kpi status --as-of 2026-11-27` builds it, its reasons in `locale`. */
function samples(locale: LocaleOrPseudo): Scorecard {
  const linted = lintPaths({ paths: [], cwd: SAMPLES, asOf: '2026-11-27' });
  return buildScorecard(linted.result.workspace, (file) => path.relative(SAMPLES, file).split(path.sep).join('/'), locale);
}

/** Expected text with ␣ for the no-break space Intl and the Swedish texts put in `1 234,5` and `12,3 %`. */
const shown = (text: string) => text.replace(/␣/g, '\u00a0');

const TABLE = `Styrkort per 2026-11-27
1 ur fas · 2 risk · 6 i fas · 2 uppnått

risk            Grow net sales to SEK 310 M at a 9 % EBIT margin
  i fas           EBIT margin, rolling twelve months  8,6␣% av 9,0␣% · 82␣% · ▲ förbättras · 0,2 före plan (plan 8,4 för 2026-Q3)

  i fas           Grow web shop sales 25 % year on year
    i fas           Web shop net sales growth, year on year  23,8␣% av 25,0␣% · 89␣% · ▲ förbättras · 0,8 före plan (plan 23,0 för 2026-10)

  risk            Reach a 48 % gross margin
    risk            Gross margin  46,1␣% av 48,0␣% · 32␣% · ▲ förbättras · under risknivån 46,5

ur fas          Be the outdoor brand Nordic customers recommend and come back to
  i fas           Net Promoter Score  45␣score av 50␣score · 55␣% · ▶ oförändrad · på eller över risknivån 42

  i fas           Ship every order on the promised day
    uppnått         Orders shipped on the promised day  96,4␣% av 96,0␣% · 116␣% · ▲ förbättras · når målvärdet 96
    i fas           Order-to-dispatch time, weekly median  20,8␣hours av 20,0␣hours · 92␣% · ▼ förbättras · 0,3 före plan (plan 21,1 för 2026-11-20)

  ur fas          Bring returns below 7 % of orders
    ur fas          Returned orders, share of shipped orders  8,9␣% av 7,0␣% · 21␣% · ▼ förbättras · över nivån för ur fas 8,5

  risk            Make one in three customers come back within a year
    risk            Repeat purchase rate, rolling twelve months  30,9␣% av 32,0␣% · 78␣% · ▲ förbättras · 0,3 efter plan (plan 31,2 för 2026-10; risk ned till 29,9)

i fas           A workplace people stay at and grow in

  i fas           Keep staff turnover at or below 11 %
    uppnått         Staff turnover, rolling twelve months  10,8␣% av 11,0␣% · 106␣% · ▼ förbättras · når målvärdet 11
    i fas           Employee Net Promoter Score (eNPS)  21␣score av 25␣score · 69␣% · ▲ förbättras · på eller över risknivån 18

  i fas           Every employee certified in product knowledge and safety
    i fas           Staff certified in product knowledge and safety  86␣% av 90␣% · 88␣% · ▲ förbättras · 1 före plan (plan 85 för 2026-10)
`;

const MARKDOWN = `## Styrkort — per 2026-11-27

🔴 ur fas: 1 · 🟠 risk: 2 · 🟢 i fas: 6 · ✅ uppnått: 2

| Mål | KPI | Status | Varför | Senaste utfall av målvärde | Måluppfyllelse | Trend | Data | Ansvarig |
| --- | --- | --- | --- | --- | ---: | --- | --- | --- |
| Grow net sales to SEK 310 M at a 9 % EBIT margin (🟠 risk) | EBIT margin, rolling twelve months | 🟢 i fas | 0,2 före plan (plan 8,4 för 2026-Q3) | 8,6␣% av 9,0␣% | 82␣% | ▲ förbättras |  | Karin Sjöberg |
| ↳ Grow web shop sales 25 % year on year (🟢 i fas) | Web shop net sales growth, year on year | 🟢 i fas | 0,8 före plan (plan 23,0 för 2026-10) | 23,8␣% av 25,0␣% | 89␣% | ▲ förbättras |  | Johan Lindqvist |
| ↳ Reach a 48 % gross margin (🟠 risk) | Gross margin | 🟠 risk | under risknivån 46,5 | 46,1␣% av 48,0␣% | 32␣% | ▲ förbättras |  | Karin Sjöberg |
| Be the outdoor brand Nordic customers recommend and come back to (🔴 ur fas) | Net Promoter Score | 🟢 i fas | på eller över risknivån 42 | 45␣score av 50␣score | 55␣% | ▶ oförändrad |  | Sara Nyberg |
| ↳ Ship every order on the promised day (🟢 i fas) | Orders shipped on the promised day | ✅ uppnått | når målvärdet 96 | 96,4␣% av 96,0␣% | 116␣% | ▲ förbättras |  | Maria Ekström |
|  | Order-to-dispatch time, weekly median | 🟢 i fas | 0,3 före plan (plan 21,1 för 2026-11-20) | 20,8␣hours av 20,0␣hours | 92␣% | ▼ förbättras |  | Maria Ekström |
| ↳ Bring returns below 7 % of orders (🔴 ur fas) | Returned orders, share of shipped orders | 🔴 ur fas | över nivån för ur fas 8,5 | 8,9␣% av 7,0␣% | 21␣% | ▼ förbättras |  | Maria Ekström |
| ↳ Make one in three customers come back within a year (🟠 risk) | Repeat purchase rate, rolling twelve months | 🟠 risk | 0,3 efter plan (plan 31,2 för 2026-10; risk ned till 29,9) | 30,9␣% av 32,0␣% | 78␣% | ▲ förbättras |  | Sara Nyberg |
| A workplace people stay at and grow in (🟢 i fas) | | | | | | | | |
| ↳ Keep staff turnover at or below 11 % (🟢 i fas) | Staff turnover, rolling twelve months | ✅ uppnått | når målvärdet 11 | 10,8␣% av 11,0␣% | 106␣% | ▼ förbättras |  | Anders Holm |
|  | Employee Net Promoter Score (eNPS) | 🟢 i fas | på eller över risknivån 18 | 21␣score av 25␣score | 69␣% | ▲ förbättras |  | Anders Holm |
| ↳ Every employee certified in product knowledge and safety (🟢 i fas) | Staff certified in product knowledge and safety | 🟢 i fas | 1 före plan (plan 85 för 2026-10) | 86␣% av 90␣% | 88␣% | ▲ förbättras |  | Anders Holm |

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
    assert.deepEqual([samples('sv').title, samples('en').title], ['Styrkort', 'KPI scorecard']);
    assert.deepEqual(
      { ...samples('sv'), title: '', kpis: samples('sv').kpis.map((k) => ({ ...k, reason: '' })) },
      { ...samples('en'), title: '', kpis: samples('en').kpis.map((k) => ({ ...k, reason: '' })) },
      'only the reasons and the default title differ',
    );
  });

  it('the HTML scorecard: <html lang="sv-SE">, Swedish words and reasons, decimal commas', () => {
    const html = renderScorecardHtml(samples('sv'), { nonce: 'n', locale: 'sv' });
    assert.match(html, /<html lang="sv-SE" data-locale="sv">/);
    assert.match(html, /<title>Styrkort — per 2026-11-27<\/title>/);
    assert.match(html, /<h1>Styrkort<\/h1>\n {2}<p class="muted">Per 2026-11-27 · 11 KPI:er · 10 mål<\/p>/);
    assert.match(html, /<ul class="counts" aria-label="KPI:er per status">/);
    assert.deepEqual(
      [...html.matchAll(/<li class="count status-[a-z-]+"><span class="count-number">(\d+)<\/span> ([^<]+)<\/li>/g)].map((m) => `${m[1]} ${m[2]}`),
      ['1 ur fas', '2 risk', '6 i fas', '2 uppnått'],
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
    ...scorecard.goals.flatMap((g) => [g.title, g.owner]),
    ...scorecard.kpis.flatMap((k) => [k.name, k.owner, ...k.history.flatMap((m) => [m.date, m.note ?? null])]),
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
  let rest = text;
  for (let before = ''; before !== rest;) [before, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')];
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
      unmarked(visibleText(renderScorecardHtml({ title: scorecard.title, asOf: '2026-11-27', goals: [], kpis: [] }, { nonce: 'n', locale: 'qps-ploc' })), []),
      [],
    );
  });

  it('the terminal table and the Markdown', () => {
    assert.deepEqual(unmarked(renderTable(scorecard, false, 'qps-ploc'), users), []);
    assert.deepEqual(unmarked(renderMarkdown(scorecard, 'qps-ploc'), users), []);
    assert.deepEqual(unmarked(renderTable({ title: 'KPI scorecard', asOf: '2026-11-27', goals: [], kpis: [] }, false, 'qps-ploc'), []), []);
    assert.deepEqual(unmarked(renderMarkdown({ title: 'KPI scorecard', asOf: '2026-11-27', goals: [], kpis: [] }, 'qps-ploc'), []), []);
  });
});
