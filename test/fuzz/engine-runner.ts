import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadCorpus } from './corpus';
import { makeEngineCase, type EngineCase } from './engine';

export interface EngineRunOptions {
  readonly seed: number;
  /** Stop after this many inputs... */
  readonly inputs?: number;
  /** ...or after this many milliseconds, whichever comes first. */
  readonly durationMs?: number;
  /** An input without an answer after this long is a hang: the worker is stopped and the input saved. */
  readonly hangMs: number;
  /** Also compare the fast parser's diagnostics with `yaml`'s on every n-th input (0: never). */
  readonly differentialEvery: number;
  /** Where failing inputs are saved. */
  readonly artifacts: string;
  readonly onProgress?: (report: EngineRunReport) => void;
}

export interface EngineFailure {
  readonly index: number;
  readonly problems: readonly string[];
  /** The saved input: `<file>.json` replays it, `<file>.kpi.yaml` is its text. */
  readonly saved: string;
}

export interface EngineRunReport {
  readonly seed: number;
  tried: number;
  /** Inputs without a result within `hangMs` that were checked again in a fresh worker (and then gave one). */
  retried: number;
  diagnostics: number;
  elapsedMs: number;
  slowest?: { readonly index: number; readonly ms: number; readonly length: number; readonly kinds: readonly string[] };
  readonly failures: EngineFailure[];
}

interface Answer {
  readonly index: number;
  readonly ms: number;
  readonly diagnostics: number;
  readonly problems: readonly string[];
  readonly length: number;
  readonly kinds: readonly string[];
}

/** Saves an input so that `npm run fuzz -- --replay <file>.json` checks it again. */
export function saveCase(artifacts: string, prefix: string, kase: EngineCase, problems: readonly string[]): string {
  fs.mkdirSync(artifacts, { recursive: true });
  const base = path.join(artifacts, `${prefix}-${kase.runSeed}-${kase.index}`);
  // JSON keeps lone surrogates and NUL bytes exactly; the .kpi.yaml is for reading (and for a regression fixture).
  fs.writeFileSync(`${base}.json`, `${JSON.stringify({ ...kase, problems }, null, 2)}\n`);
  fs.writeFileSync(`${base}.kpi.yaml`, kase.text);
  return base;
}

class EngineWorker {
  private worker: Worker;
  private waiting?: { resolve: (answer: Answer | Error) => void; timer: NodeJS.Timeout };

  constructor(
    private readonly seed: number,
    private readonly differentialEvery: number,
  ) {
    this.worker = this.start();
  }

  private start(): Worker {
    // The stack of the main thread (984 KB), so a recursion that would overflow the CLI overflows here too.
    const worker = new Worker(path.join(__dirname, 'engine-worker.js'), {
      workerData: { seed: this.seed, differentialEvery: this.differentialEvery },
      resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: 2048 },
    });
    worker.on('message', (answer: Answer) => this.settle(answer));
    worker.on('error', (error) => this.settle(error));
    worker.on('exit', (code) => this.settle(new Error(`the worker exited with code ${code}`)));
    worker.unref();
    return worker;
  }

  private settle(answer: Answer | Error): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    clearTimeout(waiting.timer);
    waiting.resolve(answer);
  }

  /** Checks input `index`; an Error when the worker died or did not answer within `hangMs`. */
  check(index: number, hangMs: number): Promise<Answer | Error> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(new Error(`no result after ${hangMs} ms: a hang`)), hangMs);
      this.waiting = { resolve, timer };
      this.worker.postMessage(index);
    });
  }

  /** A fresh worker after a hang or a crash. */
  async restart(): Promise<void> {
    const old = this.worker;
    this.waiting = undefined;
    old.removeAllListeners();
    await old.terminate();
    this.worker = this.start();
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners();
    await this.worker.terminate();
  }
}

/**
 * Feeds inputs `0, 1, 2, ...` of a seeded run to the engine in a worker
 * thread, one at a time, each with a hang guard. Any exception, broken
 * invariant, crash or hang is saved with its seed and index for replay.
 */
export async function runEngineFuzz(options: EngineRunOptions): Promise<EngineRunReport> {
  const report: EngineRunReport = { seed: options.seed, tried: 0, retried: 0, diagnostics: 0, elapsedMs: 0, failures: [] };
  const worker = new EngineWorker(options.seed, options.differentialEvery);
  const corpus = loadCorpus();
  const started = performance.now();
  const limit = options.inputs ?? Infinity;
  const deadline = options.durationMs === undefined ? Infinity : started + options.durationMs;
  let lastProgress = started;
  try {
    for (let index = 0; index < limit && performance.now() < deadline; index++) {
      let answer = await worker.check(index, options.hangMs);
      if (answer instanceof Error && answer.message.includes('a hang')) {
        // On a machine shared with other work, a pause is not yet a hang: a fresh worker gets three times as long.
        await worker.restart();
        report.retried++;
        answer = await worker.check(index, options.hangMs * 3);
      }
      report.tried++;
      let problems: readonly string[];
      if (answer instanceof Error) {
        problems = [answer.message];
        await worker.restart();
      } else {
        problems = answer.problems;
        report.diagnostics += answer.diagnostics;
        if (!report.slowest || answer.ms > report.slowest.ms) report.slowest = { index, ms: answer.ms, length: answer.length, kinds: answer.kinds };
      }
      if (problems.length > 0) {
        const saved = saveCase(options.artifacts, 'engine', makeEngineCase(corpus, options.seed, index), problems);
        report.failures.push({ index, problems, saved });
      }
      const now = performance.now();
      if (options.onProgress && now - lastProgress > 10_000) {
        lastProgress = now;
        report.elapsedMs = now - started;
        options.onProgress(report);
      }
    }
  } finally {
    await worker.stop();
  }
  report.elapsedMs = performance.now() - started;
  return report;
}
