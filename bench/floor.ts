/**
 * The baselines the benchmark compares `kpi lint` with, each run as its own
 * process like the linter: `yaml` parseDocument of every file, and js-yaml
 * load plus ajv validation (js-yaml is a dev dependency used only here).
 */
import * as fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { load } from 'js-yaml';
import { parseDocument } from 'yaml';
import { findFiles, KPI_FILE } from '../server/src/node/files';
import { kpiSchema } from '../server/src/core/schema';

const [mode, dir] = process.argv.slice(2);
const files = findFiles(dir, (name) => KPI_FILE.test(name));
let problems = 0;
if (mode === 'yaml') {
  for (const file of files) problems += parseDocument(fs.readFileSync(file, 'utf8')).errors.length;
} else if (mode === 'js-yaml') {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('kpi-date', () => true);
  const validate = ajv.compile(kpiSchema);
  for (const file of files) if (!validate(load(fs.readFileSync(file, 'utf8')))) problems++;
} else {
  throw new Error(`unknown floor ${mode}`);
}
process.stdout.write(`${JSON.stringify({ files: files.length, problems })}\n`);
