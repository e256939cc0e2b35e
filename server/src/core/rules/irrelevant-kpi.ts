import { formatDay, type Day } from '../dates';
import { message, type Message } from '../l10n/catalogue';
import type { Rule } from '../rule';
import type { GoalLink } from '../types';
import { valueOf } from './helpers';

function why(goal: GoalLink, asOf: Day): Message | undefined {
  if (goal.status === 'achieved') return message('rules.irrelevant-kpi.goal-achieved', { goal: goal.id });
  if (goal.status === 'dropped') return message('rules.irrelevant-kpi.goal-dropped', { goal: goal.id });
  if (goal.due && goal.due.day < asOf) return message('rules.irrelevant-kpi.goal-past-due', { goal: goal.id, due: goal.due.text });
  return undefined;
}

export const irrelevantKpi: Rule = {
  scope: 'workspace',
  meta: {
    id: 'irrelevant-kpi',
    group: 'relevant',
    severity: 'warning',
    messages: ['no-active-goal', 'goal-achieved', 'goal-dropped', 'goal-past-due'],
  },
  check({ links, report, translator }) {
    // Why each goal serves no decision (undefined: it does; null: no such goal), worked out once per goal.
    const reasons = new Map<string, Message | undefined | null>();
    const reasonFor = (id: string): Message | undefined | null => {
      if (!reasons.has(id)) {
        const goal = links.goal(id);
        reasons.set(id, goal === undefined ? null : why(goal, links.asOf));
      }
      return reasons.get(id);
    };
    for (const kpi of links.kpis) {
      const ids = (kpi.goals ?? []).filter((id) => id !== '');
      // A KPI serving one active goal is relevant; with an unknown goal, unknown-goal says so.
      if (ids.length === 0 || ids.some((id) => !reasonFor(id))) continue;
      report({
        file: kpi.file,
        at: valueOf(kpi, 'id'),
        messageId: 'no-active-goal',
        messageData: { kpi: kpi.id, reasons: ids.map((id) => translator.text(reasonFor(id)!)).join('; '), asOf: formatDay(links.asOf) },
      });
    }
  },
};
