import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { lintPaths } from '../../server/src/cli/workspace';
import { translator } from '../../server/src/core/l10n/catalogue';
import { GitError, gitRepository, materialize, repositoryFolder, resolveRevisions, WORKING_TREE } from '../../server/src/node/git';
import { GOOD_FILE } from '../helpers';
import { commit, commitAll, freshFolder, git, GIT_ENV as ENV, IDENTITY, OPTIONS, repository, TEMP, writeFiles } from '../git-repository';

/** What `fn` throws, which must be a GitError; its message in English. */
function gitError(fn: () => unknown): GitError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof GitError, `not a GitError: ${String(error)}`);
    return error;
  }
  assert.fail('no GitError was thrown');
}

const FETCH_ALL = 'fetch the whole history (fetch-depth: 0 in actions/checkout, or git fetch --unshallow) and run kpi diff again';

/**
 * main: first ─ second ─ fourth
 *                  └─ third (topic)
 * and `other`, an unrelated history. The working tree is on main.
 */
function forkedRepository() {
  const top = repository({ 'a.txt': 'a\n' });
  writeFiles(top, { 'b.txt': 'b\n' });
  const second = commitAll(top, 'second');
  git(top, 'checkout', '-q', '-b', 'topic');
  writeFiles(top, { 'c.txt': 'c\n' });
  const third = commitAll(top, 'third');
  git(top, 'checkout', '-q', 'main');
  writeFiles(top, { 'd.txt': 'd\n' });
  const fourth = commitAll(top, 'fourth');
  git(top, 'checkout', '-q', '--orphan', 'other');
  git(top, 'rm', '-q', '-r', '-f', '.');
  writeFiles(top, { 'z.txt': 'z\n' });
  commitAll(top, 'unrelated');
  git(top, 'checkout', '-q', 'main');
  return { top, second, third, fourth };
}

