import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { KPI_INIT_TERMINAL_NAME, KPI_INIT_UNTRUSTED } from '../../client/src/init/words';
import { UNTRUSTED_NOTICE } from '../../client/src/preview/webview-html';
import { translator } from '../../server/src/core/l10n/catalogue';
import { writeWorkspace } from '../../bench/generate';
import { commitAll, git } from '../git-repository';
import { REPO } from '../helpers';
import { launchChromium } from '../browser/chromium';
import { assertInert, open, serve } from '../browser/inert';
import { HOSTILE_CONFIG, hostileFile, invalidReason, PAYLOADS, writeHostileWorkspace } from '../hostile-content';
import { installExtension, openWorkbench, provideCodeServer, runCommand, runExtensionTests, webviewFrame, type CodeServerInstall } from './code-server';

const ARTIFACTS = path.join(REPO, 'test-artifacts');
const SETTINGS = { 'kpi.asOf': '2026-11-27' };

/** A fresh copy of samples/, which the tests edit. */
function samplesCopy(root: string, name: string): string {
  const dir = path.join(root, name);
  fs.cpSync(path.join(REPO, 'samples'), dir, { recursive: true });
  return dir;
}

/** The 1-based line of the first line of `file` matching `pattern`, and the column where `needle` starts. */
function position(file: string, pattern: RegExp, needle: string): { line: number; column: number } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => pattern.test(l));
  assert.ok(index >= 0, `${pattern} in ${file}`);
  return { line: index + 1, column: lines[index].indexOf(needle) + 1 };
}

/**
 * The end of an extension host's log, for a failed suite: without the errors
 * of VS Code looking for extension updates, which this offline machine cannot
 * reach, so that the suite's own failure shows.
 */
function hostLog(log: string[]): string {
  return log
    .filter((entry) => !entry.includes('ENOTFOUND open-vsx.org'))
    .slice(-40)
    .join('\n');
}

/**
 * Types `text` into the Problems panel's filter and waits for a row holding
 * `rowText`. The panel may reset a filter typed while it is still opening
 * (seen once in CI: the box empty, the row never shown), so the text is typed
 * again whenever the box no longer holds it.
 */
async function filterProblems(page: Page, text: string, rowText: string, timeoutMs = 30_000): Promise<Locator> {
  const input = page.getByPlaceholder(/^Filter \(e\.g\./);
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: rowText });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await input.inputValue()) !== text) await input.fill(text);
    try {
      await row.waitFor({ timeout: Math.max(1, Math.min(3000, deadline - Date.now())) });
      return row;
    } catch (error) {
      if (Date.now() >= deadline)
        throw new Error(`no Problems row with "${rowText}" within ${timeoutMs / 1000} s (the filter holds "${await input.inputValue()}")`, { cause: error });
    }
  }
}

/**
 * A stand-in for the `kpi` a repository installs (node_modules/.bin/kpi, run
 * by `npx --no kpi`): it writes the folder it ran in and its arguments to
 * `kpi-ran.txt` there. Returns the path of that file.
 */
function installFakeKpi(folder: string): string {
  const bin = path.join(folder, 'node_modules', '.bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'kpi'), '#!/bin/sh\nprintf \'%s\\n\' "$PWD" "$@" > kpi-ran.tmp && mv kpi-ran.tmp kpi-ran.txt\n', { mode: 0o755 });
  return path.join(folder, 'kpi-ran.txt');
}

/** Resolves with a file's text once it exists (it is written whole, by a rename), watching its folder. */
function fileWritten(file: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file));
    const timer = setTimeout(() => finish(new Error(`${file} was not written within ${timeoutMs / 1000} s`)), timeoutMs);
    function finish(error?: Error) {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve(fs.readFileSync(file, 'utf8'));
    }
    const check = () => {
      if (fs.existsSync(file)) finish();
    };
    watcher.on('change', check);
    watcher.on('error', (error) => finish(error));
    check();
  });
}

/**
 * A DuckDB workspace (in memory: the query needs no database file) with one
 * KPI whose data comes from SQL, and the `kpi` a repository installs, which
 * here really refreshes: a script in node_modules/.bin that logs its
 * arguments to `kpi-runs.log` and runs this repository's bin/kpi.js in the
 * folder. Returns the log's path.
 */
