import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigurationRequest, DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { ScorecardRequest } from '../../server/src/lsp/protocol';
import { TestClient, uriOf, workspaceFolder } from './client';

const KPI_FILE = [
  'kpi: 1',
  'goals:',
  '  - { id: fast-delivery, title: Deliver fast }',
  'kpis:',
  '  - id: dispatch-time',
  '    name: Dispatch time',
  '    category: operational',
  '    goals: [fast-delivery]',
  '    owner: Lena Holm',
  '    rationale: Decides warehouse staffing.',
  '    unit: hours',
  '    direction: decrease',
  '    frequency: weekly',
  '    target: { value: 24, date: 2026-12 }',
  '    source: { file: data/dispatch.csv, date: week, value: hours }',
  '',
].join('\n');

/**
 * What the editor's untrusted workspaces rely on: with `readCsv: false` (the
 * client forces it while the workspace is not trusted) the server reads no
 * CSV file, says why the KPI has no data, and tells the preview.
 */
describe('language server with readCsv off (an untrusted workspace)', () => {
  const root = workspaceFolder({ 'ops.kpi.yaml': KPI_FILE, 'data/dispatch.csv': 'week,hours\n2026-11-20,20\n2026-11-27,22\n' });
  const ops = uriOf(path.join(root, 'ops.kpi.yaml'));
  const client = TestClient.inProcess();
  after(() => client.shutdown());

  it('reads no CSV: no-data says so (no false source-not-found), the scorecard says csvRead false; trusting reads it', async () => {
    let settings = { asOf: '2026-11-27', readCsv: false };
    await client.initialize(root, { settings });
    client.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));

    const untrusted = await client.diagnosticsOf(ops);
    assert.deepEqual(
      untrusted.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.message as string}`),
      [
        '5 no-data KPI `dispatch-time` shows no data because CSV sources are not read in an untrusted workspace: trust the workspace to read `data/dispatch.csv`.',
      ],
    );
    const before = await client.connection.sendRequest(ScorecardRequest.type, { uri: ops });
    assert.equal(before!.csvRead, false);
    assert.deepEqual(
      before!.scorecard.kpis.map((k) => [k.id, k.status, k.history.length]),
      [['dispatch-time', 'no-data', 0]],
    );

    // Granting trust: the client sends didChangeConfiguration and answers readCsv true.
    settings = { asOf: '2026-11-27', readCsv: true };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual(await client.diagnosticsOf(ops, (d) => d.length === 0, 'no diagnostics once the CSV is read'), []);
    const after = await client.connection.sendRequest(ScorecardRequest.type, { uri: ops });
    assert.equal(after!.csvRead, true);
    assert.deepEqual(
      after!.scorecard.kpis.map((k) => [k.id, k.status, k.latest]),
      [['dispatch-time', 'achieved', { date: '2026-11-27', value: 22 }]],
    );
  });
});
