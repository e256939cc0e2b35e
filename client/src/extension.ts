import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { translator, type Translator } from '../../server/src/core/l10n/catalogue';
import { askWholeScorecard, StatusCountsRequest, type ScorecardResult } from '../../server/src/lsp/protocol';
import { renderScorecardHtml } from '../../server/src/report/html';
import { scorecardPage } from '../../server/src/node/scorecard-page';
import { runKpiInit } from './init/init';
import { extensionLocale } from './locale';
import { PreviewManager } from './preview/preview';
import { KPI_ID } from './refresh/invocation';
import { refreshData } from './refresh/refresh';
import { newFileTemplate } from './template';

/** What the extension hands its tests (the API-level e2e tests read it). */
export interface KpiExtensionApi {
  readonly client: LanguageClient;
  scorecard(uri: vscode.Uri): Promise<ScorecardResult | null>;
  previewModels(): ScorecardResult[];
  readonly onDidUpdatePreview: vscode.Event<void>;
}

/** The extension's words, in the language of `kpi.locale` (read each time: a change applies at once). */
export function extensionWords(): Translator {
  return translator(extensionLocale(vscode.workspace.getConfiguration('kpi').get<string>('locale'), vscode.env.language));
}

function activeKpiUri(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'kpi' ? document.uri : undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'kpi' }],
    outputChannel: output,
    middleware: {
      workspace: {
        // In an untrusted workspace no CSV file is read, whatever the settings say.
        configuration: async (params, token, next) => {
          const values = (await next(params, token)) as unknown[];
          if (vscode.workspace.isTrusted || !Array.isArray(values)) return values;
          return values.map((v) => (typeof v === 'object' && v !== null ? { ...v, readCsv: false } : { readCsv: false }));
        },
      },
    },
  };
  return new LanguageClient('kpi', 'KPI', serverOptions, clientOptions);
}

/** The status bar: the workspace's KPI errors and warnings, and off-track KPIs; a click opens Problems. */
function statusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('kpi.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'KPI';
  item.command = 'workbench.actions.view.problems';
  let timer: NodeJS.Timeout | undefined;
  const update = async () => {
    const all = vscode.languages.getDiagnostics().flatMap(([, list]) => list.filter((d) => d.source === 'kpi'));
    const errors = all.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = all.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    let offTrack = 0;
    let invalid = 0;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // The counts alone: the whole scorecard of a large workspace is megabytes, and this runs after every change of diagnostics.
      const result = await client.sendRequest(StatusCountsRequest.type, { uri: folder.uri.toString() }).catch(() => null);
      offTrack += result?.counts['off-track'] ?? 0;
      invalid += result?.counts.invalid ?? 0;
    }
    // Invalid KPIs are counted apart: they have no figures until their errors are fixed.
    const words = extensionWords();
    const offTrackText = offTrack > 0 ? ` $(graph) ${words.t('client.status.off-track', { count: offTrack })}` : '';
    const invalidText = invalid > 0 ? ` $(circle-slash) ${words.t('client.status.invalid', { count: invalid })}` : '';
    item.text = `$(error) ${errors} $(warning) ${warnings}${offTrackText}${invalidText}`;
    item.tooltip = words.t('client.status.tooltip', { errors, warnings, offTrack, invalid });
    item.show();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 300);
  };
  const subscription = vscode.languages.onDidChangeDiagnostics(schedule);
  // A new kpi.locale: the texts change even where the counts do not.
  const settings = vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kpi.locale') && schedule());
  schedule();
  return vscode.Disposable.from(item, refreshItem(), subscription, settings, { dispose: () => clearTimeout(timer) });
}

/** A diagnostic's rule id: its `code`, plain or with the link to the rule's page. */
function ruleOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/**
 * A second status bar item, shown only while SQL sources have no snapshot
 * or an outdated one (the `snapshot-missing` and `snapshot-outdated`
 * diagnostics): `$(database) 2 to refresh`; a click runs KPI: Refresh Data.
 * Apart from the counts item, whose click opens the Problems panel.
 */
