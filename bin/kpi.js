#!/usr/bin/env node
'use strict';
// The bundle `npm run build` makes (dist/kpi.js) of server/src/cli/main.ts.
require('../dist/kpi.js').main();
