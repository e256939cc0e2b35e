import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers';
import { runEngineFuzz, type EngineFailure } from './engine-runner';
import { runServerFuzz, type ServerFailure } from './lsp';

/**
 * The short fuzz run of `npm test`: fixed seeds, so a failure here fails the
 * same way on every machine and `npm run fuzz -- --replay <file>` shows it.
 * The long run is `npm run fuzz` (docs/reliability.md, Fuzzing).
 */
const SEED = 20261127;
const ARTIFACTS = path.join(REPO, 'test-artifacts', 'fuzz');
/** A hang guard, not a speed test: the slowest inputs take well under a second. */
const HANG_MS = 5_000;

function explain(failures: readonly (EngineFailure | ServerFailure)[]): string {
  return failures
    .slice(0, 5)
    .map(
      (f) =>
        `${path.relative(REPO, f.saved)}.json (replay: npm run fuzz -- --replay ${path.relative(REPO, f.saved)}.json):\n  ${f.problems.slice(0, 5).join('\n  ')}`,
    )
    .join('\n');
}

describe('fuzzing', () => {
  it('the engine gives every edited sample diagnostics, never an exception, each inside its file', async (t) => {
    const report = await runEngineFuzz({ seed: SEED, inputs: 1_500, hangMs: HANG_MS, differentialEvery: 4, artifacts: ARTIFACTS });
    t.diagnostic(
      `seed ${SEED}: ${report.tried} inputs in ${(report.elapsedMs / 1000).toFixed(1)} s; slowest #${report.slowest?.index} ${report.slowest?.ms.toFixed(0)} ms (${report.slowest?.length} characters)`,
    );
    assert.equal(report.tried, 1_500);
    assert.ok(report.diagnostics > 0, 'the edited files have problems to report');
    assert.deepEqual(
      report.failures.map((f) => f.index),
      [],
      explain(report.failures),
    );
  });

  it('the language server in this process answers after every incremental edit and publishes the latest version', async (t) => {
    const report = await runServerFuzz({ seed: SEED, edits: 300, editsPerDocument: 100, spawned: false, hangMs: 10_000, artifacts: ARTIFACTS });
    t.diagnostic(
      `seed ${SEED}: ${report.edits} edits in ${report.sequences} documents, ${report.requests} requests; slowest ${report.slowest?.method} ${report.slowest?.ms.toFixed(0)} ms after a ${report.slowest?.kind} edit`,
    );
    assert.equal(report.requests, 300);
    assert.deepEqual(
      report.failures.map((f) => f.sequence),
      [],
      explain(report.failures),
    );
  });

  it('the spawned kpi-language-server does too', async (t) => {
    const report = await runServerFuzz({ seed: SEED + 1, edits: 100, editsPerDocument: 50, spawned: true, hangMs: 10_000, artifacts: ARTIFACTS });
    t.diagnostic(`seed ${SEED + 1}: ${report.edits} edits, ${report.requests} requests; slowest ${report.slowest?.method} ${report.slowest?.ms.toFixed(0)} ms`);
    assert.equal(report.requests, 100);
    assert.deepEqual(
      report.failures.map((f) => f.sequence),
      [],
      explain(report.failures),
    );
  });
});
