import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  FileChangeType,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type FileEvent,
} from 'vscode-languageserver/node';
import { writeWorkspace } from '../../bench/generate';
import { ScorecardRequest } from '../../server/src/lsp/protocol';
import { crowdedFolder, latin1, makeReadable, makeUnreadable, mkfifo, symlinkMaze, utf16WithBom } from '../faults';
import { GOOD_FILE } from '../helpers';
import { brief, session, type Session } from './checks';
import { TestClient, uriOf, workspaceFolder } from './client';
import { SALES, SETTINGS, STRATEGY } from './fixture';

const SALES_PROBLEMS = ['17:8-17:11 missing-owner', '20:12-20:26 unknown-goal'];
const WITH_CSV = SALES.replace('    source: CRM\n', '    source: { file: growth.csv, date: month, value: growth }\n');
const CSV = 'month,growth\n2026-09,5.4\n2026-10,5.6\n';

/** Tells the server what changed on disk, as the client's file watcher does. */
function changed(client: TestClient, ...changes: [string, FileChangeType][]): Promise<void> {
  const events: FileEvent[] = changes.map(([file, type]) => ({ uri: uriOf(file), type }));
  return client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: events });
}

/** Every URI the server has published diagnostics for, relative to `root`. */
function publishedFiles(client: TestClient, root: string): string[] {
  return [...client.diagnostics.keys()].map((uri) => path.relative(root, new URL(uri).pathname)).sort();
}

/** What the server logged as failures: a handler that threw. There must be none. */
const failures = (client: TestClient) => client.logs.filter((l) => l.type === 1).map((l) => l.message);

// One after() for every client: shutting an in-process server down ends this process (as vscode-languageserver does on exit).
const sessions: Session[] = [];
const clients: TestClient[] = [];
after(async () => Promise.all([...sessions.map((s) => s.client), ...clients].map((c) => c.shutdown())));

