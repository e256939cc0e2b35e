import type { Comparison, Verdict } from '../core/comparisons';
import { parseDate } from '../core/dates';
import { periodOf, periodText, previousPeriod, yearEarlier } from '../core/periods';
import type { Scorecard, ScorecardGoal, ScorecardKpi } from '../core/scorecard';
import type { Frequency, Severity } from '../core/types';
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

/** The five comparisons of SPEC §5.10, in the order every view shows them. */
export const COMPARISON_KINDS = ['previous', 'lastYear', 'yearToDate', 'plan', 'target'] as const;
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

const VERDICT_WORDS: Readonly<Record<Verdict, MessageKey>> = {
  better: 'report.verdict.better',
  worse: 'report.verdict.worse',
  same: 'report.verdict.same',
};

/** The header of each comparison's column, in every table (the terminal, Markdown, the HTML table view). */
export const COMPARISON_COLUMNS: Readonly<Record<ComparisonKind, MessageKey>> = {
  previous: 'report.column.vs-previous',
  lastYear: 'report.column.vs-last-year',
  yearToDate: 'report.column.year-to-date',
  plan: 'report.column.vs-plan',
  target: 'report.column.target',
};

/** "better", "worse", "unchanged" (Swedish "bättre", "sämre", "oförändrat"). */
export function verdictLabel(verdict: Verdict, words: Translator = translator('en')): string {
  return words.t(VERDICT_WORDS[verdict]);
}

/** A comparison put in words, in parts, so that each view can lay it out (a cell, a line under the value). */
export interface ComparisonWords {
  /** Where the figure moved: ▲ up, ▼ down, ▶ not at all. Whether that is good is `verdict`. */
  readonly arrow: string;
  /** The change, signed, in the unit: "+0.4 pp" for a `%` KPI, "+3 %" of the base for others, "+1,200 SEK" against the plan or target. */
  readonly change: string;
  /** The change and what it is against: "+0.4 pp vs 2026-09", "YTD 812 MSEK, +6 % vs last year". */
  readonly text: string;
  readonly verdict: Verdict;
  /** "better", "worse", "unchanged" (Swedish "bättre", "sämre", "oförändrat"): colour is never the only signal. */
  readonly verdictWord: string;
  /** The year to date misses a period in one of its spans. */
  readonly partial: boolean;
}

/** The period a comparison is made with: the one before the latest's, or the same one a year earlier, in the file's words (`2026-09`, `2025-W40`). */
function basePeriod(kpi: ScorecardKpi, kind: 'previous' | 'lastYear'): string | undefined {
  const day = kpi.latest ? parseDate(kpi.latest.date) : undefined;
  const frequency = kpi.frequency as Frequency | null;
  if (day === undefined || frequency === null) return undefined;
  const period = periodOf(day, frequency);
  return periodText(kind === 'previous' ? previousPeriod(period) : yearEarlier(period, frequency), frequency);
}

/** A signed change: percentage points for a `%` KPI; else the share of the base when asked for and known; else the amount in the unit. */
function changeText(kpi: ScorecardKpi, c: Comparison, share: boolean, words: Translator): string {
  const signed = (value: number, places = decimals(value)) =>
    words.number(value, { signDisplay: 'exceptZero', minimumFractionDigits: places, maximumFractionDigits: Math.max(places, 2) });
  if (kpi.unit === '%') return words.t('report.compare.points', { change: signed(c.change) });
  if (share && c.changePercent !== null) return words.t('report.percent', { value: signed(Math.round(c.changePercent * 1000) / 10, 0) });
  return kpi.unit ? words.t('report.value-unit', { value: signed(c.change), unit: kpi.unit }) : signed(c.change);
}

/** One comparison of a KPI in words, or null when the scorecard has none (no earlier period, no plan, …). */
export function comparisonWords(kpi: ScorecardKpi, kind: ComparisonKind, words: Translator = translator('en')): ComparisonWords | null {
  const c = kpi.comparisons[kind];
  if (c === null) return null;
  const arrow = c.change > 0 ? '▲' : c.change < 0 ? '▼' : '▶';
  const change = changeText(kpi, c, kind === 'previous' || kind === 'lastYear' || kind === 'yearToDate', words);
  let text: string;
  if (kind === 'yearToDate') text = words.t('report.compare.year-to-date', { value: formatValue(c.value, kpi.unit, undefined, words), change });
  else if (kind === 'plan') text = words.t('report.compare.plan', { change });
  else if (kind === 'target') text = words.t('report.compare.target', { change });
  else text = words.t('report.compare.period', { change, period: basePeriod(kpi, kind) ?? '' });
  const partial = kind === 'yearToDate' && !kpi.comparisons.yearToDate!.complete;
  return { arrow, change, text, verdict: c.verdict, verdictWord: verdictLabel(c.verdict, words), partial };
}

/** A severity in words: `error`, `warning`… in English, `fel`, `varning`… in Swedish. */
export function severityWord(severity: Severity, words: Translator = translator('en')): string {
  switch (severity) {
    case 'error':
      return words.t('cli.severity-error');
    case 'warning':
      return words.t('cli.severity-warning');
    case 'info':
      return words.t('cli.severity-info');
    case 'hint':
      return words.t('cli.severity-hint');
  }
}

/** An ISO time as the views show a snapshot's: "2026-11-02 06:30" (in UTC, which the words say). */
export function snapshotTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * What a view says of a SQL source's snapshot (SPEC §8): "snapshot
 * 2026-11-02 06:30 UTC", "snapshot outdated", "no snapshot: run kpi
 * refresh"; null for a KPI whose data does not come from a database. A
 * snapshot the manifest does not record counts as outdated, as the rule says.
 */
export function snapshotWords(kpi: Pick<ScorecardKpi, 'snapshot'>, words: Translator = translator('en')): string | null {
  const snapshot = kpi.snapshot;
  if (snapshot === null) return null;
  if (snapshot.missing) return words.t('report.snapshot.missing');
  if (snapshot.outdated || snapshot.taken === null) return words.t('report.snapshot.outdated');
  return words.t('report.snapshot.taken', { time: snapshotTime(snapshot.taken) });
}

/** Whether a view should draw the eye to a KPI's snapshot: none yet, or taken with another query. */
export function snapshotWanted(kpi: Pick<ScorecardKpi, 'snapshot'>): boolean {
  return kpi.snapshot !== null && (kpi.snapshot.missing || kpi.snapshot.outdated || kpi.snapshot.taken === null);
}
