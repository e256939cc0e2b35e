import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { GOOD_FILE, REPO } from './helpers';
import type { Scorecard } from '../server/src/core/scorecard';

const BIN = path.join(REPO, 'bin', 'kpi.js');

/** Writes files into a fresh temporary folder (a name ending in `/` makes a folder) and returns its path. */
function folder(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-root-')));
  for (const [name, text] of Object.entries(files)) {
    const full = path.join(dir, name);
    if (name.endsWith('/')) fs.mkdirSync(full, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
    }
  }
  return dir;
}

function kpi(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** GOOD_FILE with its measurements read from `csv` (relative to the KPI file). */
const readingFrom = (csv: string) => GOOD_FILE.replace(/source: CRM monthly export\n[\s\S]*$/, `source: { file: ${csv}, date: month, value: growth }\n`);
const CSV = 'month,growth\n2026-08,5.5\n2026-09,5.7\n2026-10,5.9\n';
const CLEAN = { status: 0, stdout: '', stderr: '' };
const lintJson = ['--format', 'json', '--as-of', '2026-11-27'];

/** The codes and lines `kpi lint --format json` reported. */
function codes(stdout: string): string[] {
  const report = JSON.parse(stdout) as { files: { path: string; diagnostics: { code: string; line: number }[] }[] };
  return report.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.line} ${d.code}`));
}

describe('the workspace root of the CLI (SPEC §2)', () => {
  it('`kpi lint ..` from a sub-folder without a configuration reads a CSV next to its KPI file (no .git either)', () => {
    const root = folder({ 'kpis/sales.kpi.yaml': readingFrom('sales.csv'), 'kpis/sales.csv': CSV, 'kpis/reports/': '' });
    assert.deepEqual(kpi(path.join(root, 'kpis', 'reports'), ['lint', '..', '--as-of', '2026-11-27']), CLEAN);
    assert.deepEqual(kpi(path.join(root, 'kpis', 'reports'), ['status', '..', '--format', 'json', '--as-of', '2026-11-27']).status, 0);
  });

  it('in a repository, the folder holding .git: `kpi lint ..` from a sub-folder reads a CSV in a sibling folder', () => {
    const root = folder({ '.git/': '', 'kpis/sales.kpi.yaml': readingFrom('../data/sales.csv'), 'data/sales.csv': CSV, 'kpis/reports/': '' });
    assert.deepEqual(kpi(path.join(root, 'kpis', 'reports'), ['lint', '..', '--as-of', '2026-11-27']), CLEAN);
    assert.deepEqual(kpi(path.join(root, 'kpis'), ['lint', '--as-of', '2026-11-27']), CLEAN);
    // The status reads the CSV too: its latest value is the file's last row.
    const status = kpi(path.join(root, 'kpis'), ['status', '--format', 'json', '--as-of', '2026-11-27']);
    assert.deepEqual(
      (JSON.parse(status.stdout) as Scorecard).kpis.map((k: { id: string; latest: unknown }) => [k.id, k.latest]),
      [['sales-growth', { date: '2026-10', value: 5.9 }]],
    );
  });

  it('a .git file (a worktree or a submodule) marks a repository too', () => {
    const root = folder({ '.git': 'gitdir: /elsewhere/.git/worktrees/x\n', 'kpis/sales.kpi.yaml': readingFrom('../data/sales.csv'), 'data/sales.csv': CSV });
    assert.deepEqual(kpi(path.join(root, 'kpis'), ['lint', '--as-of', '2026-11-27']), CLEAN);
  });

  it('outside a repository, a CSV above every path given is outside the workspace', () => {
    const root = folder({ 'kpis/sales.kpi.yaml': readingFrom('../data/sales.csv'), 'data/sales.csv': CSV });
    const { status, stdout } = kpi(path.join(root, 'kpis'), ['lint', ...lintJson]);
    assert.equal(status, 1);
    assert.deepEqual(codes(stdout), ['sales.kpi.yaml:17 source-outside-workspace']);
    // Given the folder above as well, the deepest folder holding both paths holds the CSV.
    assert.deepEqual(kpi(path.join(root, 'kpis'), ['lint', '.', '../data', '--as-of', '2026-11-27']), CLEAN);
  });

  it('the folder of kpi.config.yaml wins over the repository', () => {
    const root = folder({
      '.git/': '',
      'kpis/kpi.config.yaml': 'rules: {}\n',
      'kpis/sales.kpi.yaml': readingFrom('../data/sales.csv'),
      'data/sales.csv': CSV,
      'kpis/reports/': '',
    });
    const { status, stdout } = kpi(path.join(root, 'kpis', 'reports'), ['lint', '..', ...lintJson]);
    assert.equal(status, 1);
    assert.deepEqual(codes(stdout), ['../sales.kpi.yaml:17 source-outside-workspace']);
    // --config names it from anywhere.
    assert.equal(kpi(root, ['lint', 'kpis', '--config', 'kpis/kpi.config.yaml', ...lintJson]).status, 1);
  });
});
