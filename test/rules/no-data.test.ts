import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as path from 'node:path';
import { EMPTY_CONFIG } from '../../server/src/core/config';
import { parseCalendarDay } from '../../server/src/core/dates';
import { lintWorkspace } from '../../server/src/core/lint';
import { parseKpiFile } from '../../server/src/core/parse';
import { found, GOOD_FILE, lintFixture, lintRule, memoryReader, messages, ROOT, spans } from '../helpers';

/** One KPI (its id on line 3) with the given extra lines: target, source, measurements. */
function kpiFile(...lines: string[]): string {
  return ['kpi: 1', 'kpis:', '  - id: employee-satisfaction', '    name: Employee satisfaction', '    category: hr', ...lines.map((l) => `    ${l}`), ''].join(
    '\n',
  );
}

const TARGET = 'target: { value: 4.2, date: 2026-12 }';
const CSV_SOURCE = 'source: { file: data/survey.csv, date: quarter, value: score }';
const REPORTED = [{ file: 'a.kpi.yaml', line: 3, code: 'no-data' }];

describe('no-data', () => {
  it('stays silent for a KPI with measurements', () => {
    assert.deepEqual(lintRule('no-data', { 'sales.kpi.yaml': GOOD_FILE }), []);
  });

  it('reports a KPI with a target and no measurements on its id, even with a text source', () => {
    const files = { 'a.kpi.yaml': kpiFile(TARGET, 'source: Quarterly staff survey') };
    assert.deepEqual(lintRule('no-data', files), REPORTED);
    assert.deepEqual(spans(lintFixture(files, { rule: 'no-data' })), [{ code: 'no-data', text: 'employee-satisfaction' }]);
  });

  it('stays silent without a target or without a target value', () => {
    assert.deepEqual(lintRule('no-data', { 'a.kpi.yaml': kpiFile('source: Quarterly staff survey') }), []);
    assert.deepEqual(lintRule('no-data', { 'a.kpi.yaml': kpiFile('target: { date: 2026-12 }') }), []);
  });

  it('reports a KPI whose only measurements are after the as-of date', () => {
    assert.deepEqual(lintRule('no-data', { 'a.kpi.yaml': kpiFile(TARGET, 'measurements:', '  - { date: 2026-Q4, value: 4 }') }), REPORTED);
  });

  it('counts the rows of a CSV source as measurements', () => {
    const files = { 'a.kpi.yaml': kpiFile(TARGET, CSV_SOURCE), 'data/survey.csv': 'quarter,score\n2026-Q2,3.8\n2026-Q3,3.9\n' };
    assert.deepEqual(lintRule('no-data', files), []);
  });

  it('reports a KPI whose CSV source has a header and no rows', () => {
    const files = { 'a.kpi.yaml': kpiFile(TARGET, CSV_SOURCE), 'data/survey.csv': 'quarter,score\n' };
    assert.deepEqual(lintRule('no-data', files), REPORTED);
  });

  describe('stays silent when a source-* diagnostic explains the missing data', () => {
    /** The no-data and source-* diagnostics of the whole catalog. */
    const dataCodes = (files: Record<string, string>) => found(lintFixture(files)).filter((f) => f.code === 'no-data' || f.code.startsWith('source-'));

    it('the file does not exist', () => {
      assert.deepEqual(dataCodes({ 'a.kpi.yaml': kpiFile(TARGET, CSV_SOURCE) }), [{ file: 'a.kpi.yaml', line: 7, code: 'source-not-found' }]);
    });

    it('the file is outside the workspace', () => {
      const files = { 'a.kpi.yaml': kpiFile(TARGET, 'source: { file: ../survey.csv, date: quarter, value: score }') };
      assert.deepEqual(dataCodes(files), [{ file: 'a.kpi.yaml', line: 7, code: 'source-outside-workspace' }]);
    });

    it('a column is missing', () => {
      const files = { 'a.kpi.yaml': kpiFile(TARGET, CSV_SOURCE), 'data/survey.csv': 'quarter,result\n2026-Q3,3.9\n' };
      assert.deepEqual(dataCodes(files), [{ file: 'a.kpi.yaml', line: 7, code: 'source-column-missing' }]);
    });

    it('every row is bad', () => {
      const files = { 'a.kpi.yaml': kpiFile(TARGET, CSV_SOURCE), 'data/survey.csv': 'quarter,score\n2026-Q2,n/a\nQ3 2026,3.9\n' };
      assert.deepEqual(dataCodes(files), [
        { file: 'a.kpi.yaml', line: 7, code: 'source-bad-row' },
        { file: 'a.kpi.yaml', line: 7, code: 'source-bad-row' },
      ]);
    });
  });

  it('says the CSV source was not read, instead of missing, when the reader declines every file (an untrusted workspace)', () => {
    const files = { 'a.kpi.yaml': kpiFile(TARGET, CSV_SOURCE), 'data/survey.csv': 'quarter,score\n2026-Q2,3.8\n' };
    const reader = { ...memoryReader(files), declines: 'CSV sources are not read in an untrusted workspace' };
    let reads = 0;
    const counting = { ...reader, realpath: (f: string) => (reads++, reader.realpath(f)), readBytes: (f: string) => (reads++, reader.readBytes(f)) };
    const asOf = parseCalendarDay('2026-11-27')!;
    const result = lintWorkspace([parseKpiFile(path.join(ROOT, 'a.kpi.yaml'), files['a.kpi.yaml'])], {
      root: ROOT,
      asOf,
      config: EMPTY_CONFIG,
      reader: counting,
    });
    const dataCodes = found(result).filter((f) => f.code === 'no-data' || f.code.startsWith('source-'));
    assert.deepEqual(dataCodes, REPORTED);
    assert.deepEqual(
      messages(result).filter((m) => m.includes('no data')),
      ['KPI `employee-satisfaction` shows no data because CSV sources are not read in an untrusted workspace: trust the workspace to read `data/survey.csv`.'],
    );
    assert.equal(result.workspace.status(result.workspace.kpis[0]).status, 'no-data');
    assert.equal(reads, 1, 'only the root is resolved; no CSV file is looked at');
  });
});
