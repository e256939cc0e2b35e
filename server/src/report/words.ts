import type { Scorecard, ScorecardGoal, ScorecardKpi } from '../core/scorecard';
import { decimalsOf } from '../core/numbers';
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

/** "on-track" → "on track": the status as a word people read. */
export function statusLabel(status: KpiStatusWord | GoalStatusWord): string {
  return status.replace('-', ' ');
}

/** The arrow shows where the value moved; the trend word says whether that is good. */
export function trendArrow(kpi: Pick<ScorecardKpi, 'trend' | 'direction'>): string {
  if (kpi.trend === null) return '';
  if (kpi.trend === 'flat') return '▶';
  const up = (kpi.trend === 'improving') === (kpi.direction === 'increase');
  return up ? '▲' : '▼';
}

export function trendLabel(trend: Trend | null): string {
  return trend ?? 'no trend yet';
}

function decimals(value: number): number {
  return Math.min(decimalsOf(value), 2);
}

/** One number format per count of decimals: `toLocaleString` with options builds a new one on every call, slowly. */
const numberFormats = new Map<number, Intl.NumberFormat>();

function numberFormat(places: number): Intl.NumberFormat {
  let format = numberFormats.get(places);
  if (!format)
    numberFormats.set(places, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: places, maximumFractionDigits: Math.max(places, 2) })));
  return format;
}

/** A value with its unit, e.g. "5.6 %", "1,250,000 SEK"; `places` fixes the decimals. */
export function formatValue(value: number, unit: string | null, places = decimals(value)): string {
  const number = numberFormat(places).format(value);
  return unit ? `${number} ${unit}` : number;
}

/** "5.6 % of 6.0 %": the latest value against the target, with matching decimals. */
export function latestOfTarget(kpi: ScorecardKpi): string {
  if (!kpi.latest) return kpi.target ? `no data, target ${formatValue(kpi.target.value, kpi.unit)}` : 'no data';
  if (!kpi.target) return formatValue(kpi.latest.value, kpi.unit);
  const places = Math.max(decimals(kpi.latest.value), decimals(kpi.target.value));
  return `${formatValue(kpi.latest.value, kpi.unit, places)} of ${formatValue(kpi.target.value, kpi.unit, places)}`;
}

export function percent(progress: number | null): string {
  return progress === null ? '' : `${Math.round(progress * 100)} %`;
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
