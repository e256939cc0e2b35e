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
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  return { api, root, file: (name) => vscode.Uri.file(path.join(root, name)) };
}

export const DEADLINE_MS = 60_000;

/**
 * Resolves when `check` gives a value, re-checking whenever `event` fires.
 * It listens before the first check, so that an event fired meanwhile is not missed.
 */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>, event: vscode.Event<unknown>, what: string): Promise<T> {
  let settle: (value: T) => void = () => undefined;
  const settled = new Promise<T>((resolve) => (settle = resolve));
  let done = false;
  const test = async () => {
    const value = await check();
    if (value !== undefined && !done) {
      done = true;
      settle(value);
    }
  };
  const subscription = event(() => void test());
  let timer: NodeJS.Timeout | undefined;
  try {
    await test();
    return await Promise.race([
      settled,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), DEADLINE_MS))),
    ]);
  } finally {
    done = true;
    clearTimeout(timer);
    subscription.dispose();
  }
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
 * Asks for a result until `accept` takes it, every 200 ms, up to DEADLINE_MS.
 * VS Code answers a code action request with no action at all when any code
 * action provider is registered while it runs, even one for another language
 * (an extension activating then; tried: a JSON provider registered 1 ms after
 * the request gave 0 actions, the next request 4), or when the document
 * changes meanwhile. Its lightbulb simply asks again, and so does this. The
 * answers that were not accepted are in the error.
 */
export async function askUntil<T>(ask: () => Thenable<T>, accept: (value: T) => boolean, describe: (value: T) => string, what: string): Promise<T> {
  const answers: string[] = [];
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await ask();
    if (accept(value)) return value;
    answers.push(describe(value) || '(nothing)');
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new assert.AssertionError({ message: `${what}: no acceptable answer in ${answers.length} attempts; got ${[...new Set(answers)].join(' / ')}` });
}
