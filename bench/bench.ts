/**
 * `npm run bench`: how fast `kpi lint` and the language server are on large
 * synthetic workspaces, against two floors measured in the same run. Each
 * figure is the median of KPI_BENCH_RUNS runs (default 5) with min and max.
 * Prints a table and writes bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver/node';
import { SERVER_BIN, TestClient, uriOf } from '../test/lsp/client';
import { goalsFile, kpiFile, writeWorkspace } from './generate';
import { serverScorecard } from './server-scorecard';

const REPO = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.KPI_BENCH_RUNS ?? 5);
const DIR = process.env.KPI_BENCH_DIR ?? path.join(os.tmpdir(), 'kpi-bench');
const AS_OF = '2026-11-27';
/**
 * A built checkout of an earlier version (a folder with bin/kpi.js), e.g.
 * `git worktree add ../baseline <rev> && (cd ../baseline && npm ci && npm run build)`:
 * its `kpi lint` runs interleaved with this one's, so that "no slower than
 * before" is a ratio measured in the same run.
 */
const BASELINE = process.env.KPI_BENCH_BASELINE ? path.resolve(process.env.KPI_BENCH_BASELINE) : undefined;

interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly p95?: number;
}

function stat(values: number[], withP95 = false): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (n: number) => Math.round(n * 10) / 10;
  const result: Stat = { median: round(at(0.5)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
  return withP95 ? { ...result, p95: round(at(0.95)) } : result;
}

/** Runs a Node script as its own process: wall time in ms and peak RSS in MB. */
function measure(args: string[], cwd = REPO): { ms: number; rssMb: number; status: number | null } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--require', path.join(REPO, 'out/bench/rss.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1024 ** 3 });
  const ms = performance.now() - started;
  const rss = /KPI_BENCH_MAX_RSS_KB (\d+)/.exec(result.stderr ?? '');
  if (!rss) throw new Error(`no RSS from ${args.join(' ')}: ${result.stderr}`);
  return { ms, rssMb: Math.round(Number(rss[1]) / 1024), status: result.status };
}

type Measured = { ms: Stat; rssMb: Stat; status: number | null };

/**
 * Runs several commands in turn, RUNS rounds of each in the same order, so
 * that a noisy moment of a shared machine hits all of them alike; also the
 * median over rounds of each command's time divided by the first's.
 */
function interleave(commands: string[][]): { results: Measured[]; pairedRatios: number[] } {
  const runs = commands.map(() => [] as ReturnType<typeof measure>[]);
  for (let round = 0; round < RUNS; round++) commands.forEach((args, i) => runs[i].push(measure(args)));
  const results = runs.map((list) => ({ ms: stat(list.map((r) => r.ms)), rssMb: stat(list.map((r) => r.rssMb)), status: list[0].status }));
  const pairedRatios = runs.map((list) => Math.round(stat(list.map((r, round) => r.ms / runs[0][round].ms)).median * 100) / 100);
  return { results, pairedRatios };
}

function repeat(args: string[], before?: () => void): Measured {
  const runs = Array.from({ length: RUNS }, () => {
    before?.();
    return measure(args);
  });
  return { ms: stat(runs.map((r) => r.ms)), rssMb: stat(runs.map((r) => r.rssMb)), status: runs[0].status };
}

