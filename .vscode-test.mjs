// The editor tests in desktop VS Code, with @vscode/test-cli and @vscode/test-electron:
// `npm run test:vscode` (it builds first; `npx vscode-test --label index` runs one suite).
// It downloads VS Code into .vscode-test/, so it needs the network; `npm run test:e2e`
// runs the same suites offline in code-server (test/e2e/extension.test.ts).
//
// Each suite of test/e2e/suite runs in a VS Code of its own, on a workspace of its own
// prepared here, when this file is loaded: a copy of samples/ (the suites edit it) or
// the hostile workspace of test/hostile-content.ts, with the user settings the code-server
// harness uses (kpi.asOf pins the day the samples are judged on). They are under
// .vscode-test/kpi/<suite>/, made afresh on every run and kept afterwards to look at.
import { defineConfig } from '@vscode/test-cli';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(repo, '.vscode-test', 'kpi');

/** User settings: nothing asks, nothing phones home; the samples are judged as of 2026-11-27. */
const settings = {
  'kpi.asOf': '2026-11-27',
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
};

/** A fresh folder for one suite: its workspace, filled by `fill`, and its user data (VS Code's state and settings). */
function prepare(name, fill) {
  const dir = path.join(root, name);
  fs.rmSync(dir, { recursive: true, force: true });
  const workspace = path.join(dir, 'workspace');
  const userData = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  fill(workspace);
  return { workspace, userData };
}

const samples = (workspace) => fs.cpSync(path.join(repo, 'samples'), workspace, { recursive: true });

/** The hostile workspace, written by the compiled test/hostile-content.ts. */
function hostile(workspace) {
  const compiled = path.join(repo, 'out', 'test', 'hostile-content.js');
  if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing: build first (npm run build), as npm run test:vscode does.`);
  createRequire(import.meta.url)(compiled).writeHostileWorkspace(workspace);
}

/** One configuration per suite: its mocha file (test/e2e/vscode/<suite>.vscode.ts, compiled) in a VS Code on its workspace. */
function suite(name, fill) {
  const { workspace, userData } = prepare(name, fill);
  return {
    label: name,
    files: `out/test/e2e/vscode/${name}.vscode.js`,
    extensionDevelopmentPath: repo,
    workspaceFolder: workspace,
    launchArgs: [`--user-data-dir=${userData}`, '--disable-telemetry'],
    // The suites wait on VS Code's events with deadlines of their own (test/e2e/suite/wait.ts).
    mocha: { ui: 'tdd', timeout: 5 * 60_000 },
  };
}

export default defineConfig([
  suite('index', samples),
  // It finds the language server among the extension host's child processes in /proc.
  ...(process.platform === 'linux' ? [suite('restart', samples)] : []),
  suite('hostile', hostile),
]);