function writeSqlWorkspace(workspace: string): string {
  fs.mkdirSync(path.join(workspace, 'node_modules', '.bin'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'kpi.config.yaml'), 'connections:\n  local: { type: duckdb }\n');
  fs.writeFileSync(
    path.join(workspace, 'orders.kpi.yaml'),
    [
      'kpi: 1',
      'kpis:',
      '  - id: web-orders',
      '    name: Web orders',
      '    category: operational',
      '    unit: count',
      '    target: { value: 1200, date: 2026-12 }',
      '    source:',
      '      connection: local',
      `      query: "select * from (values (date '2026-09-01', 1050), (date '2026-10-01', 1100)) t(month, orders)"`,
      '      date: month',
      '      value: orders',
      '',
    ].join('\n'),
  );
  const log = path.join(workspace, 'kpi-runs.log');
  const script = `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(REPO, 'bin', 'kpi.js'))} "$@"\n`;
  fs.writeFileSync(path.join(workspace, 'node_modules', '.bin', 'kpi'), script, { mode: 0o755 });
  return log;
}

/** Resolves once a file has `count` lines, watching its folder. */
function fileHasLines(file: string, count: number, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(path.dirname(file));
    const timer = setTimeout(() => finish(new Error(`${file} did not get ${count} lines within ${timeoutMs / 1000} s`)), timeoutMs);
    function finish(error?: Error) {
      clearTimeout(timer);
      watcher.close();
      if (error) reject(error);
      else resolve();
    }
    const check = () => {
      if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').split('\n').length > count) finish();
    };
    watcher.on('change', check);
    watcher.on('error', (error) => finish(error));
    check();
  });
}

