import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import * as path from 'node:path';
import type { Workspace } from '../../core/workspace';
import { inlineCode } from './markdown';
import { cursorContext } from './context';
import { propertiesOf, propertyDoc } from './schema-docs';

/** What a property name inserts: the key and, for objects, a skeleton of their fields. */
const INSERTS: Record<string, string> = {
  baseline: 'baseline: { value: ${1:0}, date: ${2:2025-12} }',
  target: 'target: { value: ${1:0}, date: ${2:2026-12} }',
  thresholds: 'thresholds: { atRisk: ${1:0}, offTrack: ${2:0} }',
  goals: 'goals: [${1}]',
  tags: 'tags: [${1}]',
  measurements: 'measurements:\n  - { date: ${1:2026-01}, value: ${2:0} }',
};

const NEW_KPI = [
  'id: ${1:new-kpi}',
  'name: ${2:Name of the quantity}',
  'category: ${3|financial,operational,customer,hr|}',
  'goals: [${4}]',
  'owner: ${5:Who is accountable}',
  'rationale: ${6:The decision it informs}',
  'unit: "${7:%}"',
  'direction: ${8|increase,decrease|}',
  'frequency: ${9|monthly,weekly,daily,quarterly,yearly|}',
  'baseline: { value: ${10:0}, date: ${11:2025-12} }',
  'target: { value: ${12:0}, date: ${13:2026-12} }',
  'source: ${14:System of record}',
  'measurements:',
  '  - { date: ${15:2026-01}, value: ${16:0} }',
];

const NEW_GOAL = ['id: ${1:new-goal}', 'title: ${2:What the goal is}', 'owner: ${3:Who owns it}', 'due: ${4:2026-12-31}'];

function snippet(label: string, lines: string[], detail: string, range: Range): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    insertTextFormat: InsertTextFormat.Snippet,
    // Lines after the first are indented by the client to the item's column.
    textEdit: { range, newText: lines.join('\n') },
    sortText: '0',
  };
}

/** Completion at a position: keys with their docs, enum values, goal ids, and snippets for a new goal or KPI. */
export function completions(text: string, line: number, character: number, workspace: Workspace | undefined): CompletionItem[] {
  const context = cursorContext(text, line, character);
  const replace = (prefix: string): Range => ({ start: { line, character: character - prefix.length }, end: { line, character } });
  switch (context.kind) {
    case 'key': {
      const range = replace(context.prefix);
      const items: CompletionItem[] = propertiesOf(context.place)
        .filter((p) => !context.present.includes(p.name))
        .map((p, i) => ({
          label: p.name,
          kind: CompletionItemKind.Property,
          documentation: { kind: MarkupKind.Markdown, value: p.markdown },
          insertTextFormat: InsertTextFormat.Snippet,
          textEdit: { range, newText: INSERTS[p.name] ?? `${p.name}: ` },
          sortText: String(i).padStart(2, '0'),
          command: p.enum ? { title: 'Suggest values', command: 'editor.action.triggerSuggest' } : undefined,
        }));
      if (context.newItem && context.listOf === 'kpis') items.push(snippet('New KPI', NEW_KPI, 'A complete KPI with every field a good KPI needs', range));
      if (context.newItem && context.listOf === 'goals') items.push(snippet('New goal', NEW_GOAL, 'A goal with an id, title, owner and due date', range));
      return items;
    }
    case 'value': {
      const doc = propertyDoc(context.place, context.key);
      return (doc?.enum ?? []).map((e, i) => ({
        label: e.value,
        kind: CompletionItemKind.EnumMember,
        documentation: { kind: MarkupKind.Markdown, value: e.markdown },
        textEdit: { range: replace(context.prefix), newText: e.value },
        sortText: String(i),
      }));
    }
    case 'goal-id': {
      if (!workspace) return [];
      const range = replace(context.prefix);
      return [...workspace.goalsById.entries()].map(([id, [goal]]) => ({
        label: id,
        kind: CompletionItemKind.Reference,
        detail: goal.title,
        documentation: { kind: MarkupKind.Markdown, value: `Goal defined in ${inlineCode(path.basename(goal.file.path))}` },
        textEdit: { range, newText: id },
      }));
    }
    case 'none':
      return [];
  }
}
