import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { REPO } from './helpers';

/**
 * The layers of docs/architecture.md are import rules in eslint.config.mjs:
 * each wrong import below must fail `npm run lint`, each right one pass.
 * Type information is switched off here: the layer rules do not need it.
 */
const eslint = new ESLint({
  cwd: REPO,
  overrideConfig: [{ languageOptions: { parserOptions: { projectService: false, project: null } } }],
  ruleFilter: ({ ruleId }) => ruleId === '@typescript-eslint/no-restricted-imports',
});

/** The rule's messages for one import in a file at `file` (relative to the repository). */
async function importProblems(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath: `${REPO}/${file}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const WRONG: readonly (readonly [file: string, specifier: string])[] = [
  ['server/src/core/lint.ts', 'node:fs'],
  ['server/src/core/lint.ts', 'fs'],
  ['server/src/core/rules/stale-data.ts', 'path'],
  ['server/src/core/lint.ts', '../node/files'],
  ['server/src/core/rules/stale-data.ts', '../../cli/main'],
  ['server/src/core/lint.ts', '../lsp/server'],
  ['server/src/core/lint.ts', '../report/html'],
  ['server/src/report/html.ts', 'node:path'],
  ['server/src/report/html.ts', '../cli/formatters/report'],
  ['server/src/report/html.ts', '../node/files'],
  ['server/src/node/files.ts', '../cli/main'],
  ['server/src/node/files.ts', '../lsp/server'],
  ['server/src/cli/main.ts', '../lsp/protocol'],
  ['server/src/cli/formatters/json.ts', '../../lsp/server'],
  ['server/src/lsp/server.ts', '../cli/files'],
  ['server/src/lsp/service/hover.ts', '../../cli/formatters/report'],
  ['server/src/lsp/server.ts', '../node/refresh'],
  ['server/src/lsp/project.ts', '../node/sql/postgres'],
  ['server/src/lsp/service/context.ts', '../../node/sql/duckdb'],
  ['client/src/extension.ts', '../../server/src/core/scorecard'],
  ['client/src/preview/preview.ts', '../../../server/src/cli/main'],
  ['client/src/preview/preview.ts', '../../../server/src/lsp/server'],
  ['client/src/extension.ts', '../../server/src/node/root'],
];

const RIGHT: readonly (readonly [file: string, specifier: string])[] = [
  ['server/src/core/lint.ts', './types'],
  ['server/src/core/rules/stale-data.ts', '../dates'],
  ['server/src/core/lint.ts', 'yaml'],
  ['server/src/report/html.ts', '../core/scorecard'],
  ['server/src/node/files.ts', '../core/host'],
  ['server/src/node/files.ts', 'node:fs'],
  ['server/src/cli/main.ts', '../node/files'],
  ['server/src/cli/main.ts', '../report/html'],
  ['server/src/lsp/server.ts', '../node/root'],
  ['server/src/cli/refresh-command.ts', '../node/refresh'],
  ['server/src/lsp/server.ts', '../core/lint'],
  ['client/src/extension.ts', '../../server/src/lsp/protocol'],
  ['client/src/preview/preview.ts', '../../../server/src/report/html'],
  ['client/src/extension.ts', 'vscode-languageclient/node'],
  ['client/src/extension.ts', '../../server/src/core/l10n/catalogue'],
  ['client/src/extension.ts', '../../server/src/node/scorecard-page'],
];

describe('the layers, as lint rules', () => {
  it('a wrong import fails the lint, naming the layer rule', async () => {
    for (const [file, specifier] of WRONG) {
      const problems = await importProblems(file, specifier);
      assert.equal(problems.length, 1, `${file} importing ${specifier}: ${problems.join('; ') || 'no problem'}`);
      assert.match(problems[0], /^@typescript-eslint\/no-restricted-imports: /, `${file} importing ${specifier}`);
    }
  });

  it('an import the layers allow passes', async () => {
    for (const [file, specifier] of RIGHT) assert.deepEqual(await importProblems(file, specifier), [], `${file} importing ${specifier}`);
  });
});
