import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { ScorecardRequest } from '../../server/src/lsp/protocol';
import { brief, session, type Session } from './checks';
import { TestClient, uriOf, workspaceFolder } from './client';
import { SALES, STRATEGY } from './fixture';
import { GOOD_FILE, yaml } from '../helpers';
import { writeWorkspace } from '../../bench/generate';

const pos = (line: number, character: number) => ({ line, character });

describe('language server under bad input and odd clients', () => {
  const open: Session[] = [];
  const clients: TestClient[] = [];
  after(async () => Promise.all([...open.map((s) => s.client), ...clients].map((c) => c.shutdown())));

  it('keeps answering after a hostile document: 20,000 nested brackets, then binary junk', async () => {
    const s = await session(() => TestClient.inProcess());
    open.push(s);
    const evil = uriOf(path.join(s.root, 'evil.kpi.yaml'));
    await s.client.open(evil, `kpi: 1\ngoals: ${'['.repeat(20_000)}\n`);
    assert.deepEqual(brief(await s.client.diagnosticsOf(evil)), ['1:207-1:208 yaml-syntax']);
    await s.client.edit(evil, [0, 0], [1, 20_007], '\u0000\u0001\u00ff binary \u0000 junk');
    assert.deepEqual(brief(await s.client.diagnosticsOf(evil, (d) => d[0]?.range.start.character === 0)), ['0:0-0:1 yaml-syntax']);
    const hover = await s.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: s.sales }, position: pos(9, 6) });
    assert.match((hover!.contents as MarkupContent).value, /^How often/);
    assert.deepEqual(await s.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: evil }, position: pos(0, 3) }), null);
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.sales)), ['17:8-17:11 missing-owner', '20:12-20:26 unknown-goal']);
  });

  it('answers requests for documents never opened, and positions outside the document', async () => {
    const s = await session(() => TestClient.inProcess());
    open.push(s);
    await s.client.diagnosticsOf(s.sales);
    // Never opened, but in the workspace: answered from the disk.
    const symbols = (await s.client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: s.strategy } })) as { name: string }[];
    assert.deepEqual(
      symbols.map((x) => x.name),
      ['Grow recurring revenue', 'Happy customers'],
    );
    // Not a KPI file anywhere: nothing, not an error.
    assert.equal(await s.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf('/nowhere/x.kpi.yaml') }, position: pos(0, 0) }), null);
    assert.equal(await s.client.connection.sendRequest(ScorecardRequest.type, { uri: 'untitled:Untitled-1' }), null);
    assert.equal(await s.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: s.sales }, position: pos(5_000, 99) }), null);
    // A character past the end of a line is taken as the line's end, as editors do.
    const clamped = await s.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: s.sales }, position: pos(2, 9_999) });
    assert.deepEqual(clamped?.range, { start: pos(2, 8), end: pos(2, 20) });
    await s.client.open(s.sales, SALES);
    assert.deepEqual(await s.client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: s.sales }, position: pos(900, 4) }), []);
  });

  it('works without workspace/configuration, using the default settings', async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES });
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root);
    const diagnostics = await client.diagnosticsOf(uriOf(path.join(root, 'sales.kpi.yaml')));
    assert.ok(diagnostics.some((d) => d.code === 'unknown-goal'));
  });

  it('publishes nothing for a document opened while indexing until the goals of other files are read', async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES });
    const client = TestClient.inProcess();
    clients.push(client);
    const sales = uriOf(path.join(root, 'sales.kpi.yaml'));
    const initialized = client.initialize(root, { settings: { asOf: '2026-11-27', debounce: 0 } });
    await client.open(sales, SALES);
    await initialized;
    await client.diagnosticsOf(sales);
    // The very first diagnostics already know grow-revenue, defined in the other file.
    assert.deepEqual(brief(client.diagnostics.get(sales)![0].diagnostics), ['17:8-17:11 missing-owner', '20:12-20:26 unknown-goal']);
  });

  it('reports indexing progress', async () => {
    const s = await session(() => TestClient.inProcess());
    open.push(s);
    const kinds = await s.client.until(() => {
      const seen = s.client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
      return seen.includes('end') ? seen : undefined;
    }, 'the end of indexing progress');
    assert.deepEqual([kinds[0], kinds[kinds.length - 1]], ['begin', 'end']);
  });

  it('answers requests on an open document while a large workspace is still being indexed', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-index-'));
    writeWorkspace(root, 400, 10);
    const mine = uriOf(path.join(root, 'mine.kpi.yaml'));
    const client = TestClient.inProcess();
    clients.push(client);
    const kinds = () => client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    await client.initialize(root, { settings: { asOf: '2026-11-27' } });
    await client.open(mine, SALES);
    // The first of 9 batches of files is read: ask then.
    const messages = () => client.progress.map((p) => (p as { value: { message?: string } }).value.message ?? '');
    await client.until(() => (messages().some((m) => / of 401 files$/.test(m)) ? true : undefined), 'the first batch of files read');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: mine }, position: pos(9, 6) });
    assert.match((hover!.contents as MarkupContent).value, /^How often/);
    assert.equal(kinds().includes('end'), false, `answered before the indexing ended (progress so far: ${kinds().join(', ')})`);
    await client.until(() => (kinds().includes('end') ? true : undefined), 'the end of indexing', 120_000);
  });

  it('answers requests on an open document while it looks for KPI files in 10,000 folders', async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY });
    for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) fs.mkdirSync(path.join(root, `region-${i}`, `team-${j}`), { recursive: true });
    const mine = uriOf(path.join(root, 'mine.kpi.yaml'));
    const client = TestClient.inProcess();
    clients.push(client);
    const messages = () => client.progress.map((p) => (p as { value: { message?: string } }).value.message ?? '');
    await client.initialize(root, { settings: { asOf: '2026-11-27' } });
    await client.open(mine, SALES);
    await client.until(() => (messages().includes('looking for KPI files') ? true : undefined), 'the search to begin');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: mine }, position: pos(9, 6) });
    assert.match((hover!.contents as MarkupContent).value, /^How often/);
    assert.deepEqual(messages(), ['looking for KPI files'], 'answered while the search was still under way');
    await client.until(() => (messages().includes('1 KPI file found') ? true : undefined), 'the search to end', 120_000);
  });

  it('answers a scorecard request sent right after a settings change with the new settings, and asks for the CodeLenses again', async () => {
    const s = await session(() => TestClient.inProcess());
    open.push(s);
    await s.client.diagnosticsOf(s.sales);
    s.client.settings = { asOf: '2026-10-15', debounce: 20 };
    await s.client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const result = await s.client.connection.sendRequest(ScorecardRequest.type, { uri: s.sales });
    assert.equal(result?.scorecard.asOf, '2026-10-15');
    await s.client.until(() => (s.client.codeLensRefreshes === 1 ? true : undefined), 'a CodeLens refresh');
  });

  /** A workspace of `sales.kpi.yaml` (clean) and `files`, indexed. */
  async function salesWith(sales: string, files: Record<string, string>) {
    const root = workspaceFolder({ 'sales.kpi.yaml': sales, ...files });
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings: { asOf: '2026-11-27', debounce: 0 } });
    const uri = uriOf(path.join(root, 'sales.kpi.yaml'));
    assert.deepEqual(brief(await client.diagnosticsOf(uri)), []);
    return { root, client, sales: uri };
  }

  it('lints a file again when a CSV it names changes in a folder that is a workspace of its own', async () => {
    const named = GOOD_FILE.replace('source: CRM monthly export', 'source: { file: sub/growth.csv, date: month, value: growth }');
    const { root, client, sales } = await salesWith(named, { 'sub/growth.csv': 'month,growth\n2026-10,5.9\n', 'sub/kpi.config.yaml': 'rules: {}\n' });
    fs.writeFileSync(path.join(root, 'sub/growth.csv'), 'month,growth\n2026-10,oops\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(path.join(root, 'sub/growth.csv')), type: FileChangeType.Changed }],
    });
    const after = await client.diagnosticsOf(sales, (d) => d.length > 0, 'the bad row');
    assert.deepEqual(
      after.map((d) => d.code),
      ['source-bad-row'],
    );
  });

  it('reads a source the editor does not watch again at the next lint', async () => {
    const named = GOOD_FILE.replace('source: CRM monthly export', 'source: { file: export.dat, date: month, value: growth }');
    const { root, client, sales } = await salesWith(named, { 'export.dat': 'month,growth\n2026-10,5.9\n', 'other.kpi.yaml': 'kpi: 1\n' });
    const other = uriOf(path.join(root, 'other.kpi.yaml'));
    // No file event comes for export.dat: an edit elsewhere lints again.
    fs.writeFileSync(path.join(root, 'export.dat'), 'month,growth\n2026-10,oops\n');
    await client.open(other, 'kpi: 1\n');
    await client.edit(other, [1, 0], [1, 0], '# note\n');
    const after = await client.diagnosticsOf(sales, (d) => d.length > 0, 'the bad row');
    assert.deepEqual(
      after.map((d) => d.code),
      ['source-bad-row'],
    );
  });

  it("follows files created, changed and deleted on disk, and keeps closed files' diagnostics", async () => {
    const csv = 'month,growth\n2026-09,5.4\n2026-10,oops\n';
    const withCsv = SALES.replace('    source: CRM\n', '    source: { file: growth.csv, date: month, value: growth }\n');
    const s = await session(() => TestClient.inProcess(), { 'growth.csv': csv, 'sales.kpi.yaml': withCsv });
    open.push(s);
    assert.ok((await s.client.diagnosticsOf(s.sales)).some((d) => d.code === 'source-bad-row'));
    fs.writeFileSync(path.join(s.root, 'growth.csv'), 'month,growth\n2026-09,5.4\n2026-10,5.6\n');
    await s.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(path.join(s.root, 'growth.csv')), type: FileChangeType.Changed }],
    });
    await s.client.diagnosticsOf(s.sales, (d) => !d.some((x) => x.code === 'source-bad-row'), 'the bad row to go');

    const extra = path.join(s.root, 'extra.kpi.yaml');
    fs.writeFileSync(
      extra,
      yaml`
      kpi: 1
      kpis:
        - { id: churn, name: Churn, category: customer, goals: [happy-customers] }
    `,
    );
    await s.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(extra), type: FileChangeType.Created }] });
    await s.client.diagnosticsOf(s.strategy, (d) => d.length === 0, 'happy-customers to be measured by the new file');
    fs.rmSync(extra);
    await s.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(extra), type: FileChangeType.Deleted }] });
    assert.deepEqual(await s.client.diagnosticsOf(uriOf(extra), (d) => d.length === 0), []);
    await s.client.diagnosticsOf(s.strategy, (d) => d.length === 1, 'the warning to come back');

    // Open, break, close without saving: the file's problems are those on disk again.
    await s.client.open(s.sales, withCsv);
    await s.client.edit(s.sales, [0, 0], [0, 6], 'kpi: 2');
    await s.client.diagnosticsOf(s.sales, (d) => d.some((x) => x.code === 'schema'));
    await s.client.close(s.sales);
    assert.deepEqual(brief(await s.client.diagnosticsOf(s.sales, (d) => !d.some((x) => x.code === 'schema'))), [
      '17:8-17:11 missing-owner',
      '20:12-20:26 unknown-goal',
    ]);
  });
});
