import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { isSlug } from '../../core/corrections';
import { formatDay, type Day } from '../../core/dates';
import type { LineIndex } from '../../core/lines';
import { translator, type Translator } from '../../core/l10n/catalogue';
import { docsUrl } from '../../core/rule';
import type { KpiFile } from '../../core/types';
import { SHOW_RULE_DOCS_COMMAND } from '../protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kpi`;

/** The line a `missing-*` rule's quick fix inserts, from the as-of date and the word that asks to fill in a text (`TODO`, `FYLL I`). */
const PLACEHOLDERS: Record<string, (asOf: Day, todo: string) => string> = {
  'missing-target': (asOf) => `target: { value: 0, date: ${formatDay(asOf).slice(0, 4)}-12 }`,
  'missing-unit': (_, todo) => `unit: ${todo}`,
  'missing-frequency': () => 'frequency: monthly',
  'missing-source': (_, todo) => `source: ${todo}`,
  'missing-owner': (_, todo) => `owner: ${todo}`,
  'missing-rationale': (_, todo) => `rationale: ${todo}`,
};

function lineText(file: KpiFile, lines: LineIndex, line: number): string {
  const start = lines.offset(line, 0);
  const end = line + 1 < lines.lineCount ? lines.offset(line + 1, 0) - 1 : file.text.length;
  return file.text.slice(start, end).replace(/\r$/, '');
}

/** Inserts `text` as a new key after the KPI's `id:` line, at the id's column; none for a flow mapping. */
function insertField(file: KpiFile, lines: LineIndex, diagnostic: Diagnostic, text: string): TextEdit | undefined {
  const line = diagnostic.range.start.line;
  const match = /^(\s*)(-\s+)?id\s*:/.exec(lineText(file, lines, line));
  if (!match) return undefined;
  const column = match[1].length + (match[2]?.length ?? 0);
  const at = { line: line + 1, character: 0 };
  const newline = line + 1 < lines.lineCount ? '' : '\n';
  return { range: { start: at, end: at }, newText: `${newline}${' '.repeat(column)}${text}\n` };
}

/** A goal id as YAML: as it is when it is a slug, else quoted, so that no text of the file becomes YAML structure. */
function yamlId(id: string): string {
  return isSlug(id) ? id : JSON.stringify(id);
}

/** A new goal in this file's `goals` list (created before `kpis` when the file has none). */
function createGoal(file: KpiFile, lines: LineIndex, goalId: string, todo: string): TextEdit {
  const id = yamlId(goalId);
  const all = file.text.split(/\r?\n/);
  const goalsLine = all.findIndex((l) => /^goals\s*:\s*$/.test(l));
  if (goalsLine >= 0) {
    const firstItem = all.slice(goalsLine + 1).find((l) => /^\s*-\s/.test(l));
    const indent = firstItem ? /^(\s*)/.exec(firstItem)![1] : '  ';
    const at = { line: goalsLine + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `${indent}- id: ${id}\n${indent}  title: ${todo}\n` };
  }
  const kpisLine = all.findIndex((l) => /^kpis\s*:/.test(l));
  const at = kpisLine >= 0 ? { line: kpisLine, character: 0 } : lines.position(file.text.length);
  const lead = kpisLine < 0 && !file.text.endsWith('\n') ? '\n' : '';
  return { range: { start: at, end: at }, newText: `${lead}goals:\n  - id: ${id}\n    title: ${todo}\n` };
}

function disableComment(file: KpiFile, lines: LineIndex, diagnostic: Diagnostic): TextEdit {
  const line = diagnostic.range.start.line;
  const indent = /^\s*/.exec(lineText(file, lines, line))![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# kpi-disable-next-line ${String(diagnostic.code)}\n` };
}

function action(title: string, uri: string, diagnostic: Diagnostic, edit: TextEdit, isPreferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [uri]: [edit] } } };
}

/** The edit that fixes a diagnostic mechanically, when there is one (used by fix-all too). */
function mechanicalFix(file: KpiFile, lines: LineIndex, diagnostic: Diagnostic, asOf: Day, words: Translator): { title: string; edit: TextEdit } | undefined {
  const code = String(diagnostic.code);
  const data = (diagnostic.data ?? {}) as Record<string, string>;
  // The data comes back from the client: a fix never writes an id that is no slug.
  if (code === 'unknown-goal' && data.suggestion && isSlug(data.suggestion)) {
    return { title: words.t('lsp.fix.change-to', { suggestion: data.suggestion }), edit: { range: diagnostic.range, newText: data.suggestion } };
  }
  // A target without a date has its target: the fix is the date, which only its writer knows.
  const placeholder = data.missing === 'date' ? undefined : PLACEHOLDERS[code];
  const line = placeholder?.(asOf, words.t('lsp.fix.todo'));
  const edit = line && insertField(file, lines, diagnostic, line);
  return edit ? { title: words.t('lsp.fix.add', { key: line.split(':')[0] }), edit } : undefined;
}

/** Quick fixes for the diagnostics under the cursor, from the data they carry. */
export function codeActions(
  file: KpiFile,
  lines: LineIndex,
  uri: string,
  diagnostics: readonly Diagnostic[],
  asOf: Day,
  words: Translator = translator('en'),
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'kpi' || typeof diagnostic.code !== 'string') continue;
    const code = diagnostic.code;
    const fix = mechanicalFix(file, lines, diagnostic, asOf, words);
    if (fix) actions.push(action(fix.title, uri, diagnostic, fix.edit, true));
    const goalId = (diagnostic.data as Record<string, string> | undefined)?.goalId;
    if (code === 'unknown-goal' && goalId)
      actions.push(action(words.t('lsp.fix.create-goal', { goal: goalId }), uri, diagnostic, createGoal(file, lines, goalId, words.t('lsp.fix.todo'))));
    actions.push(action(words.t('lsp.fix.disable', { code }), uri, diagnostic, disableComment(file, lines, diagnostic)));
    const showDocs = words.t('lsp.fix.show-docs', { code });
    actions.push({
      title: showDocs,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: showDocs, command: SHOW_RULE_DOCS_COMMAND, arguments: [docsUrl(code, words.locale)] },
    });
  }
  return actions;
}

/** Every mechanical fix of a file at once: closest goal ids and `missing-*` placeholders. */
export function fixAll(
  file: KpiFile,
  lines: LineIndex,
  uri: string,
  diagnostics: readonly Diagnostic[],
  asOf: Day,
  words: Translator = translator('en'),
): CodeAction | undefined {
  const edits = diagnostics
    .filter((d) => d.source === 'kpi')
    .map((d) => mechanicalFix(file, lines, d, asOf, words)?.edit)
    .filter((e): e is TextEdit => e !== undefined);
  if (edits.length === 0) return undefined;
  return { title: words.t('lsp.fix.all'), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
}
