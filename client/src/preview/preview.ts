import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { translator } from '../../../server/src/core/l10n/catalogue';
import {
  applyScorecardPatch,
  askScorecard,
  askWholeScorecard,
  type ScorecardAnswer,
  type ScorecardResult,
  type ScorecardSinceParams,
} from '../../../server/src/lsp/protocol';
import { extensionLocale } from '../locale';
import { isPreviewState, isWebviewMessage, type HostMessage, type PreviewState } from './messages';
import { previewHtml } from './webview-html';

export const PREVIEW_VIEW_TYPE = 'kpi.preview';

/** The extension's words (kpi.locale): the panel's title is VS Code's UI, not the page's. */
function words() {
  return translator(extensionLocale(vscode.workspace.getConfiguration('kpi').get<string>('locale'), vscode.env.language));
}

function isKpiDocument(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document?.languageId === 'kpi' && document.uri.scheme === 'file';
}

/**
 * One scorecard preview: a webview panel showing the scorecard of a KPI
 * document's workspace. The first render sets the HTML; later ones post the
 * new model, so the page keeps its scroll position and filters.
 */
class ScorecardPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer?: NodeJS.Timeout;
  private rendered = false;
  private requested = 0;
  private result?: ScorecardResult;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    public resource: vscode.Uri,
    public locked: boolean,
    private readonly updated: () => void,
    /** "Compare with last commit" is on (SPEC §7). */
    private comparing = false,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
    );
    this.setTitle();
    void this.refresh();
  }

  get state(): PreviewState {
    return { uri: this.resource.toString(), locked: this.locked, ...(this.comparing ? { compare: true } : {}) };
  }

  get compare(): boolean {
    return this.comparing;
  }

  /**
   * Turns "Compare with last commit" on or off. It runs git, so only in a
   * trusted workspace; when there is no comparison to make (no repository,
   * no commit, git missing) the user is told why, and the page says it too.
   */
  async setCompare(on: boolean): Promise<void> {
    if (on && !vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(words().t('client.compare.untrusted'));
      return;
    }
    this.comparing = on;
    await this.refresh();
    const comparison = this.result?.comparison;
    if (on && comparison !== undefined && 'problem' in comparison) void vscode.window.showWarningMessage(comparison.problem);
  }

  setTitle(): void {
    const name = this.resource.path.split('/').pop() ?? 'KPI';
    this.panel.title = words().t(this.locked ? 'client.preview.title-locked' : 'client.preview.title', { name });
  }

  show(resource: vscode.Uri): void {
    const changed = resource.toString() !== this.resource.toString();
    this.resource = resource;
    this.setTitle();
    if (changed) void this.refresh();
  }

  toggleLock(): void {
    this.locked = !this.locked;
    this.setTitle();
    // The webview keeps the new state for a window reload.
    if (this.result) void this.post({ type: 'update', result: this.result, state: this.state });
  }

  /** Refreshes after the configured delay; a newer call supersedes an older one. */
  scheduleRefresh(): void {
    clearTimeout(this.timer);
    const delay = vscode.workspace.getConfiguration('kpi').get<number>('preview.refreshDelay', 300);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /**
   * Asks the server for the model; a stale answer (an older request) is
   * dropped. It asks for what changed since the model it holds, and applies
   * that: the page still gets the whole model, as it always did.
   */
  async refresh(): Promise<void> {
    const ticket = ++this.requested;
    let result: ScorecardResult | null;
    try {
      const answer = await this.ask(this.result?.revision);
      // A patch to another model than the one held cannot be applied: ask for the whole.
      result = answer && (applyScorecardPatch(this.result, answer) ?? (await this.askWhole()));
    } catch {
      return; // the server is gone; the previews refresh when it runs again
    }
    if (ticket !== this.requested || !result) return;
    // Another language: the page is rendered again (its lang, title and words), not updated.
    if (this.result && this.result.locale !== result.locale) this.rendered = false;
    this.result = result;
    this.updated();
    if (!this.rendered) {
      const webview = this.panel.webview;
      this.panel.webview.html = previewHtml(
        result,
        {
          nonce: randomBytes(18).toString('base64'),
          cspSource: webview.cspSource,
          scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'media', 'preview.js')).toString(),
        },
        this.comparing,
      );
      this.rendered = true;
    } else {
      await this.post({ type: 'update', result, state: this.state });
    }
  }

  /** Asks the server for the model; with `since`, what changed since that revision will do. A large model comes in parts. */
  private ask(since: string | undefined): Promise<ScorecardAnswer | null> {
    return askScorecard(this.client, this.params(since));
  }

  /** Asks for the whole model. */
  private askWhole(): Promise<ScorecardResult | null> {
    return askWholeScorecard(this.client, this.params(undefined));
  }

  /** What the preview asks with: its document, the comparison when it shows one (which is always whole), else `since`. */
  private params(since: string | undefined): ScorecardSinceParams {
    // git runs only for a trusted workspace: trust can be withdrawn only by reloading the window, which starts again.
    const compare = this.comparing && vscode.workspace.isTrusted;
    const uri = this.resource.toString();
    return compare ? { uri, compare } : since === undefined ? { uri } : { uri, since };
  }

  /** The model last shown (for tests and the status bar). */
  get model(): ScorecardResult | undefined {
    return this.result;
  }

  highlight(kpi: string | null): void {
    void this.post({ type: 'highlight', kpi });
  }

  private post(message: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return; // the page is not trusted: anything else is ignored
    if (message.type === 'ready') {
      if (this.result) await this.post({ type: 'update', result: this.result, state: this.state });
      return;
    }
    if (message.type === 'compare') {
      await this.setCompare(message.on);
      return;
    }
    if (message.type === 'refresh') {
      // The command checks trust and says why it does not run in Restricted Mode.
      await vscode.commands.executeCommand('kpi.refreshData', message.kpi, this.resource);
      return;
    }
    const uri = this.result?.uris[message.file];
    if (!uri) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const line = Math.min(message.line - 1, document.lineCount - 1);
    const text = document.lineAt(line).text;
    const idColumn = /^(\s*)(-\s+)?id\s*:\s*/.exec(text)?.[0].length ?? text.length - text.trimStart().length;
    const position = new vscode.Position(line, idColumn);
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri)?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(position, position) });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/**
 * All scorecard previews: one dynamic preview that follows the active KPI
 * editor, and any number of locked ones. Modelled on the Markdown preview.
 */
