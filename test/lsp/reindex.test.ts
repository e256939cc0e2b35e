import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import { brief } from './checks';
import { TestClient, uriOf, workspaceFolder } from './client';
import { SALES, SETTINGS, STRATEGY } from './fixture';
import { GOOD_FILE } from '../helpers';

/** Tells the server what changed on disk, in one batch, as the client's file watcher does. */
function changed(client: TestClient, ...changes: [string, FileChangeType][]): Promise<void> {
  const events: FileEvent[] = changes.map(([file, type]) => ({ uri: uriOf(file), type }));
  return client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: events });
}

/** A goal file that sorts before strategy.kpi.yaml, defining `grow-revenue` again, and a goal no KPI measures. */
const DUPLICATE = 'kpi: 1\ngoals:\n  - id: grow-revenue\n    title: Grow revenue again\n  - id: spare\n    title: Spare\n';
const DUPLICATE_PROBLEMS = ['4:8-4:13 unmeasured-goal'];
const SALES_PROBLEMS = ['17:8-17:11 missing-owner', '20:12-20:26 unknown-goal'];
const STRATEGY_PROBLEMS = ['4:8-4:23 unmeasured-goal'];
/** strategy.kpi.yaml's goal defined second, after the duplicate's. */
const DUPLICATED = ['2:8-2:20 duplicate-id', ...STRATEGY_PROBLEMS];

/** What the server logged as failures: a handler that threw. There must be none. */
const failures = (client: TestClient) => client.logs.filter((l) => l.type === 1).map((l) => l.message);

const clients: TestClient[] = [];
after(async () => Promise.all(clients.map((c) => c.shutdown())));

/** A spawned server (a crash must fail the test, not end this process) on `files`, initialized. */
async function started(files: Record<string, string>): Promise<{ root: string; client: TestClient; uri: (name: string) => string }> {
  const root = workspaceFolder(files);
  const client = TestClient.spawned();
  clients.push(client);
  await client.initialize(root, { settings: SETTINGS });
  return { root, client, uri: (name) => uriOf(path.join(root, name)) };
}

