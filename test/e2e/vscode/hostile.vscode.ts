/**
 * The API-level suite of ../suite/hostile.ts as a mocha test, for @vscode/test-cli
 * (`npm run test:vscode`, configured in .vscode-test.mjs), on the hostile
 * workspace of test/hostile-content.ts. Only what VS Code receives is checked
 * here; that the exported HTML is inert in a browser is checked by
 * test/e2e/extension.test.ts. Named *.vscode.ts so that `npm test`
 * (out/test/**\/*.test.js) never loads it.
 */
import { run } from '../suite/hostile';

// mocha's tdd interface, whose globals test-cli's runner defines (no @types/mocha in the build)
declare function suite(title: string, fn: () => void): void;
declare function test(title: string, fn: () => Promise<void>): void;

suite('hostile KPI files', () => {
  test('hovers untrusted and without HTML or icons, CodeLenses without icons, the HTML export written', () => run());
});
