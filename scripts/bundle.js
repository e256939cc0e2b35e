// Bundles what runs into dist/: the extension (Node), the language server
// (Node), the preview's webview script (browser), and the `kpi` CLI (Node,
// not packed into the .vsix).
'use strict';
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const common = { bundle: true, minify: true, sourcemap: false, logLevel: 'warning', legalComments: 'none', absWorkingDir: root };

Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/start.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20' }),
  // The CLI as one file: `kpi` starts several times faster than from the many modules in out/.
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/kpi.js', platform: 'node', format: 'cjs', target: 'node20' }),
  esbuild.build({ ...common, entryPoints: ['client/webview/preview.ts'], outfile: 'dist/media/preview.js', platform: 'browser', format: 'iife', target: 'es2022' }),
]).catch(() => {
  process.exitCode = 1;
});
