import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { brief } from './checks';
import { TestClient, uriOf, workspaceFolder } from './client';
import { SETTINGS } from './fixture';
import { GOOD_FILE } from '../helpers';

/** GOOD_FILE with its measurements read from `csv` (relative to the KPI file). */
const readingFrom = (csv: string) => GOOD_FILE.replace(/source: CRM monthly export\n[\s\S]*$/, `source: { file: ${csv}, date: month, value: growth }\n`);
const CSV = 'month,growth\n2026-08,5.5\n2026-09,5.7\n2026-10,5.9\n';
/** `../data/sales.csv` on line 17 (brief's lines and columns are 0-based). */
const OUTSIDE = ['16:20-16:37 source-outside-workspace'];

const clients: TestClient[] = [];
after(async () => Promise.all(clients.map((c) => c.shutdown())));

/** A server whose only workspace folder is an empty one: every file the tests open lies outside it. */
async function started(): Promise<TestClient> {
  const client = TestClient.inProcess();
  clients.push(client);
  await client.initialize(workspaceFolder({}), { settings: SETTINGS });
  return client;
}

/** Opens `file` with its text on disk and returns its diagnostics, in brief. */
async function opened(client: TestClient, file: string): Promise<string[]> {
  await client.open(uriOf(file), fs.readFileSync(file, 'utf8'));
  return brief(await client.diagnosticsOf(uriOf(file)));
}

describe('language server: the root of a KPI file opened outside every workspace folder (SPEC §2, as the CLI)', () => {
  it('in a repository: the folder holding .git, so a CSV in a sibling folder is read', async () => {
    const repo = workspaceFolder({ '.git/HEAD': 'ref: refs/heads/main\n', 'kpis/sales.kpi.yaml': readingFrom('../data/sales.csv'), 'data/sales.csv': CSV });
    const client = await started();
    assert.deepEqual(await opened(client, path.join(repo, 'kpis', 'sales.kpi.yaml')), []);
  });

  it('outside a repository: its own folder, so a CSV next to it is read and one above it is not', async () => {
    const loose = workspaceFolder({
      'kpis/next.kpi.yaml': readingFrom('sales.csv'),
      'kpis/sales.csv': CSV,
      'kpis/other.kpi.yaml': readingFrom('../data/sales.csv').replace(/sales-growth/g, 'other-growth'),
      'data/sales.csv': CSV,
    });
    const client = await started();
    assert.deepEqual(await opened(client, path.join(loose, 'kpis', 'next.kpi.yaml')), []);
    // Both files are one project (the same root): their goal `grow-revenue` is defined twice.
    assert.deepEqual(await opened(client, path.join(loose, 'kpis', 'other.kpi.yaml')), ['2:8-2:20 duplicate-id', ...OUTSIDE]);
  });

  it("below a kpi.config.yaml: the configuration's folder, with its rules, even in a repository", async () => {
    const repo = workspaceFolder({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'kpis/kpi.config.yaml': 'rules: { missing-owner: off }\n',
      'kpis/sales/sales.kpi.yaml': readingFrom('../sales.csv').replace(/ {4}owner: .*\n/, ''),
      'kpis/sales.csv': CSV,
      'kpis/sales/stray.kpi.yaml': readingFrom('../../data/sales.csv')
        .replace(/sales-growth/g, 'stray-growth')
        .replace(/grow-revenue/g, 'stray-revenue'),
      'data/sales.csv': CSV,
    });
    const client = await started();
    assert.deepEqual(await opened(client, path.join(repo, 'kpis', 'sales', 'sales.kpi.yaml')), []);
    assert.deepEqual(await opened(client, path.join(repo, 'kpis', 'sales', 'stray.kpi.yaml')), ['16:20-16:40 source-outside-workspace']);
  });

  it("in a dot-folder of its repository, or matched by the configuration's ignore: still linted, as the CLI lints a file it is given", async () => {
    const repo = workspaceFolder({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'kpi.config.yaml': 'ignore: [drafts/**]\n',
      '.github/sales.kpi.yaml': GOOD_FILE.replace(/ {4}owner: .*\n/, ''),
      'drafts/sales.kpi.yaml': GOOD_FILE.replace(/ {4}owner: .*\n/, ''),
    });
    const client = await started();
    assert.deepEqual(await opened(client, path.join(repo, '.github', 'sales.kpi.yaml')), ['5:8-5:20 missing-owner']);
    // Both are one project now: the second defines the goal and the KPI again.
    assert.deepEqual(await opened(client, path.join(repo, 'drafts', 'sales.kpi.yaml')), [
      '2:8-2:20 duplicate-id',
      '5:8-5:20 duplicate-id',
      '5:8-5:20 missing-owner',
    ]);
  });
});
