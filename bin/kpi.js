#!/usr/bin/env node
'use strict';
// The bundle `npm run build` makes (out/kpi.js) of server/src/cli/main.ts, from its code cache (see load-bundle.js).
require('./load-bundle.js')
  .loadBundle(require('node:path').join(__dirname, '..', 'out', 'kpi.js'))
  .exports.main();
