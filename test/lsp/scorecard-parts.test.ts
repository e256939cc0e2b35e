import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol';
import { writeWorkspace } from '../../bench/generate';
import {
  askScorecard,
  askWholeScorecard,
  SCORECARD_PART_KPIS,
  ScorecardRequest,
  wholeFromParts,
  scorecardParts,
  type ScorecardAsker,
  type ScorecardPart,
  type ScorecardResult,
} from '../../server/src/lsp/protocol';
import { REPO } from '../helpers';
import { TestClient, uriOf } from './client';

const SETTINGS = { asOf: '2026-11-27', debounce: 0 };

/** The client's connection, noting every part it is given. */
function noting(client: TestClient, parts: ScorecardPart[]): ScorecardAsker {
  const c = client.connection;
  return {
    sendRequest: (type, params) => c.sendRequest(type, params),
    onProgress: (type, token, handler) =>
      c.onProgress(type, token, (part) => {
        parts.push(part);
        return handler(part);
      }),
  };
}

/** An answer without what names it: two answers of the same workspace differ only in that. */
function unnamed(answer: ScorecardResult | null): Omit<ScorecardResult, 'revision'> {
  assert.ok(answer);
  const { revision, ...rest } = answer;
  assert.ok(revision);
  return rest;
}

/** How a part looks: `answer 1000` for the first, the number of KPIs for the others. */
function shapes(parts: readonly ScorecardPart[]): string[] {
  return parts.map((p) => ('answer' in p ? `answer ${p.answer.scorecard.kpis.length}` : String(p.kpis.length)));
}

/**
 * A whole scorecard of many KPIs is sent in parts of SCORECARD_PART_KPIS
 * (LSP partial results) to a client that gives a partialResultToken, as the
 * preview does: the server never holds the whole answer as one text. Put
 * together, it is the answer a request without a token gets.
 */
describe('kpi/scorecard in parts', () => {
  let root: string;
  const clients: TestClient[] = [];
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-parts-'));
    // 2,700 KPIs in 3 files, and a goals file.
    writeWorkspace(root, 3, 900);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.shutdown()));
    fs.rmSync(root, { recursive: true, force: true });
  });

  for (const [transport, start] of [
    ['in-process', () => TestClient.inProcess()],
    ['spawned, stdio', () => TestClient.spawned()],
    ['spawned, Node IPC as VS Code starts it', () => TestClient.spawnedOverIpc()],
  ] as const) {
    it(`sends a whole answer of 2,700 KPIs in 3 parts that make the answer without parts (${transport})`, async () => {
      const client = start();
      clients.push(client);
      await client.initialize(root, { settings: SETTINGS });
      const uri = uriOf(path.join(root, 'area-0', 'team-0.kpi.yaml'));
      const parts: ScorecardPart[] = [];
      const inParts = await askWholeScorecard(noting(client, parts), { uri });
      assert.deepEqual(shapes(parts), ['answer 1000', '1000', '700']);
      assert.equal(inParts?.scorecard.kpis.length, 2700);
      const whole = await client.connection.sendRequest(ScorecardRequest.type, { uri });
      assert.deepEqual(unnamed(inParts), unnamed(whole));
      assert.deepEqual(
        inParts?.scorecard.kpis.map((k) => k.id),
        whole?.scorecard.kpis.map((k) => k.id),
      );

      // A one-KPI edit: a patch, not in parts.
      const file = path.join(root, 'area-0', 'team-0.kpi.yaml');
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split('\n');
      const line = lines.findIndex((l) => /^ {4}name: /.test(l));
      await client.open(uri, text);
      await client.edit(uri, [line, 0], [line, lines[line].length], '    name: Renamed in an edit');
      const patch = await askScorecard(noting(client, parts), { uri, since: whole!.revision });
      assert.ok(patch && !('scorecard' in patch));
      assert.deepEqual(
        patch.kpis.changed.map(({ item }) => item.name),
        ['Renamed in an edit'],
      );
      assert.equal(parts.length, 3);

      // Another as-of date changes every KPI: more than a part's worth is sent whole, in parts.
      client.settings = { ...SETTINGS, asOf: '2026-09-30' };
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const again = await askScorecard(noting(client, parts), { uri, since: patch.revision });
      assert.ok(again && 'scorecard' in again);
      assert.equal(again.scorecard.asOf, '2026-09-30');
      assert.deepEqual(shapes(parts.slice(3)), ['answer 1000', '1000', '700']);
    });
  }

  it('sends a small workspace whole, without parts', async () => {
    const client = TestClient.inProcess();
    clients.push(client);
    const samples = path.join(REPO, 'samples');
    await client.initialize(samples, { settings: SETTINGS });
    const parts: ScorecardPart[] = [];
    const answer = await askWholeScorecard(noting(client, parts), { uri: uriOf(path.join(samples, 'financial.kpi.yaml')) });
    assert.ok(answer && answer.scorecard.kpis.length > 0 && answer.scorecard.kpis.length <= SCORECARD_PART_KPIS);
    assert.deepEqual(parts, []);
  });
});

describe('wholeFromParts', () => {
  const kpi = (id: string) => ({ id }) as unknown as ScorecardResult['scorecard']['kpis'][number];
  const answer = {
    scorecard: { title: 'T', asOf: '2026-11-27', goals: [], kpis: Array.from({ length: 2 * SCORECARD_PART_KPIS + 1 }, (_, i) => kpi(`k${i}`)) },
    root: '/w',
    uris: {},
    errors: 0,
    warnings: 0,
    csvRead: true,
    locale: 'en',
  } satisfies ScorecardResult;

  it('puts the parts of scorecardParts together again', () => {
    const parts = scorecardParts(answer);
    assert.deepEqual(shapes(parts), [`answer ${SCORECARD_PART_KPIS}`, String(SCORECARD_PART_KPIS), '1']);
    assert.deepEqual(wholeFromParts(parts, 3), answer);
  });

  it('refuses parts missing or out of place rather than give a scorecard with KPIs left out', () => {
    const [first, second, third] = scorecardParts(answer);
    assert.throws(() => wholeFromParts([first, third], 3), /a scorecard in 3 parts came in 2/);
    assert.throws(() => wholeFromParts([second, first, third], 3), /a scorecard part out of place/);
    assert.throws(() => wholeFromParts([first, first, third], 3), /a scorecard part out of place/);
  });
});
