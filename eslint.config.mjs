// ESLint for the whole tree: the type-checked recommended rules of
// typescript-eslint, and the layers of docs/architecture.md as import rules.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's own modules, in both spellings (`fs`, `node:fs`). */
const NODE_MODULES = { regex: `^(node:.*|${builtinModules.map((m) => m.replace('/', '\\/')).join('|')})$`, message: 'this layer is pure: no Node module' };

/** An import of one of the server's layers, from anywhere in the tree. */
const layer = (name) => `(^|/)(server/src/)?${name}(/|$)`;

/** Each layer, the layers it must not import, and why. */
const LAYERS = [
  {
    files: ['server/src/core/**/*.ts'],
    forbidden: [
      NODE_MODULES,
      ...['node', 'cli', 'lsp', 'report'].map((name) => ({ regex: layer(name), message: `core/ is the pure engine: it imports nothing from ${name}/` })),
    ],
  },
  {
    files: ['server/src/report/**/*.ts'],
    forbidden: [
      NODE_MODULES,
      ...['node', 'cli', 'lsp'].map((name) => ({ regex: layer(name), message: `report/ renders for people from core/ alone: nothing from ${name}/` })),
    ],
  },
  {
    files: ['server/src/node/**/*.ts'],
    forbidden: ['cli', 'lsp', 'report'].map((name) => ({ regex: layer(name), message: `node/ is the host layer under both hosts: nothing from ${name}/` })),
  },
  { files: ['server/src/cli/**/*.ts'], forbidden: [{ regex: layer('lsp'), message: 'the CLI and the language server never import each other' }] },
  {
    files: ['server/src/lsp/**/*.ts'],
    forbidden: [
      { regex: layer('cli'), message: 'the CLI and the language server never import each other: shared code goes in node/' },
      // SPEC §8: only `kpi refresh` runs queries; the server reads snapshots.
      { regex: '(^|/)node/(refresh|sql/.*)$', message: 'the language server never runs a query: it reads the snapshots kpi refresh writes' },
    ],
  },
  {
    files: ['client/**/*.ts'],
    forbidden: [
      {
        regex: '^(\\.\\./)+server/src/(?!lsp/protocol$|report/|core/l10n/|node/scorecard-page$)',
        message:
          "the extension imports only the server's protocol types (lsp/protocol), the report renderer (report/), the message catalogue (core/l10n/) and the large scorecard's page script (node/scorecard-page)",
      },
    ],
  },
];

export default defineConfig(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', '**/*.generated.ts', '.vscode-test/**'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The code finds, strips and tests for control characters on purpose (hostile content, terminal colours).
      'no-control-regex': 'off',
      // node:test's describe and it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly' },
    },
    // The scripts and bin/ are CommonJS, as Node runs them.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  LAYERS.map(({ files, forbidden }) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: forbidden }] },
  })),
);
