import type { Scorecard, ScorecardKpi } from '../../core/scorecard';
import { plainText } from '../../report/plain-text';
import { count, goalTree, latestOfTarget, percent, statusCounts, statusLabel, trendArrow, trendLabel, type GoalNode } from '../../report/words';
import { translator, type Translator } from '../../core/l10n/catalogue';
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

function statusCell(word: KpiStatusWord | GoalStatusWord, words: Translator): string {
  return `${ICON[word] ?? ''} ${statusLabel(word, words)}`;
}

/**
 * A GitHub-flavoured Markdown scorecard for a pull-request comment or a job
 * summary, in the words of `locale` (the reasons are the scorecard's own:
 * build it in the same locale).
 */
export function renderMarkdown(scorecard: Scorecard, locale: LocaleOrPseudo = 'en'): string {
  const words = translator(locale);
  const status = (word: KpiStatusWord | GoalStatusWord) => statusCell(word, words);
  const counts = statusCounts(scorecard)
    .map((c) => words.t('report.markdown.count', { status: status(c.status), count: count(c.count, words) }))
    .join(' · ');
  const out = [`## ${words.t('report.markdown.title', { asOf: scorecard.asOf })}`, '', counts || words.t('report.markdown.no-kpis'), ''];
  const rows: string[] = [];
  const kpiRow = (kpi: ScorecardKpi, goal: string) => {
    const trend = kpi.trend ? `${trendArrow(kpi)} ${trendLabel(kpi.trend, words)}` : '';
    const cells = [
      goal,
      markdownText(kpi.name),
      status(kpi.status),
      markdownText(kpi.reason),
      markdownText(latestOfTarget(kpi, words)),
      percent(kpi.progress, words),
      trend,
      kpi.stale ? words.t('report.markdown.stale') : '',
      markdownText(kpi.owner ?? ''),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
  };
  const visit = (node: GoalNode, depth: number) => {
    const goal = `${'↳ '.repeat(depth)}${markdownText(node.goal.title)} (${status(node.goal.status)})`;
    if (node.kpis.length === 0) rows.push(`| ${goal} | | | | | | | | |`);
    node.kpis.forEach((kpi, i) => kpiRow(kpi, i === 0 ? goal : ''));
    for (const child of node.children) visit(child, depth + 1);
  };
  const { roots, unlinked } = goalTree(scorecard);
  for (const root of roots) visit(root, 0);
  unlinked.forEach((kpi, i) => kpiRow(kpi, i === 0 ? `*${words.t('report.unlinked')}*` : ''));
  const columns = [
    words.t('report.column.goal'),
    words.t('report.column.kpi'),
    words.t('report.column.status'),
    words.t('report.column.why'),
    words.t('report.column.latest-of-target'),
    words.t('report.column.progress'),
    words.t('report.column.trend'),
    words.t('report.column.data'),
    words.t('report.column.owner'),
  ];
  if (rows.length > 0) out.push(`| ${columns.join(' | ')} |`, '| --- | --- | --- | --- | --- | ---: | --- | --- | --- |', ...rows, '');
  return `${out.join('\n')}\n`;
}