function refreshItem(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('kpi.refresh', vscode.StatusBarAlignment.Left, 49);
  item.name = 'KPI: Refresh Data';
  item.command = 'kpi.refreshData';
  const update = () => {
    const all = vscode.languages.getDiagnostics().flatMap(([, list]) => list.filter((d) => d.source === 'kpi'));
    const missing = all.filter((d) => ruleOf(d) === 'snapshot-missing').length;
    const outdated = all.filter((d) => ruleOf(d) === 'snapshot-outdated').length;
    if (missing + outdated === 0) {
      item.hide();
      return;
    }
    const words = extensionWords();
    item.text = `$(database) ${words.t('client.status.refresh', { count: missing + outdated })}`;
    item.tooltip = words.t('client.status.refresh-tooltip', { missing, outdated });
    item.show();
  };
  update();
  const subscriptions = [
    vscode.languages.onDidChangeDiagnostics(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kpi.locale') && update()),
  ];
  return vscode.Disposable.from(item, ...subscriptions);
}

/**
 * After KPI: Refresh Data: the server is told that the snapshots' manifest
 * changed (before the file watcher may have said so: a notification is
 * handled before the requests after it), then every preview asks again.
 */
async function snapshotsChanged(client: LanguageClient, previews: PreviewManager, folder: vscode.WorkspaceFolder): Promise<void> {
  const manifest = vscode.Uri.joinPath(folder.uri, '.kpi', 'snapshots', 'manifest.json');
  await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: manifest.toString(), type: FileChangeType.Changed }] });
  await previews.refreshAll();
}

/** Writes the self-contained HTML scorecard; `to` skips the save dialog (tasks, keybindings, tests). */
async function exportHtml(client: LanguageClient, to?: vscode.Uri): Promise<void> {
  const words = extensionWords();
  const resource = activeKpiUri() ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!resource) {
    void vscode.window.showWarningMessage(words.t('client.export.nothing-open'));
    return;
  }
  const result = await askWholeScorecard(client, { uri: resource.toString() });
  if (!result) return;
  const target =
    to instanceof vscode.Uri
      ? to
      : await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.joinPath(vscode.Uri.file(result.root), 'scorecard.html'),
          filters: { HTML: ['html'] },
          title: words.t('client.export.dialog-title'),
        });
  if (!target) return;
  // The page is in the language the server chose for the workspace, as the preview is.
  const html = renderScorecardHtml(result.scorecard, {
    nonce: randomBytes(18).toString('base64'),
    locale: result.locale,
    // A large scorecard is written as `kpi status --format html` writes it: built in the page as it is shown.
    page: scorecardPage(),
  });
  await vscode.workspace.fs.writeFile(target, Buffer.from(html, 'utf8'));
  const openInBrowser = words.t('client.export.open-in-browser');
  void vscode.window.showInformationMessage(words.t('client.export.written', { file: vscode.workspace.asRelativePath(target) }), openInBrowser).then((open) => {
    if (open) void vscode.env.openExternal(target);
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<KpiExtensionApi> {
  const output = vscode.window.createOutputChannel('KPI', { log: true });
  const client = createClient(context, output);
  const previews = new PreviewManager(context.extensionUri, client);
  const openPreview = (toSide: boolean) => {
    const uri = activeKpiUri() ?? previews.active()?.resource;
    if (uri) previews.open(uri, toSide);
    else void vscode.window.showInformationMessage(extensionWords().t('client.preview.nothing-open'));
  };
  context.subscriptions.push(
    output,
    previews,
    vscode.commands.registerCommand('kpi.openPreview', () => openPreview(false)),
    vscode.commands.registerCommand('kpi.openPreviewToSide', () => openPreview(true)),
    vscode.commands.registerCommand('kpi.togglePreviewLock', () => previews.toggleLock()),
    vscode.commands.registerCommand('kpi.compareWithLastCommit', () => previews.toggleCompare(activeKpiUri())),
    vscode.commands.registerCommand('kpi.exportHtml', (to?: vscode.Uri) => exportHtml(client, to)),
    vscode.commands.registerCommand('kpi.newFile', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'kpi', content: newFileTemplate(extensionWords()) });
      await vscode.window.showTextDocument(document);
    }),
    vscode.commands.registerCommand('kpi.init', () => runKpiInit(extensionWords())),
    vscode.commands.registerCommand('kpi.refreshData', (kpi?: unknown, resource?: unknown) => {
      // From a keybinding or another extension anything may come: a KPI id that is no slug refreshes nothing rather than everything.
      if (kpi !== undefined && (typeof kpi !== 'string' || !KPI_ID.test(kpi))) return undefined;
      const host = { words: extensionWords, output, snapshotsChanged: (folder: vscode.WorkspaceFolder) => snapshotsChanged(client, previews, folder) };
      return refreshData(host, kpi, resource instanceof vscode.Uri ? resource : undefined);
    }),
    vscode.commands.registerCommand('kpi.restartServer', () => client.restart()),
    vscode.commands.registerCommand('kpi.showOutput', () => output.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null })),
    { dispose: () => void client.stop() },
  );
  await client.start();
  context.subscriptions.push(statusBar(client));
  return {
    client,
    scorecard: (uri) => askWholeScorecard(client, { uri: uri.toString() }),
    previewModels: () => previews.models(),
    onDidUpdatePreview: previews.onDidUpdate,
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions; VS Code disposes them.
}
