/**
 * API-level editor test, inside VS Code's extension host (code-server) on a
 * copy of samples/: the language server process is killed with SIGKILL; the
 * client starts a new one, the diagnostics come back, and the preview shows
 * the new server's scorecard and follows edits again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { diagnosticsBecome, start, until } from './wait';

/** The language server processes this extension host started: its children running dist/server.js. */
function serverProcesses(): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may hold spaces and parentheses
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== process.pid || state === 'Z') continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (command.some((arg) => arg.endsWith(path.join('dist', 'server.js')))) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

export async function run(): Promise<void> {
  const { api, file } = await start();

  // Before: the diagnostics of a closed file, and the preview with its model.
  const goals = file('pitfalls/goals.kpi.yaml');
  const expected = ['58 unmeasured-goal', '66 unknown-goal', '73 goal-cycle', '79 goal-cycle'];
  assert.deepEqual(await diagnosticsBecome(goals, (l) => l.length === 4, 'the diagnostics of pitfalls/goals.kpi.yaml'), expected);
  const financial = await vscode.workspace.openTextDocument(file('financial.kpi.yaml'));
  const editor = await vscode.window.showTextDocument(financial, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('kpi.openPreviewToSide');
  const margin = () => api.previewModels()[0]?.scorecard.kpis.find((k) => k.id === 'gross-margin');
  assert.equal((await until(() => margin(), api.onDidUpdatePreview, 'the preview model')).target?.value, 48);

  const [killed, ...others] = serverProcesses();
  assert.ok(killed !== undefined && others.length === 0, `one language server process, found ${JSON.stringify(serverProcesses())}`);

  // What happens after the kill, recorded from now on.
  const states: State[] = [];
  const stateChanges = api.client.onDidChangeState((e) => states.push(e.newState));
  let goalsEvents = 0;
  const diagnosticChanges = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === goals.toString())) goalsEvents++;
  });
  let previewUpdates = 0;
  const previewChanges = api.onDidUpdatePreview(() => previewUpdates++);

  process.kill(killed, 'SIGKILL');

  // The client notices, and its error handler starts a new server.
  await until(
    () => (states.includes(State.Stopped) && states.at(-1) === State.Running ? true : undefined),
    api.client.onDidChangeState,
    'the client to run again',
  );
  assert.deepEqual(states, [State.Stopped, State.Starting, State.Running]);
  const [restarted, ...more] = serverProcesses();
  assert.ok(
    restarted !== undefined && restarted !== killed && more.length === 0,
    `a new language server process, found ${JSON.stringify(serverProcesses())} (killed ${killed})`,
  );

  // The diagnostics come back: the client dropped the old server's, the new one publishes them again.
  assert.deepEqual(
    await until(
      () => {
        const list = goalsEvents > 0 ? vscode.languages.getDiagnostics(goals).filter((d) => d.source === 'kpi') : [];
        return list.length === 4 ? list.map((d) => `${d.range.start.line + 1} ${(d.code as { value: string }).value}`) : undefined;
      },
      vscode.languages.onDidChangeDiagnostics,
      'the diagnostics of pitfalls/goals.kpi.yaml from the new server',
    ),
    expected,
  );

  // The preview asks the new server at once, without waiting for an edit.
  await until(() => (previewUpdates > 0 ? true : undefined), api.onDidUpdatePreview, 'the preview to show the new server scorecard');
  assert.equal(api.previewModels()[0].scorecard.kpis.length, 14);

  // An edit: the new server lints it and the preview follows.
  const line = financial
    .getText()
    .split('\n')
    .findIndex((l) => /^\s+target: \{ value: 48\.0,/.test(l));
  assert.ok(line >= 0, 'the target of gross-margin');
  const at = financial.lineAt(line).text.indexOf('48');
  assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(line, at, line, at + 2), '46')));
  const updated = await until(() => (margin()?.target?.value === 46 ? margin() : undefined), api.onDidUpdatePreview, 'the preview to show the edited target');
  // 46 lies below the at-risk threshold 46.5: threshold-order makes the KPI invalid.
  assert.deepEqual([updated.status, updated.reason], ['invalid', 'fix the errors in its definition (1)']);
  assert.ok(await editor.edit((edit) => edit.replace(new vscode.Range(line, at, line, at + 2), '4x')));
  const schema = await diagnosticsBecome(financial.uri, (l) => l.some((d) => d === `${line + 1} schema`), 'the new server to report the edit');
  assert.ok(schema.includes(`${line + 1} schema`));

  stateChanges.dispose();
  diagnosticChanges.dispose();
  previewChanges.dispose();
}
