import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeFileReader } from '../../server/src/node/files';
import { EMPTY_CONFIG } from '../../server/src/core/config';
import { parseCalendarDay } from '../../server/src/core/dates';
import type { FileReader } from '../../server/src/core/host';
import { lintWorkspace, type LintResult } from '../../server/src/core/lint';
import { parseKpiFile } from '../../server/src/core/parse';
import { RULES } from '../../server/src/core/rules';
import { found, memoryReader, ROOT, spans } from '../helpers';

/** A reader that records every file whose bytes are asked for. */
function recording(reader: FileReader): { reader: FileReader; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    reader: {
      realpath: (file) => reader.realpath(file),
      readBytes: (file) => {
        reads.push(file);
        return reader.readBytes(file);
      },
    },
  };
}

/** Lints the KPI files (paths under `root`) with this rule only, through `reader`. */
function lint(root: string, kpiFiles: Record<string, string>, reader: FileReader): LintResult {
  const files = Object.entries(kpiFiles).map(([name, text]) => parseKpiFile(path.join(root, name), text));
  const rules = RULES.filter((r) => r.meta.id === 'source-outside-workspace');
  return lintWorkspace(files, { root, asOf: parseCalendarDay('2026-11-27')!, config: EMPTY_CONFIG, reader, rules });
}

/** One KPI whose `source.file` (line 6) is `file`. */
function kpiFile(file: string): string {
  return [
    'kpi: 1',
    'kpis:',
    '  - id: sales-growth',
    '    name: Sales growth',
    '    category: financial',
    `    source: { file: ${file}, date: month, value: growth }`,
    '',
  ].join('\n');
}

const CSV = 'month,growth\n2026-10,5.1\n';

describe('source-outside-workspace', () => {
  describe('in memory', () => {
    it('reads a file inside the workspace, also through `..` that stays inside', () => {
      const { reader, reads } = recording(memoryReader({ 'data/sales.csv': CSV }));
      const result = lint(ROOT, { 'kpis/a.kpi.yaml': kpiFile('../data/sales.csv') }, reader);
      assert.deepEqual(found(result), []);
      assert.deepEqual(reads, [path.join(ROOT, 'data/sales.csv')]);
    });

    it('reports a path whose `..` leaves the workspace root, on the file value, and does not read it', () => {
      // The file exists next to the workspace: only the root check keeps it unread.
      const outside = path.join(ROOT, '..', 'secret.csv');
      const base = memoryReader({});
      const { reader, reads } = recording({
        realpath: (file) => (file === outside ? file : base.realpath(file)),
        readBytes: (file) => (file === outside ? Buffer.from(CSV) : base.readBytes(file)),
      });
      const result = lint(ROOT, { 'a.kpi.yaml': kpiFile('../secret.csv'), 'kpis/b.kpi.yaml': kpiFile('../../secret.csv') }, reader);
      assert.deepEqual(found(result), [
        { file: 'a.kpi.yaml', line: 6, code: 'source-outside-workspace' },
        { file: 'kpis/b.kpi.yaml', line: 6, code: 'source-outside-workspace' },
      ]);
      assert.deepEqual(spans(result), [
        { code: 'source-outside-workspace', text: '../secret.csv' },
        { code: 'source-outside-workspace', text: '../../secret.csv' },
      ]);
      assert.deepEqual(reads, []);
    });

    it('reports an absolute path outside the workspace and does not read it', () => {
      const { reader, reads } = recording(memoryReader({}));
      const result = lint(ROOT, { 'a.kpi.yaml': kpiFile(path.resolve('/etc/passwd')) }, reader);
      assert.deepEqual(found(result), [{ file: 'a.kpi.yaml', line: 6, code: 'source-outside-workspace' }]);
      assert.deepEqual(reads, []);
    });

    // sources.ts `inside()` tests `relative.startsWith('..')`, so `..sales.csv` at the root counts as outside.
    it('stays silent for a file name that merely starts with two dots', () => {
      const { reader } = recording(memoryReader({ '..sales.csv': CSV }));
      assert.deepEqual(found(lint(ROOT, { 'a.kpi.yaml': kpiFile('..sales.csv') }, reader)), []);
    });
  });

  describe('on the file system', () => {
    // tmp/workspace/data/linked-out.csv → tmp/outside/secret.csv; linked-in.csv → sales.csv next to it.
    let tmp = '';
    let workspace = '';
    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-'));
      workspace = path.join(tmp, 'workspace');
      const data = path.join(workspace, 'data');
      const secret = path.join(tmp, 'outside', 'secret.csv');
      fs.mkdirSync(data, { recursive: true });
      fs.mkdirSync(path.dirname(secret));
      fs.writeFileSync(secret, CSV);
      fs.writeFileSync(path.join(data, 'sales.csv'), CSV);
      fs.symlinkSync(secret, path.join(data, 'linked-out.csv'));
      fs.symlinkSync(path.join(data, 'sales.csv'), path.join(data, 'linked-in.csv'));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('reports a symlink inside the workspace that points to a CSV outside it, and never reads the target', () => {
      const { reader, reads } = recording(nodeFileReader);
      const result = lint(workspace, { 'sales.kpi.yaml': kpiFile('data/linked-out.csv') }, reader);
      assert.deepEqual(
        result.files.flatMap((f) => f.diagnostics.map((d) => ({ line: f.lines.lineOf(d.span.start) + 1, code: d.code }))),
        [{ line: 6, code: 'source-outside-workspace' }],
      );
      assert.deepEqual(spans(result), [{ code: 'source-outside-workspace', text: 'data/linked-out.csv' }]);
      assert.deepEqual(reads, []);
    });

    it('reads a symlink that points to a CSV inside the workspace', () => {
      const { reader, reads } = recording(nodeFileReader);
      const result = lint(workspace, { 'sales.kpi.yaml': kpiFile('data/linked-in.csv') }, reader);
      assert.deepEqual(spans(result), []);
      assert.deepEqual(reads, [fs.realpathSync(path.join(workspace, 'data', 'sales.csv'))]);
    });
  });
});
