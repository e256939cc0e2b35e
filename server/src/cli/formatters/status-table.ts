import type { Scorecard, ScorecardKpi } from '../../core/scorecard';
import type { GoalStatusWord, KpiStatusWord } from '../../core/status';
import { plainText } from '../../report/plain-text';
import { painter, type Style } from './ansi';
import { count, goalTree, latestOfTarget, percent, statusCounts, statusLabel, statusWidth, trendArrow, trendLabel, type GoalNode } from '../../report/words';
import { translator } from '../../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../../core/l10n/locale';

const STATUS_STYLE: Record<KpiStatusWord | GoalStatusWord, Style> = {
  achieved: 'green',
  'on-track': 'green',
  'at-risk': 'yellow',
  'off-track': 'red',
  invalid: 'red',
  'no-data': 'dim',
  'no-target': 'dim',
  unmeasured: 'dim',
};

/**
 * A terminal scorecard grouped by goal, with status words and trend arrows, in
 * the words of `locale` (the reasons are the scorecard's own: build it in the
 * same locale).
 */
export function renderTable(scorecard: Scorecard, color: boolean, locale: LocaleOrPseudo = 'en'): string {
  const words = translator(locale);
  const paint = painter(color);
  const width = statusWidth(words);
  const status = (word: KpiStatusWord | GoalStatusWord) => paint(statusLabel(word, words).padEnd(width), STATUS_STYLE[word] ?? 'dim');
  const out: string[] = [paint(words.t('report.table.title', { asOf: scorecard.asOf }), 'bold')];
  out.push(
    statusCounts(scorecard)
      .map((c) => words.t('report.table.count', { count: count(c.count, words), status: statusLabel(c.status, words) }))
      .join(' · ') || words.t('report.table.no-kpis'),
  );
  const kpiLine = (kpi: ScorecardKpi, indent: string) => {
    const trend = kpi.trend ? `${trendArrow(kpi)} ${trendLabel(kpi.trend, words)}` : '';
    const stale = kpi.stale ? paint(words.t('report.stale'), 'yellow') : '';
    const parts = [plainText(latestOfTarget(kpi, words)), percent(kpi.progress, words), trend, stale, kpi.reason].filter((p) => p !== '');
    return `${indent}${status(kpi.status)} ${plainText(kpi.name)}  ${paint(parts.join(' · '), 'dim')}`;
  };
  const goal = (node: GoalNode, depth: number) => {
    const indent = '  '.repeat(depth);
    out.push('', `${indent}${status(node.goal.status)} ${paint(plainText(node.goal.title), 'bold')}`);
    for (const kpi of node.kpis) out.push(kpiLine(kpi, `${indent}  `));
    for (const child of node.children) goal(child, depth + 1);
  };
  const { roots, unlinked } = goalTree(scorecard);
  for (const root of roots) goal(root, 0);
  if (unlinked.length > 0) {
    out.push('', paint(words.t('report.unlinked'), 'bold'));
    for (const kpi of unlinked) out.push(kpiLine(kpi, '  '));
  }
  return `${out.join('\n')}\n`;
}
