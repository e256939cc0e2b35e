/**
 * API-level editor test, inside VS Code's extension host (code-server), on a
 * generated workspace of 1,400 KPIs: more than one part of a whole scorecard
 * answer (the server sends it in parts of 1,000 KPIs to a client that takes
 * them, as the preview and the export do). The preview's model holds every
 * KPI and follows an edit; the export writes the page of a large scorecard.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { start, until } from './wait';

export async function run(): Promise<void> {
  const { api, file } = await start();
  const team = await vscode.workspace.openTextDocument(file('area-0/team-1.kpi.yaml'));
  await vscode.window.showTextDocument(team, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('kpi.openPreviewToSide');
  const model = await until(
    () => (api.previewModels()[0]?.scorecard.kpis.length ? api.previewModels()[0] : undefined),
    api.onDidUpdatePreview,
    'the preview model',
  );
  assert.equal(model.scorecard.kpis.length, 1400);
  assert.deepEqual(
    [model.scorecard.kpis[0].id, model.scorecard.kpis[999].id, model.scorecard.kpis[1000].id, model.scorecard.kpis[1399].id],
    ['t0-kpi-0', 't1-kpi-299', 't1-kpi-300', 't1-kpi-699'],
  );

  // An edit of the last KPI's name: the preview's model follows (a patch on the model put together from parts).
  const lines = team.getText().split('\n');
  const line = lines.length - 1 - [...lines].reverse().findIndex((l) => /^ {4}name: /.test(l));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(team.uri, team.lineAt(line).range, '    name: The last KPI, renamed');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const renamed = await until(
    () => api.previewModels()[0]?.scorecard.kpis.find((k) => k.name === 'The last KPI, renamed'),
    api.onDidUpdatePreview,
    'the renamed KPI in the preview',
  );
  assert.equal(renamed.id, 't1-kpi-699');
  assert.equal(api.previewModels()[0].scorecard.kpis.length, 1400);

  // The API's whole scorecard and the export: every KPI, the export as the page of a large scorecard (a named card each).
  assert.equal((await api.scorecard(team.uri))?.scorecard.kpis.length, 1400);
  const exported = file('exported/scorecard.html');
  await vscode.workspace.fs.createDirectory(file('exported'));
  await vscode.commands.executeCommand('kpi.exportHtml', exported);
  const html = Buffer.from(await vscode.workspace.fs.readFile(exported)).toString('utf8');
  assert.equal(new Set(html.match(/data-kpi="t\d-kpi-\d+"/g)).size, 1400);
  assert.match(html, /data-kpi="t1-kpi-699" data-status="[a-z-]+"/);
}
