/**
 * The category and status filters, done by the style: the page script sets
 * what is chosen as attributes of `<body>` (`data-filter-category`,
 * `data-filter-status`, and both as `data-filter="category/status"`), and
 * these rules hide the cards, rows, goals and table groups that do not
 * match. A click touches three attributes, not 10,000 elements, and a
 * re-rendered or newly built card is filtered without the script.
 *
 * A goal (and a table group) says which filters it has a KPI for in
 * `data-has`: `category/`, `/status` and `category/status` of each of its
 * KPIs (a goal's those of the goals under it too).
 */
import type { ScorecardKpi } from '../core/scorecard';
import { STATUS_ORDER } from './words';

/** The categories with a filter button (SPEC §3). */
export const CATEGORIES = ['financial', 'operational', 'customer', 'hr'] as const;

/** The `data-has` of a goal or table group holding these KPIs. */
export function filterTokens(kpis: readonly ScorecardKpi[]): string {
  const tokens = new Set<string>();
  for (const kpi of kpis) {
    const category = kpi.category ?? '';
    tokens.add(`${category}/`).add(`/${kpi.status}`).add(`${category}/${kpi.status}`);
  }
  return [...tokens].join(' ');
}

function rules(): string {
  const lines: string[] = [];
  for (const status of STATUS_ORDER)
    lines.push(`body[data-filter-status="${status}"] :is(article.kpi, tr.tv-kpi):not([data-status="${status}"]) { display: none; }`);
  for (const category of CATEGORIES)
    lines.push(`body[data-filter-category="${category}"] :is(article.kpi, tr.tv-kpi):not([data-category="${category}"]) { display: none; }`);
  for (const category of ['', ...CATEGORIES])
    for (const status of ['', ...STATUS_ORDER]) {
      if (category === '' && status === '') continue;
      const chosen = `${category}/${status}`;
      lines.push(`body[data-filter="${chosen}"] :is(section.goal, .tv tbody):not([data-has~="${chosen}"]) { display: none; }`);
    }
  return lines.join('\n');
}

export const FILTER_STYLE = `\n${rules()}\n`;
