// Runs the configurations of .vscode-test.mjs (npm run test:vscode) offline: in
// code-server's extension host (test/e2e/code-server.ts) instead of a downloaded
// desktop VS Code. For checking a change to .vscode-test.mjs or test/e2e/vscode/
// on a machine without network. After `npm run build`:
//
//   node scripts/vscode-test-in-code-server.js [label...]   (default: every configuration)
//
// test-cli prepares each configuration (`vscode-test --list-configuration`: its
// workspace, its user settings, the runner and the VSCODE_TEST_OPTIONS it reads);
// code-server gets test-cli's runner as extensionTestsPath, through a one-line
// module that sets VSCODE_TEST_OPTIONS (code-server passes no environment of
// the test's to its extension host), and the user settings of --user-data-dir.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { provideCodeServer, runExtensionTests } = require(path.join(root, 'out', 'test', 'e2e', 'code-server.js'));

async function main() {
  const labels = process.argv.slice(2).flatMap((label) => ['--label', label]);
  const listing = execFileSync('npx', ['vscode-test', '--list-configuration', ...labels], { cwd: root, encoding: 'utf8' });
  const configurations = JSON.parse(listing);
  const install = await provideCodeServer({ skip() {}, diagnostic() {} });
  if (!install) throw new Error('KPI_SKIP_E2E=1: no code-server');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-vscode-test-'));
  let failed = 0;
  try {
    for (const configuration of configurations) {
      const { label, workspaceFolder, launchArgs } = configuration.config;
      const runner = path.join(folder, `${label}.js`);
      const lines = [
        `process.env.VSCODE_TEST_OPTIONS = ${JSON.stringify(configuration.env.VSCODE_TEST_OPTIONS)};`,
        `module.exports = require(${JSON.stringify(configuration.extensionTestsPath)});`,
      ];
      fs.writeFileSync(runner, `${lines.join('\n')}\n`);
      const userData = launchArgs.find((a) => a.startsWith('--user-data-dir=')).slice('--user-data-dir='.length);
      const settings = JSON.parse(fs.readFileSync(path.join(userData, 'User', 'settings.json'), 'utf8'));
      const started = Date.now();
      const result = await runExtensionTests(install, {
        workspace: workspaceFolder,
        extensionDevelopmentPath: configuration.extensionDevelopmentPath[0],
        extensionTestsPath: runner,
        settings,
        timeoutMs: 6 * 60_000,
      });
      // mocha's report comes through the extension host's console; when all passed, the workbench's own lines are left out.
      const mocha = (line) => /^\[(info|error)\] (?:%s|%d| {2,}|\d+ tests? failed)/.test(line);
      const report = result.exitCode === 0 ? result.log.filter(mocha) : result.log.filter((line) => !line.includes('open-vsx.org'));
      console.log(`${label} (${workspaceFolder}):\n${report.join('\n')}`);
      console.log(`${label}: exit code ${result.exitCode} after ${Math.round((Date.now() - started) / 1000)} s\n`);
      if (result.exitCode !== 0) failed++;
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
