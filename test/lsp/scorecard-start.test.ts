import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ScorecardRequest } from '../../server/src/lsp/protocol';
import { REPO } from '../helpers';
import { TestClient, uriOf } from './client';

/**
 * After a start or a restart of the server, the preview asks for the
 * scorecard at once: the answer must cover the whole workspace, not the
 * files indexed so far.
 */
describe('scorecard request right after the server starts', () => {
  it('waits for the indexing and returns every KPI of the workspace', async () => {
    const root = path.join(REPO, 'samples');
    const client = TestClient.spawned();
    try {
      await client.initialize(root, { settings: { asOf: '2026-11-27' } });
      const result = await client.connection.sendRequest(ScorecardRequest.type, { uri: uriOf(path.join(root, 'financial.kpi.yaml')) });
      assert.equal(result?.scorecard.kpis.length, 14);
      assert.equal(result?.scorecard.goals.length, 10);
      assert.equal(Object.keys(result.uris).length, 5);
    } finally {
      await client.shutdown();
    }
  });
});
