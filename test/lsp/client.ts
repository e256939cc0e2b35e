import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CodeLensRefreshRequest,
  ConfigurationRequest,
  createClientSocketTransport,
  createConnection,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ErrorCodes,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ResponseError,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type Diagnostic,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { KpiLanguageServer } from '../../server/src/lsp/server';
import { REPO } from '../helpers';

/** The language server as an LSP client starts it. */
export const SERVER_BIN = path.join(REPO, 'bin', 'kpi-language-server.js');

/** A port no one listens on now, for the socket transport. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const uriOf = (file: string): string => URI.file(file).toString();

/** Writes files into a fresh temporary folder and returns its path. */
export function workspaceFolder(files: Record<string, string | Uint8Array>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lsp-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export interface ClientOptions {
  /** The `kpi` settings answered to workspace/configuration; undefined: the client has no configuration. */
  readonly settings?: Record<string, unknown>;
  /** More workspace folders, after `root`. */
  readonly extraFolders?: readonly string[];
  /**
   * Send this process's id (the default), which makes the server watch it;
   * an in-process server that is not told to exit then keeps the process alive.
   */
  readonly sendProcessId?: boolean;
  /** Claim dynamic registration and progress, then answer those requests with an error, as a half-done client does. */
  readonly refuseRequests?: boolean;
  /** The LSP `locale` of `initialize`: English by default, as VS Code in English sends it; null sends none. */
  readonly locale?: string | null;
  /** `initializationOptions` of `initialize`. */
  readonly initializationOptions?: unknown;
}

/**
 * A real LSP client connection to the KPI server, in-process over a pair of
 * streams or to the spawned `kpi-language-server --stdio`. It records what the
 * server sends and lets tests wait for it.
 */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly shownDocuments: string[] = [];
  readonly progress: unknown[] = [];
  readonly messages: string[] = [];
  /** The `kpi` settings this client answers workspace/configuration with; a test may change them. */
  settings?: Record<string, unknown>;
  /** How many times the server asked for the CodeLenses again (workspace/codeLens/refresh). */
  codeLensRefreshes = 0;
  /** What the server registered with client/registerCapability. */
  readonly registrations: { readonly method: string; readonly registerOptions?: unknown }[] = [];
  /** What the server logged (window/logMessage): a handler that fails logs an error here. */
  readonly logs: { readonly type: number; readonly message: string }[] = [];
  private readonly waiters: (() => void)[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child?: ChildProcess,
  ) {}

  /** The server's process id, when it was spawned. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * A server in this process. `serverWriter` may wrap the server's writer, to
   * decide when the server hears that a message was written (the paced
   * publishing waits for that between its batches).
   */
  static inProcess(serverWriter: (writer: MessageWriter) => MessageWriter = (writer) => writer): TestClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), serverWriter(new StreamMessageWriter(toClient)));
    new KpiLanguageServer(serverConnection).listen();
    return new TestClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
  }

  /** The built binary over stdio; `bin` another checkout's, for a benchmark of before and after. */
  static spawned(bin = SERVER_BIN): TestClient {
    const child = spawn(process.execPath, [bin, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)), child);
  }

  /** The spawned binary over Node IPC, as VS Code's language client starts it. */
  static spawnedOverIpc(): TestClient {
    const child = spawn(process.execPath, [SERVER_BIN, '--node-ipc', `--clientProcessId=${process.pid}`], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    return new TestClient(createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)), child);
  }

  /** The spawned binary started with `--socket=PORT`: it connects to the port this client listens on. */
  static async spawnedOverSocket(): Promise<TestClient> {
    const port = await freePort();
    const transport = await createClientSocketTransport(port);
    const child = spawn(process.execPath, [SERVER_BIN, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const [reader, writer] = await transport.onConnected();
    return new TestClient(createProtocolConnection(reader, writer), child);
  }

  async initialize(root: string, options: ClientOptions = {}): Promise<void> {
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      this.wake();
    });
    this.settings = options.settings;
    c.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings ?? null));
    c.onRequest(CodeLensRefreshRequest.type, () => {
      this.codeLensRefreshes++;
      this.wake();
    });
    const refused = () => new ResponseError(ErrorCodes.MethodNotFound, 'not implemented by this client');
    c.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      return options.refuseRequests ? refused() : undefined;
    });
    // The server's own progress (indexing), under each token it creates; a handler of every `$/progress` would also take the parts of a scorecard.
    c.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      if (options.refuseRequests) return refused();
      c.onProgress(WorkDoneProgress.type, token, (value) => {
        this.progress.push({ token, value });
        this.wake();
      });
    });
    c.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params.uri);
      this.wake();
      return { success: true };
    });
    c.onNotification('window/showMessage', (params: { message: string }) => {
      this.messages.push(params.message);
      this.wake();
    });
    c.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      this.logs.push(params);
      this.wake();
    });
    c.listen();
    await c.sendRequest(InitializeRequest.type, {
      processId: options.sendProcessId === false ? null : process.pid,
      ...(options.locale === null ? {} : { locale: options.locale ?? 'en' }),
      ...(options.initializationOptions === undefined ? {} : { initializationOptions: options.initializationOptions }),
      rootUri: uriOf(root),
      workspaceFolders: [root, ...(options.extraFolders ?? [])].map((folder) => ({ uri: uriOf(folder), name: path.basename(folder) })),
      capabilities: {
        workspace: { configuration: options.settings !== undefined, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
        window: { workDoneProgress: true, showDocument: { support: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await c.sendNotification(InitializedNotification.type, {});
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Waits until `check` returns a value, re-checking whenever the server sends something. */
  async until<T>(check: () => T | undefined, what: string, timeout = 20_000): Promise<T> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  latest(uri: string): Diagnostic[] | undefined {
    const list = this.diagnostics.get(uri);
    return list?.[list.length - 1]?.diagnostics;
  }

  /** Waits for the diagnostics of a file to satisfy `accept` (e.g. to list given codes). */
  diagnosticsOf(uri: string, accept: (d: Diagnostic[]) => boolean = () => true, what = `diagnostics of ${uri}`): Promise<Diagnostic[]> {
    return this.until(() => {
      const latest = this.latest(uri);
      return latest && accept(latest) ? latest : undefined;
    }, what);
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'kpi', version: 1, text } });
  }

  /** Replaces a range (0-based lines and characters) with new text, as an editor does on a keystroke. */
  async edit(uri: string, start: [number, number], end: [number, number], text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: start[0], character: start[1] }, end: { line: end[0], character: end[1] } }, text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /**
   * Shuts the server down. `exit` also tells it to exit, which for a server
   * in this process ends the process (as `vscode-languageserver` does): only
   * at the end of a test file.
   */
  async shutdown(options: { exit?: boolean } = {}): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      if (options.exit !== false || this.child) await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.child?.kill();
    }
  }
}