describe('language server under file system faults', () => {
  it('a CSV source deleted, renamed, made unreadable and restored: source-not-found comes and goes', async () => {
    const s = await session(() => TestClient.inProcess(), { 'growth.csv': CSV, 'sales.kpi.yaml': WITH_CSV });
    sessions.push(s);
    const csv = path.join(s.root, 'growth.csv');
    const notFound = (reason: string) => `Source file \`growth.csv\` cannot be read (${reason}): fix the path, which is relative to this file's folder.`;
    const sourceProblem = async (expected: string | undefined) => {
      const diagnostics = await s.client.diagnosticsOf(
        s.sales,
        (d) => d.find((x) => x.code === 'source-not-found')?.message === expected,
        `source-not-found: ${expected}`,
      );
      assert.deepEqual(brief(diagnostics), expected === undefined ? SALES_PROBLEMS : ['13:20-13:30 source-not-found', ...SALES_PROBLEMS]);
    };
    await sourceProblem(undefined);

    fs.rmSync(csv);
    await changed(s.client, [csv, FileChangeType.Deleted]);
    await sourceProblem(notFound('it does not exist'));

    // Renamed: the old name is gone and a new one appears; the KPI still names the old one.
    fs.writeFileSync(path.join(s.root, 'growth-2026.csv'), CSV);
    await changed(s.client, [path.join(s.root, 'growth-2026.csv'), FileChangeType.Created]);
    fs.renameSync(path.join(s.root, 'growth-2026.csv'), csv);
    await changed(s.client, [path.join(s.root, 'growth-2026.csv'), FileChangeType.Deleted], [csv, FileChangeType.Created]);
    await sourceProblem(undefined);

    const unreadable = makeUnreadable(csv);
    await changed(s.client, [csv, FileChangeType.Changed]);
    await sourceProblem(notFound(unreadable.reason));
    makeReadable(csv, unreadable, CSV);
    await changed(s.client, [csv, FileChangeType.Changed]);
    await sourceProblem(undefined);
    assert.deepEqual(failures(s.client), []);
  });

  it('a KPI file deleted, renamed and made unreadable: its problems go, the file using its goals says so, and all comes back', async () => {
    const s = await session(() => TestClient.inProcess());
    sessions.push(s);
    const strategy = path.join(s.root, 'strategy.kpi.yaml');
    const moved = path.join(s.root, 'goals', 'strategy.kpi.yaml');
    const withoutGoals = ['5:12-5:24 unknown-goal', '17:8-17:11 missing-owner', '20:12-20:26 unknown-goal'];
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.strategy)), ['4:8-4:23 unmeasured-goal']);

    fs.rmSync(strategy);
    await changed(s.client, [strategy, FileChangeType.Deleted]);
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.sales, (d) => d.length === 3, 'grow-revenue to be unknown')), withoutGoals);
    assert.deepEqual(await s.client.diagnosticsOf(s.strategy, (d) => d.length === 0), []);

    fs.mkdirSync(path.dirname(moved));
    fs.writeFileSync(moved, STRATEGY);
    await changed(s.client, [moved, FileChangeType.Created]);
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.sales, (d) => d.length === 2, 'the goals to be found again')), SALES_PROBLEMS);
    assert.deepEqual(brief(await s.client.diagnosticsOf(uriOf(moved))), ['4:8-4:23 unmeasured-goal']);

    const unreadable = makeUnreadable(moved);
    await changed(s.client, [moved, FileChangeType.Changed]);
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.sales, (d) => d.length === 3, 'grow-revenue to be unknown again')), withoutGoals);
    assert.deepEqual(await s.client.diagnosticsOf(uriOf(moved), (d) => d.length === 0), []);
    assert.ok(
      s.client.logs.some((l) => l.message === `kpi: cannot read ${moved}: ${unreadable.reason}`),
      'the log says why',
    );

    makeReadable(moved, unreadable, STRATEGY);
    await changed(s.client, [moved, FileChangeType.Changed]);
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.sales, (d) => d.length === 2, 'the goals to be back')), SALES_PROBLEMS);
    assert.deepEqual(brief(await s.client.diagnosticsOf(uriOf(moved), (d) => d.length === 1)), ['4:8-4:23 unmeasured-goal']);
    assert.deepEqual(failures(s.client), []);
  });

  it('a KPI file saved as Latin-1 or UTF-16 gets one clear yaml-syntax diagnostic', async () => {
    const latin = GOOD_FILE.replace('Erik Lund', 'Åsa Öberg');
    const s = await session(() => TestClient.inProcess());
    sessions.push(s);
    fs.writeFileSync(path.join(s.root, 'latin1.kpi.yaml'), latin1(latin.replace(/sales-growth/g, 'latin-growth').replace(/grow-revenue/g, 'latin-revenue')));
    fs.writeFileSync(
      path.join(s.root, 'utf16.kpi.yaml'),
      utf16WithBom(GOOD_FILE.replace(/sales-growth/g, 'utf16-growth').replace(/grow-revenue/g, 'utf16-revenue')),
    );
    await changed(s.client, [path.join(s.root, 'latin1.kpi.yaml'), FileChangeType.Created], [path.join(s.root, 'utf16.kpi.yaml'), FileChangeType.Created]);
    const latinDiagnostics = await s.client.diagnosticsOf(uriOf(path.join(s.root, 'latin1.kpi.yaml')));
    assert.deepEqual(brief(latinDiagnostics), ['9:11-9:12 yaml-syntax']);
    assert.equal(latinDiagnostics[0].message, 'The file is not UTF-8 text (\ufffd marks a byte UTF-8 does not allow, such as a Latin-1 ö): save it as UTF-8.');
    const utf16Diagnostics = await s.client.diagnosticsOf(uriOf(path.join(s.root, 'utf16.kpi.yaml')));
    assert.deepEqual(brief(utf16Diagnostics), ['0:0-0:2 yaml-syntax']);
    assert.equal(utf16Diagnostics[0].message, 'The file is UTF-16 text: save it as UTF-8.');
    // The rest of the workspace is linted as before.
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.sales)), SALES_PROBLEMS);
  });

  it(
    'a folder of 20,000 other files, 200 folders deep, with KPI files in node_modules and dot-folders: only the KPI files the CLI finds',
    { timeout: 120_000 },
    async () => {
      const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES });
      const deep = crowdedFolder(root, GOOD_FILE.replace(/sales-growth/g, 'deep-growth').replace(/grow-revenue/g, 'deep-revenue'));
      const client = TestClient.inProcess();
      clients.push(client);
      await client.initialize(root, { settings: SETTINGS });
      await client.until(
        () => (client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end') ? true : undefined),
        'the end of indexing',
      );
      await client.diagnosticsOf(uriOf(path.join(root, deep)));
      assert.deepEqual(publishedFiles(client, root), [deep, 'sales.kpi.yaml', 'strategy.kpi.yaml'].sort());
      // A KPI file appearing in node_modules is not taken in either; the change beside it is.
      const inNodeModules = path.join(root, 'node_modules', 'some-package', 'new.kpi.yaml');
      fs.writeFileSync(inNodeModules, 'kpi: [\n');
      fs.writeFileSync(path.join(root, 'sales.kpi.yaml'), SALES.replace('[happy-customer]', '[happy-customers]'));
      await changed(client, [inNodeModules, FileChangeType.Created], [path.join(root, 'sales.kpi.yaml'), FileChangeType.Changed]);
      await client.diagnosticsOf(uriOf(path.join(root, 'sales.kpi.yaml')), (d) => d.length === 1, 'the fixed goal id');
      assert.deepEqual(publishedFiles(client, root), [deep, 'sales.kpi.yaml', 'strategy.kpi.yaml'].sort());
      assert.deepEqual(failures(client), []);
    },
  );

  it('symbolic links that loop, point to themselves, lead out of the folder or nowhere: each KPI file once, no duplicate-id', async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'team/sales.kpi.yaml': SALES });
    symlinkMaze(root, 'team', 'strategy.kpi.yaml');
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings: SETTINGS });
    assert.deepEqual(brief(await client.diagnosticsOf(uriOf(path.join(root, 'team/sales.kpi.yaml')))), SALES_PROBLEMS);
    assert.deepEqual(brief(await client.diagnosticsOf(uriOf(path.join(root, 'strategy.kpi.yaml')))), ['4:8-4:23 unmeasured-goal']);
    assert.deepEqual(publishedFiles(client, root), ['strategy.kpi.yaml', 'team/sales.kpi.yaml']);
    assert.deepEqual(failures(client), []);
  });
});

