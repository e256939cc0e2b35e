import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWebviewMessage } from '../../client/src/preview/messages';
import { previewOptions } from '../../client/src/preview/webview-html';
import { LineSplitter, progressLine, projectFolder, refreshInvocation, workspaceKpi } from '../../client/src/refresh/invocation';
import type { ScorecardResult } from '../../server/src/lsp/protocol';

/** A machine where only `files` exist. */
const machine = (platform: string, ...files: string[]) => ({ platform, exists: (file: string) => files.includes(file) });

describe('KPI: Refresh Data: what it runs', () => {
  it("runs the folder's own node_modules/.bin/kpi refresh --progress in the folder, in the extension's language", () => {
    assert.deepEqual(refreshInvocation('/work/acme', machine('linux', '/work/acme/node_modules/.bin/kpi'), 'en'), {
      command: '/work/acme/node_modules/.bin/kpi',
      args: ['refresh', '--progress', '--locale', 'en'],
      cwd: '/work/acme',
    });
    assert.deepEqual(refreshInvocation('/work/acme', machine('darwin', '/work/acme/node_modules/.bin/kpi'), 'sv', 'web-orders'), {
      command: '/work/acme/node_modules/.bin/kpi',
      args: ['refresh', '--progress', '--locale', 'sv', '--kpi', 'web-orders'],
      cwd: '/work/acme',
    });
  });

  it('finds the kpi of the nearest folder above, as npx --no kpi does; none anywhere: nothing runs', () => {
    assert.deepEqual(workspaceKpi('/work/acme/scorecards', machine('linux', '/work/acme/node_modules/.bin/kpi', '/work/node_modules/.bin/kpi')), {
      command: '/work/acme/node_modules/.bin/kpi',
      prefix: [],
    });
    assert.deepEqual(workspaceKpi('/work/acme', machine('linux', '/node_modules/.bin/kpi')), { command: '/node_modules/.bin/kpi', prefix: [] });
    assert.equal(refreshInvocation('/work/acme', machine('linux'), 'en'), undefined);
  });

  it("on Windows runs the package's script with node: a .cmd file would need a shell", () => {
    assert.deepEqual(refreshInvocation('C:\\work\\acme', machine('win32', 'C:\\work\\acme\\node_modules\\kpi-as-code\\bin\\kpi.js'), 'en', 'web-orders'), {
      command: 'node',
      args: ['C:\\work\\acme\\node_modules\\kpi-as-code\\bin\\kpi.js', 'refresh', '--progress', '--locale', 'en', '--kpi', 'web-orders'],
      cwd: 'C:\\work\\acme',
    });
  });

  it('never passes an id that is no slug on the command line', () => {
    assert.throws(
      () => refreshInvocation('/w', machine('linux', '/w/node_modules/.bin/kpi'), 'en', '--config=/etc/passwd'),
      /not a KPI id: --config=\/etc\/passwd/,
    );
  });
});

describe('KPI: Refresh Data: reading the output', () => {
  it('takes the [i/n] lines of kpi refresh --progress as progress, and nothing else', () => {
    assert.deepEqual(progressLine('[2/5] web-orders (warehouse) …'), { index: 2, total: 5, text: '[2/5] web-orders (warehouse) …' });
    assert.equal(progressLine('✓ web-orders: 24 rows → .kpi/snapshots/web-orders.csv'), undefined);
    assert.equal(progressLine('1 snapshot written, 0 queries failed'), undefined);
    assert.equal(progressLine('[6/5] too far'), undefined);
  });

  it('splits the output into whole lines across chunks', () => {
    const lines = new LineSplitter();
    assert.deepEqual(lines.push('[1/2] a (local) …\n[2/'), ['[1/2] a (local) …']);
    assert.deepEqual(lines.push('2] b (local) …\r\n✓ b'), ['[2/2] b (local) …']);
    assert.deepEqual(lines.end(), ['✓ b']);
    assert.deepEqual(lines.end(), []);
  });
});

describe("the preview's Refresh button", () => {
  it('is a webview message the extension accepts only with a KPI id that is a slug', () => {
    assert.equal(isWebviewMessage({ type: 'refresh', kpi: 'web-orders' }), true);
    assert.equal(isWebviewMessage({ type: 'refresh', kpi: '--connection=x' }), false);
    assert.equal(isWebviewMessage({ type: 'refresh', kpi: 'Web Orders' }), false);
    assert.equal(isWebviewMessage({ type: 'refresh', kpi: '' }), false);
    assert.equal(isWebviewMessage({ type: 'refresh', kpi: 7 }), false);
    assert.equal(isWebviewMessage({ type: 'refresh' }), false);
    assert.equal(isWebviewMessage({ type: 'refresh', kpi: 'web-orders', folder: '/etc' }), false);
    assert.equal(isWebviewMessage({ type: 'refresh', kpi: `a${'-a'.repeat(200)}` }), false);
  });

  it('is drawn in the preview, whose options ask for it', () => {
    const result = { locale: 'en', csvRead: true } as unknown as ScorecardResult;
    assert.equal(previewOptions(result).refreshButtons, true);
  });
});

describe('the folder KPI: Refresh Data runs kpi refresh in', () => {
  const exists = (present: string[]) => ({ exists: (file: string) => present.includes(file) });
  it('is the nearest folder with its own kpi.config.yaml below the workspace folder, as the language server sees projects', () => {
    assert.equal(projectFolder('/ws', '/ws/kpis/sub/a.kpi.yaml', exists(['/ws/kpis/kpi.config.yaml'])), '/ws/kpis');
    assert.equal(projectFolder('/ws', '/ws/kpis/sub/a.kpi.yaml', exists(['/ws/kpis/sub/kpi.config.yaml', '/ws/kpis/kpi.config.yaml'])), '/ws/kpis/sub');
    assert.equal(projectFolder('/ws', '/ws/kpis/a.kpi.yaml', exists(['/ws/kpi.config.yaml'])), '/ws');
    assert.equal(projectFolder('/ws', undefined, exists([])), '/ws');
    assert.equal(projectFolder('/ws', '/elsewhere/a.kpi.yaml', exists(['/elsewhere/kpi.config.yaml'])), '/ws');
    assert.equal(projectFolder('C:\\ws', 'C:\\ws\\kpis\\a.kpi.yaml', exists(['C:\\ws\\kpis\\kpi.config.yaml'])), 'C:\\ws\\kpis');
  });
});
