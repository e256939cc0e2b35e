import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeWorkspace } from '../bench/generate';
import { LINT_FORMATS } from '../server/src/cli/formatters';
import { jsonParts } from '../server/src/cli/formatters/json';
import { countReport } from '../server/src/cli/formatters/report';
import { lintCommand, toReport } from '../server/src/cli/lint-command';
import { lintPaths } from '../server/src/cli/workspace';

/** Runs `kpi lint` in-process, keeping each write to stdout apart. */
function lintWrites(cwd: string, args: string[]): { status: number; writes: string[] } {
  const writes: string[] = [];
  const io = { stdout: { write: (text: string) => writes.push(text) }, stderr: { write: () => true }, cwd, env: {} };
  return { status: lintCommand(args, io), writes };
}

describe('kpi lint output with many findings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-output-'));
  // 1,500 KPIs with 4,500 findings: more than a megabyte of JSON, written in parts.
  writeWorkspace(dir, 150, 10, true);

  it('is written in parts of whole lines that make exactly what the formatter makes', () => {
    const { status, writes } = lintWrites(dir, ['--format', 'json', '--as-of', '2026-11-27']);
    assert.equal(status, 0);
    const report = toReport(lintPaths({ paths: [], cwd: dir, asOf: '2026-11-27' }).result.files, dir, false);
    const whole = `${JSON.stringify(report, null, 2)}\n`;
    assert.equal(report.warningCount, 4500);
    assert.ok(writes.length > 1, `${writes.length} write`);
    assert.deepEqual(
      writes.filter((part) => !part.endsWith('\n')),
      [],
    );
    assert.equal(writes.join(''), whole);
  });

  it('with --quiet, is the report of the errors alone, its counts too, and exits as they say', () => {
    const files = lintPaths({ paths: [], cwd: dir, asOf: '2026-11-27' }).result.files;
    const quiet = lintWrites(dir, ['--format', 'json', '--as-of', '2026-11-27', '--quiet']);
    assert.equal(quiet.status, 0);
    assert.equal(quiet.writes.join(''), `${JSON.stringify(toReport(files, dir, true), null, 2)}\n`);
    const { errorCount, warningCount, infoCount } = JSON.parse(quiet.writes.join('')) as { errorCount: number; warningCount: number; infoCount: number };
    assert.deepEqual([errorCount, warningCount, infoCount], [0, 0, 0]);
    assert.equal(lintWrites(dir, ['--format', 'json', '--as-of', '2026-11-27', '--max-warnings', '4499']).status, 1);
    assert.equal(lintWrites(dir, ['--format', 'json', '--as-of', '2026-11-27', '--max-warnings', '4500']).status, 0);
  });

  it('is, as JSON, what JSON.stringify writes, whatever the files and messages', () => {
    const diagnostic = { code: 'c', severity: 'warning', line: 1, column: 2, endLine: 3, endColumn: 4 } as const;
    const reports = [
      countReport([]),
      countReport([{ path: 'a.kpi.yaml', diagnostics: [] }]),
      countReport([
        { path: 'a "quoted"\\path.kpi.yaml', diagnostics: [{ ...diagnostic, message: 'a line\nbreak, a "quote", \u2028 and 🙂' }] },
        { path: 'b.kpi.yaml', diagnostics: [] },
        {
          path: 'c.kpi.yaml',
          diagnostics: [
            { ...diagnostic, message: '' },
            { ...diagnostic, severity: 'error', message: '\u0000' },
          ],
        },
      ]),
    ];
    for (const report of reports) {
      assert.equal(LINT_FORMATS.json(report, { color: false, cwd: '/' }), `${JSON.stringify(report, null, 2)}\n`);
      assert.equal([...jsonParts(report)].length, report.files.length + 2);
    }
  });

  it('is written in parts small enough to be written straight from the text', () => {
    const { writes } = lintWrites(dir, ['--format', 'json', '--as-of', '2026-11-27', 'area-0/team-0.kpi.yaml']);
    assert.equal((JSON.parse(writes.join('')) as { warningCount: number }).warningCount, 30);
    assert.deepEqual(
      writes.filter((part) => Buffer.byteLength(part) > 16 * 1024),
      [],
    );
  });
});
