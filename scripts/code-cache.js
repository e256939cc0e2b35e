// Writes out/kpi.js.cache, the V8 code cache bin/load-bundle.js compiles
// the CLI's bundle from: the bundle is loaded without one, runs the
// commands people run most (lint and status on the samples and their
// pitfalls, in both languages, every format) so that V8 compiles the functions they call,
// and the code compiled by then is written out. Run by scripts/bundle.js
// after each bundle, in a process of its own.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { loadBundle } = require('../bin/load-bundle.js');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'out', 'kpi.js');
const { exports: cli, cache } = loadBundle(bundle, { useCache: false });
// The samples, and the pitfalls, which hold a finding of most rules.
for (const folder of ['samples', 'samples/pitfalls']) {
  const quiet = { stdout: { write() {} }, stderr: { write() {} }, cwd: path.join(root, folder), env: {} };
  for (const locale of ['en', 'sv']) {
    for (const format of ['stylish', 'json', 'sarif', 'github', 'junit']) cli.run(['lint', '.', '--format', format, '--locale', locale], quiet);
    for (const format of ['table', 'json', 'markdown']) cli.run(['status', '.', '--format', format, '--locale', locale], quiet);
  }
}
fs.writeFileSync(`${bundle}.cache`, cache());
