// Compiles schemas/kpi.schema.json with ajv into a standalone validator,
// server/src/core/kpi-validator.generated.ts (run by `npm run build`, not
// kept in git): the linter then validates without compiling the schema at
// start-up, which took longer than linting a thousand unchanged files.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { _ } = require('ajv');
const Ajv2020 = require('ajv/dist/2020').default;
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.resolve(__dirname, '..');
const OUTPUT = path.join(root, 'server/src/core/kpi-validator.generated.ts');

/** The validator's source: the same options the linter always used, the `kpi-date` format from dates.ts. */
function validatorSource() {
  // strictRequired off: a SQL source's `oneOf: [{ required: [query] }, { required: [queryFile] }]` names properties its parent defines.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    code: { source: true, esm: true, formats: _`require('./dates').SCHEMA_FORMATS` },
  });
  // Editor-only annotations that VS Code and the YAML extension read.
  ajv.addVocabulary(['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions']);
  // Compiling needs the format's name only; the generated code calls the one in dates.ts.
  ajv.addFormat('kpi-date', () => true);
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/kpi.schema.json'), 'utf8'));
  const header = '// @ts-nocheck\n// Generated from schemas/kpi.schema.json by scripts/schema-validator.js (`npm run build`): do not edit.\n';
  return header + standaloneCode(ajv, ajv.compile(schema)) + '\n';
}

module.exports = { OUTPUT, validatorSource };

if (require.main === module) {
  const source = validatorSource();
  // Written only when it changed, so that tsc's incremental build stays quick.
  if (!fs.existsSync(OUTPUT) || fs.readFileSync(OUTPUT, 'utf8') !== source) fs.writeFileSync(OUTPUT, source);
}
