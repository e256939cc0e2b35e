import type { Scorecard, ScorecardKpi } from '../../core/scorecard';
import { plainText } from '../../report/plain-text';
import {
  COMPARISON_COLUMNS,
  comparisonWords,
  count,
  formatValue,
  goalTree,
  snapshotWords,
  statusCounts,
  statusLabel,
  verdictLabel,
  type ComparisonKind,
  type GoalNode,
} from '../../report/words';
import { translator, type Translator } from '../../core/l10n/catalogue';
import type { Verdict } from '../../core/comparisons';
import { comparisonColumns, figureCells } from './status-table';
import type { LocaleOrPseudo } from '../../core/l10n/locale';
import type { GoalStatusWord, KpiStatusWord } from '../../core/status';

const ICON: Record<KpiStatusWord | GoalStatusWord, string> = {
  achieved: '✅',
  'on-track': '🟢',
  'at-risk': '🟠',
  'off-track': '🔴',
  invalid: '⛔',
  'no-data': '⚪',
  'no-target': '⚪',
  unmeasured: '⚪',
};

/**
 * Text safe inside a GitHub-flavoured table cell: no markup, HTML, links,
 * autolinks (`http:`, `www.`), mentions, math or pipes, on one line.
 */
export function markdownText(text: string): string {
  return plainText(text)
    .replace(/[\\`*_[\]<>|~@$:]|\.(?=[A-Za-z])/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;');
}

/** A status's icon: 🔴 off track, 🟠 at risk, 🟢 on track, ✅ achieved, ⛔ invalid, ⚪ the rest. */
export function statusIcon(word: KpiStatusWord | GoalStatusWord): string {
  return ICON[word] ?? '';
}

function statusCell(word: KpiStatusWord | GoalStatusWord, words: Translator): string {
  return `${statusIcon(word)} ${statusLabel(word, words)}`;
}

/** A comparison's verdict in Markdown: a coloured dot next to the arrow, and a legend that names the dots. */
const VERDICT_DOT: Record<Verdict, string> = { better: '🟢', worse: '🔴', same: '⚪' };

/** "🟢 ▲ +0.5 pp vs 2026-09"; the year to date with its figure, "🟢 45.77 % ▲ +1 pp", marked `*` when a period is missing. */
function comparisonCell(kpi: ScorecardKpi, kind: ComparisonKind, words: Translator): string {
  const c = comparisonWords(kpi, kind, words);
  if (c === null) return '';
  if (kind === 'yearToDate') {
    const value = formatValue(kpi.comparisons.yearToDate!.value, kpi.unit, undefined, words);
    return `${VERDICT_DOT[c.verdict]} ${markdownText(value)} ${c.arrow} ${markdownText(c.change)}${c.partial ? '\\*' : ''}`;
  }
  const text = kind === 'previous' || kind === 'lastYear' ? c.text : c.change;
  return `${VERDICT_DOT[c.verdict]} ${c.arrow} ${markdownText(text)}`;
}

/**
 * A GitHub-flavoured Markdown scorecard for a pull-request comment or a job
 * summary, grouped by goal: per KPI its latest value, the comparisons with the
 * previous period, the same period last year, the year to date (when some KPI
 * has one) and the plan, the target, the status and why; in the words of
 * `locale` (the reasons are the scorecard's own: build it in the same locale).
 */
export function renderMarkdown(scorecard: Scorecard, locale: LocaleOrPseudo = 'en'): string {
  const words = translator(locale);
  const status = (word: KpiStatusWord | GoalStatusWord) => statusCell(word, words);
  const counts = statusCounts(scorecard)
    .map((c) => words.t('report.markdown.count', { status: status(c.status), count: count(c.count, words) }))
    .join(' · ');
  const out = [
    `## ${markdownText(scorecard.title)}`,
    '',
    markdownText(words.t('report.as-of-line', { asOf: scorecard.asOf, kpis: scorecard.kpis.length, goals: scorecard.goals.length })),
    '',
    counts || words.t('report.markdown.no-kpis'),
    '',
  ];
  const kinds = comparisonColumns(scorecard);
  const columns = [
    words.t('report.column.goal'),
    words.t('report.column.kpi'),
    words.t('report.column.latest'),
    ...kinds.map((kind) => words.t(COMPARISON_COLUMNS[kind])),
    words.t('report.column.target'),
    words.t('report.column.status'),
    words.t('report.column.why'),
    words.t('report.column.owner'),
  ];
  const rows: string[] = [];
  const shown: ScorecardKpi[] = [];
  const kpiRow = (kpi: ScorecardKpi, goal: string) => {
    const { latest, target } = figureCells(kpi, words);
    const cells = [
      goal,
      markdownText(kpi.name),
      [markdownText(latest), kpi.stale ? words.t('report.markdown.stale') : ''].filter((p) => p !== '').join(' '),
      ...kinds.map((kind) => comparisonCell(kpi, kind, words)),
      markdownText(target),
      status(kpi.status),
      [kpi.reason, snapshotWords(kpi, words)]
        .filter((p) => p !== null)
        .map(markdownText)
        .join(' · '),
      markdownText(kpi.owner ?? ''),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
    shown.push(kpi);
  };
  const visit = (node: GoalNode, depth: number) => {
    const goal = `${'↳ '.repeat(depth)}${markdownText(node.goal.title)} (${status(node.goal.status)})`;
    if (node.kpis.length === 0) rows.push(`| ${goal} |${' |'.repeat(columns.length - 1)}`);
    node.kpis.forEach((kpi, i) => kpiRow(kpi, i === 0 ? goal : ''));
    for (const child of node.children) visit(child, depth + 1);
  };
  const { roots, unlinked } = goalTree(scorecard);
  for (const root of roots) visit(root, 0);
  unlinked.forEach((kpi, i) => kpiRow(kpi, i === 0 ? `*${words.t('report.unlinked')}*` : ''));
  const align = ['---', '---', '---:', ...kinds.map(() => '---'), '---:', '---', '---', '---'];
  if (rows.length > 0) out.push(`| ${columns.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows, '');
  const verdicts = shown.flatMap((kpi) => kinds.map((kind) => comparisonWords(kpi, kind, words))).filter((c) => c !== null);
  if (verdicts.length > 0) {
    out.push((['better', 'worse', 'same'] as const).map((v) => `${VERDICT_DOT[v]} ${verdictLabel(v, words)}`).join(' · '));
    if (verdicts.some((c) => c.partial)) out.push('', `\\* ${markdownText(words.t('report.compare.partial'))}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
