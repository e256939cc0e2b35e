import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { GOOD_FILE, REPO } from './helpers';

/** Exponential aliases: 9^7 nodes once expanded. */
const ALIAS_BOMB = ['kpi: 1', 'a: &a [x, x, x, x, x, x, x, x, x]']
  .concat(
    ['b', 'c', 'd', 'e', 'f', 'g'].map((name, i) => {
      const previous = 'abcdefg'[i];
      return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`;
    }),
  )
  .join('\n');

const HOSTILE: Record<string, string | Buffer> = {
  'broken.kpi.yaml': 'kpi: 1\nkpis:\n  - id: a\n    name: [unclosed\n',
  'duplicate-keys.kpi.yaml': 'kpi: 1\ntitle: A\ntitle: B\n',
  'alias-bomb.kpi.yaml': `${ALIAS_BOMB}\n`,
  'binary.kpi.yaml': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
  'empty.kpi.yaml': '',
  'top-level-list.kpi.yaml': '- kpi: 1\n- kpis: []\n',
  'nested.kpi.yaml': `kpi: 1\ngoals: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
  'huge-string.kpi.yaml': `kpi: 1\ntitle: "${'x'.repeat(3_000_000)}"\nkpis:\n  - id: huge\n    name: Huge\n    category: finance\n`,
};

describe('hostile files', () => {
  it('each gets a clear diagnostic, and the good file beside them is still linted correctly', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-hostile-'));
    for (const [name, content] of Object.entries(HOSTILE)) fs.writeFileSync(path.join(dir, name), content);
    fs.writeFileSync(path.join(dir, 'good.kpi.yaml'), GOOD_FILE);
    fs.writeFileSync(
      path.join(dir, 'unlinked.kpi.yaml'),
      GOOD_FILE.replace(/^ *goals: .*\n/m, '')
        .replace(/grow-revenue\n/, 'grow-margin\n')
        .replace('sales-growth', 'gross-margin'),
    );
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'lint', '--format', 'json', '--as-of', '2026-11-27'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(result.error, undefined, 'the CLI finished');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; line: number; message: string }[] }[] };
    const byFile = Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.line} ${d.code}`)]));
    assert.deepEqual(byFile, {
      'alias-bomb.kpi.yaml': ['3 yaml-syntax'],
      'binary.kpi.yaml': ['1 yaml-syntax'],
      'broken.kpi.yaml': ['5 yaml-syntax'],
      'duplicate-keys.kpi.yaml': ['3 yaml-syntax'],
      'empty.kpi.yaml': ['1 schema'],
      'good.kpi.yaml': [],
      'huge-string.kpi.yaml': [
        '4 missing-frequency',
        '4 missing-owner',
        '4 missing-rationale',
        '4 missing-source',
        '4 missing-target',
        '4 missing-unit',
        '4 unlinked-kpi',
        '6 schema',
      ],
      'nested.kpi.yaml': ['2 yaml-syntax'],
      'top-level-list.kpi.yaml': ['1 schema'],
      'unlinked.kpi.yaml': ['3 unmeasured-goal', '6 unlinked-kpi'],
    });
    const messages = report.files.flatMap((f) => f.diagnostics.map((d) => d.message));
    for (const message of messages) assert.ok(message.length < 400, `a short message: ${message.slice(0, 80)}...`);
  });
});
