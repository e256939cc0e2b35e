import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import * as path from 'node:path';
import { translator, type Translator } from '../../core/l10n/catalogue';
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

/** A snippet's placeholder text: `$`, `}` and `\\` are snippet syntax. */
function placeholder(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** A new KPI, its placeholders in the user's language. */
const newKpi = (words: Translator) => [
  `id: \${1:${placeholder(words.t('lsp.completion.kpi-id'))}}`,
  `name: \${2:${placeholder(words.t('lsp.completion.kpi-name'))}}`,
  'category: ${3|financial,operational,customer,hr|}',
  'goals: [${4}]',
  `owner: \${5:${placeholder(words.t('lsp.completion.kpi-owner'))}}`,
  `rationale: \${6:${placeholder(words.t('lsp.completion.kpi-rationale'))}}`,
  'unit: "${7:%}"',
  'direction: ${8|increase,decrease|}',
  'frequency: ${9|monthly,weekly,daily,quarterly,yearly|}',
  'baseline: { value: ${10:0}, date: ${11:2025-12} }',
  'target: { value: ${12:0}, date: ${13:2026-12} }',
  `source: \${14:${placeholder(words.t('lsp.completion.kpi-source'))}}`,
  'measurements:',
  '  - { date: ${15:2026-01}, value: ${16:0} }',
];

const newGoal = (words: Translator) => [
  `id: \${1:${placeholder(words.t('lsp.completion.goal-id'))}}`,
  `title: \${2:${placeholder(words.t('lsp.completion.goal-title'))}}`,
  `owner: \${3:${placeholder(words.t('lsp.completion.goal-owner'))}}`,
  'due: ${4:2026-12-31}',
];

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
export function completions(
  text: string,
  line: number,
  character: number,
  workspace: Workspace | undefined,
  words: Translator = translator('en'),
): CompletionItem[] {
  const context = cursorContext(text, line, character);
  const replace = (prefix: string): Range => ({ start: { line, character: character - prefix.length }, end: { line, character } });
  switch (context.kind) {
    case 'key': {
      const range = replace(context.prefix);
      const items: CompletionItem[] = propertiesOf(context.place, words.locale)
        .filter((p) => !context.present.includes(p.name))
        .map((p, i) => ({
          label: p.name,
          kind: CompletionItemKind.Property,
          documentation: { kind: MarkupKind.Markdown, value: p.markdown },
          insertTextFormat: InsertTextFormat.Snippet,
          textEdit: { range, newText: INSERTS[p.name] ?? `${p.name}: ` },
          sortText: String(i).padStart(2, '0'),
          command: p.enum ? { title: words.t('lsp.completion.suggest-values'), command: 'editor.action.triggerSuggest' } : undefined,
        }));
      if (context.newItem && context.listOf === 'kpis')
        items.push(snippet(words.t('lsp.completion.new-kpi'), newKpi(words), words.t('lsp.completion.new-kpi-detail'), range));
      if (context.newItem && context.listOf === 'goals')
        items.push(snippet(words.t('lsp.completion.new-goal'), newGoal(words), words.t('lsp.completion.new-goal-detail'), range));
      return items;
    }
    case 'value': {
      const doc = propertyDoc(context.place, context.key, words.locale);
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
      return [...workspace.goalIds()].map((id) => {
        const goal = workspace.goal(id)!;
        return {
          label: id,
          kind: CompletionItemKind.Reference,
          detail: goal.title,
          documentation: { kind: MarkupKind.Markdown, value: words.t('lsp.completion.goal-defined-in', { file: inlineCode(path.basename(goal.file.path)) }) },
          textEdit: { range, newText: id },
        };
      });
    }
    case 'none':
      return [];
  }
}
