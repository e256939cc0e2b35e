import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from './helpers';

/** Every source file of the product (not the tests): its TypeScript, and the JavaScript of bin/. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : /\.(ts|js)$/.test(entry.name) ? [file] : [];
  });
}

const PRODUCT = ['server/src', 'client/src', 'client/webview', 'bin'];

/** What turns text into code or markup: none of it may take KPI text. */
const EVALUATING =
  /\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|\bsetTimeout\s*\(\s*['"`]|\bsetInterval\s*\(\s*['"`]|\bvm\.|runInNewContext|runInThisContext|\bimport\s*\(\s*[^'"`]|\brequire\s*\(\s*[^'"`]|innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|srcdoc|child_process/;

describe('no KPI content is executed or evaluated', () => {
  it('the product has no eval, Function, dynamic import or require, child process, or HTML sink but the page scripts parse of the escaped renderer pieces', () => {
    const found = PRODUCT.flatMap((dir) =>
      sources(path.join(REPO, dir)).flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${path.relative(REPO, file)}:${i + 1}`, line: line.trim() }))
          .filter(({ line }) => EVALUATING.test(line) && !line.startsWith('//') && !line.startsWith('*')),
      ),
    );
    // The one HTML sink: the preview and a large file's page script parse the renderer's output (every KPI text escaped, see
    // test/browser/hostile.test.ts) into their page, in client/webview/patch.ts.
    // The child processes: `kpi diff` runs git, and KPI: Refresh Data the workspace's own `kpi refresh` (SPEC §8: the only
    // place the editor starts a query, on the user's command, in a trusted workspace), each with an argument array and no
    // shell (checked below). The one script compiled from text: bin/load-bundle.js runs the CLI's own bundle (out/kpi.js,
    // a file of the package) as `require` would, with its code cache (checked below).
    assert.deepEqual(found, [
      { where: 'server/src/node/git.ts:8', line: "import { execFileSync } from 'node:child_process';" },
      { where: 'client/src/refresh/refresh.ts:8', line: "import { spawn } from 'node:child_process';" },
      { where: 'client/webview/patch.ts:24', line: 'template.innerHTML = html;' },
      { where: 'bin/load-bundle.js:45', line: "const script = new vm.Script(Module.wrap(source.toString('utf8')), { filename: file, cachedData });" },
      { where: 'bin/load-bundle.js:47', line: 'script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));' },
    ]);
  });

  it('loads DuckDB, an optional native package, by a literal require in one place only', () => {
    // The one require() written by hand: node/sql/duckdb.ts loads @duckdb/node-api when a DuckDB connection is opened, so that
    // everything else runs without it. Its name is a literal (no require of a computed name passes the check above); elsewhere
    // the package may be named in a type import only, which the compiler erases.
    const found = PRODUCT.flatMap((dir) =>
      sources(path.join(REPO, dir)).flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${path.relative(REPO, file)}:${i + 1}`, line: line.trim() }))
          .filter(({ line }) => line.includes('@duckdb/') && !line.startsWith('//') && !line.startsWith('*') && !line.startsWith('import type ')),
      ),
    );
    assert.deepEqual(found, [{ where: 'server/src/node/sql/duckdb.ts:63', line: "return require('@duckdb/node-api') as DuckDbApi;" }]);
  });

  it("compiles no text but the CLI's own bundle: bin/kpi.js and the build load out/kpi.js, and nothing else loads a bundle", () => {
    const calls = PRODUCT.concat('scripts').flatMap((dir) =>
      sources(path.join(REPO, dir)).flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => /\bloadBundle\(/.test(line) && !/function loadBundle\(/.test(line))
          .map((line) => `${path.relative(REPO, file)}: ${line.trim()}`),
      ),
    );
    assert.deepEqual(calls, [
      "bin/kpi.js: .loadBundle(require('node:path').join(__dirname, '..', 'out', 'kpi.js'))",
      'scripts/code-cache.js: const { exports: cli, cache } = loadBundle(bundle, { useCache: false });',
    ]);
    assert.match(fs.readFileSync(path.join(REPO, 'scripts/code-cache.js'), 'utf8'), /const bundle = path\.join\(root, 'out', 'kpi\.js'\);/);
  });

  it('runs git, and only git, without a shell', () => {
    const git = fs.readFileSync(path.join(REPO, 'server/src/node/git.ts'), 'utf8');
    assert.deepEqual(
      [...git.matchAll(/execFileSync\(([^,]+),/g)].map((m) => m[1]),
      ["'git'"],
    );
    assert.doesNotMatch(git, /\bshell\s*:/);
    assert.doesNotMatch(git, /\b(exec|execSync|spawn|spawnSync|fork)\s*\(/);
  });

  it("runs the workspace's kpi refresh, once, with an argument array and no shell", () => {
    const refresh = fs.readFileSync(path.join(REPO, 'client/src/refresh/refresh.ts'), 'utf8');
    assert.deepEqual(
      [...refresh.matchAll(/\bspawn\(([^,]+), ([^,]+), \{[^}]*\bshell: (\w+)/g)].map((m) => [m[1], m[2], m[3]]),
      [['invocation.command', 'invocation.args', 'false']],
    );
    assert.doesNotMatch(refresh, /\b(exec|execSync|execFile|execFileSync|spawnSync|fork)\s*\(/);
    assert.equal([...refresh.matchAll(/\bspawn\(/g)].length, 1);
  });
});
