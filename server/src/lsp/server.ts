import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  WatchKind,
  TextDocuments,
  ResponseError,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type ProgressToken,
  type TextDocumentPositionParams,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { CONFIG_FILE_NAME } from '../core/config';
import { message, translator, type Message, type MessageKey, type Translator } from '../core/l10n/catalogue';
import { pickLocale, type LocaleOrPseudo } from '../core/l10n/locale';
import { LineIndex } from '../core/lines';
import type { Diagnostic as KpiDiagnostic, FileResult, LintResult } from '../core/lint';
import { DOCS_BASE } from '../core/rule';
import type { KpiFile } from '../core/types';
import { describeIoError, findFilesAsync, holdsFile, inSkippedFolder, KPI_FILE, nodeFileReader, readTextFile, readTextFileAsync } from '../node/files';
import { looseFileRoot } from '../node/root';
import { isInside } from '../core/paths';
import { VERSION } from '../version';
import { cancelled, runCancellable } from './cancellation';
import { Project } from './project';
import { LastCommit, type HeadSide } from './compare';
import {
  SCORECARD_PART_KPIS,
  scorecardParts,
  scorecardPatch,
  ScorecardRequest,
  SHOW_RULE_DOCS_COMMAND,
  StatusCountsRequest,
  type ComparisonResult,
  type ScorecardAnswer,
  type ScorecardInParts,
  type RevisedResult,
  type StatusCountsResult,
} from './protocol';
import { codeActions, FIX_ALL_KIND, fixAll } from './service/code-actions';
import { codeLenses } from './service/code-lens';
import { completions } from './service/completion';
import { toLspDiagnostic } from './service/diagnostics';
import { hover } from './service/hover';
import { definition, documentSymbols, prepareRename, references, rename, workspaceSymbols, type Documents } from './service/navigation';
import { notificationText } from './service/notification';
import { asOfDay, DEFAULT_SETTINGS, readSettings, type KpiSettings } from './settings';

/** What the server was doing when something failed, as its log names it: a text of the catalogue (`lsp.task.*`). */
type Task = MessageKey | Message;

/**
 * The extensions of source files the client is asked to watch (others are
 * read again at each lint): CSV files, workbooks and snapshots, and SQL
 * sources' query files and the snapshots' manifest.
 */
const SOURCE_EXTENSIONS = ['csv', 'tsv', 'txt', 'xlsx', 'sql', 'json'];
const WATCHED_SOURCE = new RegExp(`\\.(${SOURCE_EXTENSIONS.join('|')})$`);

/**
 * Scorecard answers kept for a later request's `since`: each preview asks
 * with its last one, so a few are plenty. They share the KPIs as shown, so
 * one more costs little more than its lists.
 */
const KEPT_ANSWERS = 8;

/** Files read from disk per turn of the event loop while indexing, so requests stay answered. */
const INDEX_BATCH = 50;

/** Files whose diagnostics are sent before waiting for them to be written, after indexing (see validatePaced). */
const PUBLISH_BATCH = 20;

/** A file URI's path, normalised (`a/x/../b` is `a/b`), so that one file has one path. */
function pathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? path.normalize(parsed.fsPath) : undefined;
}

/**
 * What was published for a file: the lint's diagnostics, not their LSP form.
 * Comparing these is what lets a workspace with tens of thousands of
 * findings skip, after an edit, every file whose problems stayed the same
 * (converting and comparing them all took longer than the lint).
 */
interface PublishedFile {
  readonly text: string;
  readonly version: number | undefined;
  readonly locale: LocaleOrPseudo;
  readonly diagnostics: readonly KpiDiagnostic[];
}

