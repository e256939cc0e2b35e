/**
 * KPI: Set Up Repository for CI — runs the repository's own `kpi init` in an
 * integrated terminal, where its output says what it wrote, what it left alone
 * and what to do next; the extension does not copy the CLI's work.
 */
import * as vscode from 'vscode';
import { KPI_INIT_COMMAND_LINE, KPI_INIT_NO_FOLDER, KPI_INIT_PICK_FOLDER, KPI_INIT_TERMINAL_NAME, KPI_INIT_UNTRUSTED } from './words';

/** The workspace folder to set up: the only one, or the one the user picks. */
async function folderToSetUp(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(KPI_INIT_NO_FOLDER);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: KPI_INIT_PICK_FOLDER });
}

/**
 * Opens a terminal in the workspace folder and runs `npx --no kpi init` there;
 * returns the terminal, or undefined when nothing ran. The terminal is the
 * user's once it is open (like a document), so the extension does not close it.
 */
export async function runKpiInit(): Promise<vscode.Terminal | undefined> {
  // The program that would run is the folder's own node_modules/.bin/kpi: code from the workspace.
  if (!vscode.workspace.isTrusted) {
    const manage = 'Manage Workspace Trust';
    if ((await vscode.window.showWarningMessage(KPI_INIT_UNTRUSTED, manage)) === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const folder = await folderToSetUp();
  if (!folder) return undefined;
  const terminal = vscode.window.createTerminal({ name: KPI_INIT_TERMINAL_NAME, cwd: folder.uri, iconPath: new vscode.ThemeIcon('graph') });
  terminal.show();
  terminal.sendText(KPI_INIT_COMMAND_LINE);
  return terminal;
}
