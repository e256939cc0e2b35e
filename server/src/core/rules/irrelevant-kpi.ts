import { formatDay, type Day } from '../dates';
import type { Rule } from '../rule';
import type { GoalLink } from '../types';
import { valueOf } from './helpers';

function why(goal: GoalLink, asOf: Day): string | undefined {
  if (goal.status !== 'active') return `\`${goal.id}\` is ${goal.status}`;
  if (goal.due && goal.due.day < asOf) return `\`${goal.id}\` was due ${goal.due.text}`;
  return undefined;
}

export const irrelevantKpi: Rule = {
  scope: 'workspace',
  meta: {
    id: 'irrelevant-kpi',
    group: 'relevant',
    severity: 'warning',
    description: 'A KPI whose goals are all achieved, dropped or past their due date no longer informs a decision.',
  },
  check({ links, report }) {
    // Why each goal serves no decision (undefined: it does; null: no such goal), worked out once per goal.
    const reasons = new Map<string, string | undefined | null>();
    const reasonFor = (id: string): string | undefined | null => {
      if (!reasons.has(id)) {
        const goal = links.goal(id);
        reasons.set(id, goal === undefined ? null : why(goal, links.asOf));
      }
      return reasons.get(id);
    };
    for (const kpi of links.kpis) {
      const ids = (kpi.goals ?? []).filter((id) => id !== '');
      // A KPI serving one active goal is relevant; with an unknown goal, unknown-goal says so.
      if (ids.length === 0 || ids.some((id) => typeof reasonFor(id) !== 'string')) continue;
      report({
        file: kpi.file,
        at: valueOf(kpi, 'id'),
        message: `KPI \`${kpi.id}\` serves no active goal (${ids.map(reasonFor).join('; ')}, as of ${formatDay(links.asOf)}): link it to a current goal or remove it.`,
      });
    }
  },
};
