import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildScorecard } from '../../server/src/core/scorecard';
import { escapeHtml, renderScorecardHtml } from '../../server/src/report/html';
import { plainText } from '../../server/src/report/plain-text';
import { GOOD_FILE, lintFixture } from '../helpers';

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
