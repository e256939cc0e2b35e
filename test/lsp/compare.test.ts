import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScorecardDiff } from '../../server/src/core/diff';
import { ScorecardRequest, type ScorecardResult } from '../../server/src/lsp/protocol';
import { translator } from '../../server/src/core/l10n/catalogue';
import { sidesText } from '../../server/src/report/diff-words';
import { commitAll, freshFolder, git, GIT_ENV, repository } from '../git-repository';
import { REPO } from '../helpers';
import { inEnglish } from '../machine';
import { TestClient, uriOf } from './client';

const AS_OF = '2026-11-27';

const SERVICE = [
  'kpi: 1',
  'goals:',
  '  - { id: loved, title: Loved by customers }',
  'kpis:',
  '  - id: response-time',
  '    name: First response time',
  '    category: customer',
  '    goals: [loved]',
  '    owner: Sara Nyberg',
  '    rationale: Decides the support rota.',
  '    unit: hours',
  '    direction: decrease',
  '    frequency: monthly',
  '    baseline: { value: 10, date: 2025-12 }',
  '    target: { value: 4, date: 2026-12 }',
  '    measurements:',
  '      - { date: 2026-09, value: 7.5 }',
  '      - { date: 2026-10, value: 7.0 }',
  '',
].join('\n');

/** The target made easier to meet: 4 hours → 8 hours. */
const LOOSENED = SERVICE.replace('value: 4, date', 'value: 8, date');

function comparison(result: ScorecardResult | null): ScorecardResult['comparison'] {
  assert.ok(result, 'a scorecard');
  return result.comparison;
}

function diffOf(result: ScorecardResult | null): ScorecardDiff {
  const found = comparison(result);
  assert.ok(found && 'diff' in found, `a comparison, not ${JSON.stringify(found)}`);
  return found.diff;
}

/**
 * SPEC §7 in the editor: the scorecard request with `compare` gives the
 * changes between HEAD and the editors' text, computed as `kpi diff` does;
 * without a repository or a commit it says why, and the scorecard is still
 * there.
 */
