import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers';

/**
 * bin/kpi.js compiles the CLI's bundle from the V8 code cache the build
 * writes next to it: the build's cache must fit the build's bundle, and a
 * cache made from any other text must never be used, not even one of the
 * same length (V8 itself would take that one).
 */

interface Loaded {
  readonly exports: { run(args: readonly string[], io: unknown): number };
  readonly cached: boolean;
}

// bin/ is plain JavaScript, outside the compiled sources.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadBundle } = require(path.join(REPO, 'bin', 'load-bundle.js')) as { loadBundle: (file: string) => Loaded };

/** `kpi lint` of the samples' pitfalls as JSON, run by a loaded bundle, and its exit code. */
function lintPitfalls(loaded: Loaded): { code: number; output: string } {
  let output = '';
  const io = { stdout: { write: (text: string) => (output += text) }, stderr: { write() {} }, cwd: path.join(REPO, 'samples', 'pitfalls'), env: {} };
  const code = loaded.exports.run(['lint', '.', '--format', 'json', '--as-of', '2026-11-27', '--locale', 'en'], io);
  return { code, output };
}

describe("the CLI's code cache", () => {
  it("is used for the build's bundle, and the CLI says the same from it", () => {
    const bundle = path.join(REPO, 'out', 'kpi.js');
    const loaded = loadBundle(bundle);
    assert.equal(loaded.cached, true);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-code-cache-'));
    // The same text without a cache beside it.
    fs.copyFileSync(bundle, path.join(folder, 'kpi.js'));
    const compiled = loadBundle(path.join(folder, 'kpi.js'));
    assert.equal(compiled.cached, false);
    const fromCache = lintPitfalls(loaded);
    assert.equal(fromCache.code, 1);
    assert.match(fromCache.output, /"errorCount": 20,/);
    assert.deepEqual(fromCache, lintPitfalls(compiled));
  });

  it('is not used for a bundle of another text of the same length', () => {
    const bundle = path.join(REPO, 'out', 'kpi.js');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-code-cache-'));
    const text = fs.readFileSync(bundle, 'utf8');
    // A line break for the first semicolon: the same program, another text.
    const changed = text.replace('"use strict";', '"use strict"\n');
    assert.equal(changed.length, text.length);
    assert.notEqual(changed, text);
    fs.writeFileSync(path.join(folder, 'kpi.js'), changed);
    fs.copyFileSync(`${bundle}.cache`, path.join(folder, 'kpi.js.cache'));
    const loaded = loadBundle(path.join(folder, 'kpi.js'));
    assert.equal(loaded.cached, false);
    assert.equal(lintPitfalls(loaded).code, 1);
  });
});
