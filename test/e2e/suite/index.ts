/**
 * API-level editor tests: this module runs inside VS Code's extension host
 * (code-server), with the full `vscode` API, on a copy of samples/. The
 * harness (../code-server.ts) loads it as `extensionTestsPath` and reads the
 * exit code. Each step waits on VS Code's events, with a deadline.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { askUntil, diagnosticsBecome, start, until } from './wait';

export async function run(): Promise<void> {
  const { api, root, file } = await start();

  // 1. The pitfalls file's diagnostics, without opening it: codes and lines.
  const goals = file('pitfalls/goals.kpi.yaml');
  assert.deepEqual(await diagnosticsBecome(goals, (l) => l.length === 4, 'the diagnostics of pitfalls/goals.kpi.yaml'), [
    '58 unmeasured-goal',
    '66 unknown-goal',
    '73 goal-cycle',
    '79 goal-cycle',
  ]);
  const links = vscode.languages.getDiagnostics(goals).map((d) => (typeof d.code === 'object' ? d.code.target.toString() : ''));
  assert.ok(
    links.every((l) => l.startsWith('https://github.com/kpi-as-code/kpi-as-code/blob/main/docs/rules/')),
    links.join(),
  );

  // 2. The quick fix for an unknown goal: the error goes away.
  const linked = file('pitfalls/linked.kpi.yaml');
  await diagnosticsBecome(linked, (l) => l.includes('24 unknown-goal'), 'the unknown goal in linked.kpi.yaml');
  const document = await vscode.workspace.openTextDocument(linked);
  await vscode.window.showTextDocument(document);
  const unknown = vscode.languages.getDiagnostics(linked).find((d) => d.code && (d.code as { value: string }).value === 'unknown-goal')!;
  const fixTitle = 'Change to `pf-delivery`';
  const actions = await askUntil(
    () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', linked, unknown.range, vscode.CodeActionKind.QuickFix.value),
    (list) => list.some((a) => a.title === fixTitle),
    (list) => list.map((a) => a.title).join(' | '),
    'the quick fixes of the unknown goal',
  );
  const fix = actions.find((a) => a.title === fixTitle);
  assert.ok(fix?.edit, 'the quick fix carries its edit');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await diagnosticsBecome(linked, (l) => !l.includes('24 unknown-goal'), 'the unknown goal to be fixed');
  assert.match(document.lineAt(23).text, /^\s+goals: \[pf-delivery\]/);

  // 3. Rename a goal: the goal file and the KPI file change together.
  const goalsDocument = await vscode.workspace.openTextDocument(goals);
  const line = goalsDocument
    .getText()
    .split('\n')
    .findIndex((l) => /^\s*- id: pf-delivery\s*$/.test(l));
  assert.ok(line >= 0, 'pf-delivery is defined in goals.kpi.yaml');
  const at = new vscode.Position(line, goalsDocument.lineAt(line).text.indexOf('pf-delivery') + 2);
  const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', goals, at, 'pf-on-time-delivery');
  const renamed = rename
    .entries()
    .map(([uri]) => path.relative(root, uri.fsPath))
    .sort();
  assert.ok(renamed.includes(path.join('pitfalls', 'goals.kpi.yaml')) && renamed.includes(path.join('pitfalls', 'linked.kpi.yaml')), renamed.join());
  assert.ok(await vscode.workspace.applyEdit(rename));
  assert.match(goalsDocument.lineAt(line).text, /- id: pf-on-time-delivery$/);
  assert.match(document.lineAt(23).text, /^\s+goals: \[pf-on-time-delivery\]/);
  // The server has both renamed files: the new id in linked.kpi.yaml leads to its definition.
  const reference = new vscode.Position(23, document.lineAt(23).text.indexOf('pf-on-time-delivery') + 3);
  await askUntil(
    () => vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', linked, reference),
    (found) => found.some((l) => ('uri' in l ? l.uri : l.targetUri).fsPath === goals.fsPath && ('range' in l ? l.range : l.targetRange).start.line === line),
    (found) => found.map((l) => ('uri' in l ? l.uri : l.targetUri).fsPath).join(', '),
    'the definition of the renamed goal',
  );
  await diagnosticsBecome(linked, (l) => !l.some((d) => d.endsWith('unknown-goal')), 'no unknown goal after the rename');

  // 4. The preview opens beside the editor and gets its model from the server.
  const strategy = await vscode.workspace.openTextDocument(file('strategy.kpi.yaml'));
  await vscode.window.showTextDocument(strategy, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('kpi.openPreviewToSide');
  const models = await until(() => (api.previewModels().length > 0 ? api.previewModels() : undefined), api.onDidUpdatePreview, 'the preview model');
  const model = models[0];
  assert.equal(model.scorecard.asOf, '2026-11-27');
  assert.equal(model.scorecard.kpis.length, 14);
  assert.equal(model.scorecard.kpis.find((k) => k.id === 'gross-margin')?.status, 'at-risk');
  const tab = await until(
    () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Scorecard: strategy.kpi.yaml'),
    vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>,
    'the preview tab',
  );
  assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two);

  // 5. The preview follows the active KPI editor, unless it is locked.
  const tabNamed = (label: string) =>
    until(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === label),
      vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>,
      `the tab ${label}`,
    );
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('hr.kpi.yaml')), vscode.ViewColumn.One);
  await tabNamed('Scorecard: hr.kpi.yaml');
  await vscode.commands.executeCommand('kpi.togglePreviewLock');
  await tabNamed('[Locked] Scorecard: hr.kpi.yaml');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('customer.kpi.yaml')), vscode.ViewColumn.One);
  // Nothing to wait for when nothing happens: give a preview that wrongly followed the time to show it.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
  assert.ok(
    labels.includes('[Locked] Scorecard: hr.kpi.yaml') && !labels.some((l) => l.endsWith('Scorecard: customer.kpi.yaml')),
    `a locked preview stays: ${labels.join(', ')}`,
  );

  // 6. Export writes the self-contained HTML scorecard.
  const exported = file('exported/scorecard.html');
  await vscode.workspace.fs.createDirectory(file('exported'));
  await vscode.commands.executeCommand('kpi.exportHtml', exported);
  const html = Buffer.from(await vscode.workspace.fs.readFile(exported)).toString('utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /data-kpi="gross-margin" data-status="at-risk"/);
  assert.doesNotMatch(html, /vscode-resource|vscode-cdn|data-line="/, 'the file stands alone');

  // 7. kpi.locale sv, without a restart: the problems come again in Swedish (their texts, and their links to the Swedish
  // rule pages), the preview's title follows at once and its model is in Swedish. Then back to English, the same way.
  // (What the user reads, the Problems panel's rows and the preview page, is checked in the workbench: ../extension.test.ts.)
  const unknownGoal = (d: vscode.Diagnostic) => typeof d.code === 'object' && d.code.value === 'unknown-goal';
  /** The problems of goals.kpi.yaml once all of them link to the rule pages under `pages`: the message of its unknown goal. */
  const unknownGoalMessage = (pages: string, what: string) =>
    until(
      () => {
        const list = vscode.languages.getDiagnostics(goals);
        const linked = list.length > 0 && list.every((d) => typeof d.code === 'object' && d.code.target.toString().startsWith(pages));
        return linked ? (list.find(unknownGoal)?.message ?? '(no unknown-goal problem)') : undefined;
      },
      vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>,
      what,
    );
  await vscode.workspace.getConfiguration('kpi').update('locale', 'sv', vscode.ConfigurationTarget.Workspace);
  assert.equal(
    await unknownGoalMessage(
      'https://github.com/kpi-as-code/kpi-as-code/blob/main/docs/sv/rules/',
      'the problems of pitfalls/goals.kpi.yaml with their Swedish pages',
    ),
    'Målet `pf-gren` finns inte i någon KPI-fil i arbetsytan: menade du `pf-green`? Annars definiera målet.',
  );
  await tabNamed('[Låst] Styrkort: hr.kpi.yaml');
  await until(() => (api.previewModels().some((m) => m.locale === 'sv') ? true : undefined), api.onDidUpdatePreview, 'the preview model in Swedish');
  await vscode.workspace.getConfiguration('kpi').update('locale', undefined, vscode.ConfigurationTarget.Workspace);
  assert.equal(
    await unknownGoalMessage(
      'https://github.com/kpi-as-code/kpi-as-code/blob/main/docs/rules/',
      'the problems of pitfalls/goals.kpi.yaml with their English pages',
    ),
    'Goal `pf-gren` is not defined in any KPI file of the workspace: did you mean `pf-green`? Otherwise define the goal.',
  );
  await tabNamed('[Locked] Scorecard: hr.kpi.yaml');
  await until(() => (api.previewModels().every((m) => m.locale === 'en') ? true : undefined), api.onDidUpdatePreview, 'the preview model in English again');
}