/** Quick Open (Ctrl+P): type a path, wait for its row, open it. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: path.basename(name) })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  await page
    .locator('.tab.active', { hasText: path.basename(name) })
    .first()
    .waitFor();
}

describe('the VS Code extension in a real VS Code (code-server)', () => {
  let install: CodeServerInstall | undefined;
  let root = '';
  let vsix = '';

  before(
    async (t) => {
      install = await provideCodeServer(t as never);
      if (!install) return;
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-'));
      // npm test has built dist/; package exactly what a user installs.
      vsix = path.join(root, 'kpi-as-code.vsix');
      const packaged = spawnSync(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix], {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(packaged.status, 0, packaged.stdout + packaged.stderr);
    },
    { timeout: 20 * 60_000 },
  );
  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('packs only what runs into the .vsix', (t) => {
    if (!install) return t.skip('KPI_SKIP_E2E=1');
    const listing = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
    const files = listing.stdout
      .trim()
      .split('\n')
      .filter((f) => f.startsWith('extension/'))
      .sort();
    assert.deepEqual(files, [
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/client/language-configuration.json',
      'extension/client/syntaxes/kpi.tmLanguage.json',
      'extension/dist/extension.js',
      'extension/dist/media/preview.js',
      'extension/dist/media/scorecard.js',
      'extension/dist/server.js',
      'extension/images/file-icon.svg',
      'extension/images/icon.png',
      'extension/media/walkthrough/ci.md',
      'extension/media/walkthrough/ci.nls.sv.md',
      'extension/media/walkthrough/new-file.md',
      'extension/media/walkthrough/new-file.nls.sv.md',
      'extension/media/walkthrough/preview.md',
      'extension/media/walkthrough/preview.nls.sv.md',
      'extension/media/walkthrough/problems.md',
      'extension/media/walkthrough/problems.nls.sv.md',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.sv.json',
      'extension/readme.md',
      'extension/schemas/kpi-config.schema.json',
      'extension/schemas/kpi.schema.json',
    ]);
    t.diagnostic(`vsix size: ${Math.round(fs.statSync(vsix).size / 1024)} KB`);
  });

  /**
   * Runs one of the API-level suites (test/e2e/suite) inside the extension
   * host, on the workspace `write` makes (by default its own copy of the
   * samples). Gives that workspace, or undefined when skipped.
   */
  async function suite(t: TestContext, name: string, write = () => samplesCopy(root, name)): Promise<string | undefined> {
    if (!install) {
      t.skip('KPI_SKIP_E2E=1');
      return undefined;
    }
    const workspace = write();
    const result = await runExtensionTests(install, {
      workspace,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(REPO, `out/test/e2e/suite/${name}.js`),
      settings: SETTINGS,
      timeoutMs: 4 * 60_000,
    });
    assert.equal(result.exitCode, 0, hostLog(result.log));
    return workspace;
  }

  it('passes the API-level tests inside the extension host: diagnostics, quick fix, rename, preview model', { timeout: 5 * 60_000 }, async (t) => {
    await suite(t, 'index');
  });

  it(
    'restarts the language server after it is killed: diagnostics come back, the preview shows the new scorecard and follows edits',
    { timeout: 5 * 60_000 },
    async (t) => {
      await suite(t, 'restart');
    },
  );

  it(
    'a workspace of 1,400 KPIs: the preview and the export get every KPI (a scorecard in parts), and the preview follows an edit',
    { timeout: 5 * 60_000 },
    async (t) => {
      await suite(t, 'large', () => {
        const workspace = path.join(root, 'large');
        writeWorkspace(workspace, 2, 700);
        return workspace;
      });
    },
  );

  it(
    'hostile KPI files in VS Code: hovers untrusted and without HTML or icons, CodeLenses without icons, the exported HTML inert in Chromium',
    { timeout: 5 * 60_000 },
    async (t) => {
      const workspace = await suite(t, 'hostile', () => {
        const folder = path.join(root, 'hostile');
        writeHostileWorkspace(folder);
        return folder;
      });
      if (workspace === undefined) return;
      // What KPI: Export Scorecard as HTML wrote, opened in a browser.
      const site = await serve({
        '/': { type: 'text/html; charset=utf-8', body: fs.readFileSync(path.join(workspace, 'exported', 'scorecard.html'), 'utf8') },
      });
      const browser = await launchChromium();
      try {
        const watched = await open(browser, site.origin, ['/']);
        await assertInert(watched, 1, 'the HTML the editor exported');
      } finally {
        await browser.close();
        await site.close();
      }
    },
  );

  it('shows problems with codes and links, and a live preview that follows edits and clicks, then both in Swedish', { timeout: 6 * 60_000 }, async (t) => {
    if (!install) return t.skip('KPI_SKIP_E2E=1');
    const workspace = samplesCopy(root, 'ui');
    // The workspace's settings, where the test sets kpi.locale later on.
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile));
    fs.writeFileSync(settingsFile, '{}\n');
    // A repository, for Compare with last commit.
    git(workspace, 'init', '-q');
    commitAll(workspace, 'the samples');
    const extensionsDir = path.join(root, 'extensions');
    await installExtension(install, vsix, extensionsDir);
    const workbench = await openWorkbench(install, { workspace, extensionsDir, settings: SETTINGS });
    try {
      const { page } = workbench;
      fs.mkdirSync(ARTIFACTS, { recursive: true });

      // A pitfalls file in the editor, its problems in the Problems panel.
      await openFile(page, 'pitfalls/linked.kpi.yaml');
      await page.locator('.monaco-editor .squiggly-error').first().waitFor();
      await runCommand(page, 'View: Toggle Problems');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'yaml-syntax' }).first().waitFor();
      // The list is virtual: filter it down to the row wanted.
      const row = await filterProblems(page, 'pf-delivry', 'pf-delivry');
      assert.match(await row.innerText(), /unknown-goal/);
      assert.equal(await row.locator('a', { hasText: 'unknown-goal' }).count(), 1, 'the code is a link to its page');
      await page.screenshot({ path: path.join(ARTIFACTS, 'editor-diagnostics.png') });

      // The preview beside a company file.
      const financial = path.join(workspace, 'financial.kpi.yaml');
      await openFile(page, 'financial.kpi.yaml');
      // The CodeLens above each KPI: status, latest of target, trend.
      await page.locator('.codelens-decoration', { hasText: 'at risk · 46.1 % of 48.0 % · ▲ +0.2 pp vs 2026-09 (better)' }).waitFor({ state: 'attached' });
      await runCommand(page, 'KPI: Open Scorecard Preview to the Side');
      const preview = webviewFrame(page);
      const margin = preview.locator('article[data-kpi="gross-margin"]');
      await margin.waitFor();
      assert.equal(await margin.locator('.badge').first().textContent(), 'at risk');
      assert.equal(await preview.locator('section[data-goal="healthy-margins"] > .goal-title .badge').textContent(), 'at risk');
      assert.equal(await preview.locator('article.kpi').count(), 14);

      // Typing a new target in the editor changes the preview, without reopening it.
      const target = position(financial, /^\s+target: \{ value: 48/, '48');
      await runCommand(page, 'View: Focus First Editor Group');
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').waitFor();
      await page.keyboard.type(`${target.line}:${target.column}`);
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type('46');
      await preview.locator('article[data-kpi="gross-margin"] .target', { hasText: 'Target: 46 % by 2026-12' }).waitFor();
      // A target of 46 lies below the at-risk threshold 46.5: threshold-order makes the KPI invalid, and the preview says why.
      await preview.locator('article[data-kpi="gross-margin"] .badge', { hasText: 'invalid' }).waitFor();
      await preview.locator('article[data-kpi="gross-margin"] .reason', { hasText: 'Fix the errors in its definition (1)' }).waitFor();
      // The status bar counts it apart from the off-track KPIs.
      await page.locator('.statusbar-item', { hasText: '1 invalid' }).waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview.png') });

      // A click on a KPI in the preview takes the editor to its definition.
      const ebit = position(financial, /^\s+- id: ebit-margin\b/, 'ebit-margin');
      await preview.locator('article[data-kpi="ebit-margin"] h3').click();
      await page.locator('.statusbar-item', { hasText: `Ln ${ebit.line}, Col ${ebit.column}` }).waitFor();
      // ...and the preview marks the KPI under the editor's cursor.
      await preview.locator('article[data-kpi="ebit-margin"].highlight').waitFor();
      // The click may leave the focus in the preview (seen once: "Open a text editor first to go to a line"): back to the editor, as a user would.
      await runCommand(page, 'View: Focus First Editor Group');
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').waitFor();
      await page.keyboard.type(`${target.line}`);
      await page.keyboard.press('Enter');
      await preview.locator('article[data-kpi="gross-margin"].highlight').waitFor();
      assert.equal(await preview.locator('article.kpi.highlight').count(), 1);

      // A Swedish user sets kpi.locale to sv in the workspace's settings: without a restart, the problem in the Problems panel
      // and the preview come in Swedish, in the words of docs/sv/ordlista.md and with a decimal comma.
      fs.writeFileSync(settingsFile, `${JSON.stringify({ 'kpi.locale': 'sv' })}\n`);
      const swedishRow = page.locator('.markers-panel .monaco-list-row', { hasText: 'Målet `pf-delivry`' });
      await swedishRow.waitFor();
      assert.equal(
        await swedishRow.locator('.marker-message').innerText(),
        'Målet `pf-delivry` finns inte i någon KPI-fil i arbetsytan: menade du `pf-delivery`? Annars definiera målet.',
      );
      await page.locator('.tab', { hasText: 'Styrkort: financial.kpi.yaml' }).waitFor();
      // The page is rendered again in Swedish (the target typed above still makes gross-margin invalid).
      await preview.locator('article[data-kpi="gross-margin"] .badge', { hasText: 'ogiltigt' }).waitFor();
      assert.deepEqual(await preview.locator('ul.counts li').allTextContents(), ['1 ur fas', '1 ogiltigt', '3 risk', '7 i fas', '2 uppnått']);
      assert.equal(await preview.locator('section[data-goal="healthy-margins"] > .goal-title .badge').textContent(), 'ogiltigt');
      assert.equal(await preview.locator('section[data-goal="repeat-customers"] > .goal-title .badge').textContent(), 'risk');
      assert.equal(await preview.locator('article[data-kpi="ebit-margin"] .badge').first().textContent(), 'i fas');
      assert.equal(await preview.locator('article[data-kpi="gross-margin"] .latest .value').textContent(), '46,1\u00a0%');
      assert.equal(await preview.locator('article[data-kpi="gross-margin"] .target').textContent(), 'Målvärde: 46\u00a0% till 2026-12');
      assert.equal(await preview.locator('article[data-kpi="gross-margin"] .reason').textContent(), 'Rätta felen i definitionen (1)');
      assert.equal(await preview.locator('article[data-kpi="ebit-margin"] .reason').textContent(), '0,2 före plan (plan 8,4 för 2026-Q3)');
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-sv.png') });

      // Back to English: the setting removed, the problem and the preview follow again.
      fs.writeFileSync(settingsFile, '{}\n');
      await filterProblems(page, 'pf-delivry', 'Goal `pf-delivry`');
      await preview.locator('article[data-kpi="gross-margin"] .badge', { hasText: 'invalid' }).waitFor();
      assert.deepEqual(await preview.locator('ul.counts li').allTextContents(), ['1 off track', '1 invalid', '3 at risk', '7 on track', '2 achieved']);
      assert.equal(await preview.locator('article[data-kpi="gross-margin"] .latest .value').textContent(), '46.1 %');

      // A card's history chart opens from the keyboard, with the seasonal budget as its plan line, and Esc closes it.
      const sales = preview.locator('article[data-kpi="web-sales"]');
      const chart = sales.locator('dialog.history');
      await sales.locator('button.history-button').focus();
      await page.keyboard.press('Enter');
      await chart.waitFor({ state: 'visible' });
      assert.equal(await chart.locator('h4').textContent(), 'History of Web shop net sales per month');
      assert.equal(await chart.locator('svg.chart polyline.plan-line').count(), 1);
      assert.equal(await chart.locator('svg.chart line.target-line').count(), 1);
      assert.equal(
        await chart.locator('table.chart-table tbody tr').count(),
        24,
        'a row per measurement, 2025-01 to 2026-10, and the plan of 2026-11 and 2026-12',
      );
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-chart.png') });
      await page.keyboard.press('Escape');
      await chart.waitFor({ state: 'hidden' });

      // Compare with last commit, from the preview's button: the target typed above (48 % → 46 %, not saved) is a loosened target
      // and makes the KPI worse (at risk → invalid): its card carries both badges, and the comparison lists its rows, as kpi diff does.
      await preview.locator('button.compare-toggle').click();
      const comparison = preview.locator('section.diff');
      await comparison.locator('[data-section="targets"] tr[data-kpi="gross-margin"]').waitFor();
      assert.match(await comparison.locator('h2').innerText(), /^KPI diff: 1 KPI worse; 1 target or threshold loosened; 1 KPI changed; 1 new problem/);
      assert.match(await comparison.locator('.diff-sides').innerText(), /^HEAD \([0-9a-f]{7}\) → the editor's text · As of 2026-11-27$/);
      // The cells as read: the coloured dot before "loosened" is no text.
      const cells = await comparison.locator('[data-section="targets"] tr[data-kpi="gross-margin"] td').allInnerTexts();
      assert.deepEqual(
        cells.map((cell) => cell.trim()),
        ['Gross margin', 'target', '48 %', '▼ 46 %', 'loosened'],
      );
      assert.deepEqual(await margin.locator('.diff-badge').allTextContents(), ['target loosened', '▼ was at risk']);
      assert.equal(await preview.locator('article[data-kpi="ebit-margin"] .diff-badge').count(), 0, 'an unchanged KPI has no badge');
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-compare.png') });
      // Off again: the comparison and the badges go.
      await preview.locator('button.compare-toggle[aria-pressed="true"]').click();
      await comparison.waitFor({ state: 'detached' });
      assert.equal(await margin.locator('.diff-badge').count(), 0);

      // The table view, chosen in the preview, is still there after the window is reloaded (the webview's state).
      await preview.locator('.view-toggle button[data-view="table"]').click();
      await preview.locator('#table-view tr.tv-kpi[data-kpi="web-sales"]').waitFor({ state: 'visible' });
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await runCommand(page, 'Developer: Reload Window');
      await reloaded;
      await page.locator('.monaco-workbench .part.statusbar .statusbar-item').first().waitFor({ timeout: 60_000 });
      const restored = webviewFrame(page);
      await restored.locator('#table-view tr.tv-kpi[data-kpi="web-sales"]').waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await restored.locator('#scorecard').isHidden(), true, 'the cards stay hidden');
      assert.equal(await restored.locator('.view-toggle button[data-view="table"]').getAttribute('aria-pressed'), 'true');
      await page.screenshot({ path: path.join(ARTIFACTS, 'preview-table-after-reload.png') });
    } catch (error) {
      await workbench.page.screenshot({ path: path.join(ARTIFACTS, 'e2e-failure.png') }).catch(() => undefined);
      throw error;
    } finally {
      await workbench.close();
    }
  });
  it(
    "offers a Get Started walkthrough: its steps and Markdown show, New KPI File opens the template beside it, Set Up Repository for CI runs the repository's kpi init in a terminal",
    { timeout: 6 * 60_000 },
    async (t) => {
      if (!install) return t.skip('KPI_SKIP_E2E=1');
      // A repository with no KPI file yet: the extension starts when a step's button runs one of its commands.
      const workspace = path.join(root, 'walkthrough');
      fs.mkdirSync(workspace);
      fs.writeFileSync(path.join(workspace, 'package.json'), '{ "private": true }\n');
      const ran = installFakeKpi(workspace);
      const extensionsDir = path.join(root, 'extensions');
      if (!fs.existsSync(extensionsDir) || fs.readdirSync(extensionsDir).length === 0) await installExtension(install, vsix, extensionsDir);
      // The walkthrough's texts as VS Code shows them in English: its `%key%` references put in words from package.nls.json.
      const texts = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8')) as Record<string, string>;
      const { contributes } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'), (_key, value: unknown) =>
        typeof value === 'string' && /^%[\w.-]+%$/.test(value) ? (texts[value.slice(1, -1)] ?? value) : value,
      ) as {
        contributes: { walkthroughs: { title: string; steps: { id: string; title: string }[] }[] };
      };
      const walkthrough = contributes.walkthroughs[0];
      const workbench = await openWorkbench(install, { workspace, extensionsDir, settings: SETTINGS });
      try {
        const { page } = workbench;
        fs.mkdirSync(ARTIFACTS, { recursive: true });

        // Help > Open Walkthrough... lists it; picking it opens it.
        await runCommand(page, 'Welcome: Open Walkthrough...');
        const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: walkthrough.title }).first();
        await pick.waitFor();
        await pick.click();
        const steps = page.locator('.getting-started-detail-container');
        await page.locator('h2.category-title', { hasText: walkthrough.title }).first().waitFor();
        for (const step of walkthrough.steps)
          await steps.locator(`button.getting-started-step[data-step-id$="#${step.id}"] h3.step-title`, { hasText: step.title }).waitFor();
        const step = (id: string) => steps.locator(`button.getting-started-step[data-step-id$="#${id}"]`);
        // The first step is open, with its Markdown beside it (packed into the .vsix, rendered in a webview).
        await webviewFrame(page).locator('h1', { hasText: 'A KPI file' }).waitFor();
        assert.equal(await step('newFile').getAttribute('aria-checked'), 'false');
        await page.screenshot({ path: path.join(ARTIFACTS, 'walkthrough.png') });

        // New KPI File: the template opens beside the walkthrough, and the step is checked off.
        await step('newFile').locator('.button-container .monaco-button', { hasText: 'New KPI File' }).click();
        await page.locator('.monaco-editor .view-line', { hasText: 'id: revenue-growth' }).first().waitFor();
        await page.locator('.tab.active', { hasText: 'Untitled-1' }).waitFor();
        await page.locator(`button.getting-started-step[data-step-id$="#newFile"][aria-checked="true"]`).waitFor();

        // Set Up Repository for CI: a terminal in the folder runs the repository's own `kpi init`.
        await step('ci').click();
        // Beside the editor the walkthrough is too narrow for its media: the step's Markdown is loaded, hidden.
        await webviewFrame(page).locator('h1', { hasText: 'Check your KPIs in CI' }).waitFor({ state: 'attached' });
        await step('ci').locator('.button-container .monaco-button', { hasText: 'Set Up Repository for CI' }).click();
        assert.equal(await fileWritten(ran), `${workspace}\ninit\n`);
        await page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: KPI_INIT_TERMINAL_NAME }).first().waitFor();
        await page.locator(`button.getting-started-step[data-step-id$="#ci"][aria-checked="true"]`).waitFor();
        await page.screenshot({ path: path.join(ARTIFACTS, 'walkthrough-ci.png') });
      } catch (error) {
        await workbench.page.screenshot({ path: path.join(ARTIFACTS, 'e2e-walkthrough-failure.png') }).catch(() => undefined);
        throw error;
      } finally {
        await workbench.close();
      }
    },
  );
  it(
    'in an untrusted workspace with hostile files: no CSV read and the preview says so, no icon or link from the files, kpi init refused; trusting it reads the CSV and runs kpi init',
    { timeout: 6 * 60_000 },
    async (t) => {
      if (!install) return t.skip('KPI_SKIP_E2E=1');
      const workspace = samplesCopy(root, 'untrusted');
      // A folder of its own (it has a kpi.config.yaml), from someone we do not trust.
      const icons = PAYLOADS.findIndex((p) => p.startsWith('$(alert)'));
      fs.mkdirSync(path.join(workspace, 'hostile'));
      fs.writeFileSync(path.join(workspace, 'hostile', 'kpi.config.yaml'), HOSTILE_CONFIG);
      fs.writeFileSync(path.join(workspace, 'hostile', 'icons.kpi.yaml'), hostileFile(icons));
      const ran = installFakeKpi(workspace);
      const extensionsDir = path.join(root, 'extensions');
      if (!fs.existsSync(extensionsDir) || fs.readdirSync(extensionsDir).length === 0) await installExtension(install, vsix, extensionsDir);
      const workbench = await openWorkbench(install, { workspace, extensionsDir, settings: SETTINGS, workspaceTrust: true });
      try {
        const { page } = workbench;
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();

        // The KPI whose data comes from a CSV file: no data, and the problem says why.
        await openFile(page, 'financial.kpi.yaml');
        await runCommand(page, 'View: Toggle Problems');
        // The problem comes once the server has indexed the workspace: on a loaded machine that can take more than the default 30 s.
        const noData = await filterProblems(page, 'shows no data because', 'web-sales-growth', 120_000);
        assert.match(
          await noData.innerText(),
          /KPI `web-sales-growth` shows no data because CSV sources are not read in an untrusted workspace: trust the workspace to read `data\/web-shop-sales\.csv`\./,
        );
        assert.match(await noData.innerText(), /no-data/);

        // The preview says so, and shows the KPI without data.
        await runCommand(page, 'KPI: Open Scorecard Preview to the Side');
        const preview = webviewFrame(page);
        await preview.locator('article[data-kpi="web-sales-growth"]').waitFor();
        assert.equal(await preview.locator('p.notice').textContent(), UNTRUSTED_NOTICE);
        assert.equal(await preview.locator('article[data-kpi="web-sales-growth"] .badge').first().textContent(), 'no data');
        await page.screenshot({ path: path.join(ARTIFACTS, 'untrusted-preview.png') });

        // The hostile folder's configuration problems: a notification without links or icons from the file.
        await runCommand(page, 'Notifications: Show Notifications');
        const notification = page.locator('.notifications-center .notification-list-item', { hasText: 'unknown rule' });
        await notification.waitFor();
        assert.match(await notification.innerText(), /unknown rule `\[Fix the config\] \(command:workbench\.action\.terminal\.new\)`/);
        assert.equal(await notification.locator('.notification-list-item-message a').count(), 0, 'no link in the message');
        assert.equal(await notification.locator('.notification-list-item-message .codicon').count(), 0, 'no icon in the message');
        await page.keyboard.press('Escape');

        // A hostile unit in a CodeLens is text, not an icon.
        await openFile(page, 'hostile/icons.kpi.yaml');
        const lens = page.locator('.codelens-decoration', { hasText: 'of 10 $(alert)' });
        await lens.waitFor({ state: 'attached' });
        assert.equal((await lens.innerText()).trim(), `invalid · 5 ${PAYLOADS[icons]} of 10 ${PAYLOADS[icons]} · ${invalidReason(icons)}`);
        assert.equal(await lens.locator('.codicon').count(), 0, 'no icon drawn from KPI text');
        await page.screenshot({ path: path.join(ARTIFACTS, 'untrusted-hostile.png') });

        // kpi init would run the folder's own node_modules/.bin/kpi: not in Restricted Mode.
        await runCommand(page, 'KPI: Set Up Repository for CI (kpi init)');
        // Seen: the warning goes to the notification centre without a toast.
        await runCommand(page, 'Notifications: Show Notifications');
        await page.locator('.notifications-center .notification-list-item', { hasText: KPI_INIT_UNTRUSTED }).waitFor();
        assert.equal(await page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: KPI_INIT_TERMINAL_NAME }).count(), 0, 'no terminal');
        assert.equal(fs.existsSync(ran), false, 'kpi did not run');
        await page.keyboard.press('Escape');

        // Compare with last commit runs git: not in Restricted Mode either, and the command says why.
        await runCommand(page, 'KPI: Toggle Compare with Last Commit in the Scorecard Preview');
        await runCommand(page, 'Notifications: Show Notifications');
        await page.locator('.notifications-center .notification-list-item', { hasText: translator('en').t('client.compare.untrusted') }).waitFor();
        assert.equal(await preview.locator('section.diff').count(), 0, 'no comparison');
        await page.keyboard.press('Escape');

        // Trusting the workspace: the CSV is read, the notice goes, the problem goes.
        await runCommand(page, 'Workspaces: Manage Workspace Trust');
        await page
          .locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ })
          .first()
          .click();
        await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached' });
        // The preview (of hostile/, a workspace of its own) is refreshed without being asked: the notice goes.
        await preview.locator('p.notice').waitFor({ state: 'detached' });
        // The trust editor is a modal one: close it, then back to the financial KPIs (the preview follows the editor).
        await page.locator('.modal-editor-part .codicon-close').first().click();
        await page.locator('.modal-editor-part').waitFor({ state: 'hidden' });
        await page.locator('.tab', { hasText: 'financial.kpi.yaml' }).first().click();
        await page.locator('.tab.active', { hasText: 'financial.kpi.yaml' }).first().waitFor();
        await preview.locator('article[data-kpi="web-sales-growth"] .badge', { hasText: 'on track' }).waitFor();
        assert.equal(await preview.locator('p.notice').count(), 0);
        assert.equal((await preview.locator('article[data-kpi="web-sales-growth"] .latest').innerText()).trim(), '23.8 % on 2026-10');
        await noData.waitFor({ state: 'detached' });

        // Trusted now, the same command runs kpi init.
        await runCommand(page, 'KPI: Set Up Repository for CI (kpi init)');
        assert.equal(await fileWritten(ran), `${workspace}\ninit\n`);
      } catch (error) {
        await workbench.page.screenshot({ path: path.join(ARTIFACTS, 'e2e-untrusted-failure.png') }).catch(() => undefined);
        throw error;
      } finally {
        await workbench.close();
      }
    },
  );

  it(
    "KPI: Refresh Data: refused in Restricted Mode; trusted, it runs the workspace's kpi refresh, and the preview shows the value and the snapshot time; opening and editing run nothing",
    { timeout: 5 * 60_000 },
    async (t) => {
      if (!install) return t.skip('KPI_SKIP_E2E=1');
      const workspace = path.join(root, 'sql');
      const runs = writeSqlWorkspace(workspace);
      const words = translator('en');
      const extensionsDir = path.join(root, 'extensions');
      if (!fs.existsSync(extensionsDir) || fs.readdirSync(extensionsDir).length === 0) await installExtension(install, vsix, extensionsDir);
      const workbench = await openWorkbench(install, { workspace, extensionsDir, settings: SETTINGS, workspaceTrust: true });
      try {
        const { page } = workbench;
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
        await openFile(page, 'orders.kpi.yaml');
        await runCommand(page, 'KPI: Open Scorecard Preview to the Side');
        const preview = webviewFrame(page);
        const card = preview.locator('article[data-kpi="web-orders"]');
        // Untrusted, no source is read, a snapshot neither: the card has no data.
        await card.locator('.latest', { hasText: 'no data' }).waitFor({ timeout: 120_000 });

        // Restricted Mode: the command says why and runs nothing, nor does the preview's button.
        await runCommand(page, 'KPI: Refresh Data (kpi refresh)');
        await runCommand(page, 'Notifications: Show Notifications');
        await page.locator('.notifications-center .notification-list-item', { hasText: words.t('client.refresh.untrusted') }).waitFor();
        await page.keyboard.press('Escape');
        assert.equal(fs.existsSync(runs), false, 'kpi did not run');

        // Trusted: opening and editing still run no query.
        await runCommand(page, 'Workspaces: Manage Workspace Trust');
        await page
          .locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ })
          .first()
          .click();
        await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached' });
        await page.locator('.modal-editor-part .codicon-close').first().click();
        await page.locator('.modal-editor-part').waitFor({ state: 'hidden' });
        await page.locator('.tab', { hasText: 'orders.kpi.yaml' }).first().click();
        // Trusted, the snapshots are read: there is none yet, and the status bar counts the KPI to refresh.
        await card.locator('p.snapshot', { hasText: words.t('report.snapshot.missing') }).waitFor();
        await page.locator('.statusbar-item', { hasText: words.t('client.status.refresh', { count: 1 }) }).waitFor();
        const name = position(path.join(workspace, 'orders.kpi.yaml'), /^\s+name: Web orders$/, 'Web orders');
        await runCommand(page, 'View: Focus First Editor Group');
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor();
        await page.keyboard.type(`${name.line}:${name.column + 'Web orders'.length}`);
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
        await page.keyboard.type(' online');
        await card.locator('h3', { hasText: 'Web orders online' }).waitFor();
        assert.equal(fs.existsSync(runs), false, 'opening and editing ran no kpi');
        assert.equal(fs.existsSync(path.join(workspace, '.kpi')), false, 'no snapshot was written');

        // KPI: Refresh Data runs kpi refresh; the preview shows the value and the snapshot's time.
        await runCommand(page, 'KPI: Refresh Data (kpi refresh)');
        await card.locator('.latest', { hasText: '1,100 count' }).waitFor({ timeout: 120_000 });
        const said = (await card.locator('p.snapshot .snapshot-text').innerText()).trim();
        assert.match(said, /^snapshot \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
        assert.equal(fs.readFileSync(path.join(workspace, '.kpi', 'snapshots', 'web-orders.csv'), 'utf8'), 'date,value\n2026-09-01,1050\n2026-10-01,1100\n');
        assert.equal(fs.readFileSync(runs, 'utf8'), 'refresh --progress --locale en\n');
        await runCommand(page, 'Notifications: Show Notifications');
        await page.locator('.notifications-center .notification-list-item', { hasText: 'KPI: Refresh Data: 1 snapshot written, 0 queries failed.' }).waitFor();
        await page.keyboard.press('Escape');
        await page.locator('.statusbar-item', { hasText: words.t('client.status.refresh', { count: 1 }) }).waitFor({ state: 'detached' });
        await page.screenshot({ path: path.join(ARTIFACTS, 'refresh-data.png') });

        // The card's Refresh button refreshes that KPI only.
        await card.locator('button.refresh-button').click();
        await fileHasLines(runs, 2);
        assert.equal(fs.readFileSync(runs, 'utf8'), 'refresh --progress --locale en\nrefresh --progress --locale en --kpi web-orders\n');
      } catch (error) {
        await workbench.page.screenshot({ path: path.join(ARTIFACTS, 'e2e-refresh-failure.png') }).catch(() => undefined);
        throw error;
      } finally {
        await workbench.close();
      }
    },
  );
});
