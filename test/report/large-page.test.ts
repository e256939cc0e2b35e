import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildScorecard, type Scorecard } from '../../server/src/core/scorecard';
import { scorecardPage } from '../../server/src/node/scorecard-page';
import { filterTokens } from '../../server/src/report/filters';
import { BUILT_UP_FRONT, renderScorecardBody, renderScorecardHtml, scorecardPieces, type PageModel } from '../../server/src/report/html';
import { RenderMemo } from '../../server/src/report/memo';
import { piecesHtml, type Piece } from '../../server/src/report/pieces';
import { GOOD_FILE, lintFixture } from '../helpers';

const small = (): Scorecard => buildScorecard(lintFixture({ 'sales.kpi.yaml': GOOD_FILE }).workspace, () => 'sales.kpi.yaml');

/** The small scorecard's one KPI copied to `count` KPIs under its goal. */
function many(count: number): Scorecard {
  const base = small();
  const kpis = Array.from({ length: count }, (_, i) => ({ ...base.kpis[0], id: `kpi-${i}`, name: `KPI number ${i}` }));
  return { ...base, kpis, goals: base.goals.map((g) => ({ ...g, kpis: kpis.map((k) => k.id) })) };
}

/** A stand-in for the bundled page script, and the host's packing. */
const PAGE = { script: 'void "page script";', pack: (json: string) => Buffer.from(json).toString('base64') };

describe('a scorecard file of many KPIs', () => {
  it(`is written whole up to ${BUILT_UP_FRONT} KPIs, page script or not`, () => {
    const html = renderScorecardHtml(many(BUILT_UP_FRONT), { nonce: 'n', page: PAGE });
    assert.doesNotMatch(html, /kpi-model|page script|class="kpi stub/);
    assert.equal((html.match(/<dialog class="history"/g) ?? []).length, BUILT_UP_FRONT);
  });

  it('beyond, is written as a named card per KPI, an empty table view, the packed model and the page script', () => {
    const scorecard = many(BUILT_UP_FRONT + 1);
    const html = renderScorecardHtml(scorecard, { nonce: 'n', page: PAGE });
    assert.equal(
      (
        html.match(
          /<article class="kpi stub status-on-track" data-kpi="kpi-\d+" data-status="on-track" data-category="[^"]*"><h3>KPI number \d+<\/h3><\/article>/g,
        ) ?? []
      ).length,
      1001,
    );
    assert.doesNotMatch(html, /<dialog|<tbody/);
    assert.match(html, /<section id="table-view" class="table-view" aria-label="All KPIs by goal" hidden><\/section>/);
    assert.match(html, /<main id="scorecard" class="built-as-shown">/);
    assert.match(html, /<script nonce="n">void "page script";<\/script>/);
    // The model: the scorecard without the source lines a file does not link to, and the page's options without nonce and script.
    const packed = /<script type="application\/json" id="kpi-model">([^<]*)<\/script>/.exec(html)![1];
    const model = JSON.parse(Buffer.from(packed, 'base64').toString('utf8')) as PageModel;
    assert.deepEqual(model.options, {});
    assert.deepEqual(
      model.scorecard.kpis.map((k) => [k.id, k.file, k.line]),
      scorecard.kpis.map((k) => [k.id, '', 0]),
    );
    assert.deepEqual(model.scorecard.kpis[0].history, scorecard.kpis[0].history);
  });

  it('ends the page script at no `</script>` it contains', () => {
    const html = renderScorecardHtml(many(BUILT_UP_FRONT + 1), { nonce: 'n', page: { ...PAGE, script: 'const s = "</script><b>";' } });
    assert.match(html, /<script nonce="n">const s = "<\\\/script><b>";<\/script>/);
  });

  it('packs its model as gzip and base64 with the built page script (node/scorecard-page.ts)', (t) => {
    const page = scorecardPage();
    if (page === undefined) return t.skip('dist/media/scorecard.js not built (node scripts/bundle.js)');
    assert.equal(gunzipSync(Buffer.from(page.pack('{"a":1}'), 'base64')).toString('utf8'), '{"a":1}');
    assert.match(page.script, /kpi-model/);
  });
});

describe('the scorecard as pieces', () => {
  const keys = (pieces: readonly Piece[]): unknown[] => pieces.map((p) => ('parts' in p ? [p.key, keys(p.parts)] : p.key));

  it('are the body, keyed by goal and KPI id; a KPI listed twice gets a second key', () => {
    const base = small();
    const scorecard = { ...base, goals: base.goals.map((g) => ({ ...g, kpis: [...g.kpis, g.kpis[0]] })) };
    const pieces = scorecardPieces(scorecard);
    assert.equal(piecesHtml(pieces), renderScorecardBody(scorecard));
    const main = pieces.find((p) => p.key === 'main')!;
    const id = scorecard.kpis[0].id;
    assert.deepEqual(keys('parts' in main ? main.parts : []), [[`goal:${scorecard.goals[0].id}`, ['title', ['kpis', [id, `${id}#2`]], 'end']], 'no-match']);
  });

  it('say which filters a goal has a KPI for', () => {
    const [kpi] = small().kpis;
    assert.equal(filterTokens([kpi, { ...kpi, category: null, status: 'at-risk' }]), 'financial/ /on-track financial/on-track / /at-risk');
  });

  it('are rendered again with a memo only where their KPI changed, to the same HTML', () => {
    const memo = new RenderMemo();
    const scorecard = many(3);
    const first = piecesHtml(scorecardPieces(scorecard, { memo }));
    assert.equal(first, renderScorecardBody(scorecard));
    const changed = { ...scorecard, kpis: scorecard.kpis.map((k, i) => (i === 1 ? { ...k, name: 'Renamed' } : k)) };
    assert.equal(piecesHtml(scorecardPieces(changed, { memo })), renderScorecardBody(changed));
    assert.equal(piecesHtml(scorecardPieces(scorecard, { memo, locale: 'sv' })), renderScorecardBody(scorecard, { locale: 'sv' }));
  });
});
