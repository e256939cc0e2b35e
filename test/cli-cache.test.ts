import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { toReport } from '../server/src/cli/lint-command';
import { LintCache, type StatFile } from '../server/src/cli/cache';
import { nodeFileReader } from '../server/src/node/files';
import { lintPaths, lintFiles } from '../server/src/cli/workspace';
import { parseKpiFile } from '../server/src/core/parse';
import type { LintReport } from '../server/src/cli/formatters/report';
import { applyEdit, mutate } from './fuzz/mutations';
import { Random } from './fuzz/random';
import { GOOD_FILE, REPO, TWO_GOALS, yaml } from './helpers';

/** GOOD_FILE's KPI in a file of its own, its measurements read from data/sales.csv. */
const SALES = GOOD_FILE.replace(/^goals:\n(?: {2}.*\n)+/m, '').replace(
  /source: CRM monthly export\n[\s\S]*$/,
  'source: { file: data/sales.csv, date: month, value: growth }\n',
);

const SALES_CSV = 'month,growth\n2026-08,5.5\n2026-09,5.7\n2026-10,5.9\n';

/** Two KPIs of `keep-customers`; an unknown-goal finding on the first is silenced in the file. */
const SERVICE = yaml`
  kpi: 1
  kpis:
    - id: churn
      name: Customer churn
      category: customer
      # kpi-disable-next-line unknown-goal
      goals: [keep-customers]
      owner: Ana Ruiz
      rationale: Decides the retention budget.
      unit: "%"
      direction: decrease
      frequency: monthly
      baseline: { value: 3.0, date: 2025-12 }
      target: { value: 2.0, date: 2026-12 }
      source: Billing system
      measurements:
        - { date: 2026-10, value: 2.5 }
    - id: nps
      name: Net promoter score
      category: customer
      goals: [keep-customers]
      owner: Ana Ruiz
      rationale: Decides the support staffing.
      unit: points
      direction: increase
      frequency: monthly
      baseline: { value: 30, date: 2025-12 }
      target: { value: 40, date: 2026-12 }
      source: Survey tool
      measurements:
        - { date: 2026-10, value: 35 }
`;

function workspace(): string {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cache-'));
  const files: Record<string, string> = {
    'kpi.config.yaml': 'rules:\n  too-many-kpis: { perGoal: 5 }\n',
    'goals.kpi.yaml': TWO_GOALS,
    'sales.kpi.yaml': SALES,
    'data/sales.csv': SALES_CSV,
    'service.kpi.yaml': SERVICE,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    fs.writeFileSync(path.join(cwd, name), text);
  }
  return cwd;
}

/** Sets the files' times (default: all) an hour back, as files are between runs, not just written. */
function age(cwd: string, ...names: string[]): void {
  const past = Date.now() / 1000 - 3600;
  for (const name of names.length > 0 ? names : fs.readdirSync(cwd, { recursive: true }).map(String)) {
    // Not the cache itself; the snapshots under .kpi/ are aged like every other source.
    if (!name.startsWith('.kpicache')) fs.utimesSync(path.join(cwd, name), past, past);
  }
}

/**
 * Lints with the cache, a file at a time without it, and the whole
 * workspace at once (as `kpi status` does): the reports must be equal. Returns the
 * report and the files the cached run linted anew.
 */
function lint(cwd: string, asOf = '2026-11-27'): { report: LintReport; linted: string[] } {
  const options = { paths: [], cwd, asOf };
  const cached = lintFiles(options, '.kpicache');
  const report = toReport(cached.files, cwd, false);
  assert.equal(cached.cacheProblem, undefined);
  const whole = toReport(lintPaths(options).result.files, cwd, false);
  assert.deepEqual(report, whole, 'the cached run reports what linting the whole workspace at once does');
  assert.deepEqual(toReport(lintFiles(options).files, cwd, false), whole, 'kpi lint without the cache, a file at a time, reports the same');
  return { report, linted: (cached.linted ?? []).map((file) => path.relative(cwd, file)).sort() };
}

/** `code:line` of each diagnostic of one file of a report. */
function codes(report: LintReport, file: string): string[] {
  return report.files.find((f) => f.path === file)!.diagnostics.map((d) => `${d.code}:${d.line}`);
}

