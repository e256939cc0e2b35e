import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import fsModule from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it, mock } from 'node:test';
import { run } from '../server/src/cli/main';
import { crowdedFolder, latin1, mkfifo, symlinkMaze, utf16WithBom } from './faults';
import { GOOD_FILE, REPO } from './helpers';
import { inEnglish } from './machine';

/** Writes files into a fresh temporary folder (its real path) and returns it. */
function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cli-faults-')));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

interface Outcome {
  readonly status: number | null;
  readonly stderr: string;
  /** Each file's diagnostics as `line:column code`. */
  readonly files: Record<string, string[]>;
}

function outcome(status: number | null, stdout: string, stderr: string): Outcome {
  const report = JSON.parse(stdout) as { files: { path: string; diagnostics: { line: number; column: number; code: string }[] }[] };
  return { status, stderr, files: Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)])) };
}

const ARGS = ['lint', '--format', 'json', '--as-of', '2026-11-27'];

/** `kpi lint --format json` as a user runs it. */
function lint(cwd: string): Outcome {
  const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), ...ARGS], { cwd, encoding: 'utf8', env: inEnglish(), timeout: 120_000 });
  return outcome(result.status, result.stdout, result.stderr);
}

/** The same in this process, where a test can make the file system fail at the moment it wants. */
function lintHere(cwd: string): Outcome {
  let stdout = '';
  let stderr = '';
  const status = run(ARGS, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: {} });
  return outcome(status, stdout, stderr);
}

/** A second KPI file with one known problem, to show the rest of the workspace is still linted. */
const UNLINKED = GOOD_FILE.replace(/^ *goals: .*\n/m, '')
  .replace(/grow-revenue\n/, 'grow-margin\n')
  .replace('sales-growth', 'gross-margin');
const LINTED = { 'good.kpi.yaml': [], 'unlinked.kpi.yaml': ['3:9 unmeasured-goal', '6:9 unlinked-kpi'] };

