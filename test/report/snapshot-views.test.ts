import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownText, renderMarkdown } from '../../server/src/cli/formatters/status-markdown';
import { renderTable } from '../../server/src/cli/formatters/status-table';
import { readConfig } from '../../server/src/core/config';
import { translator } from '../../server/src/core/l10n/catalogue';
import type { Locale } from '../../server/src/core/l10n/locale';
import { RULE_METAS } from '../../server/src/core/rules';
import { buildScorecard, type Scorecard } from '../../server/src/core/scorecard';
import { fingerprint, manifestText } from '../../server/src/core/snapshots';
import { renderScorecardBody } from '../../server/src/report/html';
import { snapshotWords } from '../../server/src/report/words';
import { lintFixture } from '../helpers';

const CONFIG = 'connections:\n  warehouse: { type: postgres, url: "${KPI_WAREHOUSE_URL}" }\n';

/** A KPI counted in the warehouse by `query`. */
function sqlKpi(id: string, name: string, query: string): string[] {
  return [
    `  - id: ${id}`,
    `    name: ${name}`,
    '    category: operational',
    '    goals: [sell-online]',
    '    unit: count',
    '    target: { value: 1200, date: 2026-12 }',
    '    source:',
    '      connection: warehouse',
    `      query: ${query}`,
    '      date: month',
    '      value: orders',
  ];
}

const KPI_FILE = [
  'kpi: 1',
  'goals:',
  '  - id: sell-online',
  '    title: Sell online',
  'kpis:',
  ...sqlKpi('web-orders', 'Web orders', 'select month, orders from web_orders'),
  ...sqlKpi('app-orders', 'App orders', 'select month, orders from app_orders where channel = 2'),
  ...sqlKpi('shop-orders', 'Shop orders', 'select month, orders from shop_orders'),
  '  - id: returns',
  '    name: Returns',
  '    category: operational',
  '    goals: [sell-online]',
  '    unit: count',
  '    measurements: [{ date: 2026-10, value: 12 }]',
  '',
].join('\n');

/** What kpi refresh recorded: web-orders with its query now, app-orders with the query it had before. */
function manifest(): string {
  const connection = readConfig(CONFIG, RULE_METAS).config.connections.get('warehouse')!;
  const entry = (query: string, taken: string) => ({
    connection: 'warehouse',
    fingerprint: fingerprint('warehouse', connection, { date: 'month', value: 'orders' }, query),
    taken,
    rows: 2,
  });
  return manifestText({
    version: 1,
    snapshots: {
      'web-orders': entry('select month, orders from web_orders', '2026-11-02T06:30:00.000Z'),
      'app-orders': entry('select month, orders from app_orders', '2026-10-01T05:00:00.000Z'),
    },
  });
}

const SNAPSHOT = 'date,value\n2026-09-01,1050\n2026-10-01,1100\n';

function scorecard(locale: Locale = 'en'): Scorecard {
  const files = {
    'orders.kpi.yaml': KPI_FILE,
    '.kpi/snapshots/web-orders.csv': SNAPSHOT,
    '.kpi/snapshots/app-orders.csv': SNAPSHOT,
    '.kpi/snapshots/manifest.json': manifest(),
  };
  return buildScorecard(lintFixture(files, { config: CONFIG, locale }).workspace, () => 'orders.kpi.yaml', locale);
}

describe('the snapshot of a SQL source in the scorecard model', () => {
  it('says when it was taken, whether it is outdated or missing; null for a KPI without a SQL source', () => {
    assert.deepEqual(
      scorecard().kpis.map((k) => [k.id, k.snapshot]),
      [
        ['web-orders', { taken: '2026-11-02T06:30:00.000Z', outdated: false, missing: false }],
        ['app-orders', { taken: '2026-10-01T05:00:00.000Z', outdated: true, missing: false }],
        ['shop-orders', { taken: null, outdated: false, missing: true }],
        ['returns', null],
      ],
    );
  });

  it('is a field of kpi status --format json (the model as JSON)', () => {
    const json = JSON.parse(JSON.stringify(scorecard())) as { kpis: { id: string; snapshot: unknown }[] };
    assert.deepEqual(json.kpis[0].snapshot, { taken: '2026-11-02T06:30:00.000Z', outdated: false, missing: false });
    assert.equal(json.kpis[3].snapshot, null);
  });
});

