// Bundles what runs: into dist/ what the .vsix holds (the extension and the
// language server for Node, the preview's webview script for the browser),
// and into out/kpi.js the `kpi` CLI (Node).
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
// DuckDB is an optional native package, loaded by node/sql/duckdb.ts only when
// a DuckDB connection is used: bundling it would inline a binding that cannot
// be inlined, and make it required. It stays a require() of node_modules.
const optionalNative = ['@duckdb/node-api'];
const common = { bundle: true, minify: true, sourcemap: false, logLevel: 'warning', legalComments: 'none', absWorkingDir: root };

Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', ...optionalNative],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/lsp/start.ts'],
    outfile: 'dist/server.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: optionalNative,
  }),
  // The CLI as one file: `kpi` starts faster than from the many modules tsc writes to out/.
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'out/kpi.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: optionalNative,
  }),
  esbuild.build({
    ...common,
    entryPoints: ['client/webview/preview.ts'],
    outfile: 'dist/media/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
  // The script a scorecard file of many KPIs carries inline (node/scorecard-page.ts reads it).
  esbuild.build({
    ...common,
    entryPoints: ['client/webview/scorecard-page.ts'],
    outfile: 'dist/media/scorecard.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
])
  // The CLI's code cache is made from the bundle just written (scripts/code-cache.js).
  .then(() => execFileSync(process.execPath, [path.join(__dirname, 'code-cache.js')], { stdio: 'inherit' }))
  .catch(() => {
    process.exitCode = 1;
  });
