import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { applyScorecardPatch, ScorecardRequest, type ScorecardResult } from '../../server/src/lsp/protocol';
import { Random } from '../fuzz/random';
import { REPO } from '../helpers';
import { TestClient, uriOf } from './client';

const ROOT = path.join(REPO, 'samples');
const FINANCIAL = path.join(ROOT, 'financial.kpi.yaml');
const SETTINGS = { asOf: '2026-11-27', debounce: 0 };

const clients: TestClient[] = [];
// One after() for every client: shutting an in-process server down ends this process.
after(async () => Promise.all(clients.map((c) => c.shutdown())));

/** The line (0-based) of the first `name:` of a KPI in a text, and its length. */
function firstKpiName(text: string): [number, number] {
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => /^ {4}name: /.test(l) && lines.slice(0, i).includes('kpis:'));
  return [line, lines[line].length];
}

/**
 * The preview asks with the revision of the model it holds and gets what
 * changed; applied, that is the whole answer a request without `since` gets.
 */
describe('kpi/scorecard with since', () => {
  for (const [transport, start] of [
    ['in-process', () => TestClient.inProcess()],
    ['spawned', () => TestClient.spawned()],
  ] as const) {
    it(`answers a patch that gives the whole scorecard when applied (${transport})`, async () => {
      const client = start();
      clients.push(client);
      await client.initialize(ROOT, { settings: SETTINGS });
      const uri = uriOf(FINANCIAL);
      const whole = await client.connection.sendRequest(ScorecardRequest.type, { uri });
      assert.ok(whole?.revision);
      assert.equal(whole.scorecard.kpis.length, 14);

      // Unchanged: an empty patch.
      const same = await client.connection.sendRequest(ScorecardRequest.sinceType, { uri, since: whole.revision });
      assert.ok(same && !('scorecard' in same));
      assert.deepEqual([same.since, same.fields, same.goals, same.kpis], [whole.revision, {}, { length: 10, changed: [] }, { length: 14, changed: [] }]);

      // One KPI's name edited in the open document: that KPI only.
      const text = fs.readFileSync(FINANCIAL, 'utf8');
      const [line, end] = firstKpiName(text);
      await client.open(uri, text);
      await client.edit(uri, [line, end], [line, end], ' (edited)');
      const answer = await client.connection.sendRequest(ScorecardRequest.sinceType, { uri, since: same.revision });
      assert.ok(answer && !('scorecard' in answer));
      const index = whole.scorecard.kpis.findIndex((k) => k.id === 'web-sales-growth');
      assert.deepEqual(
        answer.kpis.changed.map((c) => [c.index, c.item.id, c.item.name]),
        [[index, 'web-sales-growth', 'Web shop net sales growth, year on year (edited)']],
      );
      assert.deepEqual([answer.fields, answer.goals.changed, answer.title, answer.asOf], [{}, [], undefined, undefined]);
      const merged = applyScorecardPatch(applyScorecardPatch(whole, same), answer);
      const full = await client.connection.sendRequest(ScorecardRequest.type, { uri });
      assert.deepEqual(merged, { ...full, revision: answer.revision });

      // A revision the server does not know (another run's): the whole answer.
      const unknown = await client.connection.sendRequest(ScorecardRequest.sinceType, { uri, since: 'another-run-1' });
      assert.ok(unknown && 'scorecard' in unknown);
      assert.deepEqual(unknown, { ...full, revision: unknown.revision });
    });
  }

  it('gives, patched after each of 40 random edits of an open document, what a request for the whole gives', async () => {
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(ROOT, { settings: SETTINGS });
    const uri = uriOf(FINANCIAL);
    const lines = fs.readFileSync(FINANCIAL, 'utf8').split('\n');
    await client.open(uri, lines.join('\n'));
    let model = await client.connection.sendRequest(ScorecardRequest.type, { uri });
    const random = new Random(18);
    const edits: [RegExp, () => string][] = [
      [/value: -?[\d.]+/, () => `value: ${random.int(200) / 4}`],
      [/^( {4}name: ).*$/, () => `$1Name ${random.int(50)}`],
      [/^( {2}- id: ).*$/, () => `$1${random.pick(['web-sales', 'gross-margin', 'new-kpi', 'ebit-margin'])}`],
      [/^( {4}goals: ).*$/, () => `$1[${random.pick(['grow-web-shop', 'healthy-margins', 'no-such-goal'])}]`],
      [/^( {4}direction: ).*$/, () => `$1${random.pick(['increase', 'decrease', 'sideways'])}`],
      [/^kpis:( \[)?$/, () => random.pick(['kpis:', 'kpis: [', 'kpis:'])],
    ];
    for (let step = 0; step < 40; step++) {
      const [pattern, replacement] = random.pick(edits);
      const candidates = lines.flatMap((line, i) => (pattern.test(line) ? [i] : []));
      if (candidates.length === 0) continue;
      const line = random.pick(candidates);
      const before = lines[line];
      lines[line] = before.replace(pattern, replacement());
      await client.edit(uri, [line, 0], [line, before.length], lines[line]);
      const answer = await client.connection.sendRequest(ScorecardRequest.sinceType, { uri, since: model!.revision });
      assert.ok(answer && !('scorecard' in answer), `step ${step}: a patch`);
      model = applyScorecardPatch(model!, answer)!;
      const whole = await client.connection.sendRequest(ScorecardRequest.type, { uri });
      assert.deepEqual(model, { ...whole, revision: model.revision }, `step ${step}: ${before.trim()} → ${lines[line].trim()}`);
      // The next patch is to the whole answer just given: the server keeps both.
      model = whole;
    }
  });

  it('answers whole when the answer asked about had a comparison, or one is asked for', async () => {
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(ROOT, { settings: SETTINGS });
    const uri = uriOf(FINANCIAL);
    const compared = (await client.connection.sendRequest(ScorecardRequest.type, { uri, compare: true })) as ScorecardResult;
    assert.ok(compared.comparison);
    const after = await client.connection.sendRequest(ScorecardRequest.sinceType, { uri, since: compared.revision });
    assert.ok(after && 'scorecard' in after && after.comparison === undefined);
    const again = await client.connection.sendRequest(ScorecardRequest.sinceType, { uri, since: after.revision, compare: true });
    assert.ok(again && 'scorecard' in again && again.comparison);
  });
});
