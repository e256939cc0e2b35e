import { formatDay } from '../dates';
import type { Rule } from '../rule';
import type { GoalLink } from '../types';
import { valueOf } from './helpers';

export const irrelevantKpi: Rule = {
  scope: 'workspace',
  meta: {
    id: 'irrelevant-kpi',
    group: 'relevant',
    severity: 'warning',
    description: 'A KPI whose goals are all achieved, dropped or past their due date no longer informs a decision.',
  },
  check({ links, report }) {
    const why = (goal: GoalLink): string | undefined => {
      if (goal.status !== 'active') return `\`${goal.id}\` is ${goal.status}`;
      if (goal.due && goal.due.day < links.asOf) return `\`${goal.id}\` was due ${goal.due.text}`;
      return undefined;
    };
    for (const kpi of links.kpis) {
      const ids = (kpi.goals ?? []).filter((id) => id !== '');
      if (ids.length === 0) continue;
      const goals = ids.map((id) => links.goal(id));
      if (goals.some((g) => g === undefined)) continue; // unknown-goal says so
      const reasons = goals.map((g) => why(g!));
      if (reasons.every((r) => r !== undefined)) {
        report({
          file: kpi.file,
          at: valueOf(kpi, 'id'),
          message: `KPI \`${kpi.id}\` serves no active goal (${reasons.join('; ')}, as of ${formatDay(links.asOf)}): link it to a current goal or remove it.`,
        });
      }
    }
  },
};
