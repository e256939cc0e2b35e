import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ScorecardRequest, StatusCountsRequest } from '../../server/src/lsp/protocol';
import { REPO } from '../helpers';
import { TestClient, uriOf } from './client';

/** The rows of samples/pitfalls/EXPECTED.md for one file: `line code`, 1-based. */
function expected(file: string): string[] {
  const text = fs.readFileSync(path.join(REPO, 'samples/pitfalls/EXPECTED.md'), 'utf8');
  return [...text.matchAll(/^\| ([\w.-]+\.kpi\.yaml) \| (\d+) \| `([a-z-]+)` \|/gm)].filter((m) => m[1] === file).map((m) => `${m[2]} ${m[3]}`);
}

describe('language server on the samples folder', () => {
  const clients: TestClient[] = [];
  after(async () => Promise.all(clients.map((c) => c.shutdown())));

  it('sees the company workspace and the pitfalls workspace (its own kpi.config.yaml) as the CLI does', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lsp-samples-')));
    fs.cpSync(path.join(REPO, 'samples'), root, { recursive: true });
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings: { asOf: '2026-11-27' } });
    for (const file of ['goals.kpi.yaml', 'data.kpi.yaml', 'schema.kpi.yaml']) {
      const diagnostics = await client.diagnosticsOf(uriOf(path.join(root, 'pitfalls', file)));
      assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`).sort(), expected(file).sort(), file);
    }
    for (const file of ['strategy.kpi.yaml', 'financial.kpi.yaml', 'operational.kpi.yaml', 'customer.kpi.yaml', 'hr.kpi.yaml']) {
      assert.deepEqual(await client.diagnosticsOf(uriOf(path.join(root, file))), [], file);
    }
    // The status bar's counts, without the scorecard: the same as the scorecard's, per workspace.
    for (const folder of [root, path.join(root, 'pitfalls')]) {
      const uri = uriOf(path.join(folder, folder === root ? 'financial.kpi.yaml' : 'data.kpi.yaml'));
      const counts = await client.connection.sendRequest(StatusCountsRequest.type, { uri });
      const scorecard = await client.connection.sendRequest(ScorecardRequest.type, { uri });
      const fromScorecard: Record<string, number> = {};
      for (const kpi of scorecard!.scorecard.kpis) fromScorecard[kpi.status] = (fromScorecard[kpi.status] ?? 0) + 1;
      assert.deepEqual(counts!.counts, fromScorecard, folder);
    }
    const company = await client.connection.sendRequest(StatusCountsRequest.type, { uri: uriOf(path.join(root, 'financial.kpi.yaml')) });
    assert.deepEqual(company!.counts, { 'off-track': 1, 'at-risk': 4, 'on-track': 7, achieved: 2 });
  });
});
