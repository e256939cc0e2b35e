/** Waiting on VS Code's events with a deadline, for the API-level editor tests. */
import * as vscode from 'vscode';

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
