import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { ScorecardDiff } from '../server/src/core/diff';
import { DIFF_MARKER, MARKDOWN_LIMIT } from '../server/src/cli/formatters/diff-markdown';
import { commitAll, freshFolder, git, GIT_ENV, IDENTITY, repository } from './git-repository';
import { random } from '../bench/generate';
import { REPO } from './helpers';
import { inEnglish } from './machine';
import { outsideMarks } from './pseudo';

const AS_OF = '2026-11-27';

function kpi(cwd: string, args: string[], env: NodeJS.ProcessEnv = GIT_ENV) {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), ...args], { cwd, encoding: 'utf8', env: inEnglish(env), timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `kpi diff --format json` in `cwd`, which must succeed. */
function diffJson(cwd: string, args: string[] = []): ScorecardDiff {
  const { status, stdout, stderr } = kpi(cwd, ['diff', '--format', 'json', '--as-of', AS_OF, ...args]);
  assert.equal(status, 0, stderr);
  return JSON.parse(stdout) as ScorecardDiff;
}

/** The company samples (without the pitfalls), their SQL snapshots (.kpi/) and workbook included, as files under `kpis/`. */
function sampleFiles(): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(REPO, 'samples', dir), { withFileTypes: true })) {
      const name = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'pitfalls') walk(name);
      } else {
        const bytes = fs.readFileSync(path.join(REPO, 'samples', name));
        files[path.posix.join('kpis', name)] = name.endsWith('.xlsx') ? bytes : bytes.toString('utf8');
      }
    }
  };
  walk('');
  return files;
}

/** Replaces `from` by `to` in a file of the repository, exactly once. */
function edit(top: string, file: string, from: string | RegExp, to: string): void {
  const text = fs.readFileSync(path.join(top, file), 'utf8');
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `${file}: ${String(from)} not found`);
  fs.writeFileSync(path.join(top, file), changed);
}

