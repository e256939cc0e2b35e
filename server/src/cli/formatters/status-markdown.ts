import type { Scorecard, ScorecardKpi } from '../../core/scorecard';
import { plainText } from '../../report/plain-text';
import { goalTree, latestOfTarget, percent, statusCounts, statusLabel, trendArrow, type GoalNode } from '../../report/words';

const ICON: Record<string, string> = {
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

function status(word: string): string {
  return `${ICON[word] ?? ''} ${statusLabel(word as never)}`;
}

/** A GitHub-flavoured Markdown scorecard for a pull-request comment or a job summary. */
export function renderMarkdown(scorecard: Scorecard): string {
  const counts = statusCounts(scorecard)
    .map((c) => `${status(c.status)}: ${c.count}`)
    .join(' · ');
  const out = [`## KPI scorecard — as of ${scorecard.asOf}`, '', counts || 'No KPIs.', ''];
  const rows: string[] = [];
  const kpiRow = (kpi: ScorecardKpi, goal: string) => {
    const trend = kpi.trend ? `${trendArrow(kpi)} ${kpi.trend}` : '';
    const cells = [
      goal,
      markdownText(kpi.name),
      status(kpi.status),
      markdownText(kpi.reason),
      markdownText(latestOfTarget(kpi)),
      percent(kpi.progress),
      trend,
      kpi.stale ? '⚠️ stale' : '',
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
  unlinked.forEach((kpi, i) => kpiRow(kpi, i === 0 ? '*Not linked to a goal*' : ''));
  if (rows.length > 0)
    out.push(
      '| Goal | KPI | Status | Why | Latest of target | Progress | Trend | Data | Owner |',
      '| --- | --- | --- | --- | --- | ---: | --- | --- | --- |',
      ...rows,
      '',
    );
  return `${out.join('\n')}\n`;
}
