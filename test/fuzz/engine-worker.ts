import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from './corpus';
import { checkEngine, makeEngineCase } from './engine';

/** The engine side of the fuzzer, in a worker thread: an input that hangs can be stopped from outside. */
const { seed, differentialEvery } = workerData as { seed: number; differentialEvery: number };
const corpus = loadCorpus();
parentPort!.on('message', (index: number) => {
  const kase = makeEngineCase(corpus, seed, index);
  const outcome = checkEngine(corpus, kase, { differential: differentialEvery > 0 && index % differentialEvery === 0 });
  parentPort!.postMessage({
    index,
    ms: outcome.ms,
    diagnostics: outcome.diagnostics,
    problems: outcome.problems,
    length: kase.text.length,
    kinds: kase.edits.map((e) => e.kind),
  });
});