function edit(cwd: string, name: string, change: (text: string) => string): void {
  const file = path.join(cwd, name);
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}

describe('kpi lint --cache', () => {
  it('lints again only the files that changed, and reports what a run without the cache reports', () => {
    const cwd = workspace();
    age(cwd);
    assert.deepEqual(lint(cwd).linted, ['goals.kpi.yaml', 'sales.kpi.yaml', 'service.kpi.yaml'], 'the first run lints every file');
    const clean = lint(cwd);
    assert.deepEqual(clean.linted, [], 'then none: unchanged files are not even read');
    assert.deepEqual(codes(clean.report, 'service.kpi.yaml'), []);

    // A goal renamed in one file: the other files' findings across files change, though they are taken from the cache.
    edit(cwd, 'goals.kpi.yaml', (text) => text.replace('keep-customers', 'keep-clientele'));
    age(cwd, 'goals.kpi.yaml');
    const renamed = lint(cwd);
    assert.deepEqual(renamed.linted, ['goals.kpi.yaml']);
    assert.deepEqual(codes(renamed.report, 'service.kpi.yaml'), ['unknown-goal:21'], 'the finding on line 7 is silenced in the file');
    assert.deepEqual(codes(renamed.report, 'goals.kpi.yaml'), ['unmeasured-goal:5']);

    // A CSV source that changes, then goes: the file that names it is linted again.
    fs.writeFileSync(path.join(cwd, 'data/sales.csv'), 'month,growth\n');
    age(cwd, 'data/sales.csv');
    const empty = lint(cwd);
    assert.deepEqual(empty.linted, ['sales.kpi.yaml']);
    assert.deepEqual(codes(empty.report, 'sales.kpi.yaml'), ['no-data:3']);
    fs.rmSync(path.join(cwd, 'data/sales.csv'));
    const gone = lint(cwd);
    assert.deepEqual(gone.linted, ['sales.kpi.yaml']);
    assert.deepEqual(codes(gone.report, 'sales.kpi.yaml'), ['source-not-found:14']);
    fs.writeFileSync(path.join(cwd, 'data/sales.csv'), SALES_CSV);
    age(cwd, 'data/sales.csv');
    assert.deepEqual(lint(cwd).linted, ['sales.kpi.yaml']);

    // Touched, not changed: read and compared, not linted.
    fs.utimesSync(path.join(cwd, 'service.kpi.yaml'), new Date(), new Date());
    assert.deepEqual(lint(cwd).linted, []);

    // A new file that defines the goal, then its removal.
    fs.writeFileSync(path.join(cwd, 'more.kpi.yaml'), 'kpi: 1\ngoals:\n  - id: keep-customers\n    title: Keep customers\n');
    const added = lint(cwd);
    assert.deepEqual(added.linted, ['more.kpi.yaml']);
    assert.deepEqual(codes(added.report, 'service.kpi.yaml'), []);
    fs.rmSync(path.join(cwd, 'more.kpi.yaml'));
    assert.deepEqual(codes(lint(cwd).report, 'service.kpi.yaml'), ['unknown-goal:21']);

    // A file that no longer parses shows only its syntax errors, the ones across files included.
    edit(cwd, 'service.kpi.yaml', (text) => text.replace('    name: Net promoter score', '    name: [Net promoter score'));
    const broken = lint(cwd);
    assert.deepEqual(broken.linted, ['service.kpi.yaml']);
    assert.deepEqual([...new Set(codes(broken.report, 'service.kpi.yaml').map((c) => c.split(':')[0]))], ['yaml-syntax']);
  });

  it('lints everything again when the configuration or the as-of date changes', () => {
    const cwd = workspace();
    age(cwd);
    lint(cwd);
    fs.writeFileSync(path.join(cwd, 'kpi.config.yaml'), 'rules:\n  missing-rationale: off\n');
    assert.equal(lint(cwd).linted.length, 3);
    assert.equal(lint(cwd).linted.length, 0);
    assert.equal(lint(cwd, '2027-03-01').linted.length, 3);
  });

  it('lints a file again when its entry in the cache file is damaged, and still reports the same', () => {
    const cwd = workspace();
    age(cwd);
    lint(cwd);
    const cacheFile = path.join(cwd, '.kpicache');
    const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { files: Record<string, Record<string, unknown>> };
    const entries = Object.values(data.files);
    entries[0].links = { listedKpis: 1, syntaxErrors: [], goals: [{ id: 7 }], kpis: [] };
    entries[1].diagnostics = 'none';
    delete entries[2].sources;
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    assert.deepEqual(lint(cwd).linted, ['goals.kpi.yaml', 'sales.kpi.yaml', 'service.kpi.yaml']);
    assert.deepEqual(lint(cwd).linted, []);
    fs.writeFileSync(cacheFile, JSON.stringify({ ...data, files: [] }));
    assert.equal(lint(cwd).linted.length, 3);
    // Values of the wrong kind: a severity, a span, a goal's status.
    const valid = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as {
      files: Record<string, { diagnostics: unknown[]; links: { goals: { status: string }[] } }>;
    };
    const [goals, sales, service] = Object.values(valid.files);
    goals.links.goals[0].status = 'bogus';
    sales.diagnostics = [{ code: 'schema', severity: 'loud', message: 'm', span: { start: 0, end: 1 } }];
    service.diagnostics = [{ code: 'schema', severity: 'error', message: 'm', span: {} }];
    fs.writeFileSync(cacheFile, JSON.stringify(valid));
    assert.deepEqual(lint(cwd).linted, ['goals.kpi.yaml', 'sales.kpi.yaml', 'service.kpi.yaml']);
  });

  it('sees a CSV file reached through a symbolic link that now leads elsewhere, with the same stat', () => {
    const cwd = workspace();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-outside-'));
    fs.writeFileSync(path.join(outside, 'sales.csv'), SALES_CSV);
    // The same file twice: outside the workspace, and linked inside it.
    fs.linkSync(path.join(outside, 'sales.csv'), path.join(cwd, 'data/in.csv'));
    fs.rmSync(path.join(cwd, 'data/sales.csv'));
    fs.symlinkSync(path.join(outside, 'sales.csv'), path.join(cwd, 'data/sales.csv'));
    age(cwd);
    assert.deepEqual(codes(lint(cwd).report, 'sales.kpi.yaml'), ['source-outside-workspace:14']);
    fs.rmSync(path.join(cwd, 'data/sales.csv'));
    fs.symlinkSync('in.csv', path.join(cwd, 'data/sales.csv'));
    const inside = lint(cwd);
    assert.deepEqual(inside.linted, ['sales.kpi.yaml']);
    assert.deepEqual(codes(inside.report, 'sales.kpi.yaml'), []);
  });

  it('keeps the cache in a folder given as its location, and never writes over what is not a cache', () => {
    const cwd = workspace();
    age(cwd);
    const options = { paths: [], cwd, asOf: '2026-11-27' };
    fs.mkdirSync(path.join(cwd, 'cache'));
    assert.equal(lintFiles(options, 'cache').cacheProblem, undefined);
    assert.ok(fs.existsSync(path.join(cwd, 'cache/.kpicache')));
    assert.deepEqual(lintFiles(options, 'cache').linted, []);

    const config = fs.readFileSync(path.join(cwd, 'kpi.config.yaml'), 'utf8');
    const onConfig = lintFiles(options, 'kpi.config.yaml');
    assert.equal(
      onConfig.cacheProblem,
      `cannot write the cache ${path.join(cwd, 'kpi.config.yaml')}: it is not a cache of kpi lint: remove it, or give another --cache-location`,
    );
    assert.equal(fs.readFileSync(path.join(cwd, 'kpi.config.yaml'), 'utf8'), config);
    assert.deepEqual(toReport(onConfig.files, cwd, false), toReport(lintPaths(options).result.files, cwd, false));

    // A named pipe: read, it would wait for a writer for ever.
    assert.equal(spawnSync('mkfifo', [path.join(cwd, 'pipe')]).status, 0);
    assert.equal(lintFiles(options, 'pipe').cacheProblem, `cannot write the cache ${path.join(cwd, 'pipe')}: it is not a regular file`);
    assert.ok(fs.statSync(path.join(cwd, 'pipe')).isFIFO());
  });

  it('sees a rewrite of the same size that puts the modification time back', () => {
    const cwd = workspace();
    age(cwd);
    lint(cwd);
    const file = path.join(cwd, 'goals.kpi.yaml');
    const { size, mtime } = fs.statSync(file);
    fs.writeFileSync(file, TWO_GOALS.replace('keep-customers', 'keep-customerz'));
    fs.utimesSync(file, mtime, mtime);
    assert.equal(fs.statSync(file).size, size);
    const changed = lint(cwd);
    assert.deepEqual(changed.linted, ['goals.kpi.yaml']);
    assert.deepEqual(codes(changed.report, 'service.kpi.yaml'), ['unknown-goal:21']);
  });

  it('on a file system with a coarse clock, reads a file again when it was modified within 2 s of being read', () => {
    const cwd = workspace();
    const file = path.join(cwd, 'goals.kpi.yaml');
    // Times in steps of 2 s, as FAT keeps them: two writes within a step look alike.
    const step = (ms: number) => Math.floor(ms / 2000) * 2000;
    const coarse: StatFile = (name) => {
      const stat = fs.statSync(name, { throwIfNoEntry: false });
      return stat && { size: stat.size, ino: stat.ino, mtimeMs: step(stat.mtimeMs), ctimeMs: step(stat.ctimeMs) };
    };
    const linted: string[] = [];
    const lintOnce = () => {
      const cache = new LintCache(path.join(cwd, '.kpicache'), 'settings', nodeFileReader.readText, coarse);
      const result = cache.lint(file, (text) => {
        linted.push(text);
        return { file: parseKpiFile(file, text), diagnostics: [] };
      });
      assert.ok(!(result instanceof Error));
      cache.save([file]);
    };
    const other = TWO_GOALS.replace('keep-customers', 'keep-customerz');
    // Written, read, and written again at once: if the second write fell in the same second, only the 2 s rule sees it.
    fs.writeFileSync(file, TWO_GOALS);
    lintOnce();
    fs.writeFileSync(file, other);
    lintOnce();
    assert.deepEqual(linted, [TWO_GOALS, other]);
    // Long after its last change, the same stat is trusted: the file is not read.
    const past = Date.now() / 1000 - 3600;
    fs.utimesSync(file, past, past);
    lintOnce();
    lintOnce();
    assert.deepEqual(linted, [TWO_GOALS, other]);
  });

  it('reports what a run without the cache reports after each of 80 seeded random edits of the pitfalls workspace and its CSV files', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cache-'));
    fs.cpSync(path.join(REPO, 'samples/pitfalls'), cwd, { recursive: true });
    age(cwd);
    const names = fs
      .readdirSync(cwd, { recursive: true })
      .map(String)
      .filter((name) => /\.(kpi\.yaml|csv)$/.test(name));
    const donors = names.map((name) => fs.readFileSync(path.join(cwd, name), 'utf8'));
    const random = new Random(20261127);
    assert.equal(lint(cwd).linted.length, names.filter((name) => name.endsWith('.kpi.yaml')).length);
    let relinted = 0;
    for (let step = 0; step < 80; step++) {
      const name = names[random.int(names.length)];
      const file = path.join(cwd, name);
      // One edit of the file as it was, or the file as it was again: files stay close to valid, so their CSV files matter.
      const original = donors[names.indexOf(name)];
      fs.writeFileSync(file, random.chance(0.3) ? original : applyEdit(original, mutate(original, { random, donors })));
      // A time of its own, long before the run: unchanged files are then taken on their stat alone.
      const when = Date.now() / 1000 - 3600 + step;
      fs.utimesSync(file, when, when);
      const { linted } = lint(cwd);
      if (name.endsWith('.kpi.yaml')) assert.ok(linted.length === 0 || (linted.length === 1 && linted[0] === name), `${name}: ${linted.join(', ')}`);
      relinted += linted.length;
    }
    assert.ok(relinted > 40, `${relinted} files linted again`);
  });
});
