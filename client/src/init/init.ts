/**
 * KPI: Set Up Repository for CI — runs the repository's own `kpi init` in an
 * integrated terminal, where its output says what it wrote, what it left alone
 * and what to do next; the extension does not copy the CLI's work.
 */
import * as vscode from 'vscode';
import type { Translator } from '../../../server/src/core/l10n/catalogue';
import { KPI_INIT_COMMAND_LINE, KPI_INIT_TERMINAL_NAME, kpiInitWords, type KpiInitWords } from './words';

/** The workspace folder to set up: the only one, or the one the user picks. */
async function folderToSetUp(said: KpiInitWords): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(said.noFolder);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: said.pickFolder });
}

/**
 * Opens a terminal in the workspace folder and runs `npx --no kpi init` there;
 * returns the terminal, or undefined when nothing ran. The terminal is the
 * user's once it is open (like a document), so the extension does not close it.
 */
export async function runKpiInit(words: Translator): Promise<vscode.Terminal | undefined> {
  const said = kpiInitWords(words);
  // The program that would run is the folder's own node_modules/.bin/kpi: code from the workspace.
  if (!vscode.workspace.isTrusted) {
    if ((await vscode.window.showWarningMessage(said.untrusted, said.manageTrust)) === said.manageTrust)
      await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const folder = await folderToSetUp(said);
  if (!folder) return undefined;
  const terminal = vscode.window.createTerminal({ name: KPI_INIT_TERMINAL_NAME, cwd: folder.uri, iconPath: new vscode.ThemeIcon('graph') });
  terminal.show();
  terminal.sendText(KPI_INIT_COMMAND_LINE);
  return terminal;
}
