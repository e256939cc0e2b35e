import type { Scorecard, ScorecardGoal, ScorecardKpi } from '../core/scorecard';
import { translator, type MessageKey, type Translator } from '../core/l10n/catalogue';
import { decimalsOf } from '../core/numbers';
import { shownFigure } from '../core/reasons';
import type { GoalStatusWord, KpiStatusWord, Trend } from '../core/status';

/** Statuses from worst to best, as the scorecard lists and counts them. */
export const STATUS_ORDER: readonly (KpiStatusWord | GoalStatusWord)[] = [
  'off-track',
  'invalid',
  'at-risk',
  'on-track',
  'achieved',
  'no-data',
  'no-target',
  'unmeasured',
];

const STATUS_WORDS: Readonly<Record<KpiStatusWord | GoalStatusWord, MessageKey>> = {
  achieved: 'status.achieved',
  'on-track': 'status.on-track',
  'at-risk': 'status.at-risk',
  'off-track': 'status.off-track',
  invalid: 'status.invalid',
  'no-data': 'status.no-data',
  'no-target': 'status.no-target',
  unmeasured: 'status.unmeasured',
};

/** "on-track" → "on track" (Swedish "i fas"): the status as a word people read. */
export function statusLabel(status: KpiStatusWord | GoalStatusWord, words: Translator = translator('en')): string {
  return words.t(STATUS_WORDS[status]);
}

/** The longest status word of a language: the terminal table pads the status column to it. */
export function statusWidth(words: Translator = translator('en')): number {
  return Math.max(...STATUS_ORDER.map((status) => statusLabel(status, words).length));
}

/** The arrow shows where the value moved; the trend word says whether that is good. */
export function trendArrow(kpi: Pick<ScorecardKpi, 'trend' | 'direction'>): string {
  if (kpi.trend === null) return '';
  if (kpi.trend === 'flat') return '▶';
  const up = (kpi.trend === 'improving') === (kpi.direction === 'increase');
  return up ? '▲' : '▼';
}

const TREND_WORDS: Readonly<Record<Trend, MessageKey>> = {
  improving: 'status.trend.improving',
  worsening: 'status.trend.worsening',
  flat: 'status.trend.flat',
};

export function trendLabel(trend: Trend | null, words: Translator = translator('en')): string {
  return words.t(trend === null ? 'status.trend.none' : TREND_WORDS[trend]);
}

const CATEGORY_WORDS: Readonly<Record<string, MessageKey>> = {
  financial: 'report.category.financial',
  operational: 'report.category.operational',
  customer: 'report.category.customer',
  hr: 'report.category.hr',
};

/** A KPI's category as a word ("financial", Swedish "ekonomi"); a category the format does not know is shown as written. */
export function categoryLabel(category: string, words: Translator = translator('en')): string {
  return Object.hasOwn(CATEGORY_WORDS, category) ? words.t(CATEGORY_WORDS[category]) : category;
}

function decimals(value: number): number {
  return Math.min(decimalsOf(value), 2);
}

/** A value with its unit, e.g. "5.6 %", "1,250,000 SEK" (Swedish "5,6 %", "1 250 000 SEK"); `places` fixes the decimals. */
export function formatValue(value: number, unit: string | null, places = decimals(value), words: Translator = translator('en')): string {
  const number = words.number(value, { minimumFractionDigits: places, maximumFractionDigits: Math.max(places, 2) });
  return unit ? words.t('report.value-unit', { value: number, unit }) : number;
}

/** "5.6 % of 6.0 %": the latest value against the target, with matching decimals. */
export function latestOfTarget(kpi: ScorecardKpi, words: Translator = translator('en')): string {
  if (!kpi.latest)
    return kpi.target ? words.t('report.no-data-target', { target: formatValue(kpi.target.value, kpi.unit, undefined, words) }) : words.t('report.no-data');
  if (!kpi.target) return formatValue(kpi.latest.value, kpi.unit, undefined, words);
  const places = Math.max(decimals(kpi.latest.value), decimals(kpi.target.value));
  return words.t('report.latest-of-target', {
    latest: formatValue(kpi.latest.value, kpi.unit, places, words),
    target: formatValue(kpi.target.value, kpi.unit, places, words),
  });
}

/** A share as a whole percentage: "95 %". */
export function percent(progress: number | null, words: Translator = translator('en')): string {
  return progress === null ? '' : words.t('report.percent', { value: shownFigure(Math.round(progress * 100), words) });
}

/** A count for people: "12" (in Swedish `1 234` from ten thousand up, as Intl writes it). */
export function count(n: number, words: Translator = translator('en')): string {
  return shownFigure(n, words);
}

/** How many KPIs have each status, worst first, leaving out statuses nobody has. */
export function statusCounts(scorecard: Scorecard): { status: KpiStatusWord; count: number }[] {
  return STATUS_ORDER.map((status) => ({ status: status as KpiStatusWord, count: scorecard.kpis.filter((k) => k.status === status).length })).filter(
    (c) => c.count > 0,
  );
}

export interface GoalNode {
  readonly goal: ScorecardGoal;
  readonly kpis: readonly ScorecardKpi[];
  readonly children: readonly GoalNode[];
}

/**
 * The goal tree: top-level goals (no parent, an unknown parent, or a parent
 * cycle) with their sub-goals, and the KPIs linked to no known goal.
 */
export function goalTree(scorecard: Scorecard): { roots: GoalNode[]; unlinked: ScorecardKpi[] } {
  const goals = new Map(scorecard.goals.map((g) => [g.id, g]));
  const kpis = new Map(scorecard.kpis.map((k) => [k.id, k]));
  const placed = new Set<string>();
  const node = (goal: ScorecardGoal): GoalNode => {
    placed.add(goal.id);
    const children = scorecard.goals.filter((g) => g.parent === goal.id && !placed.has(g.id)).map(node);
    return { goal, kpis: goal.kpis.map((id) => kpis.get(id)).filter((k): k is ScorecardKpi => k !== undefined), children };
  };
  const roots = scorecard.goals.filter((g) => g.parent === null || !goals.has(g.parent)).map(node);
  // Goals in a parent cycle have no root: show each cycle from its first goal.
  for (const goal of scorecard.goals) if (!placed.has(goal.id)) roots.push(node(goal));
  const unlinked = scorecard.kpis.filter((k) => !k.goals.some((id) => goals.has(id)));
  return { roots, unlinked };
}
