import { planProblems, type PlanProblem } from '../definition';
import type { Rule } from '../rule';
import type { Kpi } from '../types';
import { ordinal } from '../readable';
import { keyOf, valueOf } from './helpers';

const PERIOD_WORDS: Readonly<Record<string, string>> = { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year' };

function message(kpi: Kpi, problem: PlanProblem): string {
  if (problem.kind === 'no-target') return `KPI \`${kpi.id}\` has a \`plan\` but no \`target\`: add the target the plan leads to, or remove the plan.`;
  const entry = `The ${ordinal(problem.entry.index + 1)} plan entry (${problem.entry.date.text})`;
  switch (problem.kind) {
    case 'before-baseline':
      return `${entry} is dated before the baseline date ${kpi.baseline!.date!.text}: date it on or after the baseline, or remove it.`;
    case 'after-target':
      return `${entry} is dated after the target date ${kpi.target!.date!.text}: date it on or before the target, or remove it.`;
    case 'same-period': {
      const period = kpi.frequency ? `the same ${PERIOD_WORDS[kpi.frequency]}` : 'the same date';
      return `${entry} is in ${period} as the ${ordinal(problem.earlier.index + 1)} (${problem.earlier.date.text}): keep one entry per period.`;
    }
  }
}

export const planOrder: Rule = {
  scope: 'file',
  meta: {
    id: 'plan-order',
    group: 'data',
    severity: 'error',
    description: "A KPI's `plan` needs a `target`, and its entries lie between the baseline date and the target date, one per period.",
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      for (const problem of planProblems(kpi)) {
        const at = problem.kind === 'no-target' ? keyOf(kpi, 'plan') : valueOf(kpi, 'plan', problem.entry.index, 'date');
        report({ file: kpi.file, at, message: message(kpi, problem) });
      }
    }
  },
};
