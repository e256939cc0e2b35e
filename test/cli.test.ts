import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { GOOD_FILE, REPO, yaml } from './helpers';
import type { Log } from 'sarif';
import type { LintReport } from '../server/src/cli/formatters/report';
import type { Scorecard } from '../server/src/core/scorecard';
import { inEnglish } from './machine';

const BIN = path.join(REPO, 'bin', 'kpi.js');

/** Writes files into a fresh temporary folder and returns its path. */
function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function kpi(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PROBLEMS = yaml`
  kpi: 1
  kpis:
    - id: churn
      name: Reduce churn
      category: customer
      goals: [keep-customers]
      owner: Ann
      rationale: Decides the retention budget.
      unit: "%"
      frequency: monthly
      target: { value: 2, date: 2026-12 }
      measurements:
        - { date: 2026-10, value: 2.5 }
`;

describe('kpi lint', () => {
  it('exits 0 and prints nothing for a clean workspace', () => {
    const cwd = workspace({ 'sales.kpi.yaml': GOOD_FILE });
    assert.deepEqual(kpi(cwd, ['lint', '--as-of', '2026-11-27']), { status: 0, stdout: '', stderr: '' });
  });

  it('prints stylish output like ESLint and exits 1 on errors', () => {
    const cwd = workspace({ 'churn.kpi.yaml': PROBLEMS });
    const { status, stdout } = kpi(cwd, ['lint', '--as-of', '2026-11-27']);
    assert.equal(status, 1);
    assert.equal(
      stdout,
      [
        '',
        'churn.kpi.yaml',
        '  4:11  info   KPI name "Reduce churn" states an intention ("reduce"), not a quantity: name what is measured, e.g. "Sales growth" rather than "Increase sales".  vague-kpi',
        '  6:13  error  Goal `keep-customers` is not defined in any KPI file of the workspace: define the goal.  unknown-goal',
        '',
        '✖ 2 problems (1 error, 0 warnings, 1 info)',
        '',
      ].join('\n') + '\n',
    );
  });

  it('colours stylish output only when asked or on a TTY', () => {
    const cwd = workspace({ 'churn.kpi.yaml': PROBLEMS });
    assert.doesNotMatch(kpi(cwd, ['lint', '--as-of', '2026-11-27']).stdout, /\u001b\[/);
    assert.match(kpi(cwd, ['lint', '--as-of', '2026-11-27'], { FORCE_COLOR: '1' }).stdout, /\u001b\[31merror/);
  });

  it('prints the JSON of SPEC §6', () => {
    const cwd = workspace({ 'churn.kpi.yaml': PROBLEMS, 'sales.kpi.yaml': GOOD_FILE });
    const { status, stdout } = kpi(cwd, ['lint', '--format', 'json', '--as-of', '2026-11-27']);
    assert.equal(status, 1);
    assert.deepEqual(JSON.parse(stdout), {
      files: [
        {
          path: 'churn.kpi.yaml',
          diagnostics: [
            {
              code: 'vague-kpi',
              severity: 'info',
              message:
                'KPI name "Reduce churn" states an intention ("reduce"), not a quantity: name what is measured, e.g. "Sales growth" rather than "Increase sales".',
              line: 4,
              column: 11,
              endLine: 4,
              endColumn: 23,
            },
            {
              code: 'unknown-goal',
              severity: 'error',
              message: 'Goal `keep-customers` is not defined in any KPI file of the workspace: did you mean `grow-revenue`? Otherwise define the goal.',
              line: 6,
              column: 13,
              endLine: 6,
              endColumn: 27,
            },
          ],
        },
        { path: 'sales.kpi.yaml', diagnostics: [] },
      ],
      errorCount: 1,
      warningCount: 0,
      infoCount: 1,
    });
  });

  it('prints SARIF 2.1.0 with the rules, help links and relative artifact URIs', () => {
    const cwd = workspace({ 'kpis/churn.kpi.yaml': PROBLEMS });
    const log = JSON.parse(kpi(cwd, ['lint', '--format', 'sarif', '--as-of', '2026-11-27']).stdout) as Log;
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const rules = run.tool.driver.rules ?? [];
    const results = run.results ?? [];
    assert.equal(run.tool.driver.name, 'kpi');
    assert.equal(rules.length, 34);
    const rule = rules.find((r) => r.id === 'unknown-goal');
    assert.match(rule?.helpUri ?? '', /\/docs\/rules\/unknown-goal\.md$/);
    assert.equal(rule?.defaultConfiguration?.level, 'error');
    assert.equal(results.length, 2);
    const result = results[1];
    assert.equal(result.ruleId, 'unknown-goal');
    assert.equal(rules[result.ruleIndex ?? -1]?.id, 'unknown-goal');
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations?.[0]?.physicalLocation, {
      artifactLocation: { uri: 'kpis/churn.kpi.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 6, startColumn: 13, endLine: 6, endColumn: 27 },
    });
    assert.equal(results[0]?.level, 'note');
  });

  it('prints GitHub workflow annotations', () => {
    const cwd = workspace({ 'churn.kpi.yaml': PROBLEMS });
    const lines = kpi(cwd, ['lint', '--format', 'github', '--as-of', '2026-11-27']).stdout.trimEnd().split('\n');
    assert.deepEqual(lines, [
      '::notice file=churn.kpi.yaml,line=4,col=11,endLine=4,endColumn=23,title=kpi vague-kpi::KPI name "Reduce churn" states an intention ("reduce"), not a quantity: name what is measured, e.g. "Sales growth" rather than "Increase sales". (vague-kpi)',
      '::error file=churn.kpi.yaml,line=6,col=13,endLine=6,endColumn=27,title=kpi unknown-goal::Goal `keep-customers` is not defined in any KPI file of the workspace: define the goal. (unknown-goal)',
    ]);
  });

  it('prints JUnit XML with a failure per error or warning', () => {
    const cwd = workspace({ 'churn.kpi.yaml': PROBLEMS, 'sales.kpi.yaml': GOOD_FILE });
    const xml = kpi(cwd, ['lint', '--format', 'junit', '--as-of', '2026-11-27']).stdout;
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="kpi lint" tests="3" failures="1" errors="0">/);
    assert.match(xml, /<testsuite name="churn.kpi.yaml" tests="2" failures="1"/);
    assert.match(
      xml,
      /<testcase name="unknown-goal at 6:13" classname="churn.kpi.yaml" time="0">\n {6}<failure type="unknown-goal" message="Goal `keep-customers` is not defined/,
    );
    assert.match(xml, /<testsuite name="sales.kpi.yaml" tests="1" failures="0" errors="0" time="0">\n {4}<testcase name="kpi lint"/);
  });

  it('honours --quiet and --max-warnings', () => {
    const warningOnly = GOOD_FILE.replace(/^ *owner: .*\n/m, '');
    const cwd = workspace({ 'sales.kpi.yaml': warningOnly });
    assert.equal(kpi(cwd, ['lint', '--as-of', '2026-11-27']).status, 0);
    const tooMany = kpi(cwd, ['lint', '--as-of', '2026-11-27', '--max-warnings', '0']);
    assert.equal(tooMany.status, 1);
    assert.match(tooMany.stdout, /missing-owner\n\n✖ 1 problem \(0 errors, 1 warning\)\n\nkpi found too many warnings \(maximum: 0\)\.\n$/);
    assert.equal(kpi(cwd, ['lint', '--as-of', '2026-11-27', '--max-warnings', '1']).status, 0);
    assert.equal(kpi(cwd, ['lint', '--as-of', '2026-11-27', '--max-warnings=-1']).status, 0, '-1: no limit, as in ESLint');
    assert.deepEqual(kpi(cwd, ['lint', '--as-of', '2026-11-27', '--quiet', '--format', 'json']).stdout.includes('missing-owner'), false);
  });

  it('uses the nearest kpi.config.yaml at or above the current directory, or --config', () => {
    const cwd = workspace({
      'kpi.config.yaml': 'rules:\n  missing-owner: error\n',
      'team/sales.kpi.yaml': GOOD_FILE.replace(/^ *owner: .*\n/m, ''),
      'other.yaml': 'rules:\n  missing-owner: off\n',
    });
    const nested = kpi(path.join(cwd, 'team'), ['lint', '--as-of', '2026-11-27', '--format', 'json']);
    assert.equal(nested.status, 1);
    assert.equal((JSON.parse(nested.stdout) as LintReport).files[0].diagnostics[0].severity, 'error');
    assert.deepEqual(kpi(path.join(cwd, 'team'), ['lint', '--as-of', '2026-11-27', '--config', '../other.yaml']), { status: 0, stdout: '', stderr: '' });
  });

  it("skips files matched by the configuration's ignore patterns, node_modules and dot-folders", () => {
    const cwd = workspace({
      'kpi.config.yaml': 'ignore:\n  - drafts/**\n',
      'sales.kpi.yaml': GOOD_FILE,
      'drafts/bad.kpi.yaml': 'kpi: [',
      'node_modules/x/bad.kpi.yaml': 'kpi: [',
      '.git/bad.kpi.yml': 'kpi: [',
    });
    assert.deepEqual(
      (JSON.parse(kpi(cwd, ['lint', '--as-of', '2026-11-27', '--format', 'json']).stdout) as LintReport).files.map((f) => f.path),
      ['sales.kpi.yaml'],
    );
  });

  for (const [args, message] of [
    [['lint', '--as-of', '2026-02-30'], 'kpi: --as-of must be a real date YYYY-MM-DD, not "2026-02-30"\n'],
    [['lint', '--format', 'xml'], 'kpi: --format must be one of stylish, json, sarif, github, junit, not "xml"\n'],
    [['lint', '--max-warnings', 'many'], 'kpi: --max-warnings must be a whole number, or -1 for no limit, not "many"\n'],
    [['lint', '--max-warnings', '-1'], 'kpi: option --max-warnings: write a value that starts with "-" as --max-warnings=VALUE; run "kpi lint --help"\n'],
    [['lint', '--format', 'toString'], 'kpi: --format must be one of stylish, json, sarif, github, junit, not "toString"\n'],
    [['lint', '--format=__proto__'], 'kpi: --format must be one of stylish, json, sarif, github, junit, not "__proto__"\n'],
    [['lint', '--format', 'constructor'], 'kpi: --format must be one of stylish, json, sarif, github, junit, not "constructor"\n'],
    [['lint', 'missing-folder'], 'kpi: cannot read missing-folder: it does not exist\n'],
    [['lint', '--colour'], 'kpi: unknown option --colour; run "kpi lint --help"\n'],
    [['lint', '--format'], 'kpi: option --format needs a value; run "kpi lint --help"\n'],
    [['lint', '--quiet=yes'], 'kpi: option --quiet takes no value; run "kpi lint --help"\n'],
    [['lint', '--config', 'nope.yaml'], 'kpi: cannot read the configuration '],
    [['frobnicate'], 'kpi: unknown command "frobnicate"; run "kpi --help"\n'],
  ] as const) {
    it(`fails with one clear line and exit code 2: kpi ${args.join(' ')}`, () => {
      const cwd = workspace({ 'sales.kpi.yaml': GOOD_FILE });
      const result = kpi(cwd, [...args]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.startsWith(message), result.stderr);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, 'one line');
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('reports a bad configuration in one line with exit code 2', () => {
    const cwd = workspace({ 'sales.kpi.yaml': GOOD_FILE, 'kpi.config.yaml': 'rules:\n  missing-ownr: off\n  no-data: loud\n' });
    const result = kpi(cwd, ['lint']);
    assert.equal(result.status, 2);
    assert.equal(
      result.stderr,
      `kpi: ${path.join(cwd, 'kpi.config.yaml')}: unknown rule \`missing-ownr\` (did you mean \`missing-owner\`?); \`rules.no-data\`: severity must be one of error, warning, info, hint, off, not "loud"\n`,
    );
  });

  it('keeps parsed files with --cache and sees every change', () => {
    const cwd = workspace({ 'strategy.kpi.yaml': GOOD_FILE, 'other.kpi.yaml': PROBLEMS });
    const args = ['lint', '--as-of', '2026-11-27', '--format', 'json', '--cache'];
    const first = kpi(cwd, args);
    assert.ok(fs.existsSync(path.join(cwd, '.kpicache')));
    assert.deepEqual(kpi(cwd, args), first, 'the same result from the cache');
    fs.writeFileSync(path.join(cwd, 'other.kpi.yaml'), PROBLEMS.replace('[keep-customers]', '[grow-revenue]'));
    const changed = JSON.parse(kpi(cwd, args).stdout) as LintReport;
    assert.deepEqual(
      changed.files[0].diagnostics.map((d: { code: string }) => d.code),
      ['vague-kpi'],
    );
    fs.writeFileSync(path.join(cwd, '.kpicache'), '{ not json');
    assert.deepEqual(JSON.parse(kpi(cwd, args).stdout), changed, 'a broken cache is ignored');
    const elsewhere = path.join(cwd, 'cache', 'lint.json');
    assert.equal(
      kpi(cwd, [...args, '--cache-location', 'cache/lint.json']).stderr,
      `kpi: warning: cannot write the cache ${elsewhere}: its folder ${path.dirname(elsewhere)} does not exist\n`,
    );
  });

  it('keeps the cache in a folder written with a / at its end, and warns of a place that cannot hold one, linting all the same', () => {
    const cwd = workspace({ 'strategy.kpi.yaml': GOOD_FILE, 'other.kpi.yaml': PROBLEMS });
    const args = ['lint', '--as-of', '2026-11-27', '--format', 'json', '--cache'];
    const expected = kpi(cwd, ['lint', '--as-of', '2026-11-27', '--format', 'json']);
    fs.mkdirSync(path.join(cwd, 'caches'));
    assert.deepEqual(kpi(cwd, [...args, '--cache-location', 'caches/']), expected);
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'caches')), ['.kpicache']);
    const missing = path.join(cwd, 'later', '.kpicache');
    assert.deepEqual(kpi(cwd, [...args, '--cache-location', 'later/']), {
      ...expected,
      stderr: `kpi: warning: cannot write the cache ${missing}: its folder ${path.dirname(missing)} does not exist\n`,
    });
    fs.symlinkSync('loop', path.join(cwd, 'loop'));
    for (const [place, reason] of [
      ['strategy.kpi.yaml/cache', 'a part of the path is a file, not a folder'],
      ['loop', 'its symbolic links form a loop'],
      ['x'.repeat(300), 'the name is too long'],
    ]) {
      assert.deepEqual(kpi(cwd, [...args, '--cache-location', place]), {
        ...expected,
        stderr: `kpi: warning: cannot write the cache ${path.join(cwd, place)}: ${reason}\n`,
      });
    }
  });

  it('says in one line, with exit code 2, that its output cannot be written, or that its folder is gone', async () => {
    const cwd = workspace({ 'strategy.kpi.yaml': GOOD_FILE, 'other.kpi.yaml': PROBLEMS });
    // The reader goes away before kpi writes (`kpi lint | head -0`).
    const child = spawn(process.execPath, [BIN, 'lint', '--as-of', '2026-11-27'], { cwd, env: inEnglish(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.deepEqual({ status, stderr }, { status: 2, stderr: 'kpi: cannot write the output: the program reading it has closed it\n' });
    // A full disk.
    const full = fs.openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, 'lint', '--as-of', '2026-11-27', '--format', 'json'], {
        cwd,
        env: inEnglish(),
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      assert.deepEqual(
        { status: result.status, stderr: result.stderr },
        { status: 2, stderr: 'kpi: cannot write the output: no space is left on the device\n' },
      );
    } finally {
      fs.closeSync(full);
    }
    // The current folder deleted under it.
    const gone = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-gone-'));
    const deleted = spawnSync('sh', ['-c', `cd '${gone}' && rmdir '${gone}' && exec '${process.execPath}' '${BIN}' lint '${cwd}'`], {
      encoding: 'utf8',
      env: inEnglish(),
    });
    assert.deepEqual(
      { status: deleted.status, stdout: deleted.stdout, stderr: deleted.stderr },
      { status: 2, stdout: '', stderr: 'kpi: the current folder no longer exists: change to another one\n' },
    );
  });

  it('says so when a folder holds no KPI files', () => {
    const cwd = workspace({ 'readme.md': '# nothing here' });
    assert.deepEqual(kpi(cwd, ['lint']), { status: 2, stdout: '', stderr: 'kpi: no KPI files (*.kpi.yaml, *.kpi.yml) found in .\n' });
  });
});

/** Text as Windows-1252 bytes, what Excel writes for "CSV (semicolon delimited)": `å` is 0xE5, `–` 0x96, a no-break space 0xA0. */
function windows1252(text: string): Buffer {
  return Buffer.from(text.replace(/\u2013/g, '\x96'), 'latin1');
}

describe('kpi and a CSV saved by Excel', () => {
  const KPI = yaml`
    kpi: 1
    goals:
      - { id: on-time, title: Deliver on time }
    kpis:
      - id: delivery-precision
        name: Delivery precision
        category: operational
        goals: [on-time]
        owner: Sara Nilsson
        rationale: Decides the second warehouse shift.
        unit: "%"
        frequency: monthly
        target: { value: 95, date: 2026-12 }
        source: { file: data/x.csv, date: Månad, value: Värde }
  `;
  // Excel's "CSV (semicolon delimited)" on a Swedish Windows: Windows-1252, CRLF, decimal comma; `–` (0x96) is how
  // its accounting format shows a zero; `92,4 %`, with a no-break space, a percentage cell; November and December
  // are the template's months still to come (a month means its last day, after the as-of date 2026-11-27).
  const CSV = windows1252('Månad;Värde;Kommentar\r\n2026-08;91,8;\r\n2026-09;–;ingen mätning\r\n2026-10;92,4\u00a0%;\r\n2026-11;;\r\n2026-12;;prognos\r\n');

  it('reads a Windows-1252 file: its Swedish header matches, its values count, its bad row is named', () => {
    const cwd = workspace({ 'ops.kpi.yaml': KPI, 'data/x.csv': CSV });
    const lint = kpi(cwd, ['lint', '--format', 'json', '--as-of', '2026-11-27']);
    assert.deepEqual(
      (JSON.parse(lint.stdout) as LintReport).files[0].diagnostics.map((d) => [d.code, d.line, d.message]),
      [['source-bad-row', 14, 'Line 3 of data/x.csv is skipped: value "–" is not a number; fix the row.']],
    );
    const status = JSON.parse(kpi(cwd, ['status', '--format', 'json', '--as-of', '2026-11-27']).stdout) as Scorecard;
    const precision = status.kpis.find((k) => k.id === 'delivery-precision');
    assert.deepEqual(
      precision?.history.map((m) => [m.date, m.value]),
      [
        ['2026-08', 91.8],
        ['2026-10', 92.4],
      ],
    );
    assert.deepEqual(precision?.latest, { date: '2026-10', value: 92.4 });
  });

  it('still rejects a KPI file that is not UTF-8: only CSV sources fall back to Windows-1252', () => {
    const cwd = workspace({ 'ops.kpi.yaml': windows1252(KPI), 'data/x.csv': CSV });
    const lint = JSON.parse(kpi(cwd, ['lint', '--format', 'json', '--as-of', '2026-11-27']).stdout) as LintReport;
    assert.deepEqual(
      lint.files[0].diagnostics.map((d: { code: string; line: number }) => [d.code, d.line]),
      [['yaml-syntax', 14]],
    );
  });
});
