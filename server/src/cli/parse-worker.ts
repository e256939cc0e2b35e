/**
 * A worker thread of `kpi lint`: reads and parses its share of the files and
 * posts back each file's text and snapshot (see ./parallel.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseKpiFile, snapshotOf } from '../core/parse';
import { nodeFileReader } from './files';
import type { ParsedInWorker } from './parallel';

const results: ParsedInWorker[] = (workerData as { paths: string[] }).paths.map((path) => {
  const text = nodeFileReader.readText(path);
  if (text instanceof Error) return { path, error: text.message };
  return { path, text, snapshot: snapshotOf(parseKpiFile(path, text))! };
});
parentPort!.postMessage(results);