/** Bytes as megabytes, one decimal. */
function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 102.4) / 10;
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function languageServer(ws10k: string, single: string, serverBin = SERVER_BIN) {
  // Indexing 10k KPIs: from initialize to every file's diagnostics.
  const files = fs
    .readdirSync(ws10k, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.kpi.yaml'));
  const index: number[] = [];
  let rssMb = 0;
  for (let run = 0; run < RUNS; run++) {
    const client = TestClient.spawned(serverBin);
    index.push(
      await timed(async () => {
        await client.initialize(ws10k, { settings: { asOf: AS_OF } });
        await client.until(() => (client.diagnostics.size >= files.length ? true : undefined), 'diagnostics of every file', 600_000);
      }),
    );
    rssMb = Math.max(rssMb, rssOf(client.pid!));
    await client.shutdown();
  }

  // One 1,000-KPI file: open, edits, completion and hover.
  const client = TestClient.spawned(serverBin);
  const file = path.join(single, 'big.kpi.yaml');
  const uri = uriOf(file);
  const text = fs.readFileSync(file, 'utf8');
  await client.initialize(single, { settings: { asOf: AS_OF } });
  await client.diagnosticsOf(uri);
  const open = await timed(async () => {
    await client.open(uri, text);
    await client.until(() => client.diagnostics.get(uri)?.find((p) => p.version === 1), 'diagnostics after open');
  });
  const opened = JSON.stringify(client.diagnostics.get(uri)!.find((p) => p.version === 1)!.diagnostics);
  const edits: number[] = [];
  for (let i = 0; i < 20; i++) {
    // Type a character into a KPI's name, then delete it: every edit changes the text.
    const line = 4 + 27 * ((Math.floor(i / 2) * 37) % 1000);
    edits.push(
      await timed(async () => {
        const version = i % 2 === 0 ? await client.edit(uri, [line, 10], [line, 10], 'x') : await client.edit(uri, [line, 10], [line, 11], '');
        await client.until(() => client.diagnostics.get(uri)?.find((p) => p.version === version), `diagnostics of version ${version}`);
      }),
    );
  }
  // Every second edit restores the text: its diagnostics must be those of the file as opened, not stale ones.
  for (const published of client.diagnostics.get(uri)!.filter((p) => p.version !== undefined && p.version > 1 && p.version % 2 === 1)) {
    if (JSON.stringify(published.diagnostics) !== opened) throw new Error(`version ${published.version} has other diagnostics than the same text when opened`);
  }
  const completion: number[] = [];
  const hover: number[] = [];
  for (let i = 0; i < 20; i++) {
    const kpi = (i * 53) % 1000;
    completion.push(
      await timed(() => client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 4 + 27 * kpi + 3, character: 14 } })),
    );
    hover.push(await timed(() => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3 + 27 * kpi, character: 10 } })));
  }
  await client.shutdown();
  return {
    indexMs: stat(index),
    rssAfterIndexMb: rssMb,
    openMs: Math.round(open),
    editMs: stat(edits, true),
    completionMs: stat(completion),
    hoverMs: stat(hover),
  };
}

