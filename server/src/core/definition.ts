import { periodOf } from './dates';
import type { Kpi, PlanEntry } from './types';

/**
 * The checks of a KPI's definition that the `realistic` rules report and
 * the status obeys (SPEC §5.9): a definition that fails one at severity
 * `error` gives no figure. Each check stays silent when a property it reads
 * has a schema problem, which is already reported (one mistake, one
 * diagnostic).
 */

/** The properties the status is computed from: an error in one makes the KPI `invalid`. */
export const STATUS_PROPERTIES = ['direction', 'baseline', 'target', 'thresholds', 'plan'] as const;

/** Whether any of `properties` of the KPI has a schema problem. */
export function hasFault(kpi: Kpi, ...properties: readonly string[]): boolean {
  return properties.some((p) => kpi.faults.properties.has(p));
}

/** `target-direction`: the target lies on the worse side of the baseline. */
export function targetOnWrongSide(kpi: Kpi): boolean {
  const baseline = kpi.baseline?.value;
  const target = kpi.target?.value;
  if (baseline === undefined || target === undefined || hasFault(kpi, 'direction', 'baseline', 'target')) return false;
  return kpi.direction === 'increase' ? target < baseline : target > baseline;
}

/** `threshold-order`: offTrack ≤ atRisk ≤ target does not hold (≥ for `decrease`). */
export function thresholdsOutOfOrder(kpi: Kpi): boolean {
  const { atRisk, offTrack } = kpi.thresholds ?? {};
  const target = kpi.target?.value;
  // Without a target the thresholds grade nothing (status is no-target); missing-target speaks.
  if (atRisk === undefined || offTrack === undefined || target === undefined || hasFault(kpi, 'direction', 'thresholds', 'target')) return false;
  const values = [offTrack, atRisk, target];
  const increase = kpi.direction === 'increase';
  return !values.every((v, i) => i === 0 || (increase ? values[i - 1] <= v : values[i - 1] >= v));
}

/** `date-order`: the target date is not after the baseline date. */
export function targetNotAfterBaseline(kpi: Kpi): boolean {
  const start = kpi.baseline?.date;
  const end = kpi.target?.date;
  return start !== undefined && end !== undefined && end.day <= start.day && !hasFault(kpi, 'baseline', 'target');
}

/** What `plan-order` finds wrong with a KPI's plan. */
export type PlanProblem =
  | { readonly kind: 'no-target' }
  | { readonly kind: 'before-baseline' | 'after-target'; readonly entry: PlanEntry }
  | { readonly kind: 'same-period'; readonly entry: PlanEntry; readonly earlier: PlanEntry };

/** `plan-order`: entries outside baseline date..target date, two in one period, or a plan without a target. */
export function planProblems(kpi: Kpi): readonly PlanProblem[] {
  const { plan } = kpi;
  if (plan === undefined) return [];
  if (!kpi.keys.includes('target')) return [{ kind: 'no-target' }];
  const problems: PlanProblem[] = [];
  const start = hasFault(kpi, 'baseline') ? undefined : kpi.baseline?.date?.day;
  const end = hasFault(kpi, 'target') ? undefined : kpi.target?.date?.day;
  const byPeriod = new Map<number, PlanEntry>();
  for (const entry of plan) {
    const day = entry.date.day;
    const period = kpi.frequency ? periodOf(day, kpi.frequency) : day;
    const earlier = byPeriod.get(period);
    if (start !== undefined && day < start) problems.push({ kind: 'before-baseline', entry });
    else if (end !== undefined && day > end) problems.push({ kind: 'after-target', entry });
    else if (earlier) problems.push({ kind: 'same-period', entry, earlier });
    if (!earlier) byPeriod.set(period, entry);
  }
  return problems;
}

/** The rules whose errors make a KPI's definition unusable for the status, with how many findings each has. */
const DEFINITION_RULES: readonly (readonly [string, (kpi: Kpi) => number])[] = [
  ['target-direction', (kpi) => Number(targetOnWrongSide(kpi))],
  ['threshold-order', (kpi) => Number(thresholdsOutOfOrder(kpi))],
  ['date-order', (kpi) => Number(targetNotAfterBaseline(kpi))],
  ['plan-order', (kpi) => planProblems(kpi).length],
];

/**
 * How many errors lie in what the status is computed from: schema problems
 * in the status properties, and the findings of the definition rules that
 * are configured as errors.
 */
export function definitionErrors(kpi: Kpi, isError: (ruleId: string) => boolean): number {
  let errors = 0;
  for (const property of STATUS_PROPERTIES) errors += kpi.faults.properties.get(property) ?? 0;
  for (const [rule, count] of DEFINITION_RULES) if (isError(rule)) errors += count(kpi);
  return errors;
}
