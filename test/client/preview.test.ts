import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHostMessage, isPreviewState, isWebviewMessage, viewOf, withView } from '../../client/src/preview/messages';
import { previewHtml, UNTRUSTED_NOTICE } from '../../client/src/preview/webview-html';
import { buildScorecard } from '../../server/src/core/scorecard';
import type { ScorecardResult } from '../../server/src/lsp/protocol';
import { GOOD_FILE, lintFixture } from '../helpers';

function result(csvRead = true, locale: ScorecardResult['locale'] = 'en'): ScorecardResult {
  const scorecard = buildScorecard(lintFixture({ 'sales.kpi.yaml': GOOD_FILE }).workspace, () => 'sales.kpi.yaml');
  return { scorecard, root: '/ws', uris: { 'sales.kpi.yaml': 'file:///ws/sales.kpi.yaml' }, errors: 0, warnings: 0, csvRead, locale };
}

const WEBVIEW = { nonce: 'N0nce', cspSource: 'https://webview.example', scriptUri: 'https://webview.example/ext/dist/media/preview.js' };

describe('scorecard preview', () => {
  it('renders with a strict CSP: its nonce and the webview source only', () => {
    const html = previewHtml(result(), WEBVIEW);
    const csp = /content="(default-src[^"]+)"/.exec(html)![1].replace(/&#39;/g, "'");
    assert.equal(
      csp,
      "default-src 'none'; img-src data: https://webview.example; style-src 'nonce-N0nce' https://webview.example; script-src 'nonce-N0nce' https://webview.example; base-uri 'none'; form-action 'none'",
    );
    // The model the preview's charts are drawn from is data (never run), its every `<` escaped.
    assert.deepEqual(html.match(/<script[^>]*>/g), [
      '<script type="application/json" id="kpi-model">',
      '<script nonce="N0nce">',
      '<script nonce="N0nce" src="https://webview.example/ext/dist/media/preview.js">',
    ]);
    assert.match(html, /<body class="theme-vscode">/);
    assert.match(html, /data-kpi="sales-growth"[^>]* data-file="sales\.kpi\.yaml" data-line="6"/);
    assert.doesNotMatch(html, /class="notice"/);
    const model = /<script type="application\/json" id="kpi-model">([^<]*)<\/script>/.exec(html)![1];
    assert.deepEqual(
      (JSON.parse(model) as { scorecard: { kpis: { id: string }[] } }).scorecard.kpis.map((k) => k.id),
      result().scorecard.kpis.map((k) => k.id),
    );
  });

  it('says when CSV sources were not read (an untrusted workspace)', () => {
    assert.ok(previewHtml(result(false), WEBVIEW).includes(`<p class="notice" role="status">${UNTRUSTED_NOTICE}</p>`));
  });

  it('accepts only well-formed messages from the webview', () => {
    assert.equal(isWebviewMessage({ type: 'ready' }), true);
    assert.equal(isWebviewMessage({ type: 'reveal', file: 'sales.kpi.yaml', line: 6 }), true);
    assert.equal(isWebviewMessage({ type: 'compare', on: true }), true);
    assert.equal(isWebviewMessage({ type: 'compare', on: false }), true);
    for (const bad of [
      { type: 'compare' },
      { type: 'compare', on: 'true' },
      { type: 'compare', on: true, base: 'origin/main' },
      null,
      'ready',
      { type: 'ready', extra: 1 },
      { type: 'reveal', file: 'sales.kpi.yaml' },
      { type: 'reveal', file: '', line: 6 },
      { type: 'reveal', file: 'a', line: 0 },
      { type: 'reveal', file: 'a', line: 1.5 },
      { type: 'reveal', file: 'a', line: '6' },
      { type: 'reveal', file: 'a', line: 6, command: 'workbench.action.terminal.new' },
      { type: 'run', command: 'rm -rf /' },
    ]) {
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('accepts only well-formed messages from the extension in the webview', () => {
    assert.equal(isHostMessage({ type: 'update', result: result(), state: { uri: 'file:///ws/sales.kpi.yaml', locked: false } }), true);
    assert.equal(isHostMessage({ type: 'highlight', kpi: 'sales-growth' }), true);
    assert.equal(isHostMessage({ type: 'highlight', kpi: null }), true);
    assert.equal(isHostMessage({ type: 'update', result: result() }), false);
    assert.equal(isHostMessage({ type: 'highlight', kpi: 3 }), false);
    assert.equal(isHostMessage({ type: 'eval', code: '1' }), false);
  });

  it('keeps the view (cards or table) in the webview state, beside the document and the lock', () => {
    const state = { uri: 'file:///ws/sales.kpi.yaml', locked: true };
    assert.deepEqual(withView(state, 'table'), { uri: 'file:///ws/sales.kpi.yaml', locked: true, view: 'table' });
    assert.deepEqual(withView({ ...state, view: 'table' }, 'cards'), { ...state, view: 'cards' });
    assert.equal(viewOf(withView(state, 'table')), 'table');
    assert.equal(viewOf(withView(state, 'cards')), 'cards');
    // A first open, a state saved before the table view existed, or anything else: the cards.
    for (const saved of [undefined, null, state, { ...state, view: 'list' }, { ...state, view: 1 }, 'table', ['table']]) {
      assert.equal(viewOf(saved), 'cards', JSON.stringify(saved));
    }
    // The extension restores a preview from a state with a view as from one without.
    assert.equal(isPreviewState(withView(state, 'table')), true);
    assert.equal(isHostMessage({ type: 'update', result: result(), state: withView(state, 'table') }), true);
  });

  it('keeps "Compare with last commit" in the webview state, and renders its button pressed or not', () => {
    const state = { uri: 'file:///ws/sales.kpi.yaml', locked: false, compare: true };
    assert.deepEqual(withView(state, 'table'), { ...state, view: 'table' });
    assert.deepEqual(withView({ ...state, compare: false }, 'cards'), { uri: state.uri, locked: false, view: 'cards' });
    assert.equal(isPreviewState(state), true);
    assert.equal(isPreviewState({ ...state, compare: 'yes' }), false);
    assert.match(previewHtml(result(), WEBVIEW, true), /<button type="button" class="compare-toggle" aria-pressed="true">Compare with last commit<\/button>/);
    assert.match(previewHtml(result(), WEBVIEW), /class="compare-toggle" aria-pressed="false"/);
    // The comparison's problem is shown only while it is on.
    const failed = { ...result(), comparison: { problem: 'Compare with last commit: the repository has no commit yet' } };
    assert.match(
      previewHtml(failed, WEBVIEW, true),
      /<section class="diff"><p class="notice" role="status">Compare with last commit: the repository has no commit yet<\/p>/,
    );
    assert.doesNotMatch(previewHtml(failed, WEBVIEW, false), /class="diff"/);
  });
});