async function main(): Promise<void> {
  const ws1k = path.join(DIR, 'ws-1k');
  const ws10k = path.join(DIR, 'ws-10k');
  const wsFindings = path.join(DIR, 'ws-10k-findings');
  const single = path.join(DIR, 'single-1000');
  writeWorkspace(ws1k, 100, 10);
  writeWorkspace(ws10k, 1000, 10);
  writeWorkspace(wsFindings, 1000, 10, true);
  fs.rmSync(single, { recursive: true, force: true });
  fs.mkdirSync(single, { recursive: true });
  fs.writeFileSync(path.join(single, 'goals.kpi.yaml'), goalsFile(200));
  fs.writeFileSync(path.join(single, 'big.kpi.yaml'), kpiFile('big', 1000, 0, 7));
  const bytes = fs
    .readdirSync(ws10k, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .reduce((n, f) => n + fs.statSync(path.join(ws10k, f)).size, 0);

  const lint = (dir: string, extra: string[] = [], repo = REPO) => [path.join(repo, 'bin/kpi.js'), 'lint', dir, '--format', 'json', '--as-of', AS_OF, ...extra];
  // The linter and its two floors, interleaved (and the baseline's linter, if given).
  const cold = interleave([
    [path.join(REPO, 'out/bench/floor.js'), 'js-yaml', ws10k],
    lint(ws10k),
    [path.join(REPO, 'out/bench/floor.js'), 'yaml', ws10k],
    ...(BASELINE ? [lint(ws10k, [], BASELINE)] : []),
  ]);
  const [floorJsYaml, cold10k, floorYaml, baselineCold10k] = cold.results as [Measured, Measured, Measured, Measured | undefined];
  const cold1k = repeat(lint(ws1k));
  const cacheFile = path.join(DIR, 'lint-cache.json');
  const supportsCache = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'lint', '--help'], { encoding: 'utf8' }).stdout.includes('--cache');
  let warm10k: ReturnType<typeof repeat> | undefined;
  if (supportsCache) {
    fs.rmSync(cacheFile, { force: true });
    measure(lint(ws10k, ['--cache', '--cache-location', cacheFile]));
    const changed = path.join(ws10k, 'area-0', 'team-0.kpi.yaml');
    let flip = 0;
    warm10k = repeat(lint(ws10k, ['--cache', '--cache-location', cacheFile]), () => {
      fs.writeFileSync(changed, fs.readFileSync(changed, 'utf8').replace(/Measured quantity t0 0\w*/, `Measured quantity t0 0${flip++ % 2 === 0 ? 'a' : ''}`));
    });
    // The cache must not change what is reported.
    const output = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1024 ** 3 }).stdout;
    if (output(lint(ws10k, ['--cache', '--cache-location', cacheFile])) !== output(lint(ws10k)))
      throw new Error('kpi lint --cache reports other diagnostics than kpi lint');
  }
  // A findings-heavy workspace (a first lint of a company's files, a year-end as-of date): the linter, the scorecard as JSON and as HTML, against the floor.
  const status = (dir: string, format: string, extra: string[] = []) => [
    path.join(REPO, 'bin/kpi.js'),
    'status',
    dir,
    '--format',
    format,
    '--as-of',
    AS_OF,
    ...extra,
  ];
  const htmlFile = path.join(DIR, 'findings-scorecard.html');
  const heavy = interleave([
    [path.join(REPO, 'out/bench/floor.js'), 'js-yaml', wsFindings],
    lint(wsFindings),
    status(wsFindings, 'json'),
    status(wsFindings, 'html', ['-o', htmlFile]),
    ...(BASELINE ? [lint(wsFindings, [], BASELINE)] : []),
  ]);
  const [floorFindings, lintFindings, statusJson, statusHtml, baselineFindings] = heavy.results as [
    Measured,
    Measured,
    Measured,
    Measured,
    Measured | undefined,
  ];
  const findings = (
    JSON.parse(spawnSync(process.execPath, lint(wsFindings), { encoding: 'utf8', maxBuffer: 1024 ** 3 }).stdout) as {
      files: { diagnostics: { code: string }[] }[];
    }
  ).files.flatMap((f) => f.diagnostics.map((d) => d.code));
  const ratio = (a: Measured, b: Measured) => Math.round((a.ms.median / b.ms.median) * 100) / 100;
  const findings10k = {
    findings: findings.length,
    rules: [...new Set(findings)].sort(),
    floorJsYamlAjv: floorFindings,
    lintCold: lintFindings,
    statusJson,
    statusHtml,
    htmlMegabytes: Math.round(fs.statSync(htmlFile).size / 1024 / 102.4) / 10,
    lintRatioToJsYamlAjv: ratio(lintFindings, floorFindings),
    pairedLintRatioToJsYamlAjv: heavy.pairedRatios[1],
    statusJsonRatioToLint: ratio(statusJson, lintFindings),
    statusHtmlRatioToLint: ratio(statusHtml, lintFindings),
    ...(baselineFindings ? { baselineLintCold: baselineFindings, lintRatioToBaseline: ratio(lintFindings, baselineFindings) } : {}),
  };
  const server = await languageServer(ws10k, single);
  const baselineServerBin = BASELINE && path.join(BASELINE, 'bin', 'kpi-language-server.js');
  const baselineServer = baselineServerBin ? await languageServer(ws10k, single, baselineServerBin) : undefined;
  // The scorecard the preview asks for after a one-KPI edit (with `since`: what changed), and the server's memory, clean and findings-heavy.
  const scorecard10k = await serverScorecard(ws10k, AS_OF, 20);
  const scorecardFindings = await serverScorecard(wsFindings, AS_OF, 20);
  const baselineScorecardFindings = baselineServerBin ? await serverScorecard(wsFindings, AS_OF, 20, baselineServerBin) : undefined;

  const results = {
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      date: new Date().toISOString().slice(0, 10),
    },
    workspace10k: { files: 1001, kpis: 10_000, megabytes: Math.round(bytes / 1024 / 102.4) / 10 },
    runs: RUNS,
    cli: {
      floorYamlParseDocument10k: floorYaml,
      floorJsYamlAjv10k: floorJsYaml,
      lintCold10k: cold10k,
      lintCold1k: cold1k,
      lintWarm10kAfterOneChange: warm10k ?? 'not measured: kpi lint has no --cache yet',
      ratioToJsYamlAjv: Math.round((cold10k.ms.median / floorJsYaml.ms.median) * 100) / 100,
      ratioToYamlParse: Math.round((cold10k.ms.median / floorYaml.ms.median) * 100) / 100,
      /** The median over rounds of lint time / js-yaml floor time, both measured in the same round. */
      pairedRatioToJsYamlAjv: cold.pairedRatios[1],
      ...(baselineCold10k && BASELINE
        ? {
            baseline: {
              checkout: BASELINE,
              lintCold10k: baselineCold10k,
              lintCold10kRatioToBaseline: Math.round((cold10k.ms.median / baselineCold10k.ms.median) * 100) / 100,
            },
          }
        : {}),
      findings10k,
    },
    languageServer: {
      ...server,
      scorecard10k,
      scorecardFindings10k: scorecardFindings,
      ...(baselineServer && baselineScorecardFindings ? { baseline: { ...baselineServer, scorecardFindings10k: baselineScorecardFindings } } : {}),
    },
  };
  const rows: [string, string][] = [
    ['floor: yaml parseDocument, 10k KPIs', `${floorYaml.ms.median} ms (${floorYaml.ms.min}–${floorYaml.ms.max}), ${floorYaml.rssMb.median} MB`],
    ['floor: js-yaml + ajv, 10k KPIs', `${floorJsYaml.ms.median} ms (${floorJsYaml.ms.min}–${floorJsYaml.ms.max}), ${floorJsYaml.rssMb.median} MB`],
    ['kpi lint cold, 10k KPIs', `${cold10k.ms.median} ms (${cold10k.ms.min}–${cold10k.ms.max}), ${cold10k.rssMb.median} MB peak`],
    [
      '  ratio to js-yaml + ajv / to yaml',
      `${results.cli.ratioToJsYamlAjv}× / ${results.cli.ratioToYamlParse}× (median of per-round ratios to js-yaml + ajv: ${results.cli.pairedRatioToJsYamlAjv}×)`,
    ],
    ...(baselineCold10k
      ? ([
          [
            '  the baseline checkout, cold, 10k KPIs',
            `${baselineCold10k.ms.median} ms, ${baselineCold10k.rssMb.median} MB peak: this build is ${results.cli.baseline?.lintCold10kRatioToBaseline}× the baseline`,
          ],
        ] as [string, string][])
      : []),
    ['kpi lint cold, 1k KPIs', `${cold1k.ms.median} ms (${cold1k.ms.min}–${cold1k.ms.max})`],
    [
      `findings-heavy 10k (${findings10k.findings} findings of ${findings10k.rules.length} rules): floor js-yaml + ajv`,
      `${floorFindings.ms.median} ms (${floorFindings.ms.min}–${floorFindings.ms.max})`,
    ],
    [
      '  kpi lint cold (target ≤ 1.3× the floor, ≤ 200 MB)',
      `${lintFindings.ms.median} ms, ${findings10k.lintRatioToJsYamlAjv}× (per round ${findings10k.pairedLintRatioToJsYamlAjv}×), ${lintFindings.rssMb.median} MB peak`,
    ],
    ...(baselineFindings
      ? ([
          [
            '  the baseline checkout, kpi lint cold',
            `${baselineFindings.ms.median} ms, ${baselineFindings.rssMb.median} MB peak: this build is ${findings10k.lintRatioToBaseline}× the baseline`,
          ],
        ] as [string, string][])
      : []),
    [
      '  kpi status --format json (target ≤ 1.3× lint)',
      `${statusJson.ms.median} ms, ${findings10k.statusJsonRatioToLint}× lint, ${statusJson.rssMb.median} MB peak`,
    ],
    [
      '  kpi status --format html (target ≤ 1.5× lint, ≤ 5 MB)',
      `${statusHtml.ms.median} ms, ${findings10k.statusHtmlRatioToLint}× lint, ${statusHtml.rssMb.median} MB peak, ${findings10k.htmlMegabytes} MB file`,
    ],
    ['kpi lint warm, 10k, one file changed', warm10k ? `${warm10k.ms.median} ms (${warm10k.ms.min}–${warm10k.ms.max})` : 'not measured (no --cache)'],
    ['server: index 10k KPIs → all diagnostics', `${server.indexMs.median} ms (${server.indexMs.min}–${server.indexMs.max})`],
    ['server: RSS after indexing 10k KPIs', `${server.rssAfterIndexMb} MB`],
    ['server: didOpen 1,000-KPI file → diagnostics', `${server.openMs} ms`],
    ['server: edit → diagnostics (20 edits)', `median ${server.editMs.median} ms, p95 ${server.editMs.p95} ms (${server.editMs.min}–${server.editMs.max})`],
    ...(baselineServer
      ? ([
          [
            '  the baseline checkout: index / RSS / edit → diagnostics',
            `${baselineServer.indexMs.median} ms / ${baselineServer.rssAfterIndexMb} MB / median ${baselineServer.editMs.median} ms, p95 ${baselineServer.editMs.p95} ms`,
          ],
        ] as [string, string][])
      : []),
    [
      'server: one-KPI edit → kpi/scorecard (preview, since), 10k (target ≤ 100 ms)',
      `median ${scorecard10k.afterEditMs.median} ms, p95 ${scorecard10k.afterEditMs.p95} ms, ${scorecard10k.patchBytes} B (whole: ${scorecard10k.fullMs.median} ms, ${mb(scorecard10k.fullBytes)} MB)`,
    ],
    [
      '  the same, findings-heavy 10k (target ≤ 100 ms)',
      `median ${scorecardFindings.afterEditMs.median} ms, p95 ${scorecardFindings.afterEditMs.p95} ms, ${scorecardFindings.patchBytes} B (whole: ${scorecardFindings.fullMs.median} ms, ${mb(scorecardFindings.fullBytes)} MB)`,
    ],
    ...(baselineScorecardFindings
      ? ([
          ['  the baseline checkout, findings-heavy 10k', `median ${baselineScorecardFindings.afterEditMs.median} ms, ${baselineScorecardFindings.rssMb} MB`],
        ] as [string, string][])
      : []),
    [
      'server RSS, findings-heavy 10k open (target ≤ 200 MB)',
      `${scorecardFindings.rssMb} MB peak (after indexing ${scorecardFindings.rssAfterIndexMb}, after the first scorecard ${scorecardFindings.rssAfterScorecardMb}, after the edits ${scorecardFindings.rssAfterEditsMb}); clean 10k ${scorecard10k.rssMb} MB`,
    ],
    ['server: completion in the 1,000-KPI file', `median ${server.completionMs.median} ms (${server.completionMs.min}–${server.completionMs.max})`],
    ['server: hover in the 1,000-KPI file', `median ${server.hoverMs.median} ms (${server.hoverMs.min}–${server.hoverMs.max})`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`KPI as Code benchmark — ${results.machine.cpus} × ${results.machine.model}, Node ${process.version}, median of ${RUNS} runs`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  const out = path.join(REPO, 'bench', 'results.json');
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), out)}`);
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