describe('kpi lint under file system faults', () => {
  it('a file that disappears between listing and reading: one line on stderr, exit code 2, the rest linted', () => {
    const cwd = workspace({ 'good.kpi.yaml': GOOD_FILE, 'unlinked.kpi.yaml': UNLINKED, 'vanishing.kpi.yaml': GOOD_FILE });
    const vanishing = path.join(cwd, 'vanishing.kpi.yaml');
    const openSync = fsModule.openSync;
    // The file is listed, then deleted just before it is opened.
    mock.method(fsModule, 'openSync', (file: fs.PathLike, flags: fs.OpenMode) => {
      if (file === vanishing) fs.rmSync(vanishing, { force: true });
      return openSync(file, flags);
    });
    try {
      assert.deepEqual(lintHere(cwd), { status: 2, stderr: 'kpi: cannot read vanishing.kpi.yaml: it does not exist\n', files: LINTED });
    } finally {
      mock.restoreAll();
    }
  });

  it('an unreadable file: one line on stderr, exit code 2, the rest linted', () => {
    const cwd = workspace({ 'good.kpi.yaml': GOOD_FILE, 'unlinked.kpi.yaml': UNLINKED, 'locked.kpi.yaml': GOOD_FILE });
    const locked = path.join(cwd, 'locked.kpi.yaml');
    const expected = { status: 2, stderr: 'kpi: cannot read locked.kpi.yaml: permission denied\n', files: LINTED };
    fs.chmodSync(locked, 0o000);
    let readable = true;
    try {
      fs.readFileSync(locked);
    } catch {
      readable = false;
    }
    if (!readable) {
      assert.deepEqual(lint(cwd), expected);
      return;
    }
    // As root chmod does not stop reads: the read fails here as it would for anyone else (EACCES).
    const openSync = fsModule.openSync;
    mock.method(fsModule, 'openSync', (file: fs.PathLike, flags: fs.OpenMode) => {
      if (file === locked) throw Object.assign(new Error(`EACCES: permission denied, open '${locked}'`), { code: 'EACCES' });
      return openSync(file, flags);
    });
    try {
      assert.deepEqual(lintHere(cwd), expected);
    } finally {
      mock.restoreAll();
    }
  });

  it('files saved as Latin-1 or UTF-16: one clear yaml-syntax error each, exit code 1, the rest linted', () => {
    const cwd = workspace({
      'good.kpi.yaml': GOOD_FILE,
      'unlinked.kpi.yaml': UNLINKED,
      'latin1.kpi.yaml': latin1(
        GOOD_FILE.replace('Erik Lund', 'Åsa Öberg')
          .replace(/sales-growth/g, 'latin-growth')
          .replace(/grow-revenue/g, 'latin-revenue'),
      ),
      'utf16.kpi.yaml': utf16WithBom(GOOD_FILE.replace(/sales-growth/g, 'utf16-growth').replace(/grow-revenue/g, 'utf16-revenue')),
    });
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'lint', '--as-of', '2026-11-27'], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    assert.equal(result.status, 1);
    assert.equal(result.stderr, '');
    assert.equal(
      result.stdout,
      [
        '',
        'latin1.kpi.yaml',
        '  10:12  error  The file is not UTF-8 text (\ufffd marks a byte UTF-8 does not allow, such as a Latin-1 ö): save it as UTF-8.  yaml-syntax',
        '',
        'unlinked.kpi.yaml',
        '  3:9  warning  Goal `grow-margin` is measured by no KPI: link a KPI to it (or to a sub-goal), or mark it achieved or dropped.  unmeasured-goal',
        '  6:9  warning  KPI `gross-margin` is linked to no goal: list the goals it measures under `goals`.  unlinked-kpi',
        '',
        'utf16.kpi.yaml',
        '  1:1  error  The file is UTF-16 text: save it as UTF-8.  yaml-syntax',
        '',
        '✖ 4 problems (2 errors, 2 warnings)',
        '',
        '',
      ].join('\n'),
    );
  });

  it('a named pipe or a file over 64 MB as a KPI file, CSV source or configuration: its reason, and no wait on the pipe', () => {
    const withSource = (csv: string, id: string) =>
      GOOD_FILE.replace('source: CRM monthly export', `source: { file: ${csv}, date: month, value: growth }`)
        .replace(/sales-growth/g, id)
        .replace(/grow-revenue/g, `${id}-revenue`);
    const cwd = workspace({
      'good.kpi.yaml': GOOD_FILE,
      'unlinked.kpi.yaml': UNLINKED,
      'piped.kpi.yaml': withSource('data/pipe.csv', 'piped'),
      'huge.kpi.yaml': withSource('data/huge.csv', 'huge'),
    });
    mkfifo(path.join(cwd, 'data/pipe.csv'));
    mkfifo(path.join(cwd, 'pipe.kpi.yaml'));
    // Sparse: 65 MB long, no disk used.
    fs.writeFileSync(path.join(cwd, 'data/huge.csv'), 'month,growth\n');
    fs.truncateSync(path.join(cwd, 'data/huge.csv'), 65 * 1024 * 1024);
    const cannotRead = (csv: string, reason: string) =>
      `17:21 source-not-found Source file \`${csv}\` cannot be read (${reason}): fix the path, which is relative to this file's folder.`;
    // The folder walk lists only files; the pipe given by name is refused as it is opened.
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), ...ARGS, '.', 'pipe.kpi.yaml'], {
      cwd,
      encoding: 'utf8',
      env: inEnglish(),
      timeout: 60_000,
    });
    assert.equal(result.signal, null, 'kpi lint ended by itself');
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { line: number; column: number; code: string; message: string }[] }[] };
    assert.deepEqual(
      {
        status: result.status,
        stderr: result.stderr,
        files: Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)])),
      },
      {
        status: 2,
        stderr: 'kpi: cannot read pipe.kpi.yaml: it is a named pipe, not a file\n',
        files: {
          'good.kpi.yaml': [],
          'huge.kpi.yaml': [cannotRead('data/huge.csv', 'it is larger than 64 MB')],
          'piped.kpi.yaml': [cannotRead('data/pipe.csv', 'it is a named pipe, not a file')],
          'unlinked.kpi.yaml': [
            '3:9 unmeasured-goal Goal `grow-margin` is measured by no KPI: link a KPI to it (or to a sub-goal), or mark it achieved or dropped.',
            '6:9 unlinked-kpi KPI `gross-margin` is linked to no goal: list the goals it measures under `goals`.',
          ],
        },
      },
    );

    // In Swedish, the reason is the catalogue's too.
    const swedish = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), ...ARGS, 'piped.kpi.yaml', 'huge.kpi.yaml', '--locale', 'sv'], {
      cwd,
      encoding: 'utf8',
      env: inEnglish(),
      timeout: 60_000,
    });
    const said = (JSON.parse(swedish.stdout) as { files: { path: string; diagnostics: { message: string }[] }[] }).files.map((f) => [
      f.path,
      f.diagnostics.map((d) => d.message),
    ]);
    const källfilen = (csv: string, reason: string) =>
      `Källfilen \`${csv}\` kan inte läsas (${reason}): rätta sökvägen, som är relativ till den här filens mapp.`;
    assert.deepEqual(said, [
      ['huge.kpi.yaml', [källfilen('data/huge.csv', 'den är större än 64 MB')]],
      ['piped.kpi.yaml', [källfilen('data/pipe.csv', 'det är en namngiven pipe, inte en fil')]],
    ]);

    const configured = workspace({ 'good.kpi.yaml': GOOD_FILE });
    mkfifo(path.join(configured, 'kpi.config.yaml'));
    const withConfig = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), ...ARGS], {
      cwd: configured,
      encoding: 'utf8',
      env: inEnglish(),
      timeout: 60_000,
    });
    assert.deepEqual(
      { status: withConfig.status, signal: withConfig.signal, stdout: withConfig.stdout, stderr: withConfig.stderr },
      {
        status: 2,
        signal: null,
        stdout: '',
        stderr: `kpi: cannot read the configuration ${path.join(configured, 'kpi.config.yaml')}: it is a named pipe, not a file\n`,
      },
    );
  });

  it('a folder of 20,000 other files, 200 folders deep, with KPI files in node_modules and dot-folders: only the KPI files', { timeout: 120_000 }, () => {
    const cwd = workspace({ 'good.kpi.yaml': GOOD_FILE, 'unlinked.kpi.yaml': UNLINKED });
    const deep = crowdedFolder(cwd, GOOD_FILE.replace(/sales-growth/g, 'deep-growth').replace(/grow-revenue/g, 'deep-revenue'));
    assert.deepEqual(lint(cwd), { status: 0, stderr: '', files: { [deep.split(path.sep).join('/')]: [], ...LINTED } });
  });

  it('symbolic links that loop, point to themselves, lead out of the folder or nowhere: each file once, no duplicate-id', () => {
    const cwd = workspace({ 'good.kpi.yaml': GOOD_FILE, 'team/unlinked.kpi.yaml': UNLINKED });
    symlinkMaze(cwd, 'team', 'good.kpi.yaml');
    assert.deepEqual(lint(cwd), { status: 0, stderr: '', files: { 'good.kpi.yaml': [], 'team/unlinked.kpi.yaml': LINTED['unlinked.kpi.yaml'] } });
  });
});
