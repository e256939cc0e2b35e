/**
 * KPI: Refresh Data (SPEC §8): runs the workspace's own `kpi refresh
 * --progress` as a child process, with its progress in a cancellable
 * notification; afterwards the language server reads the new snapshots and
 * the previews show them. Only here does the editor start a query, and only
 * when the user asks, in a trusted workspace.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Translator } from '../../../server/src/core/l10n/catalogue';
import { LineSplitter, progressLine, projectFolder, refreshInvocation, type Invocation } from './invocation';

/** How a run of `kpi refresh` ended: its exit code (null when killed), and its lines. */
interface Run {
  readonly code: number | null;
  readonly cancelled: boolean;
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
  /** Why it could not start (no such program, not executable). */
  readonly error?: string;
}

/** What the command needs of the extension: its words, the output channel, and what to do once snapshots may have changed. */
export interface RefreshHost {
  readonly words: () => Translator;
  readonly output: vscode.LogOutputChannel;
  readonly snapshotsChanged: (folder: vscode.WorkspaceFolder) => Promise<void>;
}

/** The folder to refresh: the only one, the one of `resource` (the preview's) or of the active editor, or the one the user picks. */
async function folderToRefresh(words: Translator, resource: vscode.Uri | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(words.t('client.refresh.no-folder'));
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  const editor = resource ?? vscode.window.activeTextEditor?.document.uri;
  const current = editor && vscode.workspace.getWorkspaceFolder(editor);
  return current ?? vscode.window.showWorkspaceFolderPick({ placeHolder: words.t('client.refresh.pick-folder') });
}

/** Runs `invocation` (no shell), reporting each `[i/n]` line; cancelling kills it (each snapshot is written whole, so the old ones stay). */
function run(invocation: Invocation, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<Run> {
  return new Promise((resolve) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    let cancelled = false;
    let done = 0;
    const child = spawn(invocation.command, invocation.args, { cwd: invocation.cwd, shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = new LineSplitter();
    const err = new LineSplitter();
    const onStdout = (lines: string[]) => {
      for (const line of lines) {
        stdout.push(line);
        const step = progressLine(line);
        if (step === undefined) continue;
        // The bar moves by the queries finished: the one starting now is not done yet.
        progress.report({ message: step.text, increment: ((step.index - 1 - done) * 100) / step.total });
        done = step.index - 1;
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => onStdout(out.push(chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...err.push(chunk)));
    const cancel = token.onCancellationRequested(() => {
      cancelled = true;
      child.kill();
    });
    child.on('error', (error) => {
      cancel.dispose();
      resolve({ code: null, cancelled, stdout, stderr, error: error.message });
    });
    child.on('close', (code) => {
      cancel.dispose();
      onStdout(out.end());
      stderr.push(...err.end());
      resolve({ code, cancelled, stdout, stderr });
    });
  });
}

/** Tells the user how the run ended; the failures go to the KPI output channel, which a button opens. */
async function report(result: Run, host: RefreshHost): Promise<void> {
  const words = host.words();
  for (const line of [...result.stdout, ...result.stderr]) host.output.info(`kpi refresh: ${line}`);
  if (result.cancelled) {
    void vscode.window.showInformationMessage(words.t('client.refresh.cancelled'));
    return;
  }
  if (result.error !== undefined || result.code === null) {
    void vscode.window.showErrorMessage(words.t('client.refresh.could-not-run', { problem: result.error ?? result.stderr.join(' ') }));
    return;
  }
  const summary = result.stdout[result.stdout.length - 1] ?? '';
  if (result.code === 0) {
    void vscode.window.showInformationMessage(words.t('client.refresh.done', { summary }));
    return;
  }
  const show = words.t('client.refresh.show-output');
  const said =
    result.code === 1
      ? words.t('client.refresh.failed', { summary, failures: result.stderr.join('\n') })
      : words.t('client.refresh.could-not-run', { problem: result.stderr.join(' ') });
  if ((await vscode.window.showErrorMessage(said, show)) === show) host.output.show(true);
}

/**
 * KPI: Refresh Data, for every SQL source of a workspace folder or, from the
 * preview's Refresh button, for one KPI (`kpi`) of the folder of `resource`.
 * Returns the exit code of `kpi refresh` (undefined when it did not run).
 */
export async function refreshData(host: RefreshHost, kpi?: string, resource?: vscode.Uri): Promise<number | null | undefined> {
  const words = host.words();
  // The program that would run is the workspace's own node_modules/.bin/kpi, and the queries are the KPI files': code from the workspace.
  if (!vscode.workspace.isTrusted) {
    const manage = words.t('client.init.manage-trust');
    if ((await vscode.window.showWarningMessage(words.t('client.refresh.untrusted'), manage)) === manage)
      await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const folder = await folderToRefresh(words, resource);
  if (!folder) return undefined;
  const machine = { platform: process.platform, exists: (file: string) => fs.existsSync(file) };
  // The project of the preview's document, or of the active KPI editor: a folder with its own kpi.config.yaml is refreshed with it.
  const document = resource ?? vscode.window.activeTextEditor?.document.uri;
  const file = document?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(document) === folder ? document.fsPath : undefined;
  const invocation = refreshInvocation(projectFolder(folder.uri.fsPath, file, machine), machine, words.locale, kpi);
  if (invocation === undefined) {
    void vscode.window.showErrorMessage(words.t('client.refresh.not-installed'));
    return undefined;
  }
  host.output.info(`kpi refresh: ${invocation.command} ${invocation.args.join(' ')} (in ${invocation.cwd})`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: words.t('client.refresh.progress'), cancellable: true },
    (progress, token) => run(invocation, progress, token),
  );
  // Even a failed or cancelled run may have written some snapshots.
  await host.snapshotsChanged(folder);
  await report(result, host);
  return result.error === undefined ? result.code : undefined;
}