describe('the git repository (SPEC §7)', () => {
  const { top, second, third, fourth } = forkedRepository();

  it('is found from a folder inside it, at its top level', () => {
    fs.mkdirSync(path.join(top, 'kpis', 'sub'), { recursive: true });
    assert.equal(gitRepository(path.join(top, 'kpis', 'sub'), OPTIONS), top);
    assert.equal(repositoryFolder(top, path.join(top, 'kpis', 'sub')), 'kpis/sub');
    assert.equal(repositoryFolder(top, top), '');
  });

  it('outside a repository is a GitError saying to run inside a clone', () => {
    const outside = freshFolder('outside');
    // The search for a repository stops at the temporary folder, whatever lies above it.
    const error = gitError(() => gitRepository(outside, { env: { ...ENV, GIT_CEILING_DIRECTORIES: TEMP } }));
    assert.equal(
      error.message,
      `${outside} is not in a git repository: kpi diff reads the files at a revision from git, so run it inside a clone of the repository`,
    );
  });

  it('without git on the PATH is a GitError saying kpi diff needs git', () => {
    const error = gitError(() => gitRepository(top, { env: { ...ENV, PATH: freshFolder('no-git') } }));
    assert.equal(error.message, 'git was not found on the PATH: kpi diff needs git to read the files at a revision; install git or add its folder to the PATH');
  });

  it('takes the merge base as the base, not the tip of the base branch (as git diff main...)', () => {
    git(top, 'checkout', '-q', 'topic');
    try {
      assert.deepEqual(resolveRevisions(top, 'main', undefined, OPTIONS), {
        base: { rev: 'main', commit: second },
        head: { rev: WORKING_TREE, commit: null },
      });
    } finally {
      git(top, 'checkout', '-q', 'main');
    }
    assert.notEqual(second, fourth);
  });

  it('takes a head revision as given, and the merge base with it', () => {
    assert.deepEqual(resolveRevisions(top, 'main', 'topic', OPTIONS), { base: { rev: 'main', commit: second }, head: { rev: 'topic', commit: third } });
    // By default the base is HEAD: on main, its tip, against the working tree.
    assert.deepEqual(resolveRevisions(top, 'HEAD', undefined, OPTIONS).base, { rev: 'HEAD', commit: fourth });
    // A tag is followed to its commit; a short id gives the full one.
    git(top, ...IDENTITY, 'tag', '-a', '-m', 'release', 'v1', third);
    assert.equal(resolveRevisions(top, 'v1', 'topic', OPTIONS).base.commit, third);
    assert.equal(resolveRevisions(top, third.slice(0, 7), 'topic', OPTIONS).base.commit, third);
  });

  it('names an unknown revision, in English and in Swedish', () => {
    const error = gitError(() => resolveRevisions(top, 'nope', undefined, OPTIONS));
    assert.equal(error.message, 'unknown revision "nope": name a commit, branch or tag of this repository (fetch it first if it is only on a remote)');
    assert.equal(
      translator('sv').text(error.reason),
      'okänd revision "nope": ange en incheckning, gren eller tagg i det här repot (hämta den först om den bara finns i ett fjärrepo)',
    );
    assert.equal(gitError(() => resolveRevisions(top, 'main', 'topic~9', OPTIONS)).message.split(':')[0], 'unknown revision "topic~9"');
  });

  it('never passes a revision that git would read as an option', () => {
    const written = path.join(TEMP, 'written-by-git');
    const error = gitError(() => resolveRevisions(top, `--output=${written}`, undefined, OPTIONS));
    assert.match(error.message, /^unknown revision "--output=/);
    assert.equal(fs.existsSync(written), false);
    assert.match(gitError(() => resolveRevisions(top, '', undefined, OPTIONS)).message, /^unknown revision "":/);
  });

  it('says when two histories have no merge base', () => {
    const error = gitError(() => resolveRevisions(top, 'other', undefined, OPTIONS));
    assert.equal(error.message, 'other and HEAD have no merge base (their histories are unrelated): pass --base a revision that shares history with HEAD');
  });

  it('in a shallow clone without the merge base, says to fetch the whole history (fetch-depth: 0)', () => {
    const shallow = path.join(freshFolder('clone'), 'shallow');
    git(TEMP, 'clone', '-q', '--depth', '1', '--no-single-branch', `file://${top}`, shallow);
    const error = gitError(() => resolveRevisions(shallow, 'origin/topic', undefined, OPTIONS));
    assert.equal(error.message, `the merge base of origin/topic and HEAD is not in this shallow clone: ${FETCH_ALL}`);
    // A branch the clone never fetched: the same advice.
    const missing = gitError(() => resolveRevisions(shallow, 'origin/gone', undefined, OPTIONS));
    assert.equal(missing.message, `unknown revision "origin/gone" in a shallow clone: ${FETCH_ALL}`);
    // HEAD against itself needs no history.
    assert.equal(resolveRevisions(shallow, 'HEAD', undefined, OPTIONS).base.commit, fourth);
  });
});

/** GOOD_FILE with its measurements read from `csv` (relative to the KPI file). */
const readingFrom = (csv: string) => GOOD_FILE.replace(/source: CRM monthly export\n[\s\S]*$/, `source: { file: ${csv}, date: month, value: growth }\n`);
const CSV = 'month,growth\n2026-08,5.5\n2026-09,five\n2026-10,5.9\n';

/** What kpi lint finds in the workspace at `cwd`: the root relative to `top`, and each problem as `file:line code message`. */
function linted(top: string, cwd: string) {
  const { result, root } = lintPaths({ paths: [], cwd, asOf: '2026-11-27' });
  const problems = result.files.flatMap((file) =>
    file.diagnostics.map((d) => `${path.relative(top, file.file.path)}:${file.lines.lineOf(d.span.start) + 1} ${d.code} ${d.message}`),
  );
  return { root: path.relative(top, root), problems };
}

describe('materialize: the files kpi lint reads, at a commit', () => {
  const top = repository({
    'kpi.config.yaml': 'ignore: [kpis/drafts/**]\n',
    'kpis/sales.kpi.yaml': readingFrom('../data/sales.csv'),
    'kpis/sub/more.kpi.yml': GOOD_FILE.replace(/sales-growth/g, 'more-growth').replace(/grow-revenue/g, 'grow-more'),
    'kpis/drafts/broken.kpi.yaml': 'kpi: 1\nkpis: [oops\n',
    'kpis/notes.md': 'notes\n',
    'data/sales.csv': CSV,
    'data/unused.csv': CSV,
    'other/kpi.config.yaml': 'ignore: []\n',
    'other/elsewhere.kpi.yaml': GOOD_FILE,
    'other/readme.md': 'not a KPI file\n',
  });
  // A link to a KPI file and a submodule named like one: neither has a file to write.
  fs.symlinkSync('sales.kpi.yaml', path.join(top, 'kpis', 'link.kpi.yaml'));
  git(top, 'add', 'kpis/link.kpi.yaml');
  // Staged only: a submodule has no file in the working tree for `add -A` to keep.
  git(top, 'update-index', '--add', '--cacheinfo', `160000,${git(top, 'rev-parse', 'HEAD')},kpis/vendored.kpi.yaml`);
  const linked = commit(top, 'links');

  it('writes the KPI files of the workspace folder, every configuration and the data files they name, in the same layout', () => {
    const dest = freshFolder('base');
    const written = materialize(top, linked, 'kpis', dest, OPTIONS);
    const expected = [
      'data/sales.csv',
      'kpi.config.yaml',
      'kpis/drafts/broken.kpi.yaml',
      'kpis/sales.kpi.yaml',
      'kpis/sub/more.kpi.yml',
      'other/kpi.config.yaml',
    ];
    assert.deepEqual(written, expected);
    const onDisk = fs.readdirSync(dest, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory());
    assert.deepEqual(onDisk.map((entry) => path.relative(dest, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')).sort(), expected);
    assert.equal(fs.readFileSync(path.join(dest, 'data', 'sales.csv'), 'utf8'), CSV);
    // The top level's marker for the workspace root: an empty .git folder.
    assert.deepEqual(fs.readdirSync(path.join(dest, '.git')), []);
  });

  it('writes the snapshots and query file of SQL sources, so that a revision is judged on the data it had', () => {
    const repo = repository({
      'kpi.config.yaml': 'connections:\n  shop: { type: duckdb }\n',
      'kpis/orders.kpi.yaml': [
        'kpi: 1',
        'kpis:',
        '  - id: web-orders',
        '    name: Web orders',
        '    category: operational',
        '    source: { connection: shop, queryFile: ../queries/orders.sql, date: month, value: orders }',
        '',
      ].join('\n'),
      'queries/orders.sql': 'select month, orders from orders\n',
      '.kpi/snapshots/web-orders.csv': 'date,value\n2026-10-01,1140\n',
      '.kpi/snapshots/manifest.json': '{ "version": 1, "snapshots": {} }\n',
      'unrelated/big.csv': 'a\n1\n',
    });
    const dest = freshFolder('base');
    assert.deepEqual(materialize(repo, git(repo, 'rev-parse', 'HEAD'), 'kpis', dest, OPTIONS), [
      '.kpi/snapshots/manifest.json',
      '.kpi/snapshots/web-orders.csv',
      'kpi.config.yaml',
      'kpis/orders.kpi.yaml',
      'queries/orders.sql',
    ]);
  });

  it('is linted as the checkout is: the same root, configuration (its ignore) and CSV source (its bad row)', () => {
    const dest = freshFolder('base');
    materialize(top, linked, 'kpis', dest, OPTIONS);
    const there = linted(dest, path.join(dest, 'kpis'));
    assert.deepEqual(there, linted(top, path.join(top, 'kpis')));
    assert.equal(there.root, '');
    assert.deepEqual(
      there.problems.map((p) => p.split(' ').slice(0, 2).join(' ')),
      ['kpis/sales.kpi.yaml:17 source-bad-row'],
      'the CSV was read and the draft ignored',
    );
  });

  it('without a configuration, has its root at the top level as the checkout has (a CSV in a sibling folder is inside)', () => {
    const plain = repository({ 'kpis/sales.kpi.yaml': readingFrom('../data/sales.csv'), 'data/sales.csv': CSV });
    const dest = freshFolder('base');
    materialize(plain, git(plain, 'rev-parse', 'HEAD'), 'kpis', dest, OPTIONS);
    const there = linted(dest, path.join(dest, 'kpis'));
    assert.deepEqual(there, linted(plain, path.join(plain, 'kpis')));
    assert.deepEqual([there.root, there.problems.map((p) => p.split(' ')[1])], ['', ['source-bad-row']]);
  });

  it("reads the commit's files, not the working tree's, and the whole tree for the top level", () => {
    fs.writeFileSync(path.join(top, 'data', 'sales.csv'), 'month,growth\n');
    try {
      const dest = freshFolder('base');
      assert.deepEqual(materialize(top, linked, '', dest, OPTIONS), [
        'data/sales.csv',
        'kpi.config.yaml',
        'kpis/drafts/broken.kpi.yaml',
        'kpis/sales.kpi.yaml',
        'kpis/sub/more.kpi.yml',
        'other/elsewhere.kpi.yaml',
        'other/kpi.config.yaml',
      ]);
      assert.equal(fs.readFileSync(path.join(dest, 'data', 'sales.csv'), 'utf8'), CSV);
    } finally {
      git(top, 'checkout', '-q', '--', 'data/sales.csv');
    }
  });

  it('refuses a file larger than the limit, naming it and the limit', () => {
    const big = repository({ 'big.kpi.yaml': readingFrom('data/big.csv'), 'data/big.csv': `month,growth\n${'#'.repeat(1024 * 1024)}\n` });
    const head = git(big, 'rev-parse', 'HEAD');
    const error = gitError(() => materialize(big, head, '', freshFolder('base'), { ...OPTIONS, maxBytes: 1024 * 1024 }));
    assert.equal(error.message, `cannot read data/big.csv at commit ${head.slice(0, 12)}: it is larger than 1 MB`);
    assert.equal(translator('sv').text(error.reason), `kan inte läsa data/big.csv i incheckningen ${head.slice(0, 12)}: den är större än 1 MB`);
    // Within the limit, it is written.
    assert.deepEqual(materialize(big, head, '', freshFolder('base'), OPTIONS), ['big.kpi.yaml', 'data/big.csv']);
  });

  it('writes nothing outside the folder, nor into a .git folder, from a crafted tree', () => {
    const blob = (text: string) => execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: top, env: ENV, input: text, encoding: 'utf8' }).trim();
    const tree = (entries: string[]) => execFileSync('git', ['mktree'], { cwd: top, env: ENV, input: entries.join('\n') + '\n', encoding: 'utf8' }).trim();
    const kpi = blob(readingFrom('../../outside.csv'));
    const inner = tree([`100644 blob ${kpi}\tevil.kpi.yaml`, `100644 blob ${blob('ignore: []\n')}\tkpi.config.yaml`]);
    const root = tree([`040000 tree ${inner}\t..`, `040000 tree ${inner}\t.git`, `040000 tree ${inner}\t.GIT`, `100644 blob ${kpi}\tok.kpi.yaml`]);
    const crafted = git(top, ...IDENTITY, 'commit-tree', root, '-m', 'crafted');
    const holder = freshFolder('holder');
    const dest = path.join(holder, 'dest');
    assert.deepEqual(materialize(top, crafted, '', dest, OPTIONS), ['ok.kpi.yaml']);
    assert.deepEqual(fs.readdirSync(holder), ['dest']);
    assert.deepEqual(fs.readdirSync(dest).sort(), ['.git', 'ok.kpi.yaml']);
    assert.deepEqual(fs.readdirSync(path.join(dest, '.git')), []);
  });
});
