import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyScorecardPatch, askScorecard, askWholeScorecard, type ScorecardAnswer, type ScorecardResult } from '../server/src/lsp/protocol';
import { SERVER_BIN, TestClient, uriOf } from '../test/lsp/client';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly p95: number;
}

export interface ServerScorecard {
  /** Edit of one KPI → `kpi/scorecard` with `since` answered (the preview's request after a keystroke). */
  readonly afterEditMs: Spread;
  /** The same, asking for the whole scorecard (no `since`), up to five edits after those above. */
  readonly fullMs: Spread;
  /** Median size of a patch answer, and of a whole answer, as JSON. */
  readonly patchBytes: number;
  readonly fullBytes: number;
  /** The server's resident memory after indexing, after the first scorecard, after the preview's edits; rssMb is the largest. */
  readonly rssAfterIndexMb: number;
  readonly rssAfterScorecardMb: number;
  readonly rssAfterEditsMb: number;
  readonly rssMb: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(at(0.5)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), p95: round(at(0.95)) };
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** The lines (0-based) of the generated workspaces' KPIs' measurements of October 2026: before the as-of date in both. */
function octoberLines(lines: readonly string[]): number[] {
  return lines.flatMap((line, i) => (/^ {6}- \{ date: 2026-10, value: [\d.]+ \}$/.test(line) ? [i] : []));
}

/**
 * The language server's scorecard after one-KPI edits, through the spawned
 * binary (`serverBin`: another checkout's, for a before-and-after run): it
 * indexes `ws`, answers the scorecard once, then takes `runs` edits of an
 * open document, each changing one KPI's value of October 2026 and followed by a
 * scorecard request with `since` (the preview's), then up to five more edits
 * each followed by a request for the whole. A server without patches
 * answers all whole.
 */
export async function serverScorecard(ws: string, asOf: string, runs: number, serverBin = SERVER_BIN): Promise<ServerScorecard> {
  const files = fs
    .readdirSync(ws, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .sort();
  const client = TestClient.spawned(serverBin);
  try {
    await client.initialize(ws, { settings: { asOf } });
    await client.until(() => (client.diagnostics.size >= files.length ? true : undefined), 'diagnostics of every file', 600_000);
    const rssAfterIndexMb = rssOf(client.pid!);
    const file = path.join(ws, files[0]);
    const uri = uriOf(file);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // Asked as the preview asks: a whole answer of many KPIs comes in parts.
    let model = (await askWholeScorecard(client.connection, { uri }))!;
    const rssAfterScorecardMb = rssOf(client.pid!);
    let rssAfterEditsMb = 0;
    await client.open(uri, lines.join('\n'));
    const targets = octoberLines(lines);
    if (targets.length === 0) throw new Error(`no measurement of 2026-10 in ${file}`);
    const patched: number[] = [];
    const whole: number[] = [];
    const patchBytes: number[] = [];
    const fullBytes: number[] = [];
    // The preview's requests first, then a few whole ones: a whole answer's garbage would slow the next patched one down.
    const wholeRuns = Math.min(runs, 5);
    for (let i = 0; i < runs + wholeRuns; i++) {
      const line = targets[(i * 7) % targets.length];
      const before = lines[line];
      lines[line] = before.replace(/value: [\d.]+/, `value: ${(10 + i / 100).toFixed(2)}`);
      const withSince = i < runs;
      const started = performance.now();
      await client.edit(uri, [line, 0], [line, before.length], lines[line]);
      const answer: ScorecardAnswer | null = withSince
        ? await askScorecard(client.connection, { uri, since: model.revision })
        : await askWholeScorecard(client.connection, { uri });
      (withSince ? patched : whole).push(performance.now() - started);
      if (!answer) throw new Error('no scorecard');
      const bytes = Buffer.byteLength(JSON.stringify(answer));
      ('scorecard' in answer ? fullBytes : patchBytes).push(bytes);
      const next: ScorecardResult | undefined = applyScorecardPatch(model, answer);
      if (!next) throw new Error(`a patch to another revision than ${model.revision}`);
      model = next;
      if (i === runs - 1) rssAfterEditsMb = rssOf(client.pid!);
    }
    return {
      afterEditMs: spread(patched),
      fullMs: spread(whole),
      patchBytes: patchBytes.length > 0 ? median(patchBytes) : median(fullBytes),
      fullBytes: median(fullBytes),
      rssAfterIndexMb,
      rssAfterScorecardMb,
      rssAfterEditsMb,
      rssMb: Math.max(rssAfterIndexMb, rssAfterScorecardMb, rssAfterEditsMb),
    };
  } finally {
    await client.shutdown();
  }
}
