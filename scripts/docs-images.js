// Copies the screenshots the browser and editor tests saved in test-artifacts/
// to docs/images/, where the README and the docs show them. Run it after
// `npm test` when a view changed: `npm run docs:images`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
/** docs/images/<name> ← test-artifacts/<name>, and the test that takes it. */
const IMAGES = {
  'editor-diagnostics.png': 'test/e2e/extension.test.ts (code-server)',
  'preview.png': 'test/e2e/extension.test.ts (code-server)',
  'scorecard-card.png': 'test/browser/chart.test.ts',
  'scorecard-chart.png': 'test/browser/chart.test.ts',
  'scorecard-table.png': 'test/browser/table-view.test.ts',
};

const missing = Object.entries(IMAGES).filter(([name]) => !fs.existsSync(path.join(root, 'test-artifacts', name)));
if (missing.length > 0) {
  for (const [name, test] of missing) console.error(`docs-images: test-artifacts/${name} is missing: run ${test} first (npm test)`);
  process.exit(1);
}
for (const name of Object.keys(IMAGES)) {
  fs.copyFileSync(path.join(root, 'test-artifacts', name), path.join(root, 'docs', 'images', name));
  console.log(`docs/images/${name}`);
}
