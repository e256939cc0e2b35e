import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { nearestHolding } from './root';

const SCRIPT = path.join('dist', 'media', 'scorecard.js');

/**
 * What a large scorecard file carries (report/html.ts BUILT_UP_FRONT): the
 * page script scripts/bundle.js builds from client/webview/scorecard-page.ts,
 * found upward from this module (bundled in out/ or compiled to
 * out/server/src/node/), and its model packed as base64 of gzip: level 5
 * packs the 14 MB of JSON of 10,000 KPIs to 1.61 MB in about 115 ms (level
 * 6: 1.59 MB in 165 ms, level 4: 1.75 MB in 90 ms), which keeps that file
 * under 5 MB. Undefined when the script is not built: every scorecard is
 * then written whole.
 */
export function scorecardPage(): { readonly script: string; readonly pack: (json: string) => string } | undefined {
  const holder = nearestHolding(__dirname, SCRIPT);
  if (holder === undefined) return undefined;
  return {
    script: fs.readFileSync(path.join(holder, SCRIPT), 'utf8'),
    pack: (json) => gzipSync(json, { level: 5 }).toString('base64'),
  };
}