describe('language server when configurations and folders change', () => {
  it('asks the client to watch KPI files, configurations, CSV files, and every path created or deleted (for folders)', async () => {
    const { client } = await started({ 'strategy.kpi.yaml': STRATEGY });
    await client.until(() => (client.registrations.length === 2 ? true : undefined), 'the registrations');
    assert.deepEqual(
      client.registrations.map((r) => [r.method, r.registerOptions]),
      [
        [
          'workspace/didChangeWatchedFiles',
          {
            watchers: [
              { globPattern: '**/*.{kpi.yaml,kpi.yml}' },
              { globPattern: '**/kpi.config.yaml' },
              { globPattern: '**/*.{csv,tsv,txt,xlsx,sql,json}' },
              { globPattern: '**/*', kind: 5 }, // WatchKind.Create | WatchKind.Delete
            ],
          },
        ],
        ['workspace/didChangeConfiguration', {}],
      ],
    );
  });

  it('an ignore pattern that is not a glob (empty): named in a notification, at the start and when saved, and the server goes on', async () => {
    const { root, client, uri } = await started({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES, 'kpi.config.yaml': 'ignore: [""]\n' });
    const config = path.join(root, 'kpi.config.yaml');
    assert.deepEqual(brief(await client.diagnosticsOf(uri('sales.kpi.yaml'))), SALES_PROBLEMS);
    assert.deepEqual(client.messages, [`${config}: \`ignore[0]\`: an empty pattern matches nothing: remove it`]);
    fs.writeFileSync(config, 'ignore: [sales.kpi.yaml, ""]\n');
    await changed(client, [config, FileChangeType.Changed]);
    // The valid pattern applies: sales.kpi.yaml is no longer linted, and strategy's goal loses its KPI.
    assert.deepEqual(await client.diagnosticsOf(uri('sales.kpi.yaml'), (d) => d.length === 0, 'sales.kpi.yaml ignored'), []);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('strategy.kpi.yaml'), (d) => d.length === 2, 'both goals unmeasured')), [
      '2:8-2:20 unmeasured-goal',
      '4:8-4:23 unmeasured-goal',
    ]);
    assert.deepEqual(client.messages.at(-1), `${config}: \`ignore[1]\`: an empty pattern matches nothing: remove it`);
    assert.deepEqual(failures(client), []);
  });

  it('a configuration created, then deleted, in the folder of an edited document: the editor text is linted, in the project that holds it', async () => {
    const { root, client, uri } = await started({ 'strategy.kpi.yaml': STRATEGY, 'team/sales.kpi.yaml': SALES });
    const sales = uri('team/sales.kpi.yaml');
    // Unsaved in the editor: the unknown goal fixed.
    await client.open(sales, SALES.replace('[happy-customer]', '[happy-customers]'));
    assert.deepEqual(brief(await client.diagnosticsOf(sales, (d) => d.length === 1, 'the fixed goal')), ['17:8-17:11 missing-owner']);
    // team/ becomes a workspace of its own: the goals of strategy.kpi.yaml are no longer in it.
    const config = path.join(root, 'team', 'kpi.config.yaml');
    fs.writeFileSync(config, 'rules: {}\n');
    await changed(client, [config, FileChangeType.Created]);
    assert.deepEqual(brief(await client.diagnosticsOf(sales, (d) => d.length === 3, 'both goals unknown in team/')), [
      '5:12-5:24 unknown-goal',
      '17:8-17:11 missing-owner',
      '20:12-20:27 unknown-goal',
    ]);
    fs.rmSync(config);
    await changed(client, [config, FileChangeType.Deleted]);
    assert.deepEqual(brief(await client.diagnosticsOf(sales, (d) => d.length === 1, 'the goals found again')), ['17:8-17:11 missing-owner']);
    assert.deepEqual(failures(client), []);
  });

  it('a KPI file deleted in the same batch as a configuration change (a checkout): its problems go, and those it caused', async () => {
    const { root, client, uri } = await started({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES, 'dup.kpi.yaml': DUPLICATE });
    assert.deepEqual(brief(await client.diagnosticsOf(uri('dup.kpi.yaml'))), DUPLICATE_PROBLEMS);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('strategy.kpi.yaml'))), DUPLICATED);
    fs.rmSync(path.join(root, 'dup.kpi.yaml'));
    fs.writeFileSync(path.join(root, 'kpi.config.yaml'), 'rules: {}\n');
    await changed(client, [path.join(root, 'kpi.config.yaml'), FileChangeType.Created], [path.join(root, 'dup.kpi.yaml'), FileChangeType.Deleted]);
    assert.deepEqual(await client.diagnosticsOf(uri('dup.kpi.yaml'), (d) => d.length === 0, 'dup.kpi.yaml cleared'), []);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('sales.kpi.yaml'))), SALES_PROBLEMS);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('strategy.kpi.yaml'), (d) => d.length === 1, 'no duplicate-id')), STRATEGY_PROBLEMS);
    assert.deepEqual(failures(client), []);
  });

  it('a file created or deleted that no KPI names (a build output) lints nothing again; one a KPI names as its source does', async () => {
    const named = GOOD_FILE.replace('source: CRM monthly export', 'source: { file: export.dat, date: month, value: growth }');
    const { root, client, uri } = await started({ 'sales.kpi.yaml': named, 'export.dat': 'month,growth\n2026-10,5.9\n' });
    const sales = uri('sales.kpi.yaml');
    assert.deepEqual(await client.diagnosticsOf(sales), []);
    // export.dat changes without an event (its extension is not watched): only a lint would see it.
    fs.writeFileSync(path.join(root, 'export.dat'), 'month,growth\n2026-10,oops\n');
    fs.mkdirSync(path.join(root, 'build'));
    fs.writeFileSync(path.join(root, 'build', 'app.js'), '');
    await changed(client, [path.join(root, 'build'), FileChangeType.Created], [path.join(root, 'build', 'app.js'), FileChangeType.Created]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(client.diagnostics.get(sales)!.length, 1, 'published once: nothing was linted again');
    fs.rmSync(path.join(root, 'export.dat'));
    await changed(client, [path.join(root, 'export.dat'), FileChangeType.Deleted]);
    assert.deepEqual(
      (await client.diagnosticsOf(sales, (d) => d.length > 0, 'the missing source')).map((d) => d.code),
      ['source-not-found'],
    );
    assert.deepEqual(failures(client), []);
  });

  it('documents open outside the folders, or excluded (ignored, in a dot-folder, not KPI files), keep what they had after a re-index', async () => {
    const { root, client, uri } = await started({
      'strategy.kpi.yaml': STRATEGY,
      'sales.kpi.yaml': SALES,
      'kpi.config.yaml': 'ignore: [drafts/**]\n',
    });
    const elsewhere = uriOf(path.join(workspaceFolder({}), 'loose.kpi.yaml'));
    const excluded = [uri('drafts/sales.kpi.yaml'), uri('.hidden/sales.kpi.yaml'), uri('ci.yaml')];
    await client.open(elsewhere, SALES);
    for (const each of excluded) await client.open(each, SALES.replace(/sales-growth/g, 'draft-growth').replace('[grow-revenue]', '[nowhere]'));
    // Alone, the loose file knows no goal.
    const loose = ['5:12-5:24 unknown-goal', '17:8-17:11 missing-owner', '20:12-20:26 unknown-goal'];
    assert.deepEqual(brief(await client.diagnosticsOf(elsewhere)), loose);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('strategy.kpi.yaml'))), STRATEGY_PROBLEMS);
    // The configuration saved with a new option: every project is read again.
    fs.writeFileSync(path.join(root, 'kpi.config.yaml'), 'ignore: [drafts/**]\nrules: { vague-kpi: off }\n');
    await changed(client, [path.join(root, 'kpi.config.yaml'), FileChangeType.Changed]);
    await client.until(
      () => (client.progress.filter((p) => (p as { value: { kind: string } }).value.kind === 'end').length === 2 ? true : undefined),
      'the second indexing',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(brief(client.latest(elsewhere)!), loose);
    assert.deepEqual(brief(client.latest(uri('strategy.kpi.yaml'))!), STRATEGY_PROBLEMS);
    for (const each of excluded) assert.equal(client.diagnostics.get(each), undefined, `nothing published for ${each}`);
    assert.deepEqual(failures(client), []);
  });

  it('a folder created without KPI files, or a link to a folder above the workspace, is not indexed again; a configuration problem is not shown again', async () => {
    const { root, client, uri } = await started({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES, 'kpi.config.yaml': 'ignore: [""]\n' });
    await client.diagnosticsOf(uri('sales.kpi.yaml'));
    const begins = () => client.progress.filter((p) => (p as { value: { kind: string } }).value.kind === 'begin').length;
    assert.equal(begins(), 1);
    fs.mkdirSync(path.join(root, 'exports', 'monthly'), { recursive: true });
    fs.writeFileSync(path.join(root, 'exports', 'monthly', 'report.txt'), '');
    fs.symlinkSync('/', path.join(root, 'everything'));
    fs.symlinkSync('..', path.join(root, 'parent'));
    await changed(
      client,
      [path.join(root, 'exports'), FileChangeType.Created],
      [path.join(root, 'exports', 'monthly'), FileChangeType.Created],
      [path.join(root, 'everything'), FileChangeType.Created],
      [path.join(root, 'parent'), FileChangeType.Created],
    );
    // One more folder, with a KPI file: indexed again, and only then.
    fs.mkdirSync(path.join(root, 'team'));
    fs.writeFileSync(path.join(root, 'team', 'goals.kpi.yaml'), DUPLICATE);
    await changed(client, [path.join(root, 'team'), FileChangeType.Created]);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('team/goals.kpi.yaml'))), ['2:8-2:20 duplicate-id', ...DUPLICATE_PROBLEMS]);
    assert.equal(begins(), 2, 'indexed once more, for team/ only');
    assert.equal(client.messages.length, 1, 'the configuration problem shown once');
    assert.deepEqual(failures(client), []);
  });

  it('a folder deleted that held only a configuration (an empty workspace of its own) is indexed again', async () => {
    const { root, client, uri } = await started({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES, 'team/kpi.config.yaml': 'rules: {}\n' });
    await client.diagnosticsOf(uri('sales.kpi.yaml'));
    const begins = () => client.progress.filter((p) => (p as { value: { kind: string } }).value.kind === 'begin').length;
    fs.rmSync(path.join(root, 'team'), { recursive: true });
    await changed(client, [path.join(root, 'team'), FileChangeType.Deleted]);
    await client.until(() => (begins() === 2 ? true : undefined), 'indexing again');
    assert.deepEqual(failures(client), []);
  });

  it('a folder of KPI files renamed, then deleted, reported once for the folder: its files move, then go', async () => {
    const { root, client, uri } = await started({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES, 'old/dup.kpi.yaml': DUPLICATE });
    assert.deepEqual(brief(await client.diagnosticsOf(uri('old/dup.kpi.yaml'))), DUPLICATE_PROBLEMS);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('strategy.kpi.yaml'))), DUPLICATED);
    // Renamed: the editor may report only the new folder.
    fs.renameSync(path.join(root, 'old'), path.join(root, 'archive'));
    await changed(client, [path.join(root, 'archive'), FileChangeType.Created]);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('archive/dup.kpi.yaml'))), DUPLICATE_PROBLEMS);
    assert.deepEqual(await client.diagnosticsOf(uri('old/dup.kpi.yaml'), (d) => d.length === 0, 'old/dup.kpi.yaml cleared'), []);
    // Deleted: reported for the folder only.
    fs.rmSync(path.join(root, 'archive'), { recursive: true });
    await changed(client, [path.join(root, 'archive'), FileChangeType.Deleted]);
    assert.deepEqual(await client.diagnosticsOf(uri('archive/dup.kpi.yaml'), (d) => d.length === 0, 'archive/dup.kpi.yaml cleared'), []);
    assert.deepEqual(brief(await client.diagnosticsOf(uri('strategy.kpi.yaml'), (d) => d.length === 1, 'no duplicate-id')), STRATEGY_PROBLEMS);
    // Folders of other files created or deleted change nothing: nothing more is published.
    const published = () => [...client.diagnostics.values()].map((list) => list.length);
    const before = published();
    fs.mkdirSync(path.join(root, 'exports'));
    await changed(client, [path.join(root, 'exports'), FileChangeType.Created], [path.join(root, 'exports-old'), FileChangeType.Deleted]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(published(), before);
    assert.deepEqual([...client.diagnostics.keys()].map((u) => path.relative(root, new URL(u).pathname)).sort(), [
      'archive/dup.kpi.yaml',
      'old/dup.kpi.yaml',
      'sales.kpi.yaml',
      'strategy.kpi.yaml',
    ]);
    assert.deepEqual(failures(client), []);
  });
});