describe('kpi diff', () => {
  /** main: first ─ ebit target raised (after the topic branched off); topic: first ─ the changes below, in the working tree. */
  let top: string;
  let kpis: string;
  let base: string;

  before(() => {
    top = repository(sampleFiles());
    kpis = path.join(top, 'kpis');
    base = git(top, 'rev-parse', 'HEAD');
    git(top, 'checkout', '-q', '-b', 'topic');
    // On main, after the topic branched off: a change the topic must not be blamed for.
    git(top, 'checkout', '-q', 'main');
    edit(top, 'kpis/financial.kpi.yaml', 'target: { value: 9.0, date: 2026 }', 'target: { value: 10.0, date: 2026 }');
    commitAll(top, 'main moves on');
    git(top, 'checkout', '-q', 'topic');
    // The topic's changes, left uncommitted: the working tree is the head.
    edit(top, 'kpis/financial.kpi.yaml', 'target: { value: 25.0, date: 2026-12 }', 'target: { value: 22.0, date: 2026-12 }');
    edit(top, 'kpis/financial.kpi.yaml', '{ date: 2026-03, value: 45.3 }', '{ date: 2026-03, value: 45.0 }');
    edit(top, 'kpis/hr.kpi.yaml', /\n {2}- id: employee-nps\n[\s\S]*?(?=\n {2}- id: |\n*$)/, '\n');
    fs.appendFileSync(
      path.join(kpis, 'customer.kpi.yaml'),
      ['', '  - id: chat-response-time', '    name: Chat response time', '    category: customer', '    goals: [loved-by-customer]', ''].join('\n'),
    );
  });

  it('lists what the working tree changes against the merge base, not against the tip of main', () => {
    const diff = diffJson(kpis, ['--base', 'main']);
    assert.equal(diff.version, 1);
    assert.deepEqual(diff.base, { rev: 'main', commit: base });
    assert.deepEqual(diff.head, { rev: 'working tree', commit: null });
    assert.equal(diff.asOf, AS_OF);
    assert.equal(
      diff.kpis.find((k) => k.id === 'ebit-margin'),
      undefined,
      "main's own change after the merge base is not the topic's",
    );
    const growth = diff.kpis.find((k) => k.id === 'web-sales-growth')!;
    assert.equal(growth.change, 'changed');
    assert.deepEqual(
      growth.fields.filter((f) => f.field === 'target.value'),
      [{ field: 'target.value', group: 'target', from: 25, to: 22, verdict: 'loosened' }],
    );
    const margin = diff.kpis.find((k) => k.id === 'gross-margin')!;
    assert.deepEqual(margin.data?.edited, [{ date: '2026-03', from: 45.3, to: 45 }]);
    assert.equal(margin.data?.historyRewritten, true);
    assert.deepEqual(
      diff.kpis.filter((k) => k.change !== 'changed').map((k) => [k.id, k.change]),
      [
        ['chat-response-time', 'added'],
        ['employee-nps', 'removed'],
      ],
    );
    assert.deepEqual(
      diff.problems.new.map((p) => [p.file, p.code]).filter(([, code]) => code === 'unknown-goal'),
      [['customer.kpi.yaml', 'unknown-goal']],
    );
    assert.deepEqual(diff.problems.fixed, []);
    assert.equal(diff.summary.kpis.removed, 1);
    assert.equal(diff.summary.historyRewritten, 1);
    assert.ok(diff.summary.loosened >= 1);
    assert.ok(diff.summary.problems.newErrors >= 1);
  });

  it('prints a table and a Markdown comment with only what changed', () => {
    const table = kpi(kpis, ['diff', '--base', 'main', '--as-of', AS_OF]);
    assert.equal(table.status, 0, table.stderr);
    const lines = table.stdout.split('\n');
    assert.equal(lines[0], `KPI diff: main (${base.slice(0, 7)}) → working tree`);
    assert.match(lines[1], /^As of 2026-11-27 · .*1 KPI added; 1 KPI removed; .*history rewritten in 1 KPI; \d+ new problems?$/);
    assert.ok(lines.includes('  Web shop net sales growth, year on year  target  25 % → 22 %  loosened'), table.stdout);
    assert.match(table.stdout, /\n {6}2026-03: 45\.3 % → 45 %\n/);

    const markdown = kpi(kpis, ['diff', '--base', 'main', '--as-of', AS_OF, '--format', 'markdown']);
    assert.equal(markdown.status, 0, markdown.stderr);
    assert.ok(markdown.stdout.startsWith(`${DIFF_MARKER}\n## KPI diff: `), markdown.stdout);
    assert.match(markdown.stdout, /\| Web shop net sales growth, year on year \| target \| 25 % \| ▼ 22 % \| 🔴 loosened \|/);
    assert.match(markdown.stdout, /<details><summary>Measurements \(1\)<\/summary>/);
    // Unchanged KPIs are counted, not listed.
    assert.doesNotMatch(markdown.stdout, /Repeat purchase rate/);
    assert.match(markdown.stdout, /\n_\d+ KPIs unchanged_\n$/);
  });

  it('exits 1 with --exit-code or a --fail-on that happened, 0 otherwise, 2 for a --fail-on it does not know', () => {
    const status = (...args: string[]) => kpi(kpis, ['diff', '--base', 'main', '--as-of', AS_OF, '--format', 'json', ...args]).status;
    assert.equal(status(), 0);
    assert.equal(status('--exit-code'), 1);
    assert.equal(status('--fail-on', 'new-errors'), 1);
    assert.equal(status('--fail-on', 'kpi-removed,history-rewritten'), 1);
    assert.equal(status('--fail-on', 'target-loosened'), 1);
    const clean = kpi(kpis, ['diff', '--base', 'HEAD', '--head', 'HEAD', '--as-of', AS_OF, '--exit-code', '--fail-on', 'new-errors,status-worse']);
    assert.deepEqual([clean.status, clean.stdout.split('\n')[1]], [0, 'As of 2026-11-27 · no change to the scorecard']);
    const wrong = kpi(kpis, ['diff', '--fail-on', 'new-errors,typos']);
    assert.deepEqual(wrong, {
      status: 2,
      stdout: '',
      stderr: 'kpi: --fail-on takes a comma list of new-errors, new-warnings, target-loosened, status-worse, kpi-removed, history-rewritten, not "typos"\n',
    });
  });

  it('a revision against itself: no change, for the samples', () => {
    const same = diffJson(kpis, ['--base', 'main', '--head', 'main']);
    assert.deepEqual([same.kpis, same.goals, same.problems, same.unparsed], [[], [], { new: [], fixed: [] }, []]);
    assert.equal(same.summary.kpis.unchanged, 14);
  });

  it('lists exactly the KPIs whose kpi status --format json differs between two commits (random edits of the samples)', () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const repo = repository(sampleFiles());
      const folder = path.join(repo, 'kpis');
      const before = git(repo, 'rev-parse', 'HEAD');
      // Targets moved, past measurements edited, owners changed, each now and then; a KPI file's lines are edited in place.
      const edits: [RegExp, (match: string, head: string, value: string) => string, number][] = [
        [/^(\s+target: \{ value: )([\d.]+)/, (_, head, value) => `${head}${Number(value) + 1}`, 0.3],
        [/^(\s+- \{ date: [^,]+, value: )([\d.]+)/, (_, head, value) => `${head}${Number(value) + 0.5}`, 0.05],
        [/^(\s+owner: )(.+)$/, (_, head) => `${head}Someone Else`, 0.2],
      ];
      for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.kpi.yaml'))) {
        const text = fs.readFileSync(path.join(folder, file), 'utf8');
        const lines = text.split('\n').map((line) => {
          for (const [pattern, change, chance] of edits) if (pattern.test(line) && next() < chance) return line.replace(pattern, change);
          return line;
        });
        fs.writeFileSync(path.join(folder, file), lines.join('\n'));
      }
      const after = commitAll(repo, 'random edits');
      const status = (commit: string) => {
        git(repo, 'checkout', '-q', commit);
        const result = kpi(folder, ['status', '--format', 'json', '--as-of', AS_OF]);
        const entries = (JSON.parse(result.stdout) as { kpis: { id: string; file?: string; line?: number; reason?: string }[] }).kpis;
        // Where a KPI is and the words of its reason are not what the diff compares.
        const compared = (entry: (typeof entries)[number]) => JSON.stringify({ ...entry, file: undefined, line: undefined, reason: undefined });
        return new Map(entries.map((entry) => [entry.id, compared(entry)]));
      };
      const [old, now] = [status(before), status(after)];
      const differ = [...new Set([...old.keys(), ...now.keys()])].filter((id) => old.get(id) !== now.get(id)).sort();
      assert.ok(differ.length > 0, `seed ${seed}: the edits change something`);
      const diff = diffJson(folder, ['--base', before, '--head', after]);
      assert.deepEqual(diff.kpis.map((k) => k.id).sort(), differ, `seed ${seed}`);
      const same = diffJson(folder, ['--base', after, '--head', after]);
      assert.deepEqual([same.kpis, same.goals], [[], []], `seed ${seed}: a commit against itself`);
    }
  });

  it('reports a KPI file that does not parse at the base as a change, not a crash', () => {
    const repo = repository({ 'a.kpi.yaml': 'kpi: 1\ngoals:\n  - id: g\n    title: [unclosed\n' });
    fs.writeFileSync(path.join(repo, 'a.kpi.yaml'), 'kpi: 1\ngoals:\n  - id: g\n    title: Fixed\n');
    const diff = diffJson(repo);
    assert.deepEqual(
      diff.unparsed.map((u) => [u.side, u.file]),
      [['base', 'a.kpi.yaml']],
    );
    assert.deepEqual(
      diff.problems.fixed.map((p) => p.code),
      ['yaml-syntax'],
    );
  });

  it('says in one line, exit 2, what to do: outside a repository, an unknown revision, a shallow clone, git missing', () => {
    const outside = freshFolder('outside');
    fs.writeFileSync(path.join(outside, 'a.kpi.yaml'), 'kpi: 1\n');
    const env = { ...GIT_ENV, GIT_CEILING_DIRECTORIES: path.dirname(outside) };
    assert.deepEqual(kpi(outside, ['diff'], env), {
      status: 2,
      stdout: '',
      stderr: `kpi: ${outside} is not in a git repository: kpi diff reads the files at a revision from git, so run it inside a clone of the repository\n`,
    });
    assert.deepEqual(kpi(kpis, ['diff', '--base', 'no-such-branch']), {
      status: 2,
      stdout: '',
      stderr: 'kpi: unknown revision "no-such-branch": name a commit, branch or tag of this repository (fetch it first if it is only on a remote)\n',
    });
    const shallow = path.join(freshFolder('shallow'), 'clone');
    git(path.dirname(shallow), ...IDENTITY, 'clone', '-q', '--depth', '1', '--branch', 'main', `file://${top}`, shallow);
    const cut = kpi(path.join(shallow, 'kpis'), ['diff', '--base', 'main~1']);
    assert.equal(cut.status, 2);
    assert.match(
      cut.stderr,
      /^kpi: unknown revision "main~1" in a shallow clone: fetch the whole history \(fetch-depth: 0 in actions\/checkout, or git fetch --unshallow\) and run kpi diff again\n$/,
    );
    const noGit = kpi(kpis, ['diff'], { ...GIT_ENV, PATH: freshFolder('no-git') });
    assert.deepEqual(noGit, {
      status: 2,
      stdout: '',
      stderr: 'kpi: git was not found on the PATH: kpi diff needs git to read the files at a revision; install git or add its folder to the PATH\n',
    });
  });

  it('keeps the Markdown of a change to 2,000 KPIs under the limit, the details dropped first, and says so', () => {
    const many = (target: number, owner: string) =>
      [
        'kpi: 1',
        'goals:',
        '  - id: g',
        '    title: Goal',
        'kpis:',
        ...Array.from({ length: 2000 }, (_, i) =>
          [
            `  - id: kpi-${i}`,
            `    name: Key performance indicator number ${i}`,
            '    category: operational',
            '    goals: [g]',
            `    owner: ${owner}`,
            '    unit: "%"',
            '    frequency: monthly',
            `    target: { value: ${target}, date: 2026-12 }`,
            '    measurements: [{ date: 2026-10, value: 50 }]',
          ].join('\n'),
        ),
        '',
      ].join('\n');
    const repo = repository({ 'many.kpi.yaml': many(60, 'Anna') });
    fs.writeFileSync(path.join(repo, 'many.kpi.yaml'), many(55, 'Bertil'));
    const { status, stdout, stderr } = kpi(repo, ['diff', '--as-of', AS_OF, '--format', 'markdown']);
    assert.equal(status, 0, stderr);
    assert.ok(stdout.length <= MARKDOWN_LIMIT, `${stdout.length} characters`);
    assert.ok(
      stdout.startsWith(`${DIFF_MARKER}\n## KPI diff: 2,000 KPIs better; 2,000 targets or thresholds loosened; 2,000 KPIs changed\n`),
      stdout.slice(0, 300),
    );
    assert.match(
      stdout,
      /_Details \(measurements, names and descriptions\) were left out to keep this comment under 60,000 characters; run kpi diff locally for all of them\._/,
    );
    assert.doesNotMatch(stdout, /<details>/);
    assert.match(stdout, /_\d[\d,]* more rows left out to keep this comment short\._/);
    // Every KPI changed: no line counts the unchanged ones.
    assert.ok(stdout.endsWith('run kpi diff locally for all of them._\n'), stdout.slice(-300));
  });

  it("takes every word it prints from the catalogue (the pseudo-locale marks them), apart from the workspace's own", () => {
    const diff = diffJson(kpis, ['--base', 'main']);
    // The user's words: KPI names, ids and files, goal titles and the values of their fields, rule codes, the revision and its commit.
    const fieldValues = (fields: readonly { from: unknown; to: unknown }[]) =>
      fields.flatMap((f) => [f.from, f.to].flat()).filter((value): value is string => typeof value === 'string');
    const users = [
      ...diff.kpis.flatMap((k) => [k.name, k.id, k.file]),
      ...diff.goals.flatMap((g) => [g.title, ...fieldValues(g.fields)]),
      ...[...diff.problems.new, ...diff.problems.fixed].flatMap((p) => [p.file, p.code]),
      diff.base.commit.slice(0, 7),
      'main',
    ].sort((a, b) => b.length - a.length);
    for (const format of ['table', 'markdown']) {
      const { status, stdout } = kpi(kpis, ['diff', '--base', 'main', '--as-of', AS_OF, '--format', format, '--locale', 'qps-ploc']);
      assert.equal(status, 0);
      // Markdown escapes punctuation in the user's words; the comment's marker and its HTML tags are not words.
      let rest = stdout
        .replace(/\\(.)/g, '$1')
        .replace(DIFF_MARKER, '')
        .replace(/<\/?(details|summary|br)>/g, ' ');
      rest = outsideMarks(rest);
      for (const user of users) rest = rest.split(user).join(' ');
      assert.deepEqual(
        rest.split(/\s+/).filter((word) => /\p{L}/u.test(word)),
        [],
        format,
      );
    }
  });

  it('speaks Swedish with --locale sv', () => {
    const { status, stdout } = kpi(kpis, ['diff', '--base', 'main', '--as-of', AS_OF, '--locale', 'sv']);
    assert.equal(status, 0);
    assert.equal(stdout.split('\n')[0], `KPI-diff: main (${base.slice(0, 7)}) → arbetskatalogen`);
    assert.match(stdout, /\n {2}Web shop net sales growth, year on year {2}målvärde {2}25\u00a0% → 22\u00a0% {2}mildrat\n/);
    assert.match(stdout, /\n {6}2026-03: 45,3\u00a0% → 45\u00a0%\n/);
  });
});
