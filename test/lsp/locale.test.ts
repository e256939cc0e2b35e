import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CodeActionRequest,
  CodeLensRequest,
  DidChangeConfigurationNotification,
  HoverRequest,
  type CodeAction,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { DOCS_BASE } from '../../server/src/core/rule';
import { ScorecardRequest } from '../../server/src/lsp/protocol';
import { REPO } from '../helpers';
import { TestClient, uriOf, workspaceFolder, type ClientOptions } from './client';
import { SALES, SETTINGS, STRATEGY } from './fixture';

/** The variables the server reads after the client's sources (SPEC §9), set for one test and restored after. */
const VARIABLES = ['KPI_LOCALE', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

function withEnvironment(values: Partial<Record<(typeof VARIABLES)[number], string>>): () => void {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) {
    const value = values[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const name of VARIABLES) {
      const value = saved[name];
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

const clients: TestClient[] = [];

/** A server in this process, on a workspace of the fixture's two files; it never ends the process. */
async function start(options: ClientOptions, files: Record<string, string> = {}): Promise<{ client: TestClient; root: string }> {
  const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES, ...files });
  const client = TestClient.inProcess();
  clients.push(client);
  await client.initialize(root, { sendProcessId: false, ...options });
  return { client, root };
}

/** The language the server chose for the workspace, as the preview learns it. */
async function chosen(options: ClientOptions, environment: Parameters<typeof withEnvironment>[0], files: Record<string, string> = {}): Promise<string> {
  const restore = withEnvironment(environment);
  try {
    const { client, root } = await start(options, files);
    const result = await client.connection.sendRequest(ScorecardRequest.type, { uri: uriOf(path.join(root, 'sales.kpi.yaml')) });
    return result!.locale;
  } finally {
    restore();
  }
}

function hoverText(hover: { contents: MarkupContent } | null): string[] {
  return (hover?.contents.value ?? '').split('\n');
}

describe('language server: the locale (SPEC §9)', () => {
  after(async () => {
    for (const client of clients) await client.shutdown({ exit: false });
  });

  it('takes the first of: kpi.locale (unless auto), initializationOptions.locale, the LSP locale, KPI_LOCALE, LC_ALL, LC_MESSAGES, LANG', async () => {
    const none = { locale: null } as const;
    assert.equal(await chosen(none, {}), 'en', 'no source: English');
    assert.equal(await chosen(none, { LANG: 'sv_SE.UTF-8' }), 'sv', 'LANG');
    assert.equal(await chosen(none, { LC_MESSAGES: 'sv_SE.UTF-8', LANG: 'en_US.UTF-8' }), 'sv', 'LC_MESSAGES before LANG');
    assert.equal(await chosen(none, { LC_ALL: 'C', LC_MESSAGES: 'sv_SE.UTF-8' }), 'en', 'LC_ALL before LC_MESSAGES; C is English');
    assert.equal(await chosen(none, { KPI_LOCALE: 'sv', LC_ALL: 'en_US.UTF-8' }), 'sv', 'KPI_LOCALE before LC_ALL');
    assert.equal(await chosen({ locale: 'sv-SE' }, { KPI_LOCALE: 'en' }), 'sv', 'the LSP locale before KPI_LOCALE');
    assert.equal(await chosen({ locale: 'fr' }, { KPI_LOCALE: 'sv' }), 'en', 'an unknown LSP locale is English, and counts');
    assert.equal(await chosen({ locale: 'en', initializationOptions: { locale: 'sv' } }, {}), 'sv', 'initializationOptions before the LSP locale');
    assert.equal(
      await chosen({ locale: 'sv', initializationOptions: { locale: 'sv' }, settings: { ...SETTINGS, locale: 'en' } }, { KPI_LOCALE: 'sv' }),
      'en',
      'the setting before everything',
    );
    assert.equal(
      await chosen({ locale: 'en', initializationOptions: { locale: 'sv' }, settings: { ...SETTINGS, locale: 'auto' } }, {}),
      'sv',
      'auto: the next source decides',
    );
    assert.equal(await chosen({ locale: null, settings: { ...SETTINGS, locale: 'sv' } }, {}), 'sv', 'the setting alone');
  });

  it("reads the locale of the workspace's kpi.config.yaml after KPI_LOCALE and before LC_ALL", async () => {
    const config = { 'kpi.config.yaml': 'locale: sv\n' };
    assert.equal(await chosen({ locale: null }, { LC_ALL: 'en_US.UTF-8' }, config), 'sv');
    assert.equal(await chosen({ locale: null }, { KPI_LOCALE: 'en' }, config), 'en');
    assert.equal(await chosen({ locale: 'en' }, {}, config), 'en', 'the LSP locale before the configuration');
    return undefined;
  });

  it('with kpi.locale sv, the pitfalls workspace gets its problems with links to the Swedish rule pages', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lsp-sv-')));
    fs.cpSync(path.join(REPO, 'samples/pitfalls'), root, { recursive: true });
    const client = TestClient.inProcess();
    clients.push(client);
    // Untrusted: the reason CSV sources are not read is said in Swedish inside the problem.
    await client.initialize(root, { sendProcessId: false, settings: { asOf: '2026-11-27', locale: 'sv', readCsv: false } });
    const diagnostics = await client.diagnosticsOf(uriOf(path.join(root, 'data.kpi.yaml')));
    assert.ok(diagnostics.length > 5);
    for (const d of diagnostics) assert.equal(d.codeDescription?.href, `${DOCS_BASE}sv/rules/${String(d.code)}.md`, String(d.code));
    assert.ok(
      diagnostics.some((d) => (d.message as string).includes('CSV-källor läses inte i en obetrodd arbetsyta')),
      diagnostics.map((d) => d.message as string).join('\n'),
    );
    const result = await client.connection.sendRequest(ScorecardRequest.type, { uri: uriOf(path.join(root, 'data.kpi.yaml')) });
    assert.equal(result!.locale, 'sv');
  });

  it('publishes the problems again in Swedish when kpi.locale changes from en to sv, and asks for the CodeLenses again', async () => {
    const { client, root } = await start({ settings: { ...SETTINGS, locale: 'en' } });
    const sales = uriOf(path.join(root, 'sales.kpi.yaml'));
    const english = await client.diagnosticsOf(sales, (d) => d.length > 0);
    assert.ok(english.every((d) => d.codeDescription?.href === `${DOCS_BASE}rules/${String(d.code)}.md`));
    const refreshes = client.codeLensRefreshes;
    client.settings = { ...SETTINGS, locale: 'sv' };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const swedish = await client.diagnosticsOf(
      sales,
      (d) => d.length > 0 && d.every((each) => each.codeDescription?.href.includes('/docs/sv/rules/')),
      'the problems with their Swedish pages',
    );
    assert.deepEqual(
      swedish.map((d) => [d.range.start.line, d.code]),
      english.map((d) => [d.range.start.line, d.code]),
      'the same problems, in another language',
    );
    await client.until(() => (client.codeLensRefreshes > refreshes ? true : undefined), 'a CodeLens refresh');
    const result = await client.connection.sendRequest(ScorecardRequest.type, { uri: sales });
    assert.equal(result!.locale, 'sv', 'the preview renders in the new language');
  });

  it('says hovers and quick fixes in Swedish', async () => {
    const { client, root } = await start({ settings: { ...SETTINGS, locale: 'sv' } });
    const sales = uriOf(path.join(root, 'sales.kpi.yaml'));
    const strategy = uriOf(path.join(root, 'strategy.kpi.yaml'));
    const diagnostics = await client.diagnosticsOf(sales, (d) => d.some((each) => each.code === 'unknown-goal'));

    // The goal no KPI measures (the KPI that means to says happy-customer).
    const goal = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: strategy }, position: { line: 4, character: 12 } });
    const goalLines = hoverText(goal as { contents: MarkupContent });
    assert.match(goalLines[0], /^\*\*Happy customers\*\* `happy-customers` — mål, \*\*.+\*\*$/);
    assert.equal(goalLines.at(-1), 'Inget nyckeltal mäter målet.');

    const kpi = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: sales }, position: { line: 2, character: 12 } });
    const kpiLines = hoverText(kpi as { contents: MarkupContent });
    assert.match(kpiLines[0], /^\*\*Sales growth\*\* `sales-growth` — ekonomi$/);
    assert.match(kpiLines[2], /^Status: \*\*.+\*\* · /);
    assert.match(kpiLines[4], /^Varför: /);
    assert.match(kpiLines[6], /^senaste utfall 2026\\-10 · måldatum 2026\\-12 · planerat värde .+ · måluppfyllelse .+ · ansvarig Erik Lund$/);
    assert.deepEqual(kpiLines.slice(8), [
      '- ▲ \\+0,2 p\\.e\\. mot 2026\\-09 \\(bättre\\)',
      '- ▼ −0,07 p\\.e\\. mot plan \\(sämre\\)',
      '- ▼ −0,4 p\\.e\\. mot målvärdet \\(sämre\\)',
    ]);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: sales } })) as { command: { title: string } }[];
    assert.equal(lenses[0].command.title, 'i fas · 5,6\u00a0% av 6,0\u00a0% · ▲ +0,2 p.e. mot 2026-09 (bättre)');

    const unknownGoal = diagnostics.find((d) => d.code === 'unknown-goal')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: sales },
      range: unknownGoal.range,
      context: { diagnostics: [unknownGoal] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Ändra till `happy-customers`',
        'Skapa målet `happy-customer` i den här filen',
        'Stäng av unknown-goal för den här raden',
        'Visa dokumentationen för unknown-goal',
      ],
    );
    assert.deepEqual(actions[3].command?.arguments, [`${DOCS_BASE}sv/rules/unknown-goal.md`]);
    // The new goal's title asks to be filled in, in Swedish.
    const created = Object.values(actions[1].edit!.changes!)[0][0].newText;
    assert.equal(created, 'goals:\n  - id: happy-customer\n    title: FYLL I\n');
  });

  it('takes every quick-fix title, symbol detail and progress title from the catalogue (the pseudo-locale marks them)', async () => {
    const { client, root } = await start({ settings: { ...SETTINGS, locale: 'qps-ploc' } });
    const sales = uriOf(path.join(root, 'sales.kpi.yaml'));
    const diagnostics = await client.diagnosticsOf(sales, (d) => d.some((each) => each.code === 'unknown-goal'));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: sales },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.ok(actions.length > 0);
    for (const action of actions) assert.match(action.title, /^⟦.*⟧$/);
    const symbols = await client.connection.sendRequest<{ detail: string }[]>('textDocument/documentSymbol', { textDocument: { uri: sales } });
    for (const symbol of symbols) assert.match(symbol.detail, /^⟦.*⟧$/);
  });
});
