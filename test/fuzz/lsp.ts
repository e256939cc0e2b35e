import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DidChangeTextDocumentNotification, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, uriOf } from '../lsp/client';
import { loadCorpus, type FuzzWorkspace } from './corpus';
import { AS_OF, checkRange, lintWithText, shown, type Range } from './engine';
import { mutate } from './mutations';
import { inputSeed, Random } from './random';

export interface ServerRunOptions {
  readonly seed: number;
  /** Edits in all; each document gets `editsPerDocument` of them. */
  readonly edits: number;
  readonly editsPerDocument?: number;
  /** The spawned `kpi-language-server --stdio`, or a server in this process. */
  readonly spawned: boolean;
  /** A request without an answer after this long is a hang. */
  readonly hangMs: number;
  readonly artifacts: string;
}

export interface ServerFailure {
  readonly sequence: number;
  readonly problems: readonly string[];
  readonly saved: string;
}

export interface ServerRunReport {
  readonly seed: number;
  edits: number;
  sequences: number;
  requests: number;
  elapsedMs: number;
  slowest?: { readonly edit: number; readonly ms: number; readonly kind: string; readonly method: string };
  readonly failures: ServerFailure[];
}

/** One edit as the client sent it. */
interface SentEdit {
  readonly kind: string;
  readonly range: Range;
  readonly text: string;
  /** The request sent after it. */
  readonly request: { readonly method: string; readonly params: object };
}

/** What a failing sequence saves: enough to send the same edits again. */
interface SavedSequence {
  readonly kind: 'server';
  readonly seed: number;
  readonly sequence: number;
  readonly workspace: string;
  readonly target: string;
  readonly edits: readonly SentEdit[];
  readonly text: string;
  readonly problems: readonly string[];
}

const SETTINGS = { asOf: AS_OF, debounce: 0 };

/** The folders the server is started on: every workspace of the corpus, as an editor would open them. */
function folders(corpus: readonly FuzzWorkspace[]): string[] {
  return corpus.map((w) => w.root).filter((root, _, all) => !all.some((other) => other !== root && root.startsWith(`${other}${path.sep}`)));
}

