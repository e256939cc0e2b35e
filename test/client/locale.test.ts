import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { kpiInitWords } from '../../client/src/init/words';
import { extensionLocale } from '../../client/src/locale';
import { previewHtml, previewOptions } from '../../client/src/preview/webview-html';
import { NEW_FILE_TEMPLATE, newFileTemplate } from '../../client/src/template';
import { translator } from '../../server/src/core/l10n/catalogue';
import { buildScorecard } from '../../server/src/core/scorecard';
import { serverCommand } from '../../server/src/lsp/main';
import { GOOD_FILE, lintFixture } from '../helpers';

describe('the extension in Swedish', () => {
  it('takes kpi.locale, where auto (or nothing) means the display language', () => {
    assert.equal(extensionLocale('sv', 'en'), 'sv');
    assert.equal(extensionLocale('en', 'sv'), 'en');
    assert.equal(extensionLocale('auto', 'sv'), 'sv');
    assert.equal(extensionLocale(undefined, 'en-us'), 'en');
    assert.equal(extensionLocale('auto', 'de'), 'en', 'a language we do not speak: English');
  });

  it('writes a new KPI file in Swedish words with the same YAML keys and values', () => {
    const swedish = newFileTemplate(translator('sv'));
    assert.match(swedish, /^# En KPI-fil: mål och de nyckeltal som mäter dem\./);
    const [sv, en] = [parse(swedish) as Record<string, unknown>, parse(NEW_FILE_TEMPLATE) as Record<string, unknown>];
    assert.equal(sv.title, 'Mitt styrkort');
    const kpi = (sv.kpis as Record<string, unknown>[])[0];
    assert.deepEqual(
      [kpi.name, kpi.owner, kpi.source, kpi.category, kpi.frequency],
      ['Intäktstillväxt', 'Namn på den ansvarige', 'Källsystem', 'financial', 'monthly'],
    );
    assert.deepEqual(Object.keys(sv), Object.keys(en));
  });

  it('says why kpi init does not run, and what the preview of an untrusted workspace lacks, in Swedish', () => {
    assert.equal(
      kpiInitWords(translator('sv')).untrusted,
      'Kommandot KPI: Förbered repot för CI kör programmet `kpi` som är installerat i den här mappen och körs därför bara i en betrodd arbetsyta. Lita på mappen och kör kommandot igen.',
    );
    // Two files without a title: the scorecard's default title, in the server's language, heads the preview.
    const workspace = lintFixture({ 'sales.kpi.yaml': GOOD_FILE, 'more.kpi.yaml': 'kpi: 1\n' }).workspace;
    const scorecard = buildScorecard(workspace, (file) => file, 'sv');
    const result = { scorecard, root: '/ws', uris: {}, errors: 0, warnings: 0, csvRead: false, locale: 'sv' } as const;
    const options = previewOptions(result);
    assert.match(
      previewHtml(result, { nonce: 'n', cspSource: 'vscode-webview:', scriptUri: 'preview.js' }),
      /<title>Styrkort — per [^<]+<\/title>[\s\S]*<h1>Styrkort<\/h1>/,
    );
    assert.equal(options.notice, 'Arbetsytan är inte betrodd: CSV-källorna lästes inte, så nyckeltal som hämtar sina data från CSV-filer saknar data.');
  });

  it("prints the language server's usage and its errors in Swedish", () => {
    const help = serverCommand(['--help'], translator('sv'));
    assert.match(help.run ? '' : (help.stdout ?? ''), /^Användning: kpi-language-server --stdio \| --node-ipc \| --socket=PORT \| --pipe=NAMN\n/);
    const wrong = serverCommand(['--stdio', '--node-ipc'], translator('sv'));
    assert.match(
      wrong.run ? '' : (wrong.stderr ?? ''),
      /^kpi-language-server: välj ett sätt att tala med klienten, inte --stdio och --node-ipc\n\nAnvändning:/,
    );
    assert.match((serverCommand(['--socket=x'], translator('sv')) as { stderr: string }).stderr, /^kpi-language-server: --socket behöver ett portnummer\n/);
  });
});
