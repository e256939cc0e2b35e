#!/usr/bin/env node
'use strict';
// The bundle `npm run build` makes (out/kpi.js) of server/src/cli/main.ts.
require('../out/kpi.js').main();
