import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { nearestHolding } from './root';

const SCRIPT = path.join('dist', 'media', 'scorecard.js');

/**
 * What a large scorecard file carries (report/html.ts BUILT_UP_FRONT): the
 * page script scripts/bundle.js builds from client/webview/scorecard-page.ts,
 * found upward from this module (bundled in out/ or compiled to
 * out/server/src/node/), and its model packed as base64 of gzip: level 6
 * packs the 13 MB of JSON of 10,000 KPIs to 2.1 MB in about 150 ms (level 4:
 * 2.3 MB in 90 ms, level 1: 2.8 MB in 65 ms), which keeps that file under
 * 5 MB. Undefined
 * when the script is not built: every scorecard is then written whole.
 */
export function scorecardPage(): { readonly script: string; readonly pack: (json: string) => string } | undefined {
  const holder = nearestHolding(__dirname, SCRIPT);
  if (holder === undefined) return undefined;
  return {
    script: fs.readFileSync(path.join(holder, SCRIPT), 'utf8'),
    pack: (json) => gzipSync(json, { level: 6 }).toString('base64'),
  };
}
