import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { renderDiffMarkdown } from '../../server/src/cli/formatters/diff-markdown';
import { diffScorecards, diffSide, type ScorecardDiff } from '../../server/src/core/diff';
import { EDITOR_TEXT } from '../../server/src/report/diff-words';
import { buildScorecard, type Scorecard } from '../../server/src/core/scorecard';
import { renderScorecardBody, renderScorecardHtml } from '../../server/src/report/html';
import { GOOD_FILE, lintFixture, ROOT } from '../helpers';
import { PAYLOADS } from '../hostile-content';
import { textOf } from '../rendered';

const SIDES = { base: { rev: 'HEAD', commit: 'abcdef0'.padEnd(40, '1') }, head: { rev: EDITOR_TEXT, commit: null } };

function sideOf(files: Record<string, string>, locale: 'en' | 'sv') {
  const result = lintFixture(files, { asOf: '2026-11-27' });
  const shown = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
  const scorecard = buildScorecard(result.workspace, shown, locale);
  return { side: diffSide(result, scorecard, shown), scorecard };
}

/** The head: sales-growth's target loosened from 6 % to 5 %, an old measurement edited, and a KPI added with a hostile name. */
const HEAD_FILE = GOOD_FILE.replace('target: { value: 6.0, date: 2026-12 }', 'target: { value: 5.0, date: 2026-12 }')
  .replace('{ date: 2026-08, value: 5.5 }', '{ date: 2026-08, value: 5.2 }')
  .concat(
    GOOD_FILE.split('kpis:\n')[1]
      .replace('id: sales-growth', 'id: upsell')
      .replace('name: Sales growth', `name: ${JSON.stringify(`Upsell ${PAYLOADS[0]} ${PAYLOADS[1]}`)}`),
  );

function compared(locale: 'en' | 'sv' = 'en'): { diff: ScorecardDiff; head: Scorecard } {
  const base = sideOf({ 'sales.kpi.yaml': GOOD_FILE }, locale);
  const head = sideOf({ 'sales.kpi.yaml': HEAD_FILE }, locale);
  return { diff: diffScorecards(base.side, head.side, SIDES), head: head.scorecard };
}

