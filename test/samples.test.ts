import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintPaths } from '../server/src/cli/workspace';
import { RULES } from '../server/src/core/rules';
import { REPO } from './helpers';

const SAMPLES = path.join(REPO, 'samples');
const PITFALLS = path.join(SAMPLES, 'pitfalls');

function lint(cwd: string, config: string) {
  const { result } = lintPaths({ paths: ['.'], cwd, asOf: '2026-11-27', config });
  return result.files.flatMap(({ file, lines, diagnostics }) =>
    diagnostics.map((d) => ({ file: path.relative(cwd, file.path).split(path.sep).join('/'), line: lines.lineOf(d.span.start) + 1, code: d.code })),
  );
}

/** The rows of the table in samples/pitfalls/EXPECTED.md. */
function expected(): { file: string; line: number; code: string }[] {
  const text = fs.readFileSync(path.join(PITFALLS, 'EXPECTED.md'), 'utf8');
  return [...text.matchAll(/^\| ([\w.-]+\.kpi\.yaml) \| (\d+) \| `([a-z-]+)` \|/gm)].map((m) => ({ file: m[1], line: Number(m[2]), code: m[3] }));
}

const order = (a: { file: string; line: number; code: string }, b: typeof a) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code);

describe('samples', () => {
  it('the company workspace lints with no diagnostic at all as of 2026-11-27', () => {
    assert.deepEqual(lint(SAMPLES, 'kpi.config.yaml'), []);
  });

  it('the company workspace has a goal tree and every KPI category, with CSV sources', () => {
    const { result } = lintPaths({ paths: ['.'], cwd: SAMPLES, asOf: '2026-11-27', config: 'kpi.config.yaml' });
    const { workspace } = result;
    assert.ok(workspace.goals.some((g) => g.parent !== undefined));
    assert.deepEqual(new Set(workspace.kpis.map((k) => k.category)), new Set(['financial', 'operational', 'customer', 'hr']));
    const csvKpis = workspace.kpis.filter((k) => workspace.source(k)?.kind === 'read');
    assert.ok(csvKpis.length >= 2);
  });

  it('the pitfalls workspace gives exactly the diagnostics listed in its EXPECTED.md', () => {
    assert.deepEqual(lint(PITFALLS, 'kpi.config.yaml').sort(order), expected().sort(order));
  });

  it('the pitfalls workspace shows every rule of the catalog firing', () => {
    const fired = new Set(lint(PITFALLS, 'kpi.config.yaml').map((d) => d.code));
    assert.deepEqual(
      RULES.map((r) => r.meta.id).filter((id) => !fired.has(id)),
      [],
    );
  });

  it('every pitfalls diagnostic is on a line marked "# ← <rule-id>"', () => {
    for (const d of lint(PITFALLS, 'kpi.config.yaml')) {
      const line = fs.readFileSync(path.join(PITFALLS, d.file), 'utf8').split('\n')[d.line - 1];
      assert.match(line, new RegExp(`# ←.*\\b${d.code}\\b`), `${d.file}:${d.line} ${d.code}`);
    }
  });
});
