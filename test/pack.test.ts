import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { LintReport } from '../server/src/cli/formatters/report';
import { VERSION } from '../server/src/version';
import { GOOD_FILE, REPO } from './helpers';
import { inEnglish } from './machine';

/** The environment without what `npm test` sets for its own run (npm_config_*, npm_package_*...), in English. */
const ENV = inEnglish(Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_'))));

function sh(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: ENV, timeout: 180_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function succeeds(command: string, args: string[], cwd: string): string {
  const result = sh(command, args, cwd);
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/**
 * The package as a user's repository gets it: `npm pack` (of the build the
 * tests run on, without running `prepare` again), installed from the tarball
 * into a fresh project as a devDependency, then run through npx.
 */
describe('the packed package, installed into another project', () => {
  let files: string[] = [];
  let project = '';

  before(() => {
    const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-pack-')));
    const [packed] = JSON.parse(succeeds('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], REPO)) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = packed.files.map((f) => f.path).sort();
    project = path.join(folder, 'project');
    fs.mkdirSync(project);
    succeeds('npm', ['init', '-y'], project);
    // The dependencies come from npm's cache (filled by `npm ci`); only what is missing is fetched.
    succeeds('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', path.join(folder, packed.filename)], project);
  });

  it('holds what the CLI and the server run, the schemas, the init templates, README and changelog; no sources or tests', () => {
    const needed = [
      'bin/kpi.js',
      'bin/kpi-language-server.js',
      'bin/load-bundle.js',
      'out/kpi.js',
      'out/kpi.js.cache',
      'out/server/src/lsp/main.js',
      'out/schemas/kpi.schema.json',
      'schemas/kpi.schema.json',
      'schemas/kpi-config.schema.json',
      'templates/init/kpis.kpi.yaml',
      'templates/init/github/workflows/kpi.yml',
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
    ];
    for (const file of needed) {
      assert.ok(files.includes(file), `the package holds ${file}`);
    }
    assert.deepEqual(
      files.filter((f) => /^(test|bench|server|client|scripts|samples|docs|dist|out\/(test|bench|client))\/|\.(ts|map)$/.test(f)),
      [],
    );
  });

  it('is a devDependency of the project, and `npx kpi lint` works there: clean, then with a problem', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    assert.match(manifest.devDependencies['kpi-as-code'], /^file:.*kpi-as-code-0\.1\.0\.tgz$/);
    fs.writeFileSync(path.join(project, 'sales.kpi.yaml'), GOOD_FILE);
    assert.deepEqual(sh('npx', ['kpi', 'lint', '--as-of', '2026-11-27'], project), { status: 0, stdout: '', stderr: '' });
    fs.writeFileSync(path.join(project, 'sales.kpi.yaml'), GOOD_FILE.replace('goals: [grow-revenue]', 'goals: [grow-revenu]'));
    const lint = sh('npx', ['kpi', 'lint', '--as-of', '2026-11-27', '--format', 'json'], project);
    assert.equal(lint.status, 1);
    const report = JSON.parse(lint.stdout) as LintReport;
    assert.deepEqual(
      report.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.line} ${d.code}`)),
      ['sales.kpi.yaml:3 unmeasured-goal', 'sales.kpi.yaml:9 unknown-goal'],
    );
  });

  it('`npx kpi init` writes the example from the packed templates, and it lints clean', () => {
    const init = sh('npx', ['kpi', 'init', 'kpis'], project);
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /^Created kpis\/kpi\.config\.yaml\n/);
    assert.deepEqual(sh('npx', ['kpi', 'lint'], path.join(project, 'kpis')), { status: 0, stdout: '', stderr: '' });
  });

  it('`npx kpi-language-server --version` runs the server from its dependencies', () => {
    assert.deepEqual(sh('npx', ['kpi-language-server', '--version'], project), { status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});