const text = (html: string | undefined) =>
  textOf(html ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/** The comparison's section of a rendered body. */
function section(html: string): string {
  return /<section class="diff"[\s\S]*?<\/section>\n<main/.exec(html)?.[0] ?? '';
}

/** Each block of the section: its name, its element (section or details), its title and its rows (the row's card id and its cells' text). */
function blocks(html: string) {
  return [...section(html).matchAll(/<(section|details) class="diff-block" data-section="([a-z-]+)">([\s\S]*?)<\/\1>/g)].map(([, element, name, body]) => ({
    name,
    element,
    title: text(/<(?:h3|summary)>([\s\S]*?)<\/(?:h3|summary)>/.exec(body)?.[1]),
    rows: [...body.matchAll(/<tr(?: data-(?:kpi|goal)="([^"]*)")?>([\s\S]*?)<\/tr>/g)]
      .filter(([, , row]) => row.startsWith('<td>'))
      .map(([, id, row]) => ({ id: id ?? null, cells: [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => text(m[1])) })),
  }));
}

/** The diff badges of a KPI's card: kind and text. */
function badges(html: string, id: string): string[][] {
  const card = new RegExp(`<article class="kpi[^"]*" data-kpi="${id}"[\\s\\S]*?</article>`).exec(html)?.[0] ?? '';
  return [...card.matchAll(/<span class="badge diff-badge [^"]*" data-diff="([^"]*)">([^<]*)<\/span>/g)].map((m) => [m[1], text(m[2])]);
}

describe('the editor comparison in the scorecard page (SPEC §7)', () => {
  it('shows the headline, the two sides, and only the sections that changed, row by row', () => {
    const { diff, head } = compared();
    const html = renderScorecardBody(head, { diff, compareToggle: true });
    assert.equal(
      text(/<h2 id="kpi-diff-title">([\s\S]*?)<\/h2>/.exec(html)?.[1]),
      'KPI diff: 1 KPI better; 1 target or threshold loosened; 1 KPI added; 1 KPI changed; history rewritten in 1 KPI',
    );
    assert.equal(text(/<p class="muted diff-sides">([\s\S]*?)<\/p>/.exec(html)?.[1]), "HEAD (abcdef0) → the editor's text · As of 2026-11-27");
    const found = blocks(html);
    assert.deepEqual(
      found.map((b) => [b.name, b.element, b.title]),
      [
        ['status', 'section', 'Status'],
        ['targets', 'section', 'Targets, thresholds and plans'],
        ['added', 'section', 'KPIs added'],
        // The new KPI links to grow-revenue: the goal's KPIs changed.
        ['goals', 'section', 'Goals'],
        // The details are folded away, as in the pull-request comment.
        ['data', 'details', 'Measurements (1)'],
      ],
    );
    const rows = (name: string) => found.find((b) => b.name === name)?.rows.map((r) => [r.id, ...r.cells]);
    assert.deepEqual(rows('status'), [
      ['sales-growth', 'Sales growth', 'on track', 'achieved', '▲ better', '0.2 ahead of plan (plan 5.7 for 2026-10) → meets the target 5'],
    ]);
    assert.deepEqual(rows('targets'), [['sales-growth', 'Sales growth', 'target', '6 %', '▼ 5 %', 'loosened']]);
    assert.deepEqual(rows('added')?.[0].slice(0, 3), ['upsell', `Upsell ${PAYLOADS[0]} ${PAYLOADS[1]}`, 'sales.kpi.yaml:22']);
    assert.deepEqual(rows('data'), [['sales-growth', 'Sales growth', '1 past measurement edited, history rewritten2026-08: 5.5 % → 5.2 %']]);
  });

  it('puts badges on the cards whose target or status changed, and on new KPIs; none on the rest', () => {
    const { diff, head } = compared();
    const html = renderScorecardBody(head, { diff });
    assert.deepEqual(badges(html, 'sales-growth'), [
      ['loosened', 'target loosened'],
      ['status-better', '▲ was on track'],
    ]);
    assert.deepEqual(badges(html, 'upsell'), [['added', 'new']]);
    assert.doesNotMatch(renderScorecardBody(head, {}), /diff-badge|class="diff"|compare-toggle/);
  });

  it('has the same sections and rows as the Markdown comment', () => {
    const { diff, head } = compared();
    const markdown = renderDiffMarkdown(diff);
    const found = blocks(renderScorecardBody(head, { diff }));
    const titles = [...markdown.matchAll(/^### (.+)$|<summary>(.+?)<\/summary>/gm)].map((m) => (m[1] ?? m[2]).replace(/\\/g, ''));
    assert.deepEqual(
      found.map((b) => b.title),
      titles,
    );
    const lines = markdown.split('\n');
    // A table's rows: its lines but the header, which the separator line follows.
    const markdownRows = lines.filter((line, i) => line.startsWith('| ') && !line.startsWith('| ---') && !lines[i + 1]?.startsWith('| ---'));
    assert.equal(found.flatMap((b) => b.rows).length, markdownRows.length);
  });

  it('escapes what the workspace wrote: no markup of a KPI name reaches the page', () => {
    const { diff, head } = compared();
    const html = renderScorecardHtml(head, { nonce: 'n', diff });
    const section = /<section class="diff"[\s\S]*?<\/section>\n<main/.exec(html)?.[0] ?? '';
    assert.match(section, /Upsell &lt;script&gt;alert\(&#39;script&#39;\)&lt;\/script&gt; &lt;img src=x onerror=&quot;alert\(&#39;img&#39;\)&quot;&gt;/);
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
  });

  it('in Swedish: the same sections and badges in the catalogue’s words', () => {
    const { diff, head } = compared('sv');
    const html = renderScorecardBody(head, { diff, locale: 'sv', compareToggle: false });
    assert.equal(
      text(/<h2 id="kpi-diff-title">([\s\S]*?)<\/h2>/.exec(html)?.[1]),
      'KPI-diff: 1 KPI bättre; 1 målvärde eller tröskelvärde mildrat; 1 KPI tillagd; 1 KPI ändrad; historiken omskriven i 1 KPI',
    );
    assert.equal(text(/<p class="muted diff-sides">([\s\S]*?)<\/p>/.exec(html)?.[1]), 'HEAD (abcdef0) → texten i redigeraren · Per 2026-11-27');
    assert.deepEqual(
      badges(html, 'sales-growth').map(([, words]) => words),
      ['målvärde mildrat', '▲ var i fas'],
    );
    assert.match(html, /<button type="button" class="compare-toggle" aria-pressed="false">Jämför med senaste incheckningen<\/button>/);
  });

  it('says why there is no comparison where it would be', () => {
    const { head } = compared();
    const html = renderScorecardBody(head, { diff: 'Compare with last commit needs a git repository: /x <y> is not in one', compareToggle: true });
    assert.match(
      html,
      /<\/header><section class="diff"><p class="notice" role="status">Compare with last commit needs a git repository: \/x &lt;y&gt; is not in one<\/p><\/section>/,
    );
    assert.match(html, /class="compare-toggle" aria-pressed="true"/);
  });
});
