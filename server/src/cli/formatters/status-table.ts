import type { Scorecard, ScorecardKpi } from '../../core/scorecard';
import { plainText } from '../../report/plain-text';
import { painter, type Style } from './ansi';
import { goalTree, latestOfTarget, percent, statusCounts, statusLabel, trendArrow, type GoalNode } from '../../report/words';

const STATUS_STYLE: Record<string, Style> = {
  achieved: 'green',
  'on-track': 'green',
  'at-risk': 'yellow',
  'off-track': 'red',
  invalid: 'red',
  'no-data': 'dim',
  'no-target': 'dim',
  unmeasured: 'dim',
};

/** A terminal scorecard grouped by goal, with status words and trend arrows. */
export function renderTable(scorecard: Scorecard, color: boolean): string {
  const paint = painter(color);
  const status = (word: keyof typeof STATUS_STYLE) => paint(statusLabel(word as never).padEnd(10), STATUS_STYLE[word] ?? 'dim');
  const out: string[] = [paint(`KPI scorecard as of ${scorecard.asOf}`, 'bold')];
  out.push(
    statusCounts(scorecard)
      .map((c) => `${c.count} ${statusLabel(c.status)}`)
      .join(' · ') || 'no KPIs',
  );
  const kpiLine = (kpi: ScorecardKpi, indent: string) => {
    const trend = kpi.trend ? `${trendArrow(kpi)} ${kpi.trend}` : '';
    const parts = [plainText(latestOfTarget(kpi)), percent(kpi.progress), trend, kpi.stale ? paint('stale', 'yellow') : '', kpi.reason].filter((p) => p !== '');
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
    out.push('', paint('Not linked to a goal', 'bold'));
    for (const kpi of unlinked) out.push(kpiLine(kpi, '  '));
  }
  return `${out.join('\n')}\n`;
}