describe('the snapshot in the views', () => {
  const SAID = {
    en: ['snapshot 2026-11-02 06:30 UTC', 'snapshot outdated', 'no snapshot: run kpi refresh'],
    sv: ['ögonblicksbild 2026-11-02 06:30 UTC', 'inaktuell ögonblicksbild', 'ingen ögonblicksbild: kör kpi refresh'],
  } as const;

  for (const locale of ['en', 'sv'] as const) {
    it(`is told in the same words everywhere (${locale})`, () => {
      const words = translator(locale);
      const model = scorecard(locale);
      assert.deepEqual(
        model.kpis.map((k) => snapshotWords(k, words)),
        [...SAID[locale], null],
      );
      const table = renderTable(model, false, locale);
      const markdown = renderMarkdown(model, locale);
      const html = renderScorecardBody(model, { locale });
      for (const said of SAID[locale]) {
        assert.equal(table.split('\n').filter((line) => line.includes(said)).length, 1, `table: ${said}`);
        // Markdown escapes what GitHub would read as markup (`\:`): it renders as the same words.
        assert.equal(markdown.split('\n').filter((line) => line.includes(markdownText(said))).length, 1, `markdown: ${said}`);
      }
      assert.deepEqual(
        [...html.matchAll(/<p class="snapshot [^"]*" data-snapshot="(\w+)"><span class="snapshot-text">([^<]*)<\/span><\/p>/g)].map((m) => [m[1], m[2]]),
        [
          ['taken', SAID[locale][0]],
          ['outdated', SAID[locale][1]],
          ['missing', SAID[locale][2]],
        ],
      );
    });
  }

  it('puts the snapshot beside the reason in the table and the Markdown', () => {
    const table = renderTable(scorecard(), false).split('\n');
    const web = table.findIndex((line) => line.startsWith('  Web orders'));
    assert.match(table[web + 1], /^ +snapshot 2026-11-02 06:30 UTC · /);
    const markdown = renderMarkdown(scorecard()).split('\n');
    const row = markdown.find((line) => line.includes('| Shop orders |'))!;
    assert.ok(row.endsWith('| ⚪ no data | no measurement up to 2026-11-27 · no snapshot\\: run kpi refresh |  |'), row);
  });

  it('has a Refresh button on each SQL card in the preview only; the standalone page has none', () => {
    const standalone = renderScorecardBody(scorecard());
    assert.equal(standalone.includes('refresh-button'), false);
    const preview = renderScorecardBody(scorecard(), { refreshButtons: true });
    assert.deepEqual(
      [...preview.matchAll(/<button type="button" class="refresh-button" data-refresh="([^"]+)" title="([^"]+)">([^<]+)<\/button>/g)].map((m) => [
        m[1],
        m[2],
        m[3],
      ]),
      [
        ['web-orders', 'Run the query of web-orders now (kpi refresh --kpi web-orders)', 'Refresh'],
        ['app-orders', 'Run the query of app-orders now (kpi refresh --kpi app-orders)', 'Refresh'],
        ['shop-orders', 'Run the query of shop-orders now (kpi refresh --kpi shop-orders)', 'Refresh'],
      ],
    );
    const swedish = renderScorecardBody(scorecard('sv'), { refreshButtons: true, locale: 'sv' });
    assert.match(swedish, /title="Kör frågan för web-orders nu \(kpi refresh --kpi web-orders\)">Hämta<\/button>/);
  });
});
