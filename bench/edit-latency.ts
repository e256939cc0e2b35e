import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestClient, uriOf } from '../test/lsp/client';
import { goalsFile, kpiFile } from './generate';

/** Median and p95 of edit → diagnostics on one 1,000-KPI document, through the spawned server. */
async function main(): Promise<void> {
  const edits = Number(process.argv[2] ?? 10);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-bench-edit-')));
  fs.writeFileSync(path.join(root, 'goals.kpi.yaml'), goalsFile(200));
  const text = kpiFile('big', 1000, 0, 7);
  const file = path.join(root, 'big.kpi.yaml');
  fs.writeFileSync(file, text);
  const uri = uriOf(file);
  const client = TestClient.spawned();
  await client.initialize(root, { settings: { asOf: '2026-11-27', debounce: 0 } });
  await client.diagnosticsOf(uri);
  const opened = performance.now();
  await client.open(uri, text);
  await client.until(() => client.diagnostics.get(uri)?.find((p) => p.version === 1), 'diagnostics after open');
  const openMs = performance.now() - opened;
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    // Type a character into a KPI's name, then delete it again: every edit changes the text.
    const line = 4 + 27 * ((Math.floor(i / 2) * 37) % 1000);
    const started = performance.now();
    const version = i % 2 === 0 ? await client.edit(uri, [line, 10], [line, 10], 'x') : await client.edit(uri, [line, 10], [line, 11], '');
    await client.until(() => client.diagnostics.get(uri)?.find((p) => p.version === version), `diagnostics of version ${version}`);
    times.push(performance.now() - started);
  }
  await client.shutdown();
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(
    JSON.stringify({
      kpis: 1000,
      bytes: text.length,
      openMs: Math.round(openMs),
      edits,
      medianMs: Math.round(at(0.5)),
      p95Ms: Math.round(at(0.95)),
      minMs: Math.round(times[0]),
      maxMs: Math.round(times[times.length - 1]),
    }),
  );
}

void main();
