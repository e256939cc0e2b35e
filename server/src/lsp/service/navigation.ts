import * as path from 'node:path';
import {
  ResponseError,
  ErrorCodes,
  SymbolKind,
  type DocumentSymbol,
  type Location,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import { translator, type Translator } from '../../core/l10n/catalogue';
import { LineIndex } from '../../core/lines';
import type { KpiFile, Span } from '../../core/types';
import type { Workspace } from '../../core/workspace';
import { toRange } from './diagnostics';
import { idAt, occurrences } from './symbols';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** How a file's path becomes a document URI, and its line index. */
export interface Documents {
  uri(file: string): string;
  lines(file: KpiFile): LineIndex;
}

function location(documents: Documents, occurrence: { file: KpiFile; span: Span }): Location {
  return { uri: documents.uri(occurrence.file.path), range: toRange(documents.lines(occurrence.file), occurrence.span) };
}

export function definition(file: KpiFile, offset: number, workspace: Workspace, documents: Documents): Location[] {
  const id = idAt(file, offset);
  if (!id) return [];
  return occurrences(workspace, id.kind, id.id)
    .filter((o) => o.isDefinition)
    .map((o) => location(documents, o));
}

export function references(file: KpiFile, offset: number, includeDeclaration: boolean, workspace: Workspace, documents: Documents): Location[] {
  const id = idAt(file, offset);
  if (!id) return [];
  return occurrences(workspace, id.kind, id.id)
    .filter((o) => includeDeclaration || !o.isDefinition)
    .map((o) => location(documents, o));
}

export function prepareRename(file: KpiFile, offset: number, lines: LineIndex): { range: Range; placeholder: string } | null {
  const id = idAt(file, offset);
  return id ? { range: toRange(lines, id.span), placeholder: id.id } : null;
}

/** Renames a goal or KPI id in every file that defines or references it. */
export function rename(
  file: KpiFile,
  offset: number,
  newName: string,
  workspace: Workspace,
  documents: Documents,
  words: Translator = translator('en'),
): WorkspaceEdit {
  const id = idAt(file, offset);
  if (!id) throw new ResponseError(ErrorCodes.InvalidRequest, words.t('lsp.rename.not-an-id'));
  if (!SLUG.test(newName)) throw new ResponseError(ErrorCodes.InvalidParams, words.t('lsp.rename.invalid', { name: newName }));
  if (newName !== id.id && (id.kind === 'goal' ? workspace.goal(newName) : workspace.kpi(newName)) !== undefined) {
    throw new ResponseError(ErrorCodes.InvalidParams, words.t('lsp.rename.taken', { kind: id.kind, name: newName }));
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences(workspace, id.kind, id.id)) {
    const { uri, range } = location(documents, o);
    (changes[uri] ??= []).push({ range, newText: newName });
  }
  return { changes };
}

/** The outline of a file: its goals and KPIs, named as people know them. */
export function documentSymbols(file: KpiFile, lines: LineIndex, words: Translator = translator('en')): DocumentSymbol[] {
  const symbol = (item: KpiFile['goals'][number] | KpiFile['kpis'][number], name: string, kind: SymbolKind, detail: string): DocumentSymbol => ({
    name: name.trim() === '' ? item.id : name,
    detail,
    kind,
    range: toRange(lines, file.locate(item.path)),
    selectionRange: toRange(lines, file.locate([...item.path, 'id'])),
  });
  return [
    ...file.goals.map((g) => symbol(g, g.title ?? g.id, SymbolKind.Namespace, words.t('lsp.symbol.goal', { id: g.id }))),
    ...file.kpis.map((k) =>
      symbol(
        k,
        k.name ?? k.id,
        SymbolKind.Number,
        words.t('lsp.symbol.kpi', { kind: k.category ? words.t('lsp.category', { category: k.category }) : words.t('lsp.symbol.kpi-kind'), id: k.id }),
      ),
    ),
  ];
}

/**
 * Goals and KPIs of the workspace whose id or name contains the query (any
 * case), found one at a time: each found is placed in its file, which may
 * mean parsing it again, so the server runs the steps between other work.
 */
export function* workspaceSymbols(
  query: string,
  workspace: Workspace,
  documents: Documents,
  words: Translator = translator('en'),
): Generator<void, WorkspaceSymbol[]> {
  const wanted = query.toLowerCase();
  const matches = (...texts: (string | undefined)[]) => texts.some((t) => t?.toLowerCase().includes(wanted));
  const result: WorkspaceSymbol[] = [];
  for (const goal of workspace.goals) {
    if (!matches(goal.id, goal.title)) continue;
    result.push({
      name: goal.title ?? goal.id,
      kind: SymbolKind.Namespace,
      containerName: words.t('lsp.symbol.goal-in', { id: goal.id, file: path.basename(goal.file.path) }),
      location: location(documents, { file: goal.file, span: goal.file.locate([...goal.path, 'id']) }),
    });
    yield;
  }
  for (const kpi of workspace.kpis) {
    if (!matches(kpi.id, kpi.name)) continue;
    result.push({
      name: kpi.name ?? kpi.id,
      kind: SymbolKind.Number,
      containerName: words.t('lsp.symbol.kpi-in', { id: kpi.id, file: path.basename(kpi.file.path) }),
      location: location(documents, { file: kpi.file, span: kpi.file.locate([...kpi.path, 'id']) }),
    });
    yield;
  }
  return result;
}
