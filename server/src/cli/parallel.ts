import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { restoreKpiFile, type FileSnapshot } from '../core/parse';
import type { KpiFile } from '../core/types';

/** Below this many files one thread is faster than starting workers. */
export const PARALLEL_FROM = 64;

export type ParsedInWorker = { readonly path: string; readonly text: string; readonly snapshot: FileSnapshot } | { readonly path: string; readonly error: string };

/**
 * Reads and parses files on worker threads, one per core (at most 4), and
 * rebuilds their models here. Parsing is most of a cold lint's time and each
 * file parses on its own, so this is where the cores pay.
 */
export async function parseInParallel(paths: readonly string[]): Promise<{ files: KpiFile[]; unreadable: { path: string; error: string }[] }> {
  const threads = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
  const shares: string[][] = Array.from({ length: threads }, () => []);
  paths.forEach((file, i) => shares[i % threads]!.push(file));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<ParsedInWorker[]>((resolve, reject) => {
          const worker = new Worker(path.join(__dirname, 'parse-worker.js'), { workerData: { paths: share } });
          worker.once('message', (message: ParsedInWorker[]) => resolve(message));
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`a parsing thread stopped with exit code ${code}`)));
        }),
    ),
  );
  const files: KpiFile[] = [];
  const unreadable: { path: string; error: string }[] = [];
  for (const result of results.flat()) {
    if ('error' in result) unreadable.push(result);
    else files.push(restoreKpiFile(result.path, result.text, result.snapshot));
  }
  return { files, unreadable };
}