async function startClient(spawned: boolean, corpus: readonly FuzzWorkspace[]): Promise<TestClient> {
  const client = spawned ? TestClient.spawned() : TestClient.inProcess();
  const [first, ...rest] = folders(corpus);
  // A server in this process must not exit (that would end the tests) nor watch this process (that would keep it alive).
  await client.initialize(first, { settings: SETTINGS, extraFolders: rest, sendProcessId: spawned });
  // Wait for the first indexing to end, so every edit is linted against the whole workspace.
  await client.until(() => (client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end') ? true : undefined), 'the end of indexing');
  return client;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} after ${ms} ms: a hang`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A request the editor sends while typing, at a random place (sometimes outside the document). */
function someRequest(random: Random, uri: string, document: TextDocument, diagnostics: readonly Diagnostic[]): { method: string; params: object } {
  const roll = random.next();
  const position =
    roll < 0.85
      ? document.positionAt(random.int(document.getText().length + 1))
      : roll < 0.95
        ? { line: document.lineCount + random.int(1000), character: random.int(1000) }
        : { line: random.pick([-1, 2 ** 31 - 1, 0]), character: random.pick([-5, 2 ** 31 - 1, 0]) };
  const textDocument = { uri };
  switch (random.int(10)) {
    case 0:
      return { method: 'textDocument/documentSymbol', params: { textDocument } };
    case 1:
      return { method: 'textDocument/completion', params: { textDocument, position } };
    case 2:
      return { method: 'textDocument/definition', params: { textDocument, position } };
    case 3:
      return { method: 'textDocument/references', params: { textDocument, position, context: { includeDeclaration: random.chance(0.5) } } };
    case 4:
      return { method: 'textDocument/codeLens', params: { textDocument } };
    case 5: {
      const only = random.chance(0.3) ? ['source.fixAll.kpi'] : undefined;
      return { method: 'textDocument/codeAction', params: { textDocument, range: { start: position, end: position }, context: { diagnostics, only } } };
    }
    case 6:
      return { method: 'textDocument/prepareRename', params: { textDocument, position } };
    case 7:
      return random.chance(0.3)
        ? { method: 'kpi/scorecard', params: { uri } }
        : { method: 'workspace/symbol', params: { query: document.getText().slice(random.int(document.getText().length), undefined).slice(0, 3) } };
    default:
      return { method: 'textDocument/hover', params: { textDocument, position } };
  }
}

/** The ranges in an answer that lie in the edited document. */
function rangesIn(method: string, answer: unknown, uri: string): Range[] {
  if (answer === null || answer === undefined) return [];
  const list = Array.isArray(answer) ? (answer as Record<string, unknown>[]) : [answer as Record<string, unknown>];
  switch (method) {
    case 'textDocument/documentSymbol':
      return list.flatMap((s) => [s.range as Range, s.selectionRange as Range]);
    case 'textDocument/codeLens':
    case 'textDocument/prepareRename':
    case 'textDocument/hover':
      return list.map((x) => x.range as Range | undefined).filter((r): r is Range => r !== undefined);
    case 'textDocument/definition':
    case 'textDocument/references':
      return list.filter((l) => l.uri === uri).map((l) => l.range as Range);
    default:
      return [];
  }
}

/** Diagnostics as the editor shows them: `range code message`. */
const listed = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => `${shown(d.range)} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`);

/** Checks the server's diagnostics of a version against the document and against the engine on the same text. */
function checkPublished(workspace: FuzzWorkspace, target: string, document: TextDocument, diagnostics: readonly Diagnostic[], problems: string[]): void {
  for (const d of diagnostics) checkRange(`published ${String(d.code)}`, d.range, document, undefined, problems);
  const text = document.getText();
  const engine = lintWithText(workspace, target, text).files.find((f) => f.file.path === target)!;
  const expected = engine.diagnostics.map(
    (d) => `${shown({ start: document.positionAt(d.span.start), end: document.positionAt(d.span.end) })} ${d.code} ${d.message}`,
  );
  const got = listed(diagnostics);
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    problems.push(
      `the server published ${JSON.stringify(got.slice(0, 5))} for version ${document.version}, the engine gives ${JSON.stringify(expected.slice(0, 5))}`,
    );
  }
}

interface SequenceResult {
  readonly problems: string[];
  readonly sent: SentEdit[];
  text: string;
  requests: number;
  slowest?: { edit: number; ms: number; kind: string; method: string };
}

/**
 * Opens one document and sends it `count` random edits (or the `replay`
 * edits), each followed by a request that must be answered; at the end (and
 * now and then on the way) waits for the diagnostics of the latest version.
 */
async function runSequence(
  client: TestClient,
  workspace: FuzzWorkspace,
  target: string,
  random: Random,
  count: number,
  hangMs: number,
  donors: readonly string[],
  replay?: readonly SentEdit[],
): Promise<SequenceResult> {
  const uri = uriOf(target);
  const result: SequenceResult = { problems: [], sent: [], text: '', requests: 0 };
  const logsBefore = client.logs.length;
  let document = TextDocument.create(uri, 'kpi', 1, workspace.kpiFiles.get(target)!);
  client.diagnostics.delete(uri);
  await client.open(uri, document.getText());
  const waitForVersion = async () => {
    const published = await withTimeout(
      client.until(
        () => {
          const list = client.diagnostics.get(uri);
          const last = list?.[list.length - 1];
          return last && last.version === document.version ? last.diagnostics : undefined;
        },
        `the diagnostics of version ${document.version}`,
        hangMs,
      ),
      hangMs + 1000,
      `the diagnostics of version ${document.version}`,
    );
    checkPublished(workspace, target, document, published, result.problems);
  };
  try {
    for (let i = 0; i < (replay?.length ?? count); i++) {
      let change: Omit<SentEdit, 'request'>;
      if (replay) {
        change = replay[i]!;
      } else {
        const edit = mutate(document.getText(), { random, donors });
        change = { kind: edit.kind, range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, text: edit.text };
      }
      const version = document.version + 1;
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: change.range, text: change.text }],
      });
      document = TextDocument.update(document, [{ range: change.range, text: change.text }], version);
      const request = replay ? replay[i].request : someRequest(random, uri, document, client.latest(uri) ?? []);
      const sent: SentEdit = { ...change, request };
      result.sent.push(sent);
      const { method, params } = request;
      const started = performance.now();
      let answer: unknown;
      try {
        answer = await withTimeout(client.connection.sendRequest(method, params), hangMs, `${method} after edit ${i} (${sent.kind})`);
      } catch (error) {
        result.problems.push(`${method} after edit ${i} (${sent.kind}) failed: ${error instanceof Error ? error.message : String(error)}`);
        break;
      }
      const ms = performance.now() - started;
      result.requests++;
      if (!result.slowest || ms > result.slowest.ms) result.slowest = { edit: i, ms, kind: sent.kind, method };
      for (const range of rangesIn(method, answer, uri)) checkRange(`${method} after edit ${i} (${sent.kind})`, range, document, undefined, result.problems);
      if (random.chance(0.05)) await waitForVersion();
      if (result.problems.length > 0) break;
    }
    if (result.problems.length === 0) await waitForVersion();
  } catch (error) {
    result.problems.push(error instanceof Error ? error.message : String(error));
  }
  for (const log of client.logs.slice(logsBefore))
    if (log.type === 1) result.problems.push(`the server logged an error: ${log.message.split('\n').slice(0, 6).join(' | ')}`);
  result.text = document.getText();
  await client.close(uri);
  return result;
}

function save(artifacts: string, saved: SavedSequence): string {
  fs.mkdirSync(artifacts, { recursive: true });
  const base = path.join(artifacts, `server-${saved.seed}-${saved.sequence}`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(saved, null, 2)}\n`);
  fs.writeFileSync(`${base}.kpi.yaml`, saved.text);
  return base;
}

