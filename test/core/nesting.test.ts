import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { tooDeepAt } from '../../server/src/core/nesting';
import { REPO } from '../helpers';

describe('nesting bound', () => {
  it('passes every sample file', () => {
    const files = fs
      .readdirSync(path.join(REPO, 'samples'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.kpi.yaml'));
    assert.ok(files.length > 10);
    for (const file of files) assert.equal(tooDeepAt(fs.readFileSync(path.join(REPO, 'samples', file), 'utf8')), -1, file);
  });

  it('counts flow collections, compact sequences and indentation', () => {
    assert.equal(tooDeepAt(`a: ${'['.repeat(10)}${']'.repeat(10)}`, 10), -1);
    assert.equal(tooDeepAt(`a: ${'['.repeat(11)}`, 10), 13);
    assert.equal(tooDeepAt(`${'- '.repeat(11)}x`, 10), 22);
    assert.equal(tooDeepAt(`a:\n${' '.repeat(11)}b: 1`, 10), 14);
    assert.equal(tooDeepAt(`a: [\n  [\n    [1]\n  ]\n]\n`, 3), -1);
  });

  it('ignores brackets inside quotes, comments and plain scalars', () => {
    const text = ['name: "[[[[[[[[[[[["', "note: '{{{{{{{{{{{{'", 'x: 1 # [[[[[[[[[[[[', 'formula: a[1][2][3][4][5][6][7][8][9][10][11]'].join('\n');
    assert.equal(tooDeepAt(text, 5), -1);
  });
});
