import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO } from '../helpers';
import { loadCorpus } from './corpus';
import { checkEngine, makeEngineCase, type EngineCase } from './engine';
import { runEngineFuzz, type EngineRunReport } from './engine-runner';
import { replayServerFuzz, runServerFuzz, type ServerRunReport } from './lsp';

const USAGE = `Usage: npm run fuzz -- [options]

The long fuzz run: random edits of the sample and pitfalls KPI files, fed to
the engine (in a worker thread, with a hang guard) and, as incremental edits,
to the spawned language server. Failing inputs are saved for replay.

Options:
  --seed N            the run's seed (default: the time)
  --inputs N          engine inputs to try (default: until --duration ends)
  --duration S        seconds for the engine part (default 300 without --inputs)
  --lsp-edits N       edits sent to the spawned language server (default 2000; 0: none)
  --hang-ms N         an input without a result after this long is checked again in a
                      fresh worker with three times as long, then a hang (default 5000)
  --no-differential   do not compare the fast parser with yaml on every input
  --out DIR           where failing inputs are saved (default test-artifacts/fuzz)
  --replay FILE.json  check one saved input again (engine or server) and print what is wrong
  --index N           with --seed: check engine input N of that run again`;

function engineLine(report: EngineRunReport): string {
  const slowest = report.slowest
    ? `slowest input #${report.slowest.index} ${report.slowest.ms.toFixed(1)} ms (${report.slowest.length} characters; ${report.slowest.kinds.join(', ')})`
    : 'no input';
  const retried = report.retried > 0 ? ` (${report.retried} checked again after a pause)` : '';
  return `engine: seed ${report.seed}, ${report.tried} inputs in ${(report.elapsedMs / 1000).toFixed(1)} s, ${report.diagnostics} diagnostics, ${slowest}, ${report.failures.length} failures${retried}`;
}

function serverLine(report: ServerRunReport): string {
  const slowest = report.slowest
    ? `slowest edit #${report.slowest.edit} ${report.slowest.ms.toFixed(1)} ms (${report.slowest.kind}, ${report.slowest.method})`
    : 'no edit';
  return `server: seed ${report.seed}, ${report.edits} edits in ${report.sequences} documents in ${(report.elapsedMs / 1000).toFixed(1)} s, ${report.requests} requests answered, ${slowest}, ${report.failures.length} failures`;
}

function printProblems(problems: readonly string[]): void {
  for (const problem of problems) process.stdout.write(`  - ${problem.split('\n').slice(0, 8).join('\n    ')}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      inputs: { type: 'string' },
      duration: { type: 'string' },
      'lsp-edits': { type: 'string', default: '2000' },
      'hang-ms': { type: 'string', default: '5000' },
      'no-differential': { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(REPO, 'test-artifacts', 'fuzz') },
      replay: { type: 'string' },
      index: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const corpus = loadCorpus();
  const differential = !values['no-differential'];
  if (values.replay !== undefined || values.index !== undefined) {
    const saved = values.replay !== undefined ? (JSON.parse(fs.readFileSync(values.replay, 'utf8')) as EngineCase & { kind?: string }) : undefined;
    if (saved?.kind === 'server') {
      const problems = await replayServerFuzz(values.replay!, Number(values['hang-ms']));
      process.stdout.write(problems.length === 0 ? 'server: no problem with this sequence now\n' : 'server: problems:\n');
      printProblems(problems);
      return problems.length === 0 ? 0 : 1;
    }
    const kase = saved ?? makeEngineCase(corpus, Number(values.seed), Number(values.index));
    const outcome = checkEngine(corpus, kase, { differential });
    process.stdout.write(
      `engine: ${path.relative(REPO, kase.target)} after ${kase.edits.map((e) => e.kind).join(', ')}: ${outcome.diagnostics} diagnostics in ${outcome.ms.toFixed(1)} ms\n`,
    );
    printProblems(outcome.problems);
    return outcome.problems.length === 0 ? 0 : 1;
  }
  const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
  const inputs = values.inputs !== undefined ? Number(values.inputs) : undefined;
  const durationMs = values.duration !== undefined ? Number(values.duration) * 1000 : inputs === undefined ? 300_000 : undefined;
  const hangMs = Number(values['hang-ms']);
  process.stdout.write(`fuzzing with seed ${seed} (replay the whole run with --seed ${seed})\n`);
  const engine = await runEngineFuzz({
    seed,
    inputs,
    durationMs,
    hangMs,
    differentialEvery: differential ? 1 : 0,
    artifacts: values.out,
    onProgress: (report) => process.stdout.write(`  ${engineLine(report)}\n`),
  });
  process.stdout.write(`${engineLine(engine)}\n`);
  for (const failure of engine.failures) {
    process.stdout.write(`input #${failure.index}, saved as ${path.relative(process.cwd(), failure.saved)}.json:\n`);
    printProblems(failure.problems);
  }
  let serverFailures = 0;
  const edits = Number(values['lsp-edits']);
  if (edits > 0) {
    const server = await runServerFuzz({ seed, edits, spawned: true, hangMs: Math.max(hangMs, 10_000), artifacts: values.out });
    process.stdout.write(`${serverLine(server)}\n`);
    for (const failure of server.failures) {
      process.stdout.write(`document ${failure.sequence}, saved as ${path.relative(process.cwd(), failure.saved)}.json:\n`);
      printProblems(failure.problems);
    }
    serverFailures = server.failures.length;
  }
  return engine.failures.length + serverFailures === 0 ? 0 : 1;
}

void main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
