import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { formatDay, parseCalendarDay, today } from '../server/src/core/dates';
import { INIT_USAGE, writeExample } from '../server/src/cli/init-command';
import { run } from '../server/src/cli/main';
import { REPO } from './helpers';
import type { LintReport } from '../server/src/cli/formatters/report';
import type { Scorecard } from '../server/src/core/scorecard';

const BIN = path.join(REPO, 'bin', 'kpi.js');
const TEMPLATES = path.join(REPO, 'templates', 'init');

function kpi(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `kpi ...args` run in this process, as the tests of many dates need it fast. */
function kpiHere(cwd: string, args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = run(args, { cwd, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { status, stdout, stderr };
}

const emptyFolder = () => fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-init-')));

const FILES = ['kpi.config.yaml', 'goals.kpi.yaml', 'kpis.kpi.yaml', 'data/recurring-revenue.csv', '.github/workflows/kpi.yml', '.gitignore'];

/** The `.gitignore` of the English example: `.env`, where the secrets of `kpi refresh` are kept, stays out of git. */
const GITIGNORE = '# The secrets of kpi refresh: ${NAME} in kpi.config.yaml is read from the\n# environment or from .env, and .env is never committed.\n.env\n';

/** Said of `.gitignore` when it lists `.env` already: --force does not replace it either. */
const LISTED = 'Kept .gitignore: it lists .env already';

const NEXT = [
  'Next:',
  '  npm install --save-dev kpi-as-code   keep kpi in the project (the workflow runs it)',
  '  npx kpi lint                         check the KPI files',
  '  npx kpi status                       see the scorecard',
  '  code .                               open in VS Code with the KPI as Code extension: live problems, the scorecard preview',
  'Then commit the files: .github/workflows/kpi.yml lints every pull request.',
];

/** Every file under `folder`, relative, with its text. */
function contents(folder: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of fs.readdirSync(folder, { recursive: true }).map(String).sort()) {
    const full = path.join(folder, name);
    if (fs.statSync(full).isFile()) found[name.split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
  }
  return found;
}

describe('kpi init', () => {
  it('writes the example into an empty folder, says what it wrote and what to do next; it lints clean today and shows a scorecard', () => {
    const cwd = emptyFolder();
    const init = kpi(cwd, ['init']);
    assert.deepEqual(init, { status: 0, stdout: [...FILES.map((f) => `Created ${f}`), '', ...NEXT, ''].join('\n'), stderr: '' });
    assert.deepEqual(Object.keys(contents(cwd)).sort(), [...FILES].sort());
    assert.equal(contents(cwd)['.gitignore'], GITIGNORE);
    // Today, with no --as-of: what a new user runs first.
    assert.deepEqual(kpi(cwd, ['lint']), { status: 0, stdout: '', stderr: '' });
    const json = JSON.parse(kpi(cwd, ['lint', '--format', 'json']).stdout) as LintReport;
    assert.deepEqual([json.errorCount, json.warningCount, json.infoCount], [0, 0, 0]);
    const status = kpi(cwd, ['status', '--format', 'json']);
    assert.equal(status.status, 0);
    assert.equal(status.stderr, '');
    const scorecard = JSON.parse(status.stdout) as Scorecard;
    assert.deepEqual(
      scorecard.kpis.map((k) => [k.id, k.category, k.status, k.stale]),
      [
        ['recurring-revenue', 'financial', 'on-track', false],
        ['on-time-delivery', 'operational', 'at-risk', false],
        ['net-promoter-score', 'customer', 'on-track', false],
        ['staff-turnover', 'hr', 'on-track', false],
      ],
    );
    // The revenue KPI's figures come from the CSV file.
    const revenue = scorecard.kpis[0];
    assert.equal(revenue?.latest?.value, 552);
    assert.deepEqual(
      scorecard.goals.map((g: { id: string; status: string }) => [g.id, g.status]),
      [
        ['grow-revenue', 'on-track'],
        ['loyal-customers', 'on-track'],
        ['reliable-delivery', 'at-risk'],
        ['engaged-team', 'on-track'],
      ],
    );
  });

  it('again without --force: overwrites nothing, lists every file kept, exits 0; with --force: overwrites them', () => {
    const cwd = emptyFolder();
    kpi(cwd, ['init']);
    fs.writeFileSync(path.join(cwd, 'goals.kpi.yaml'), 'kpi: 1\n# my own goals\n');
    fs.rmSync(path.join(cwd, 'data'), { recursive: true });
    const before = contents(cwd);
    const again = kpi(cwd, ['init']);
    const kept = (f: string) => `Kept ${f}: it exists (kpi init --force overwrites it)`;
    assert.deepEqual(again, {
      status: 0,
      stdout: [...FILES.map((f) => (f.startsWith('data/') ? `Created ${f}` : f === '.gitignore' ? LISTED : kept(f))), '', ...NEXT, ''].join('\n'),
      stderr: '',
    });
    const after = contents(cwd);
    assert.deepEqual(
      { ...after, 'data/recurring-revenue.csv': undefined },
      { ...before, 'data/recurring-revenue.csv': undefined },
      'nothing that was there changed',
    );
    assert.equal(
      kpi(cwd, ['init']).stdout.split('\n').slice(0, 7).join('\n'),
      [...FILES.slice(0, -1).map(kept), LISTED, 'Nothing written: every file of the example exists.'].join('\n'),
    );

    const forced = kpi(cwd, ['init', '--force']);
    assert.deepEqual(forced, { status: 0, stdout: [...FILES.slice(0, -1).map((f) => `Overwrote ${f}`), LISTED, '', ...NEXT, ''].join('\n'), stderr: '' });
    assert.equal(fs.readFileSync(path.join(cwd, '.gitignore'), 'utf8'), GITIGNORE);
    assert.doesNotMatch(fs.readFileSync(path.join(cwd, 'goals.kpi.yaml'), 'utf8'), /my own goals/);
    assert.deepEqual(kpi(cwd, ['lint']), { status: 0, stdout: '', stderr: '' });
  });

  it('adds .env to a .gitignore that exists and lacks it, after a blank line, keeping every line; never twice, not even with --force', () => {
    for (const [before, after] of [
      ['node_modules/\n', `node_modules/\n\n${GITIGNORE}`],
      ['node_modules/\r\nout/', `node_modules/\r\nout/\n\n${GITIGNORE}`],
      ['', GITIGNORE],
    ]) {
      const cwd = emptyFolder();
      fs.writeFileSync(path.join(cwd, '.gitignore'), before);
      const init = kpi(cwd, ['init']);
      assert.equal(init.status, 0, init.stderr);
      assert.equal(init.stdout.split('\n')[5], 'Added .env to .gitignore');
      assert.equal(fs.readFileSync(path.join(cwd, '.gitignore'), 'utf8'), after, JSON.stringify(before));
      assert.equal(kpi(cwd, ['init', '--force']).stdout.split('\n')[5], LISTED);
      assert.equal(fs.readFileSync(path.join(cwd, '.gitignore'), 'utf8'), after, JSON.stringify(before));
    }
    // `/.env` keeps the same file out of git: nothing is added.
    const cwd = emptyFolder();
    fs.writeFileSync(path.join(cwd, '.gitignore'), 'dist\n  /.env  \n');
    assert.equal(kpi(cwd, ['init']).stdout.split('\n')[5], LISTED);
    assert.equal(fs.readFileSync(path.join(cwd, '.gitignore'), 'utf8'), 'dist\n  /.env  \n');
  });

  it('into FOLDER, made when missing: paths as given, and `cd FOLDER` first; inside a repository, a note on where the workflow must go', () => {
    const cwd = emptyFolder();
    fs.mkdirSync(path.join(cwd, '.git'));
    const init = kpi(cwd, ['init', 'kpis/2027']);
    assert.equal(init.status, 0);
    assert.deepEqual(init.stdout.split('\n'), [
      ...FILES.map((f) => `Created kpis/2027/${f}`),
      '',
      'Next:',
      '  cd kpis/2027',
      ...NEXT.slice(1),
      '',
      'Note: GitHub runs only the workflows in .github/workflows at the root of the repository (.):',
      'move kpi.yml there, and give its kpi steps "working-directory: kpis/2027".',
      '',
    ]);
    assert.deepEqual(kpi(path.join(cwd, 'kpis', '2027'), ['lint']), { status: 0, stdout: '', stderr: '' });
  });

  it('the example stays clean whatever the day it is written: its dates follow the month', () => {
    const days = ['2026-12-01', '2026-12-31', '2027-01-01', '2027-02-28', '2028-02-29', '2026-03-31', '2031-07-15', formatDay(today())];
    for (const day of days) {
      const cwd = emptyFolder();
      writeExample(cwd, { force: false, asOf: parseCalendarDay(day)! });
      assert.deepEqual(kpiHere(cwd, ['lint', '--as-of', day]), { status: 0, stdout: '', stderr: '' }, `as of ${day}`);
      const statuses = (JSON.parse(kpiHere(cwd, ['status', '--format', 'json', '--as-of', day]).stdout) as Scorecard).kpis.map(
        (k: { status: string }) => k.status,
      );
      assert.deepEqual(statuses, ['on-track', 'at-risk', 'on-track', 'on-track'], `as of ${day}`);
    }
    // Written in January 2027, a month after the templates' month: every month date one later, nothing else changed.
    const cwd = emptyFolder();
    writeExample(cwd, { force: false, asOf: parseCalendarDay('2027-01-15')! });
    const csv = fs.readFileSync(path.join(cwd, 'data', 'recurring-revenue.csv'), 'utf8').split('\n');
    assert.deepEqual([csv[0], csv[1], csv[11]], ['month,mrr', '2026-02,505', '2026-12,552']);
    assert.match(
      fs.readFileSync(path.join(cwd, 'kpis.kpi.yaml'), 'utf8'),
      /baseline: \{ value: 500, date: 2026-01 \}\n {4}target: \{ value: 600, date: 2028-01 \}/,
    );
    assert.equal(fs.readFileSync(path.join(cwd, 'kpi.config.yaml'), 'utf8'), fs.readFileSync(path.join(TEMPLATES, 'kpi.config.yaml'), 'utf8'));
  });

  it('the templates as they are in the package lint clean in their own month, December 2026', () => {
    for (const day of ['2026-12-01', '2026-12-31']) {
      assert.deepEqual(kpiHere(TEMPLATES, ['lint', '--as-of', day]), { status: 0, stdout: '', stderr: '' }, `as of ${day}`);
    }
  });

  it('the workflow lints with annotations and SARIF for code scanning, and puts the scorecard in the step summary', () => {
    const workflow = parse(fs.readFileSync(path.join(TEMPLATES, 'github', 'workflows', 'kpi.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: { kpi: { steps: { uses?: string; run?: string; with?: Record<string, string> }[] } };
      permissions: Record<string, string>;
    };
    assert.deepEqual(Object.keys(workflow.on), ['pull_request', 'push']);
    const steps = workflow.jobs.kpi.steps;
    assert.deepEqual(
      steps.map((s) => s.uses ?? s.run),
      [
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'npm ci',
        'npx kpi lint --format github',
        'npx kpi lint --format sarif > kpi.sarif || test $? -eq 1',
        'github/codeql-action/upload-sarif@v3',
        'npx kpi status --format markdown >> "$GITHUB_STEP_SUMMARY"',
      ],
    );
    assert.equal(steps[5].with!.sarif_file, 'kpi.sarif');
    assert.equal(workflow.permissions['security-events'], 'write');
  });

  it('the workflow comments what a pull request does to the scorecard, in English and in Swedish, and fails on new lint errors', () => {
    for (const template of [path.join(TEMPLATES, 'github', 'workflows', 'kpi.yml'), path.join(TEMPLATES, 'sv', 'github', 'workflows', 'kpi.yml')]) {
      const workflow = parse(fs.readFileSync(template, 'utf8')) as {
        jobs: {
          diff: {
            if: string;
            permissions: Record<string, string>;
            env: Record<string, string>;
            steps: { uses?: string; run?: string; with?: Record<string, string | number>; 'continue-on-error'?: boolean }[];
          };
        };
      };
      const diff = workflow.jobs.diff;
      assert.equal(diff.if, "github.event_name == 'pull_request'", template);
      assert.equal(diff.permissions['pull-requests'], 'write');
      assert.equal(diff.env.BASE, 'origin/${{ github.base_ref }}');
      assert.deepEqual(diff.steps[0], { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
      assert.match(diff.steps[3].run!, /npx kpi diff --base "\$BASE" --format markdown -o kpi-diff\.md --exit-code \|\| status=\$\?\n/);
      assert.match(diff.steps[3].run!, /cat kpi-diff\.md >> "\$GITHUB_STEP_SUMMARY"/);
      assert.equal(diff.steps[4].uses, 'marocchino/sticky-pull-request-comment@v2');
      assert.deepEqual(diff.steps[4].with, { header: 'kpi-diff', path: 'kpi-diff.md', delete: "${{ steps.diff.outputs.changed != 'true' }}" });
      assert.equal(diff.steps[4]['continue-on-error'], true);
      assert.equal(diff.steps[5].run, 'npx kpi diff --base "$BASE" --fail-on new-errors');
    }
  });

  it('wrong use: one line, exit 2; --help: the usage, exit 0', () => {
    const cwd = emptyFolder();
    fs.writeFileSync(path.join(cwd, 'notes.txt'), '');
    assert.deepEqual(kpi(cwd, ['init', 'a', 'b']), { status: 2, stdout: '', stderr: 'kpi: kpi init takes one FOLDER, not 2 (a, b)\n' });
    assert.deepEqual(kpi(cwd, ['init', 'notes.txt']), { status: 2, stdout: '', stderr: 'kpi: cannot write into notes.txt: it is a file, not a folder\n' });
    assert.deepEqual(kpi(cwd, ['init', '--forse']), { status: 2, stdout: '', stderr: 'kpi: unknown option --forse; run "kpi init --help"\n' });
    assert.deepEqual(kpi(cwd, ['init', '--help']), { status: 0, stdout: `${INIT_USAGE}\n`, stderr: '' });
    // A file where the example needs a folder: what was written before stays, and the line says why it stopped.
    fs.writeFileSync(path.join(cwd, 'data'), '');
    const blocked = kpi(cwd, ['init']);
    assert.equal(blocked.status, 2);
    assert.equal(blocked.stdout, ['Created kpi.config.yaml', 'Created goals.kpi.yaml', 'Created kpis.kpi.yaml', ''].join('\n'));
    assert.equal(blocked.stderr, `kpi: cannot write data/recurring-revenue.csv in ${cwd}: a part of the path is a file, not a folder\n`);
  });
});
