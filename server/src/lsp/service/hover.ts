import * as path from 'node:path';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { translator, type Translator } from '../../core/l10n/catalogue';
import type { LineIndex } from '../../core/lines';
import { scorecardKpi, type ScorecardKpi } from '../../core/scorecard';
import type { KpiFile } from '../../core/types';
import type { Workspace } from '../../core/workspace';
import {
  COMPARISON_KINDS,
  comparisonWords,
  type ComparisonKind,
  formatValue,
  latestOfTarget,
  percent,
  statusLabel,
  trendArrow,
  trendLabel,
} from '../../report/words';
import { reasonText } from '../../core/reasons';
import { cursorContext } from './context';
import { toRange } from './diagnostics';
import { escapeMarkdown, inlineCode } from './markdown';
import { propertyDoc } from './schema-docs';
import { idAt } from './symbols';

function markdown(value: string, lines: LineIndex, span: { start: number; end: number }): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(lines, span) };
}

function kpiHover(workspace: Workspace, id: string, words: Translator): string | undefined {
  const kpi = workspace.kpi(id);
  if (!kpi) return undefined;
  const k = scorecardKpi(workspace, kpi, (file) => path.basename(file), 0, words.locale);
  const trend = k.trend ? ` · ${trendArrow(k)} ${trendLabel(k.trend, words)}` : '';
  const lines = [
    `**${escapeMarkdown(k.name)}** ${inlineCode(k.id)}${k.category ? ` — ${escapeMarkdown(words.t('lsp.category', { category: k.category }))}` : ''}`,
    '',
    words.t('lsp.hover.status', { status: statusLabel(k.status, words), figures: `${escapeMarkdown(latestOfTarget(k, words))}${trend}` }),
    '',
    words.t('lsp.hover.why', { reason: escapeMarkdown(k.reason) }),
  ];
  const facts: string[] = [];
  if (k.latest) facts.push(words.t('lsp.hover.latest', { date: escapeMarkdown(k.latest.date) }));
  if (k.target?.date) facts.push(words.t('lsp.hover.target-date', { date: escapeMarkdown(k.target.date) }));
  if (k.planned !== null) facts.push(words.t('lsp.hover.planned', { value: escapeMarkdown(formatValue(k.planned, k.unit, undefined, words)) }));
  if (k.progress !== null) facts.push(words.t('lsp.hover.progress', { progress: percent(k.progress, words) }));
  if (k.owner) facts.push(words.t('lsp.hover.owner', { owner: escapeMarkdown(k.owner) }));
  if (facts.length > 0) lines.push('', facts.join(' · '));
  const compared = COMPARISON_KINDS.map((kind) => comparedText(k, kind, words)).filter((c): c is string => c !== null);
  if (compared.length > 0) lines.push('', ...compared.map((c) => `- ${escapeMarkdown(c)}`));
  if (k.stale) lines.push('', words.t('lsp.hover.stale', { frequency: escapeMarkdown(k.frequency ?? '') }));
  return lines.join('\n');
}

/**
 * "▲ +0.2 pp vs 2026-09 (better)": one comparison of the scorecard (SPEC §5.10) in the words of the cards, as plain text
 * for the hover and the CodeLens; null when there is none.
 */
export function comparedText(k: ScorecardKpi, kind: ComparisonKind, words: Translator): string | null {
  const c = comparisonWords(k, kind, words);
  if (c === null) return null;
  const verdict = c.partial ? `${c.verdictWord}; ${words.t('report.compare.partial')}` : c.verdictWord;
  return words.t('lsp.compared', { arrow: c.arrow, comparison: c.text, verdict });
}

function goalHover(workspace: Workspace, id: string, words: Translator): string | undefined {
  const goal = workspace.goal(id);
  if (!goal) return undefined;
  const status = workspace.goalStatus(id);
  const lines = [words.t('lsp.hover.goal', { title: escapeMarkdown(goal.title ?? id), id: inlineCode(id), status: statusLabel(status, words) })];
  const facts = [
    goal.owner ? words.t('lsp.hover.owner', { owner: escapeMarkdown(goal.owner) }) : '',
    goal.due ? words.t('lsp.hover.due', { date: escapeMarkdown(goal.due.text) }) : '',
    goal.status !== 'active' ? words.t('lsp.hover.goal-status', { status: goal.status }) : '',
  ].filter((f) => f !== '');
  if (facts.length > 0) lines.push('', facts.join(' · '));
  const measuring = workspace.kpisMeasuring(id);
  lines.push('', measuring.length === 0 ? words.t('lsp.hover.measured-by-none') : words.t('lsp.hover.measured-by'));
  for (const kpi of measuring) {
    const status = workspace.status(kpi);
    lines.push(`- ${escapeMarkdown(kpi.name ?? kpi.id)} — ${statusLabel(status.status, words)}: ${escapeMarkdown(reasonText(status, kpi.direction, words))}`);
  }
  return lines.join('\n');
}

/** Hover: a key's documentation from the schema; a KPI's status; a goal's title, status and KPIs. */
export function hover(file: KpiFile, lines: LineIndex, offset: number, workspace: Workspace | undefined, words: Translator = translator('en')): Hover | null {
  const id = idAt(file, offset);
  if (id && workspace) {
    const text = id.kind === 'kpi' ? kpiHover(workspace, id.id, words) : goalHover(workspace, id.id, words);
    return text ? markdown(text, lines, id.span) : null;
  }
  const { line, character } = lines.position(offset);
  const lineText = file.text.split(/\r?\n/)[line] ?? '';
  const key = /^(\s*)(-\s+)?([A-Za-z0-9_$-]+)\s*:/.exec(lineText);
  if (!key) return null;
  const start = key[1].length + (key[2]?.length ?? 0);
  const end = start + key[3].length;
  if (character < start || character > end) return null;
  const context = cursorContext(file.text, line, end);
  if (context.kind !== 'key') return null;
  const doc = propertyDoc(context.place, key[3], words.locale);
  if (!doc) return null;
  const values = doc.enum?.map((e) => `- \`${e.value}\`: ${e.markdown}`).join('\n');
  const lineStart = offset - character;
  return markdown(values ? `${doc.markdown}\n\n${values}` : doc.markdown, lines, { start: lineStart + start, end: lineStart + end });
}
