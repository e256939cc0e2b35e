/**
 * The API-level suite of ../suite/restart.ts as a mocha test, for @vscode/test-cli
 * (`npm run test:vscode`, configured in .vscode-test.mjs). Named *.vscode.ts so
 * that `npm test` (out/test/**\/*.test.js) never loads it.
 */
import { run } from '../suite/restart';

// mocha's tdd interface, whose globals test-cli's runner defines (no @types/mocha in the build)
declare function suite(title: string, fn: () => void): void;
declare function test(title: string, fn: () => Promise<void>): void;

suite('the language server killed', () => {
  test('restarts: diagnostics come back, the preview shows the new scorecard and follows edits', () => run());
});