describe('language server and named pipes', () => {
  it('a named pipe as its configuration, a CSV source or a KPI file: the reason is said, and the server goes on answering', async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': WITH_CSV });
    for (const name of ['kpi.config.yaml', 'growth.csv', 'pipe.kpi.yaml']) mkfifo(path.join(root, name));
    // Spawned: a server stuck reading a pipe must fail this test, not stop the test process.
    const client = TestClient.spawned();
    clients.push(client);
    await client.initialize(root, { settings: SETTINGS });
    const sales = uriOf(path.join(root, 'sales.kpi.yaml'));
    const diagnostics = await client.diagnosticsOf(sales);
    assert.deepEqual(brief(diagnostics), ['13:20-13:30 source-not-found', ...SALES_PROBLEMS]);
    assert.equal(
      diagnostics[0].message,
      "Source file `growth.csv` cannot be read (it is a named pipe, not a file): fix the path, which is relative to this file's folder.",
    );
    assert.deepEqual(client.messages, [`${path.join(root, 'kpi.config.yaml')}: cannot read it: it is a named pipe, not a file`]);
    // The folder walk passes the pipe over; a watcher reporting it makes the server try, and say why it cannot.
    const pipe = path.join(root, 'pipe.kpi.yaml');
    await changed(client, [pipe, FileChangeType.Created]);
    await client.until(
      () => (client.logs.some((l) => l.message === `kpi: cannot read ${pipe}: it is a named pipe, not a file`) ? true : undefined),
      'the log to say why',
    );
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: sales }, position: { line: 2, character: 12 } });
    assert.match(JSON.stringify(hover), /Sales growth/);
    assert.deepEqual(publishedFiles(client, root), ['sales.kpi.yaml', 'strategy.kpi.yaml']);
    assert.deepEqual(failures(client), []);
  });
});