function sameData(a: KpiDiagnostic['data'], b: KpiDiagnostic['data']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The same diagnostics of the same text, version and language: what LSP would be sent is the same too. */
function samePublished(a: PublishedFile, b: PublishedFile): boolean {
  if (a.version !== b.version || a.locale !== b.locale || a.text !== b.text || a.diagnostics.length !== b.diagnostics.length) return false;
  return a.diagnostics.every((d, i) => {
    const e = b.diagnostics[i];
    return (
      d.code === e.code &&
      d.severity === e.severity &&
      d.message === e.message &&
      d.span.start === e.span.start &&
      d.span.end === e.span.end &&
      sameData(d.data, e.data)
    );
  });
}

/**
 * The KPI language server. It owns the connection, the open documents, the
 * projects (one per workspace folder), debouncing and settings; everything it
 * answers comes from the pure core and the language service in ./service.
 */
export class KpiLanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  /** The workspace folders' paths. */
  private folders: string[] = [];
  /** One project per workspace folder and per folder below holding a kpi.config.yaml. */
  private readonly projects: Project[] = [];
  /** Projects of KPI files opened outside every workspace folder, by root. */
  private readonly looseProjects = new Map<string, Project>();
  /** The root of such files, by their folder: found once (it takes a walk up the disk). */
  private readonly looseRoots = new Map<string, string>();
  private readonly timers = new Map<Project, NodeJS.Timeout>();
  /** How many times each project was validated: a paced validation stops when a newer one started. */
  private readonly validations = new Map<Project, number>();
  /** Open documents' text not yet parsed: parsing waits for the debounce or for a request. */
  private readonly pending = new Map<string, string>();
  /** What was last published per URI, to send only what changed. */
  private readonly published = new Map<string, PublishedFile>();
  private readonly lineIndexes = new WeakMap<KpiFile, LineIndex>();
  private settings: KpiSettings = DEFAULT_SETTINGS;
  /** The base side of "Compare with last commit", kept per project and commit. */
  private readonly lastCommit = new LastCommit();
  /** `initializationOptions.locale` and the LSP `locale` of `initialize`, in that order (SPEC §9). */
  private clientLocales: (string | undefined)[] = [];
  /** The last scorecard answers, by revision, oldest first, with the project each covers. */
  private readonly answers = new Map<string, { readonly project: Project; readonly result: RevisedResult }>();
  /** The `uris` of each project's last scorecard answer (see urisOf). */
  private readonly lastUris = new WeakMap<Project, Readonly<Record<string, string>>>();
  /**
   * Revisions are this server's own: a client that holds an answer of a
   * server since restarted must not find its revision named again.
   */
  private readonly revisionPrefix = randomBytes(6).toString('hex');
  private answered = 0;
  private canPullConfiguration = false;
  private canWatchFiles = false;
  private canReportProgress = false;
  private canRefreshCodeLenses = false;
  private indexed: Promise<void> = Promise.resolve();
  /**
   * False while the workspace is being indexed: diagnostics then wait, or an
   * open file would be linted without the goals of files not yet read.
   */
  private ready = false;

  constructor(private readonly connection: Connection) {
    connection.onInitialize((params) => this.initialize(params));
    // Set at once, so that a scorecard request right behind `initialized` waits for the indexing.
    connection.onInitialized(() => this.afterIndexing('lsp.task.indexing', () => this.initialized()));
    // In line with the indexing, so that a scorecard request sent after the change is answered with the new settings.
    connection.onDidChangeConfiguration(() => this.afterIndexing('lsp.task.settings', () => this.reloadSettings()));
    connection.onDidChangeWatchedFiles(({ changes }) => this.guard('lsp.task.watched-files', () => this.filesChanged(changes), undefined));
    this.documents.onDidChangeContent(({ document }) => this.guard('lsp.task.change', () => this.documentChanged(document), undefined));
    this.documents.onDidClose(({ document }) => this.guard('lsp.task.close', () => this.documentClosed(document), undefined));

    connection.onCompletion((p) => this.guard('lsp.task.completion', () => this.completion(p), []));
    connection.onHover((p) =>
      this.guard(
        'lsp.task.hover',
        () =>
          this.withFile(p.textDocument.uri, (f, lines, project) =>
            hover(f, lines, lines.offset(p.position.line, p.position.character), this.lint(project).workspace, this.words(project)),
          ),
        null,
      ),
    );
    connection.onDefinition((p) =>
      this.guard(
        'lsp.task.definition',
        () =>
          this.withFile(p.textDocument.uri, (f, lines, project) =>
            definition(f, lines.offset(p.position.line, p.position.character), this.lint(project).workspace, this.documentsView),
          ),
        [],
      ),
    );
    connection.onReferences((p) =>
      this.guard(
        'lsp.task.references',
        () =>
          this.withFile(p.textDocument.uri, (f, lines, project) =>
            references(f, lines.offset(p.position.line, p.position.character), p.context.includeDeclaration, this.lint(project).workspace, this.documentsView),
          ),
        [],
      ),
    );
    connection.onPrepareRename((p) =>
      this.guard(
        'lsp.task.rename',
        () => this.withFile(p.textDocument.uri, (f, lines) => prepareRename(f, lines.offset(p.position.line, p.position.character), lines)),
        null,
      ),
    );
    // Rename errors (an invalid id) must reach the user, so they are not guarded.
    connection.onRenameRequest((p) =>
      this.withFile(p.textDocument.uri, (f, lines, project) =>
        rename(f, lines.offset(p.position.line, p.position.character), p.newName, this.lint(project).workspace, this.documentsView, this.words(project)),
      ),
    );
    connection.onDocumentSymbol((p) =>
      this.guard('lsp.task.symbols', () => this.withFile(p.textDocument.uri, (f, lines, project) => documentSymbols(f, lines, this.words(project))), []),
    );
    connection.onWorkspaceSymbol((p, token) => this.guardAsync('lsp.task.workspace-symbols', () => this.workspaceSymbols(p.query, token), []));
    connection.onCodeAction((p) =>
      this.guard(
        'lsp.task.code-actions',
        () =>
          this.withFile(p.textDocument.uri, (f, lines, project) =>
            this.codeActions(f, lines, project, p.textDocument.uri, p.context.diagnostics, p.context.only),
          ),
        [],
      ),
    );
    connection.onCodeLens((p) =>
      this.guard(
        'lsp.task.code-lens',
        () => this.withFile(p.textDocument.uri, (f, lines, project) => codeLenses(f, lines, this.lint(project).workspace, this.words(project))),
        [],
      ),
    );
    connection.onExecuteCommand((p) => this.guard('lsp.task.command', () => this.executeCommand(p.command, p.arguments ?? []), undefined));
    // The scorecard covers the whole workspace: it waits for the indexing (the preview asks at once after a restart).
    connection.onRequest(ScorecardRequest.partsType, (p, token) =>
      this.guardAsync(
        'lsp.task.scorecard',
        async () => {
          await this.indexed.catch(() => undefined);
          return this.scorecard(p.uri, token, p.compare === true, p.since, p.partialResultToken);
        },
        null,
      ),
    );
    // The status bar's counts: the statuses the lint already computed, not the whole scorecard (comparisons, history) of a large workspace.
    connection.onRequest(StatusCountsRequest.type, (p) =>
      this.guardAsync(
        'lsp.task.status-counts',
        async () => {
          await this.indexed.catch(() => undefined);
          return this.statusCounts(p.uri);
        },
        null,
      ),
    );
    this.documents.listen(connection);
  }

  listen(): void {
    this.connection.listen();
  }

  /** A handler's failure is logged and answered with a neutral result: the server keeps serving. */
  private guard<T>(what: Task, run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      this.logFailure(what, error);
      return fallback;
    }
  }

  /** guard for work that runs in slices: a cancellation reaches the client as the error LSP expects. */
  private async guardAsync<T>(what: Task, run: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      this.logFailure(what, error);
      return fallback;
    }
  }

  private logFailure(what: Task, error: unknown): void {
    const words = this.words();
    const task = typeof what === 'string' ? words.t(what) : words.text(what);
    this.connection.console.error(words.t('lsp.log.failed', { task, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  }

  /**
   * The language of a project's texts, first match wins (SPEC §9): the
   * `kpi.locale` setting unless `auto`, `initializationOptions.locale`, the
   * LSP `locale`, then as the CLI: `KPI_LOCALE`, the configuration's
   * `locale`, `LC_ALL`, `LC_MESSAGES`, `LANG`. Without a project (progress,
   * notifications about no one project), the configuration is skipped.
   */
  localeFor(project?: Project): LocaleOrPseudo {
    const env = process.env;
    return pickLocale([
      this.settings.locale === 'auto' ? undefined : this.settings.locale,
      ...this.clientLocales,
      env.KPI_LOCALE,
      project?.config.locale,
      env.LC_ALL,
      env.LC_MESSAGES,
      env.LANG,
    ]);
  }

  private words(project?: Project): Translator {
    return translator(this.localeFor(project));
  }

  private initialize(params: InitializeParams): InitializeResult {
    const capabilities = params.capabilities;
    const options = params.initializationOptions as { readonly locale?: unknown } | null | undefined;
    this.clientLocales = [typeof options?.locale === 'string' ? options.locale : undefined, params.locale];
    this.canPullConfiguration = capabilities.workspace?.configuration === true;
    this.canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.canReportProgress = capabilities.window?.workDoneProgress === true;
    this.canRefreshCodeLenses = capabilities.workspace?.codeLens?.refreshSupport === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = folders.map(pathOf).filter((root): root is string => root !== undefined);
    this.projects.push(...this.folders.map((root) => new Project(root)));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'KPI' },
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_RULE_DOCS_COMMAND] },
      },
      serverInfo: { name: 'kpi-language-server', version: VERSION },
    };
  }

  private async initialized(): Promise<void> {
    // A client that claims a capability and then refuses it costs that feature only: the indexing still runs.
    try {
      if (this.canWatchFiles) {
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.{kpi.yaml,kpi.yml}' },
            { globPattern: `**/${CONFIG_FILE_NAME}` },
            { globPattern: `**/*.{${SOURCE_EXTENSIONS.join(',')}}` },
            // Folders created or deleted: editors report a folder renamed or deleted once, not each file in it.
            { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          ],
        });
      }
      if (this.canPullConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, undefined);
    } catch (error) {
      this.logFailure('lsp.task.registering', error);
    }
    await this.reloadSettings(false);
    await this.indexAll();
  }

  private async reloadSettings(revalidate = true): Promise<void> {
    if (this.canPullConfiguration) {
      try {
        const [value] = (await this.connection.workspace.getConfiguration([{ section: 'kpi' }])) as unknown[];
        this.settings = readSettings(value);
      } catch {
        this.settings = DEFAULT_SETTINGS;
      }
    }
    if (!revalidate) return;
    for (const project of this.allProjects()) this.validate(project);
    // The CodeLenses show statuses, which the settings (as-of date, CSV files read or not) change.
    if (this.canRefreshCodeLenses) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  /**
   * Reads every KPI file under the workspace folders, in batches, with
   * progress. A folder holding a kpi.config.yaml is a workspace of its own,
   * as the CLI sees it when run there.
   */
  private async indexAll(): Promise<void> {
    this.ready = false;
    const progress = this.canReportProgress ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    const words = this.words();
    progress?.begin(words.t('lsp.progress.indexing'), 0, words.t('lsp.progress.looking'), false);
    const roots = new Set(this.folders);
    const files: string[] = [];
    for (const root of this.folders) {
      try {
        // One walk finds both: the configurations (workspaces) and the KPI files.
        for (const found of await findFilesAsync(root, (name) => name === CONFIG_FILE_NAME || KPI_FILE.test(name))) {
          if (path.basename(found) === CONFIG_FILE_NAME) roots.add(path.dirname(found));
          else files.push(found);
        }
      } catch (error) {
        this.connection.console.error(words.t('lsp.log.cannot-index', { folder: root, reason: error instanceof Error ? error.message : String(error) }));
      }
    }
    progress?.report(0, words.t('lsp.progress.found', { count: files.length }));
    // Projects that stay keep their files, but not those gone from disk or now another project's.
    const kept = this.projects.filter((p) => roots.has(p.root));
    this.projects.splice(0, this.projects.length, ...kept, ...[...roots].filter((r) => !kept.some((p) => p.root === r)).map((r) => new Project(r)));
    this.looseProjects.clear();
    this.looseRoots.clear();
    const onDisk = new Set(files);
    for (const project of this.projects) {
      // Its problems are shown when it is first read or has changed, not at every indexing.
      if (project.loadConfig(this.words())) this.reportConfig(project);
      for (const file of project.paths()) if (this.projectFor(file) !== project || !project.accepts(file) || !onDisk.has(file)) project.delete(file);
    }
    // Every open KPI document's text goes (again) to the project that holds it now, if it takes it.
    for (const document of this.documents.all()) {
      const file = pathOf(document.uri);
      if (file && this.projectFor(file).accepts(file)) this.pending.set(file, document.getText());
    }
    for (let i = 0; i < files.length; i += INDEX_BATCH) {
      const batch = files.slice(i, i + INDEX_BATCH);
      const texts = await Promise.all(
        batch.map((f) =>
          readTextFileAsync(f).catch((error: unknown) => {
            this.connection.console.warn(words.t('lsp.log.cannot-read', { file: f, reason: describeIoError(error, words.locale) }));
            return undefined;
          }),
        ),
      );
      batch.forEach((file, j) => {
        const project = this.projectFor(file);
        // An open document's text wins over the disk's.
        if (texts[j] !== undefined && !this.isOpen(file) && project.accepts(file)) project.set(file, texts[j]);
      });
      progress?.report(Math.round(((i + batch.length) / files.length) * 100), words.t('lsp.progress.read', { done: i + batch.length, count: files.length }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.ready = true;
    // Published before for a file no project holds now (a folder that became a workspace of its own): cleared.
    const seen = new Set<string>();
    for (const project of this.allProjects()) for (const uri of await this.validatePaced(project)) seen.add(uri);
    for (const uri of [...this.published.keys()]) if (!seen.has(uri)) void this.publish(uri, undefined);
    progress?.done();
  }

  /**
   * Runs `work` after the indexing or settings reload under way, in the chain
   * the scorecard request waits for; a failure is logged, and the server goes on.
   */
  private afterIndexing(what: Task, work: () => Promise<unknown>): void {
    this.indexed = this.indexed.then(work).then(
      () => undefined,
      (error: unknown) => this.logFailure(what, error),
    );
  }

  /** Indexes again: a configuration or a folder of KPI files appeared or went. */
  private reindex(): void {
    this.afterIndexing('lsp.task.indexing', () => this.indexAll());
  }

  private reportConfig(project: Project): void {
    if (project.configProblems.length > 0) {
      // The notification, not the request with buttons: every client shows it, and none can refuse it.
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Error,
        message: notificationText(
          this.words(project).t('lsp.config-problems', { file: path.join(project.root, CONFIG_FILE_NAME), problems: project.configProblems.join('; ') }),
        ),
      });
    }
  }

  private allProjects(): Project[] {
    return [...this.projects, ...this.looseProjects.values()];
  }

  /**
   * The project of a file: the innermost workspace folder (or folder with a
   * kpi.config.yaml in one) holding it; else, for a file opened outside them
   * all, the project of the root the CLI would choose for it (SPEC §2).
   */
  private projectFor(file: string): Project {
    const holders = this.projects.filter((p) => p.contains(file)).sort((a, b) => b.root.length - a.root.length);
    if (holders[0]) return holders[0];
    const folder = path.dirname(file);
    let root = this.looseRoots.get(folder);
    if (root === undefined) {
      root = looseFileRoot(file);
      this.looseRoots.set(folder, root);
    }
    let loose = this.looseProjects.get(root);
    if (!loose) {
      loose = new Project(root, true);
      loose.loadConfig(this.words());
      this.looseProjects.set(root, loose);
    }
    return loose;
  }

  private isOpen(file: string): boolean {
    return this.documents.all().some((d) => pathOf(d.uri) === file);
  }

  private documentChanged(document: TextDocument): void {
    const file = pathOf(document.uri);
    if (!file) return;
    const project = this.projectFor(file);
    if (!project.accepts(file)) return;
    this.pending.set(file, document.getText());
    this.schedule(project);
    // While the debounce waits: the data of the version read last, so that this edit re-reads one KPI (nothing once kept).
    this.guard('lsp.task.keeping-data', () => project.keepData(file), undefined);
  }

  private documentClosed(document: TextDocument): void {
    const file = pathOf(document.uri);
    if (!file) return;
    const project = this.projectFor(file);
    this.pending.delete(file);
    // A closed file keeps its place (and its problems) as it is on disk.
    let text: string | undefined;
    try {
      text = readTextFile(file);
    } catch {
      text = undefined;
    }
    if (text !== undefined && project.accepts(file)) project.set(file, text);
    else project.delete(file);
    this.validate(project);
  }

  private filesChanged(changes: readonly { uri: string; type: FileChangeType }[]): void {
    const touched = new Set<Project>();
    let reindex = false;
    let holders: Set<string> | undefined;
    const holding = () => (holders ??= this.foldersHoldingKpiFiles());
    const createdFolders: string[] = [];
    for (const change of changes) {
      const file = pathOf(change.uri);
      if (!file) continue;
      if (path.basename(file) === CONFIG_FILE_NAME) {
        // A configuration may add or remove a workspace: index again, after the rest of the batch.
        reindex = true;
      } else if (KPI_FILE.test(file)) {
        const project = this.projectFor(file);
        touched.add(project);
        if (this.isOpen(file)) continue; // the editor's text wins
        if (change.type === FileChangeType.Deleted) {
          project.delete(file);
          continue;
        }
        try {
          if (project.accepts(file)) project.set(file, readTextFile(file));
        } catch (error) {
          // Unreadable now (permissions, replaced by a folder): linted as if gone, and said in the log.
          project.delete(file);
          this.connection.console.warn(this.words(project).t('lsp.log.cannot-read', { file, reason: describeIoError(error, this.localeFor(project)) }));
        }
      } else if (change.type === FileChangeType.Deleted && !WATCHED_SOURCE.test(file) && holding().has(file)) {
        // A folder that held KPI files (or a workspace), deleted or renamed: reported once, for the folder.
        reindex = true;
      } else if (change.type === FileChangeType.Created && !WATCHED_SOURCE.test(file) && this.searchable(file)) {
        createdFolders.push(file);
      } else if (change.type === FileChangeType.Changed || WATCHED_SOURCE.test(file) || this.allProjects().some((each) => each.namesSource(file))) {
        // A CSV source, which a KPI file of any project may name.
        for (const each of this.allProjects()) {
          each.sourceChanged();
          touched.add(each);
        }
      }
      // Any other file created or deleted (a build's output) concerns no KPI.
    }
    if (reindex) this.reindex();
    else {
      for (const project of touched) this.schedule(project);
      if (createdFolders.length > 0) this.reindexIfHolding(createdFolders);
    }
  }

  /**
   * Whether a path created, other than a KPI, CSV or configuration file, is a
   * folder the indexing would search: not in a skipped folder, and not a
   * symbolic link to a workspace folder or above it (the indexing passes those
   * over too). Editors report a folder renamed or checked out once, not file
   * by file.
   */
  private searchable(created: string): boolean {
    if (this.folders.some((root) => isInside(root, created) && inSkippedFolder(root, path.join(created, '-')))) return false;
    try {
      if (!fs.statSync(created).isDirectory()) return false;
      const real = fs.realpathSync(created);
      return !this.folders.some((root) => isInside(real, nodeFileReader.realpath(root) ?? root));
    } catch {
      return false; // gone again
    }
  }

  /**
   * Indexes again, after any indexing under way, if one of the folders created
   * holds a KPI file or a configuration. They are searched without blocking
   * requests, each once (not again inside another), up to the first found.
   */
  private reindexIfHolding(created: string[]): void {
    const outer = [...new Set(created)].sort().filter((folder, i, all) => !all.slice(0, i).some((before) => isInside(before, folder)));
    this.afterIndexing('lsp.task.indexing', async () => {
      for (const folder of outer) {
        if (await holdsFile(folder, (name) => name === CONFIG_FILE_NAME || KPI_FILE.test(name))) return this.indexAll();
      }
      return undefined;
    });
  }

  /** Every folder that holds a KPI file of a project, or a project (a kpi.config.yaml), or holds such a folder. */
  private foldersHoldingKpiFiles(): Set<string> {
    const folders = new Set<string>();
    const add = (start: string) => {
      for (let folder = start; !folders.has(folder); folder = path.dirname(folder)) {
        folders.add(folder);
        if (path.dirname(folder) === folder) break;
      }
    };
    for (const project of this.allProjects()) {
      add(project.root);
      for (const file of project.paths()) add(path.dirname(file));
    }
    return folders;
  }

  private schedule(project: Project): void {
    clearTimeout(this.timers.get(project));
    this.timers.set(
      project,
      setTimeout(() => this.validate(project), this.settings.debounce),
    );
  }

  /** Applies the open documents' pending text to a project. */
  private flush(project: Project): void {
    for (const [file, text] of this.pending) {
      if (this.projectFor(file) !== project) continue;
      this.pending.delete(file);
      // Taken when opened, it may be excluded since (a configuration read later or changed).
      if (project.accepts(file)) this.guard(message('lsp.task.reading', { file }), () => project.set(file, text), undefined);
    }
  }

  private lint(project: Project): LintResult {
    this.flush(project);
    return project.lint(asOfDay(this.settings), this.settings.readCsv, this.localeFor(project));
  }

  /**
   * Lints a project and publishes every file whose diagnostics changed, and
   * clears removed files; returns the URIs of its files. A failure is logged.
   */
  private validate(project: Project): Set<string> {
    const run = this.validation(project);
    if (!run) return new Set();
    this.guard('lsp.task.validation', () => run.publishAll(), undefined);
    return run.seen;
  }

  /**
   * validate for the indexing, where every file of a large workspace is
   * published at once: it waits for each PUBLISH_BATCH files' notifications
   * to be written before converting the next. Sent all at once, the
   * notifications wait in the writer's queue with their LSP diagnostics
   * (35,000 findings: tens of megabytes), long enough to be moved to the old
   * generation, which then stays that large. A newer validation of the
   * project (an edit meanwhile) takes over, as it publishes what differs
   * from what was published here. Returns the URIs of the project's files,
   * those of the newer validation when one took over.
   */
  private async validatePaced(project: Project): Promise<Set<string>> {
    const run = this.validation(project);
    if (!run) return new Set();
    try {
      for (let i = 0; i < run.files.length && this.validations.get(project) === run.generation; i += PUBLISH_BATCH) {
        await this.guard('lsp.task.validation', () => run.publish(i, i + PUBLISH_BATCH), undefined);
      }
      if (this.validations.get(project) === run.generation) this.guard('lsp.task.validation', () => run.clearGone(), undefined);
    } catch (error) {
      // A notification not written (the client gone): the next validation publishes again.
      this.logFailure('lsp.task.validation', error);
    }
    if (this.validations.get(project) === run.generation) return run.seen;
    // Taken over: the newer validation published the project's files of now and cleared those gone. What it
    // published are the project's files, not to be cleared by the indexing (a document opened meanwhile).
    return new Set(
      [...this.published.keys()].filter((uri) => {
        const file = pathOf(uri);
        return file !== undefined && this.projectFor(file) === project;
      }),
    );
  }

  /**
   * A project's lint and how to publish it: the URIs of its files (seen),
   * publishing a range of its files (resolving when their notifications are
   * written), and clearing the files published before but gone now. Undefined
   * while indexing, or when the lint fails (logged).
   */
  private validation(project: Project) {
    clearTimeout(this.timers.get(project));
    this.timers.delete(project);
    if (!this.ready) return undefined; // indexing validates every project when it ends
    const generation = (this.validations.get(project) ?? 0) + 1;
    this.validations.set(project, generation);
    const linted = this.guard('lsp.task.validation', () => ({ result: this.lint(project), locale: this.localeFor(project) }), undefined);
    if (!linted) return undefined;
    const { result, locale } = linted;
    const files = result.files;
    const uris = files.map((f) => this.uri(f.file.path));
    const seen = new Set(uris);
    const publish = (from: number, to: number): Promise<void> => {
      let written: Promise<void> = Promise.resolve();
      for (let i = from; i < Math.min(to, files.length); i++) written = this.publish(uris[i], files[i], locale) ?? written;
      return written;
    };
    const clearGone = () => {
      for (const uri of [...this.published.keys()]) {
        const file = pathOf(uri);
        if (!seen.has(uri) && file && this.projectFor(file) === project) void this.publish(uri, undefined);
      }
    };
    const publishAll = () => {
      void publish(0, files.length);
      clearGone();
    };
    return { generation, files, seen, publish, clearGone, publishAll };
  }

  /** Sends a file's diagnostics when they changed; the promise resolves when the notification is written. */
  private publish(uri: string, fileResult: FileResult | undefined, locale: LocaleOrPseudo = 'en'): Promise<void> | undefined {
    // An open document hears back for every version it was linted at, so a client knows its problems are current.
    const version = this.documents.get(uri)?.version;
    const before = this.published.get(uri);
    if (fileResult && before && samePublished(before, { text: fileResult.file.text, version, locale, diagnostics: fileResult.diagnostics })) return undefined;
    // A file without problems needs no line index (building one costs as much as the lint).
    const diagnostics: Diagnostic[] =
      fileResult && fileResult.diagnostics.length > 0 ? fileResult.diagnostics.map((d) => toLspDiagnostic(d, fileResult.lines, locale)) : [];
    if (fileResult) this.published.set(uri, { text: fileResult.file.text, version, locale, diagnostics: fileResult.diagnostics });
    else this.published.delete(uri);
    return this.connection.sendDiagnostics({ uri, diagnostics, version });
  }

  private uri(file: string): string {
    // The URI the client gave for an open document, so that diagnostics land on it.
    const open = this.documents.all().find((d) => pathOf(d.uri) === file);
    return open?.uri ?? URI.file(file).toString();
  }

  private lines(file: KpiFile): LineIndex {
    let index = this.lineIndexes.get(file);
    if (!index) this.lineIndexes.set(file, (index = new LineIndex(file.text)));
    return index;
  }

  private readonly documentsView: Documents = {
    uri: (file) => this.uri(file),
    lines: (file) => this.lines(file),
  };

  /** Runs `use` with a document's parsed file; a document never opened is read from its project. */
  private withFile<T>(uri: string, use: (file: KpiFile, lines: LineIndex, project: Project) => T): T | null {
    const file = pathOf(uri);
    if (!file) return null;
    const project = this.projectFor(file);
    const parsed = this.lint(project).workspace.files.find((f) => f.path === file);
    if (!parsed) return null;
    return use(parsed, this.lines(parsed), project);
  }

  private completion(params: TextDocumentPositionParams) {
    const document = this.documents.get(params.textDocument.uri);
    const file = pathOf(params.textDocument.uri);
    if (!document || !file) return [];
    const project = this.projectFor(file);
    const workspace = this.lint(project).workspace;
    return completions(document.getText(), params.position.line, params.position.character, workspace, this.words(project));
  }

  private codeActions(file: KpiFile, lines: LineIndex, project: Project, uri: string, diagnostics: Diagnostic[], only: string[] | undefined): CodeAction[] {
    const asOf = asOfDay(this.settings);
    const words = this.words(project);
    const wantsFixAll = only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind.startsWith(CodeActionKind.Source)) ?? false;
    if (wantsFixAll) {
      const all =
        this.lint(project)
          .files.find((f) => f.file === file)
          ?.diagnostics.map((d) => toLspDiagnostic(d, lines, words.locale)) ?? [];
      const action = fixAll(file, lines, uri, all, asOf, words);
      return action ? [action] : [];
    }
    if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    return codeActions(file, lines, uri, diagnostics, asOf, words);
  }

  private async executeCommand(command: string, args: unknown[]): Promise<void> {
    const url = args[0];
    if (command === SHOW_RULE_DOCS_COMMAND && typeof url === 'string' && url.startsWith(DOCS_BASE)) {
      await this.connection.window.showDocument({ uri: url, external: true });
    }
  }

  private async workspaceSymbols(query: string, token: CancellationToken): Promise<WorkspaceSymbol[]> {
    const found: WorkspaceSymbol[] = [];
    for (const project of this.allProjects())
      found.push(...(await runCancellable(workspaceSymbols(query, this.lint(project).workspace, this.documentsView, this.words(project)), token)));
    return found;
  }

  /**
   * The scorecard of a document's workspace; with `since`, as a patch to that
   * earlier answer when the server still holds it. The comparison with the
   * last commit is always sent whole, and never patched. With a
   * `partialResultToken`, a whole answer of more than SCORECARD_PART_KPIS
   * KPIs is sent in parts, and so is a patch that changes more KPIs than that.
   */
  private async scorecard(
    uri: string,
    token: CancellationToken,
    compare = false,
    since?: string,
    partialResultToken?: ProgressToken,
  ): Promise<ScorecardAnswer | ScorecardInParts | null> {
    const file = pathOf(uri);
    if (!file) return null;
    if (token.isCancellationRequested) throw cancelled();
    const project = this.projectFor(file);
    const result = this.lint(project);
    const uris = this.urisOf(project, result);
    let errors = 0;
    let warnings = 0;
    for (const { diagnostics } of result.files) {
      for (const d of diagnostics) {
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
      }
    }
    const locale = this.localeFor(project);
    const scorecard = await runCancellable(project.scorecardBuilder(locale).steps(result.workspace), token);
    const answer = {
      revision: `${this.revisionPrefix}-${++this.answered}`,
      scorecard,
      ...(compare ? { comparison: this.compareWithLastCommit({ root: project.root, lint: result, scorecard, shownPath: project.shownPath }, locale) } : {}),
      root: project.root,
      uris,
      errors,
      warnings,
      csvRead: this.settings.readCsv,
      locale,
    };
    const base = since === undefined ? undefined : this.answers.get(since);
    this.keepAnswer(project, answer);
    const patch =
      base?.project !== project || base.result.comparison !== undefined || answer.comparison !== undefined ? undefined : scorecardPatch(base.result, answer);
    if (patch !== undefined && patch.kpis.changed.length <= SCORECARD_PART_KPIS) return patch;
    if (partialResultToken === undefined || scorecard.kpis.length <= SCORECARD_PART_KPIS) return patch ?? answer;
    // One at a time, and all before the answer: each is written (over stdio, a socket or a pipe) or handed to Node's IPC
    // channel, and the event loop turns once, before the next is made into text.
    const parts = scorecardParts(answer);
    for (const part of parts) {
      if (token.isCancellationRequested) throw cancelled();
      await this.connection.sendProgress(ScorecardRequest.partType, partialResultToken, part);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { parts: parts.length };
  }

  /**
   * The URIs of a project's files by shown path, for a scorecard answer: the
   * last answer's object when they are the same, so that a patch finds them
   * unchanged at once, and answers kept for patches share one.
   */
  private urisOf(project: Project, result: LintResult): Readonly<Record<string, string>> {
    const uris: Record<string, string> = {};
    for (const f of result.workspace.files) uris[project.shownPath(f.path)] = this.uri(f.path);
    const last = this.lastUris.get(project);
    const keys = Object.keys(uris);
    if (last && keys.length === Object.keys(last).length && keys.every((key) => last[key] === uris[key])) return last;
    this.lastUris.set(project, uris);
    return uris;
  }

  /** Keeps an answer for later patches, and forgets the oldest beyond KEPT_ANSWERS. */
  private keepAnswer(project: Project, result: RevisedResult): void {
    this.answers.set(result.revision, { project, result });
    for (const revision of this.answers.keys()) {
      if (this.answers.size <= KEPT_ANSWERS) break;
      this.answers.delete(revision);
    }
  }

  private statusCounts(uri: string): StatusCountsResult | null {
    const file = pathOf(uri);
    if (!file) return null;
    const project = this.projectFor(file);
    const { workspace } = this.lint(project);
    return { counts: project.scorecardBuilder(this.localeFor(project)).statusCounts(workspace) };
  }

  /** SPEC §7: the project against its last commit, judged as the head is; a git problem is said in the project's words. */
  private compareWithLastCommit(head: HeadSide, locale: LocaleOrPseudo): ComparisonResult {
    const words = translator(locale);
    try {
      const comparison = this.lastCommit.compare(head, { asOf: asOfDay(this.settings), readCsv: this.settings.readCsv, locale });
      return 'diff' in comparison ? comparison : { problem: words.text(comparison.problem) };
    } catch (error) {
      // A temporary folder that cannot be made, a file that cannot be written: the scorecard is still shown, with why there is no comparison.
      this.logFailure('lsp.task.compare', error);
      return { problem: words.t('lsp.compare.failed', { reason: describeIoError(error, locale) }) };
    }
  }

  /** Resolves when the first indexing of the workspace folders has finished (for tests). */
  whenIndexed(): Promise<void> {
    return this.indexed;
  }
}