/**
 * Feeds the language server documents edited at random, one incremental
 * change at a time. Each document is `editsPerDocument` edits of one corpus
 * file; a failing document is saved with its edits, and a server that died
 * or hangs is started again.
 */
export async function runServerFuzz(options: ServerRunOptions): Promise<ServerRunReport> {
  const corpus = loadCorpus();
  const donors = corpus.flatMap((w) => [...w.kpiFiles.values()]);
  const perDocument = options.editsPerDocument ?? 100;
  const report: ServerRunReport = { seed: options.seed, edits: 0, sequences: 0, requests: 0, elapsedMs: 0, failures: [] };
  const started = performance.now();
  let client = await startClient(options.spawned, corpus);
  try {
    for (let sequence = 0; report.edits < options.edits; sequence++) {
      const random = new Random(inputSeed(options.seed, sequence));
      const workspace = random.pick(corpus);
      const target = random.pick([...workspace.kpiFiles.keys()]);
      const count = Math.min(perDocument, options.edits - report.edits);
      const result = await runSequence(client, workspace, target, random, count, options.hangMs, donors);
      report.sequences++;
      report.edits += result.sent.length;
      report.requests += result.requests;
      if (result.slowest && (!report.slowest || result.slowest.ms > report.slowest.ms))
        report.slowest = { ...result.slowest, edit: report.edits - result.sent.length + result.slowest.edit };
      if (result.problems.length > 0) {
        const saved = save(options.artifacts, {
          kind: 'server',
          seed: options.seed,
          sequence,
          workspace: workspace.name,
          target,
          edits: result.sent,
          text: result.text,
          problems: result.problems,
        });
        report.failures.push({ sequence, problems: result.problems, saved });
        // The server may be stuck or gone: go on with a fresh one.
        await withTimeout(client.shutdown({ exit: false }), 5000, 'shutdown').catch(() => undefined);
        client = await startClient(options.spawned, corpus);
      }
    }
  } finally {
    await withTimeout(client.shutdown({ exit: false }), 5000, 'shutdown').catch(() => undefined);
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** Sends a saved sequence's edits again to a fresh in-process server and returns what is still wrong. */
export async function replayServerFuzz(file: string, hangMs: number): Promise<string[]> {
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedSequence;
  const corpus = loadCorpus();
  const workspace = corpus.find((w) => w.name === saved.workspace);
  if (!workspace) return [`no workspace ${saved.workspace} in the corpus`];
  const client = await startClient(false, corpus);
  try {
    const random = new Random(inputSeed(saved.seed, saved.sequence));
    const result = await runSequence(client, workspace, saved.target, random, saved.edits.length, hangMs, [], saved.edits);
    return result.problems;
  } finally {
    await client.shutdown({ exit: false });
  }
}
