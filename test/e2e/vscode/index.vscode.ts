/**
 * The API-level suite of ../suite/index.ts as a mocha test, for @vscode/test-cli
 * (`npm run test:vscode`, configured in .vscode-test.mjs). Named *.vscode.ts so
 * that `npm test` (out/test/**\/*.test.js) never loads it.
 */
import { run } from '../suite/index';

// mocha's tdd interface, whose globals test-cli's runner defines (no @types/mocha in the build)
declare function suite(title: string, fn: () => void): void;
declare function test(title: string, fn: () => Promise<void>): void;

suite('the extension in VS Code', () => {
  test('diagnostics, quick fix, rename, preview model, HTML export, kpi.locale sv and back', () => run());
});
