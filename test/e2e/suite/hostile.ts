/**
 * API-level editor test, inside VS Code's extension host (code-server) on
 * the hostile workspace of test/hostile-content.ts: what VS Code receives
 * for hovers and CodeLenses, and the HTML that KPI: Export Scorecard as HTML
 * writes (the harness then opens it in Chromium).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KpiExtensionApi } from '../../../client/src/extension';
import { PAYLOADS } from '../../hostile-content';
import { diagnosticsBecome } from './wait';

/** Where the harness expects the exported scorecard. */
export const EXPORTED = path.join('exported', 'scorecard.html');

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<KpiExtensionApi>('kpi-as-code.kpi-as-code');
  assert.ok(extension, 'the KPI extension is installed');
  await extension.activate();
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const uri = vscode.Uri.file(path.join(root, 'p00.kpi.yaml'));
  await diagnosticsBecome(uri, (l) => l.length > 0, 'the diagnostics of p00.kpi.yaml');

  for (const [i, payload] of PAYLOADS.entries()) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, `p${String(i).padStart(2, '0')}.kpi.yaml`)));
    const lines = document.getText().split('\n');
    const kpiId = lines.findIndex((l, n) => n > lines.indexOf('kpis:') && l.startsWith('  - id: '));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(kpiId, 9));
    const contents = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    assert.equal(contents.length, 1, `one KPI hover for ${JSON.stringify(payload)}`);
    // VS Code runs no command link, renders no HTML and draws no icon in this hover, whatever the server sent.
    const markdown = contents[0];
    assert.ok(!markdown.isTrusted, 'not trusted');
    assert.ok(!markdown.supportHtml, 'no HTML');
    assert.ok(!markdown.supportThemeIcons, 'no icons');
    assert.equal(markdown.value.split(/\r\n|\r|\n/).length, 7, markdown.value);

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.equal(lenses.length, 1);
    assert.doesNotMatch(lenses[0].command!.title, /(^|[^\\])\$\(/, 'no icon syntax in the CodeLens');
  }

  // KPI: Export Scorecard as HTML, from a hostile KPI file.
  await vscode.window.showTextDocument(uri);
  const target = vscode.Uri.file(path.join(root, EXPORTED));
  await vscode.workspace.fs.createDirectory(vscode.Uri.file(path.dirname(target.fsPath)));
  await vscode.commands.executeCommand('kpi.exportHtml', target);
  const html = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
  assert.match(html, /^<!DOCTYPE html>/);
}
