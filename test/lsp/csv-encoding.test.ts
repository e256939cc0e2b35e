import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { ScorecardRequest } from '../../server/src/lsp/protocol';
import { TestClient, uriOf, workspaceFolder } from './client';

const KPI_FILE = [
  'kpi: 1',
  'goals:',
  '  - { id: on-time, title: Deliver on time }',
  'kpis:',
  '  - id: delivery-precision',
  '    name: Delivery precision',
  '    category: operational',
  '    goals: [on-time]',
  '    owner: Sara Nilsson',
  '    rationale: Decides the second warehouse shift.',
  '    unit: "%"',
  '    frequency: monthly',
  '    target: { value: 95, date: 2026-12 }',
  '    source: { file: data/leverans.csv, date: Månad, value: Värde }',
  '',
].join('\n');

/**
 * Excel's "CSV (semicolon delimited)": Windows-1252 (`å` 0xE5, `ä` 0xE4, `–` 0x96, a no-break space 0xA0),
 * a percentage cell, and a month still to come left empty.
 */
const CSV = Buffer.from('M\xe5nad;V\xe4rde\r\n2026-09;\x96\r\n2026-10;92,4\xa0%\r\n2026-12;\r\n', 'latin1');

describe('language server and a Windows-1252 CSV source', () => {
  const root = workspaceFolder({ 'ops.kpi.yaml': KPI_FILE, 'data/leverans.csv': CSV });
  const ops = uriOf(path.join(root, 'ops.kpi.yaml'));
  const client = TestClient.inProcess();
  after(() => client.shutdown());

  it('reads it as the CLI does: the Swedish columns match, the bad row is named, the scorecard has the value', async () => {
    await client.initialize(root, { settings: { asOf: '2026-11-27' } });
    const diagnostics = await client.diagnosticsOf(ops);
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`),
      ['14 source-bad-row Line 2 of data/leverans.csv is skipped: value "–" is not a number; fix the row.'],
    );
    const result = await client.connection.sendRequest(ScorecardRequest.type, { uri: ops });
    assert.deepEqual(
      result!.scorecard.kpis.map((k) => [k.id, k.latest]),
      [['delivery-precision', { date: '2026-10', value: 92.4 }]],
    );
  });
});