describe('language server answering odd requests', () => {
  it('a document opened without its text: logged, and the other files of its project are still linted and answered', async () => {
    // Spawned: a lint that throws must not end this process.
    const { client, root, sales } = await session(() => TestClient.spawned());
    clients.push(client);
    await client.diagnosticsOf(sales);
    const broken = uriOf(path.join(root, 'broken.kpi.yaml'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: broken, languageId: 'kpi', version: 1 } });
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: sales }, position: { line: 2, character: 12 } });
    assert.match(JSON.stringify(hover), /Sales growth/);
    // A settings change lints every project again.
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.open(uriOf(path.join(root, 'strategy.kpi.yaml')), STRATEGY.replace('happy-customers', 'happy-customer'));
    assert.deepEqual(brief(await client.diagnosticsOf(sales, (d) => d.length === 1, 'the goal found')), ['17:8-17:11 missing-owner']);
    assert.ok(
      failures(client).some((f) => f.startsWith(`kpi: reading ${path.join(root, 'broken.kpi.yaml')} failed`)),
      failures(client).join('\n'),
    );
  });

  it('a document opened by a path with `..` in it is the same file: no duplicate-id', async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'team/sales.kpi.yaml': SALES });
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings: SETTINGS });
    const strategy = uriOf(path.join(root, 'strategy.kpi.yaml'));
    assert.deepEqual(brief(await client.diagnosticsOf(strategy)), ['4:8-4:23 unmeasured-goal']);
    const roundabout = `${uriOf(path.join(root, 'team'))}/../strategy.kpi.yaml`;
    await client.open(roundabout, STRATEGY);
    assert.deepEqual(brief(await client.diagnosticsOf(roundabout)), ['4:8-4:23 unmeasured-goal']);
    assert.deepEqual(failures(client), []);
  });
  it('a client that claims file watching and progress, then refuses to register them: diagnostics all the same, the refusal in the log', async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES });
    // Spawned: a refusal must not end the server, which would end this process if it ran in it.
    const client = TestClient.spawned();
    clients.push(client);
    await client.initialize(root, { settings: SETTINGS, refuseRequests: true });
    assert.deepEqual(brief(await client.diagnosticsOf(uriOf(path.join(root, 'sales.kpi.yaml')))), SALES_PROBLEMS);
    assert.deepEqual(brief(await client.diagnosticsOf(uriOf(path.join(root, 'strategy.kpi.yaml')))), ['4:8-4:23 unmeasured-goal']);
    assert.deepEqual(
      failures(client).map((f) => f.split('\n')[0]),
      ['kpi: registering for file and settings changes failed: Error: not implemented by this client'],
    );
  });

  it('says in Swedish what failed, for a client in Swedish', async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES });
    const client = TestClient.spawned();
    clients.push(client);
    await client.initialize(root, { settings: { ...SETTINGS, locale: 'sv' }, refuseRequests: true, locale: 'sv' });
    await client.diagnosticsOf(uriOf(path.join(root, 'sales.kpi.yaml')));
    assert.deepEqual(
      failures(client).map((f) => f.split('\n')[0]),
      ['kpi: registreringen för ändringar av filer och inställningar misslyckades: Error: not implemented by this client'],
    );
  });

  it('documents never opened, outside the workspace, not files or not KPI files, at positions outside them: null, [] or a clear error', async () => {
    const s = await session(() => TestClient.inProcess(), { 'README.md': '# Scorecards\n' });
    sessions.push(s);
    await s.client.diagnosticsOf(s.sales);
    const far = { line: 10_000, character: 10_000 };
    const before = { line: -1, character: -5 };
    const answers = async (uri: string, position: { line: number; character: number }) => {
      const textDocument = { uri };
      const c = s.client.connection;
      const settle = <T>(p: Promise<T>) =>
        p.then(
          (r) => (Array.isArray(r) ? `${r.length} items` : r === null ? 'null' : 'an answer'),
          (e: { code: number; message: string }) => `error ${e.code}: ${e.message}`,
        );
      return {
        hover: await settle(c.sendRequest(HoverRequest.type, { textDocument, position: far })),
        completion: await settle(c.sendRequest(CompletionRequest.type, { textDocument, position })),
        definition: await settle(c.sendRequest(DefinitionRequest.type, { textDocument, position })),
        references: await settle(c.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } })),
        codeAction: await settle(c.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: far }, context: { diagnostics: [] } })),
        codeLens: await settle(c.sendRequest(CodeLensRequest.type, { textDocument })),
        prepareRename: await settle(c.sendRequest(PrepareRenameRequest.type, { textDocument, position })),
        rename: await settle(c.sendRequest(RenameRequest.type, { textDocument, position, newName: 'new-id' })),
      };
    };
    const nothing = {
      hover: 'null',
      completion: '0 items',
      definition: 'null',
      references: 'null',
      codeAction: 'null',
      codeLens: 'null',
      prepareRename: 'null',
      rename: 'null',
    };
    for (const position of [far, before]) {
      // In the workspace but never opened: answered from the disk; nothing is at those places.
      assert.deepEqual(await answers(s.strategy, position), {
        ...nothing,
        definition: '0 items',
        references: '0 items',
        codeAction: '0 items',
        codeLens: '0 items',
        rename: 'error -32600: Only a goal or KPI id can be renamed.',
      });
      for (const uri of [uriOf('/nowhere/x.kpi.yaml'), 'untitled:Untitled-1', uriOf(path.join(s.root, 'README.md'))])
        assert.deepEqual(await answers(uri, position), nothing, uri);
    }
    // An open document, at positions outside it: completion once threw there.
    await s.client.open(s.sales, SALES);
    for (const position of [far, before])
      assert.deepEqual(await s.client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: s.sales }, position }), []);
    assert.deepEqual(await s.client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'untitled:Untitled-1' } }), null);
    assert.equal(await s.client.connection.sendRequest(ScorecardRequest.type, { uri: 'untitled:Untitled-1' }), null);
    // Still serving, and nothing failed on the way.
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.sales)), SALES_PROBLEMS);
    assert.deepEqual(failures(s.client), []);
  });

  it('a cancelled scorecard or workspace symbols request answers RequestCancelled, sent before it starts or while it runs, and the server goes on', async () => {
    const root = workspaceFolder({});
    writeWorkspace(root, 100, 20); // 2,000 KPIs and 400 goals: work for many slices
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings: SETTINGS });
    const team = uriOf(path.join(root, 'area-0', 'team-0.kpi.yaml'));
    await client.diagnosticsOf(team);
    const outcome = <T>(p: Promise<T>) =>
      p.then(
        () => 'a result',
        (e: { code: number; message: string }) => `error ${e.code}: ${e.message}`,
      );
    const CANCELLED = 'error -32800: The request was cancelled.';

    // Cancelled before the server reads it.
    let source = new CancellationTokenSource();
    let request = outcome(client.connection.sendRequest(ScorecardRequest.type, { uri: team }, source.token));
    source.cancel();
    assert.equal(await request, CANCELLED);

    // Cancelled while it runs: the server answers a hover between its slices, then hears the cancellation.
    const slowRequests: ((token: CancellationTokenSource['token']) => Promise<unknown>)[] = [
      (token) => client.connection.sendRequest(ScorecardRequest.type, { uri: team }, token),
      (token) => client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'kpi' }, token),
    ];
    for (const send of slowRequests) {
      source = new CancellationTokenSource();
      request = outcome(send(source.token));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: team }, position: { line: 3, character: 8 } });
      assert.ok(hover, 'a hover answered while the request runs');
      source.cancel();
      assert.equal(await request, CANCELLED);
    }

    // And it goes on serving, the whole scorecard included.
    const scorecard = await client.connection.sendRequest(ScorecardRequest.type, { uri: team });
    assert.deepEqual([scorecard?.scorecard.goals.length, scorecard?.scorecard.kpis.length], [400, 2000]);
    assert.deepEqual(failures(client), []);
  });
});
