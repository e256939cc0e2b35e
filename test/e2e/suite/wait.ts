/** Waiting on VS Code's events with a deadline, and the start every API-level editor test shares. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KpiExtensionApi } from '../../../client/src/extension';

/** The activated extension's API, the workspace folder, and a function from a name in it to its URI. */
export async function start(): Promise<{ api: KpiExtensionApi; root: string; file: (name: string) => vscode.Uri }> {
  const extension = vscode.extensions.getExtension<KpiExtensionApi>('kpi-as-code.kpi-as-code');
  assert.ok(extension, 'the KPI extension is installed');
  const api = await extension.activate();
  const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  return { api, root, file: (name) => vscode.Uri.file(path.join(root, name)) };
}

export const DEADLINE_MS = 60_000;

/** Resolves when `check` gives a value, re-checking whenever `event` fires. */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>, event: vscode.Event<unknown>, what: string): Promise<T> {
  const first = await check();
  if (first !== undefined) return first;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, DEADLINE_MS);
    const subscription = event(async () => {
      const value = await check();
      if (value === undefined) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** A file's KPI diagnostics as `line code` strings, by line. */
export const brief = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'kpi')
    .map((d) => `${d.range.start.line + 1} ${typeof d.code === 'object' ? String(d.code.value) : String(d.code)}`)
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));

export function diagnosticsBecome(uri: vscode.Uri, accept: (list: string[]) => boolean, what: string): Promise<string[]> {
  return until(
    () => {
      const list = brief(uri);
      return accept(list) ? list : undefined;
    },
    vscode.languages.onDidChangeDiagnostics,
    what,
  );
}

/**
 * Asks for a result until `accept` takes it, up to five times, 200 ms apart.
 * VS Code answers a code action request with no action at all when any code
 * action provider is registered while it runs, even one for another language
 * (an extension activating then; tried: a JSON provider registered 1 ms after
 * the request gave 0 actions, the next request 4). Its lightbulb simply asks
 * again, and so does this. Each answer that was not accepted is in the error.
 */
export async function askUntil<T>(ask: () => Thenable<T>, accept: (value: T) => boolean, describe: (value: T) => string, what: string): Promise<T> {
  const answers: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const value = await ask();
    if (accept(value)) return value;
    answers.push(describe(value) || '(nothing)');
  }
  throw new assert.AssertionError({ message: `${what}: no acceptable answer in 5 attempts; got ${answers.join(' / ')}` });
}