export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly previews = new Set<ScorecardPreview>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updateEmitter = new vscode.EventEmitter<void>();
  /** Fires when a preview has received a new model from the server. */
  readonly onDidUpdate = this.updateEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidChangeTextDocument((e) => isKpiDocument(e.document) && this.previews.forEach((p) => p.scheduleRefresh())),
      vscode.window.onDidChangeTextEditorSelection((e) => this.highlightAt(e.textEditor)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.previews.forEach((p) => p.scheduleRefresh())),
      // The as-of date, or whether CSV files are read, changes every status.
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kpi') && this.previews.forEach((p) => p.scheduleRefresh())),
      // kpi.locale: the titles follow at once; the page follows with the server's next model.
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kpi.locale') && this.previews.forEach((p) => p.setTitle())),
      // After the server was restarted (it crashed, or KPI: Restart Language Server), show its scorecard again.
      client.onDidChangeState((e) => e.newState === State.Running && this.previews.forEach((p) => void p.refresh())),
    );
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'media')],
    };
  }

  /** Opens (or reveals) the preview of a KPI document's workspace. */
  open(resource: vscode.Uri, toSide: boolean): ScorecardPreview {
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One);
    const dynamic = [...this.previews].find((p) => !p.locked);
    if (dynamic) {
      dynamic.show(resource);
      dynamic.panel.reveal(column, toSide);
      return dynamic;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      words().t('client.preview.panel'),
      { viewColumn: column, preserveFocus: toSide },
      this.webviewOptions(),
    );
    return this.add(panel, resource, false);
  }

  private add(panel: vscode.WebviewPanel, resource: vscode.Uri, locked: boolean, compare = false): ScorecardPreview {
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'file-icon.svg');
    const preview = new ScorecardPreview(panel, this.extensionUri, this.client, resource, locked, () => this.updateEmitter.fire(), compare);
    this.previews.add(preview);
    preview.onDidDispose(() => this.previews.delete(preview));
    return preview;
  }

  /** Restores a preview after a window reload, from the state its webview saved. */
  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (isPreviewState(state)) this.add(panel, vscode.Uri.parse(state.uri), state.locked, state.compare === true);
    else panel.dispose();
    return Promise.resolve();
  }

  /** The active preview (or the only one). */
  active(): ScorecardPreview | undefined {
    const all = [...this.previews];
    return all.find((p) => p.panel.active) ?? (all.length === 1 ? all[0] : undefined);
  }

  toggleLock(): void {
    this.active()?.toggleLock();
  }

  /** KPI: Compare with Last Commit: toggles the comparison in the active preview, opening one beside the KPI editor when there is none. */
  async toggleCompare(resource: vscode.Uri | undefined): Promise<void> {
    const preview = this.active() ?? (resource ? this.open(resource, true) : undefined);
    if (preview) await preview.setCompare(!preview.compare);
    else void vscode.window.showInformationMessage(words().t('client.preview.nothing-open'));
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!isKpiDocument(editor?.document)) return;
    if (!vscode.workspace.getConfiguration('kpi').get<boolean>('preview.followActiveEditor', true)) return;
    for (const preview of this.previews) if (!preview.locked) preview.show(editor.document.uri);
  }

  /** Highlights in the previews the KPI whose definition holds the cursor. */
  private highlightAt(editor: vscode.TextEditor): void {
    if (!isKpiDocument(editor.document)) return;
    const uri = editor.document.uri.toString();
    const line = editor.selection.active.line + 1;
    for (const preview of this.previews) {
      const model = preview.model;
      if (!model) continue;
      const file = Object.keys(model.uris).find((f) => model.uris[f] === uri);
      const here = model.scorecard.kpis.filter((k) => k.file === file && k.line <= line).sort((a, b) => b.line - a.line)[0];
      preview.highlight(here?.id ?? null);
    }
  }

  /** Asks the server again for every preview's model now (after KPI: Refresh Data wrote snapshots). */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.previews].map((p) => p.refresh()));
  }

  /** Every preview's model, for the tests and the status bar. */
  models(): ScorecardResult[] {
    return [...this.previews].map((p) => p.model).filter((m): m is ScorecardResult => m !== undefined);
  }

  dispose(): void {
    for (const preview of [...this.previews]) preview.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.updateEmitter.dispose();
  }
}