describe('language server: Compare with last commit', () => {
  const clients: TestClient[] = [];
  // The exit of an in-process server ends this process: at the end of the file, as the other server tests do.
  after(async () => Promise.all(clients.map((c) => c.shutdown())));

  /** A server on `root`, in English unless told (the machine's LANG would choose otherwise). */
  async function serverFor(root: string, locale = 'en'): Promise<TestClient> {
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings: { asOf: AS_OF, debounce: 20, locale } });
    return client;
  }

  let top: string;
  let client: TestClient;
  let uri: string;
  let head: string;
  before(async () => {
    top = repository({ 'service.kpi.yaml': SERVICE });
    head = git(top, 'rev-parse', 'HEAD');
    client = await serverFor(top);
    uri = uriOf(path.join(top, 'service.kpi.yaml'));
  });

  it('gives no comparison unless asked, and none while the text is the commit', async () => {
    assert.equal((await client.connection.sendRequest(ScorecardRequest.type, { uri }))!.comparison, undefined);
    const diff = diffOf(await client.connection.sendRequest(ScorecardRequest.type, { uri, compare: true }));
    assert.deepEqual(diff.base, { rev: 'HEAD', commit: head });
    assert.deepEqual(diff.head, { rev: 'editor', commit: null });
    assert.deepEqual([diff.kpis, diff.goals, diff.problems, diff.unparsed], [[], [], { new: [], fixed: [] }, []]);
    assert.equal(diff.summary.kpis.unchanged, 1);
  });

  it('a target loosened in unsaved text: the target row and the status change, the same as kpi diff gives for the file saved', async () => {
    await client.open(uri, LOOSENED);
    const diff = diffOf(await client.connection.sendRequest(ScorecardRequest.type, { uri, compare: true }));
    assert.deepEqual(
      diff.kpis.map((k) => [k.id, k.change, k.status.from, k.status.to, k.status.verdict, k.fields.map((f) => [f.field, f.from, f.to, f.verdict])]),
      [['response-time', 'changed', 'off-track', 'achieved', 'better', [['target.value', 4, 8, 'loosened']]]],
    );
    assert.equal(sidesText(diff), `HEAD (${head.slice(0, 7)}) → the editor's text`);
    assert.equal(sidesText(diff, translator('sv')), `HEAD (${head.slice(0, 7)}) → texten i redigeraren`);

    // kpi diff on the same text saved to disk: the same changes, in the same words (only the head's name differs).
    fs.writeFileSync(path.join(top, 'service.kpi.yaml'), LOOSENED);
    try {
      const cli = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'diff', '--format', 'json', '--as-of', AS_OF], {
        cwd: top,
        encoding: 'utf8',
        env: inEnglish(GIT_ENV),
      });
      assert.equal(cli.status, 0, cli.stderr);
      const fromCli = JSON.parse(cli.stdout) as ScorecardDiff;
      assert.deepEqual({ ...diff, head: fromCli.head }, fromCli);
    } finally {
      git(top, 'checkout', '--', 'service.kpi.yaml');
    }
  });

  it('follows HEAD: once the change is committed, the comparison is with the new commit and finds nothing', async () => {
    fs.writeFileSync(path.join(top, 'service.kpi.yaml'), LOOSENED);
    const second = commitAll(top, 'loosen the response-time target');
    const diff = diffOf(await client.connection.sendRequest(ScorecardRequest.type, { uri, compare: true }));
    assert.equal(diff.base.commit, second);
    assert.deepEqual(diff.kpis, []);
  });

  it('outside a git repository: says it needs one, naming the folder; the scorecard is still given', async () => {
    const folder = freshFolder('plain');
    fs.writeFileSync(path.join(folder, 'service.kpi.yaml'), SERVICE);
    const plain = await serverFor(folder);
    const result = await plain.connection.sendRequest(ScorecardRequest.type, { uri: uriOf(path.join(folder, 'service.kpi.yaml')), compare: true });
    assert.deepEqual(comparison(result), { problem: `Compare with last commit needs a git repository: ${folder} is not in one` });
    assert.deepEqual(
      result!.scorecard.kpis.map((k) => [k.id, k.status]),
      [['response-time', 'off-track']],
    );
  });

  it('in a repository with no commit yet, in Swedish: says there is nothing to compare with', async () => {
    const folder = freshFolder('unborn');
    git(folder, 'init', '-q');
    fs.writeFileSync(path.join(folder, 'service.kpi.yaml'), SERVICE);
    const swedish = await serverFor(folder, 'sv');
    const result = await swedish.connection.sendRequest(ScorecardRequest.type, { uri: uriOf(path.join(folder, 'service.kpi.yaml')), compare: true });
    assert.deepEqual(comparison(result), { problem: 'Jämför med senaste incheckningen: repot har ingen incheckning än' });
  });

  it('a workspace folder below the top level, with a KPI added and one file broken in the editor', async () => {
    const repo = repository({ 'kpis/service.kpi.yaml': SERVICE, 'kpis/kpi.config.yaml': 'title: Service\n', 'README.md': '# x\n' });
    const folder = path.join(repo, 'kpis');
    const nested = await serverFor(folder);
    const added = uriOf(path.join(folder, 'more.kpi.yaml'));
    await nested.open(
      added,
      SERVICE.replace('response-time', 'resolution-time')
        .replace('First response time', 'Resolution time')
        .replace('goals:\n  - { id: loved, title: Loved by customers }\n', ''),
    );
    const broken = uriOf(path.join(folder, 'service.kpi.yaml'));
    await nested.open(broken, `${SERVICE}  - [unclosed\n`);
    const diff = diffOf(await nested.connection.sendRequest(ScorecardRequest.type, { uri: broken, compare: true }));
    assert.deepEqual(
      diff.kpis.map((k) => [k.id, k.change, k.file]),
      [
        ['resolution-time', 'added', 'more.kpi.yaml'],
        ['response-time', 'removed', 'service.kpi.yaml'],
      ],
    );
    assert.deepEqual(
      diff.unparsed.map((u) => [u.side, u.file]),
      [['head', 'service.kpi.yaml']],
    );
  });
});
