import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as path from 'node:path';
import { lintPaths } from '../../server/src/cli/workspace';
import { buildScorecard, type Scorecard } from '../../server/src/core/scorecard';
import { renderScorecardBody, renderScorecardHtml } from '../../server/src/report/html';
import { escapeHtml } from '../../server/src/report/markup';
import { plainText } from '../../server/src/report/plain-text';
import { GOOD_FILE, lintFixture, REPO } from '../helpers';

const scorecard = () => buildScorecard(lintFixture({ 'sales.kpi.yaml': GOOD_FILE }).workspace, () => 'sales.kpi.yaml');

describe('HTML scorecard renderer', () => {
  it('escapes the five HTML-special characters, and CR, which HTML would turn into LF', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.equal(escapeHtml('a\rb\r\nc'), 'a&#13;b&#13;\nc');
  });

  it('shows KPI text on one line, with control and bidi characters visible', () => {
    assert.equal(plainText('a\rb\nc\r\nd\u2028e\tf'), 'a b c d e f');
    assert.equal(plainText('\u202Eevil\u202C \u2067x \u001b[2J\u0007\u009b'), '\uFFFDevil\uFFFD \uFFFDx \uFFFD[2J\uFFFD\uFFFD');
    assert.equal(plainText('Försäljning ökar 5 % — ‏עברית‏ العربية'), 'Försäljning ökar 5 % — ‏עברית‏ العربية', 'letters and direction marks stay');
  });

  it('has a strict CSP: nothing but its own nonce-tagged style and script', () => {
    const html = renderScorecardHtml(scorecard(), { nonce: 'abc123' });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    assert.equal(csp, "default-src 'none'; img-src data:; style-src 'nonce-abc123'; script-src 'nonce-abc123'; base-uri 'none'; form-action 'none'");
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123">/);
    assert.match(html, /<style nonce="abc123">/);
    assert.doesNotMatch(html, / style="/, 'no inline style attributes, which the CSP would block');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing from the network');
  });

  it('shows each KPI with status word, latest value, target, progress, trend and sparkline', () => {
    const html = renderScorecardHtml(scorecard(), { nonce: 'n' });
    const card = /<article class="kpi status-on-track" data-kpi="sales-growth"[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
    assert.match(card, /<span class="badge status-on-track">on track<\/span>/);
    assert.match(card, /<span class="value">5\.9 %<\/span> <span class="muted">on 2026-10<\/span>/);
    assert.match(card, /Target: 6 % by 2026-12/);
    // The plan line from 4 (2025-12) to 6 (2026-12) plans 4 + 2 × 304/365 = 5.67 on 2026-10-31, shown with the data's decimals.
    assert.match(card, /<p class="plan muted">Plan: 5\.7 % for 2026-10<\/p>/);
    assert.match(card, /<p class="reason muted">0\.2 ahead of plan \(plan 5\.7 for 2026-10\)<\/p>/);
    assert.match(card, /<span class="trend trend-improving">▲ improving<\/span>/);
    assert.match(card, /aria-label="Progress 95 %"/);
    assert.match(card, /<polyline class="spark-line" points="[\d., ]+"\/>/);
    assert.match(card, /History of 3 measurements from 2026-08 to 2026-10/);
    assert.doesNotMatch(card, /data-line/);
  });

  it('serves the editor preview: theme variables, a script URI, the webview CSP source and source lines', () => {
    const html = renderScorecardHtml(scorecard(), {
      nonce: 'n',
      theme: 'vscode',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/scorecard.js',
      cspSource: 'https://*.vscode-cdn.net',
      sourceLines: true,
    });
    assert.match(html, /<body class="theme-vscode">/);
    assert.match(html, /<script nonce="n" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/scorecard\.js"><\/script>/);
    assert.match(html, /script-src &#39;nonce-n&#39; https:\/\/\*\.vscode-cdn\.net/);
    assert.match(html, /data-kpi="sales-growth" data-status="on-track" data-category="financial" data-file="sales\.kpi\.yaml" data-line="6"/);
    assert.match(html, /data-goal="grow-revenue" data-status="on-track" data-file="sales\.kpi\.yaml" data-line="3"/);
  });

  it('marks stale data with a badge next to the status word', () => {
    const stale = buildScorecard(lintFixture({ 'sales.kpi.yaml': GOOD_FILE }, { asOf: '2027-03-01' }).workspace, () => 'sales.kpi.yaml');
    assert.match(
      renderScorecardHtml(stale, { nonce: 'n' }),
      /<span class="badge status-on-track">on track<\/span> <span class="badge stale"[^>]*>stale<\/span>/,
    );
    assert.doesNotMatch(renderScorecardHtml(scorecard(), { nonce: 'n' }), /class="badge stale"/);
  });

  it('says so when the workspace is empty', () => {
    const html = renderScorecardHtml({ title: 'KPI scorecard', asOf: '2026-11-27', goals: [], kpis: [] }, { nonce: 'n' });
    assert.match(html, /No goals or KPIs in this workspace yet\./);
  });
});

const SAMPLES = path.join(REPO, 'samples');

/** The samples' scorecard as `kpi status --as-of 2026-11-27` builds it, in `locale`. */
function samples(locale: 'en' | 'sv'): Scorecard {
  const linted = lintPaths({ paths: [], cwd: SAMPLES, asOf: '2026-11-27' });
  return buildScorecard(linted.result.workspace, (file) => path.relative(SAMPLES, file).split(path.sep).join('/'), locale);
}

/** One card of a rendered page. */
function cardOf(html: string, id: string): string {
  return new RegExp(`<article class="kpi [^"]*" data-kpi="${id}"[\\s\\S]*?</article>`).exec(html)?.[0] ?? '';
}

/** The text of each element of a class, tags left out, entities read. */
function texts(html: string, element: string): string[] {
  const pattern = new RegExp(`<${element}(?=[\\s>])[^>]*>([\\s\\S]*?)</${element.split(/[ .]/)[0]}>`, 'g');
  return [...html.matchAll(pattern)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}

/** Expected text with ␣ for the no-break space of Swedish numbers and units. */
const nbsp = (text: string) => text.replace(/␣/g, '\u00a0');

describe('HTML scorecard: comparisons and the history chart', () => {
  it('heads the page with the scorecard title and counts every status, invalid too', () => {
    const body = renderScorecardBody({ title: 'Acme <Board> pack', asOf: '2026-11-27', goals: [], kpis: [] });
    assert.match(body, /<h1>Acme &lt;Board&gt; pack<\/h1>/);
    const broken = buildScorecard(
      lintFixture({ 'sales.kpi.yaml': GOOD_FILE.replace('direction: increase', 'direction: upwards') }).workspace,
      () => 'sales.kpi.yaml',
    );
    assert.equal(broken.kpis[0].status, 'invalid');
    assert.deepEqual(texts(renderScorecardBody(broken), 'li class="count[^"]*"'), ['1 invalid']);
    // Its chart shows the measurements, but no plan line or band computed from its broken definition (SPEC §5.9).
    const chart = renderScorecardBody(broken);
    assert.equal((chart.match(/<polyline class="measured-line"/g) ?? []).length, 1);
    assert.doesNotMatch(chart, /plan-line|class="band/);
    const fine = renderScorecardBody(buildScorecard(lintFixture({ 'sales.kpi.yaml': GOOD_FILE }).workspace, () => 'sales.kpi.yaml'));
    assert.match(fine, /<polyline class="plan-line"/, 'the same KPI, valid, has its plan line');
  });

  it('shows the comparisons of a card under its latest value, with their verdicts in words (English)', () => {
    const card = cardOf(renderScorecardBody(samples('en')), 'gross-margin');
    assert.deepEqual(texts(card, 'li class="compare-[^"]*"'), [
      '▲ +0.2 pp vs 2026-09 better',
      '▲ +0.7 pp vs 2025-10 better',
      '▲ YTD 45.77 %, +1 pp vs last year better',
      '▼ -1.43 pp vs plan worse',
      '▼ -1.9 pp vs target worse',
    ]);
    assert.match(card, /<li class="compare-plan verdict-worse" data-compare="plan">/, 'the verdict as a class, for its colour');
    assert.match(card, /<p class="latest">[\s\S]*<\/p>\n\s*<ul class="compare" aria-label="Comparisons">/, 'right under the latest value');
    assert.match(card, /<p class="reason muted">Below the at-risk threshold 46\.5<\/p>/, 'the reason stays');
  });

  it('shows the same comparisons in Swedish', () => {
    const card = cardOf(renderScorecardBody(samples('sv'), { locale: 'sv' }), 'gross-margin');
    assert.deepEqual(texts(card, 'li class="compare-[^"]*"'), [
      '▲ +0,2 p.e. mot 2026-09 bättre',
      '▲ +0,7 p.e. mot 2025-10 bättre',
      nbsp('▲ Ack. 45,77␣%, +1 p.e. mot i fjol bättre'),
      '▼ −1,43 p.e. mot plan sämre',
      '▼ −1,9 p.e. mot målvärdet sämre',
    ]);
    assert.match(card, /<ul class="compare" aria-label="Jämförelser">/);
    assert.match(card, /<button type="button" class="history-button" aria-haspopup="dialog">Historik<\/button>/);
  });

  it('says so when the year to date misses a period', () => {
    const scorecard = samples('en');
    const margin = scorecard.kpis.find((k) => k.id === 'gross-margin')!;
    const partial = { ...margin, comparisons: { ...margin.comparisons, yearToDate: { ...margin.comparisons.yearToDate!, complete: false } } };
    const card = cardOf(renderScorecardBody({ ...scorecard, kpis: [partial] }), 'gross-margin');
    assert.deepEqual(texts(card, 'li class="compare-yearToDate[^"]*"'), ['▲ YTD 45.77 %, +1 pp vs last year better not every period measured']);
    assert.match(card, /<span class="partial">not every period measured<\/span>/);
  });

  it('opens a history chart from a button: dated axes, value labels, plan, target, threshold bands, last year and notes', () => {
    const card = cardOf(renderScorecardBody(samples('en')), 'gross-margin');
    assert.match(
      card,
      /<button type="button" class="history-button" aria-haspopup="dialog">History<\/button>\n\s*<dialog class="history" aria-label="History of Gross margin">/,
    );
    assert.deepEqual(texts(card, 'text class="tick x-tick"'), ['2025-01', '2025-05', '2025-09', '2026-01', '2026-05', '2026-10']);
    assert.deepEqual(texts(card, 'text class="tick y-tick"'), ['44', '45', '46', '47', '48']);
    assert.deepEqual(texts(card, 'text class="value-label"'), ['44.1 %', '45.3 %', '45.1 %', '45.0 %', '46.4 %', '46.1 %']);
    assert.equal((card.match(/<polyline class="plan-line"/g) ?? []).length, 1);
    assert.equal((card.match(/<polyline class="last-year-line"/g) ?? []).length, 1);
    assert.match(card, /<line class="target-line" [^>]*><title>target 48 %<\/title><\/line>/);
    assert.deepEqual(texts(card, 'rect class="band[^"]*"'), ['off track: 44 % to 45.5 %', 'at risk: 45.5 % to 46.5 %']);
    assert.deepEqual(
      texts(card, 'g class="note"').map((t) => t.split('Note on').length - 1),
      [2, 2, 2, 2, 2],
      'title and text of each note',
    );
    assert.deepEqual(texts(card, 'text class="note-text"'), [
      'Note on 2025-07: summer clearance',
      'Note on 2025-12: Christmas season',
      'Note on 2026-01: January sale',
      'Note on 2026-05: new fabric contract with Tessil AB',
      'Note on 2026-07: summer clearance',
    ]);
    assert.match(card, /<g class="note" tabindex="0" role="img" aria-label="Note on 2025-07: summer clearance">/, 'a note is reached by the keyboard');
  });

  it('puts the chart values in a table: date, value, plan, last year and note', () => {
    const scorecard = samples('en');
    const card = cardOf(renderScorecardBody(scorecard), 'gross-margin');
    assert.deepEqual(texts(card, 'caption'), ['Values of Gross margin']);
    assert.deepEqual(texts(card, 'th scope="col"'), ['Date', 'Value', 'Plan', 'Last year', 'Note']);
    const rows = texts(card, 'tr').slice(1);
    const margin = scorecard.kpis.find((k) => k.id === 'gross-margin')!;
    // A row per measurement, and one for the target's date (2026-12), where the plan line the chart draws ends.
    assert.equal(rows.length, margin.history.length + 1);
    assert.deepEqual(
      [...card.matchAll(/<th scope="row">([^<]*)<\/th><td class="num">([^<]+)<\/td>/g)].map((m) => [m[1], Number(m[2].replace(' %', ''))]),
      margin.history.map((m) => [m.date, m.value]),
    );
    const row = (date: string) => [...card.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)].find((m) => m[1] === date)?.[2];
    assert.equal(row('2026-12'), '<td class="num"></td><td class="num">48.0 %</td><td class="num">45.2 %</td><td></td>');
    // Before the baseline (2025-12) there is no plan; 2026-05 has a plan on the line to 48 % by 2026-12, the value of 2025-05 and a note.
    assert.equal(row('2025-07'), '<td class="num">44.2 %</td><td class="num"></td><td class="num"></td><td>summer clearance</td>');
    assert.equal(
      row('2026-05'),
      '<td class="num">46.4 %</td><td class="num">46.4 %</td><td class="num">45.3 %</td><td>new fabric contract with Tessil AB</td>',
    );
    const sv = cardOf(renderScorecardBody(samples('sv'), { locale: 'sv' }), 'gross-margin');
    assert.deepEqual(texts(sv, 'th scope="col"'), ['Datum', 'Utfall', 'Plan', 'I fjol', 'Anteckning']);
    assert.equal(
      [...sv.matchAll(/<tr><th scope="row">2026-05<\/th>(.*?)<\/tr>/g)][0][1],
      nbsp('<td class="num">46,4␣%</td><td class="num">46,4␣%</td><td class="num">45,3␣%</td><td>new fabric contract with Tessil AB</td>'),
    );
  });

  it('has a row in the chart table for each point of the plan line ahead of the measurements, and none without a plan line', () => {
    const scorecard = samples('en');
    const sales = cardOf(renderScorecardBody(scorecard), 'web-sales');
    const row = (card: string, date: string) => [...card.matchAll(/<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)].find((m) => m[1] === date)?.[2];
    // The 2026 budget's last two months come after the latest measurement (2026-10): the chart draws them, the table tells them.
    assert.equal(row(sales, '2026-11'), '<td class="num"></td><td class="num">18.50 MSEK</td><td class="num">15.36 MSEK</td><td></td>');
    assert.equal(row(sales, '2026-12'), '<td class="num"></td><td class="num">26.00 MSEK</td><td class="num">21.84 MSEK</td><td></td>');
    const dates = [...sales.matchAll(/<tr><th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
    assert.deepEqual(dates, [...dates].sort(), 'by date');
    // Without a baseline, the line from it to the target is not drawn, and the table has the measurements only.
    const margin = scorecard.kpis.find((k) => k.id === 'gross-margin')!;
    const alone = renderScorecardBody({ ...scorecard, kpis: [{ ...margin, baseline: null }] });
    assert.deepEqual(
      [...alone.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td>/g)].map((m) => [m[1], m[2] !== '', m[3]]),
      margin.history.map((m) => [m.date, true, '']),
    );
  });

  it('escapes every text of the chart: name, unit, dates, notes', () => {
    const evil = `<img src=x onerror="alert('x')">&`;
    const scorecard = samples('en');
    const margin = scorecard.kpis.find((k) => k.id === 'gross-margin')!;
    const hostile = { ...margin, name: evil, unit: evil, history: margin.history.map((m) => ({ ...m, note: evil })) };
    const card = cardOf(renderScorecardBody({ ...scorecard, kpis: [hostile] }), 'gross-margin');
    const dialog = /<dialog[\s\S]*<\/dialog>/.exec(card)?.[0] ?? '';
    assert.doesNotMatch(dialog, /<img/);
    const attributes = new Set(
      [...dialog.matchAll(/<[a-z][^>]*>/g)].flatMap((tag) => [...tag[0].replace(/"[^"]*"/g, '""').matchAll(/\s([A-Za-z0-9-]+)=/g)].map((a) => a[1])),
    );
    assert.deepEqual(
      [...attributes].sort(),
      [
        'aria-label',
        'class',
        'cx',
        'cy',
        'height',
        'points',
        'r',
        'role',
        'scope',
        'tabindex',
        'type',
        'viewBox',
        'width',
        'x',
        'x1',
        'x2',
        'y',
        'y1',
        'y2',
      ].sort(),
      'no attribute but the renderer’s',
    );
    const escaped = '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;';
    assert.ok(dialog.includes(`<caption>Values of ${escaped}</caption>`));
    assert.ok(dialog.includes(`aria-label="Note on 2025-07: ${escaped}"><title>Note on 2025-07: ${escaped}</title>`));
    assert.ok(dialog.includes(`<td>${escaped}</td>`));
    assert.ok(/<text class="value-label" x="64.0" y="[\d.]+">44.1 /.test(dialog) && dialog.includes(`>44.1 ${escaped}</text>`));
  });
});
