import type { Rule } from '../rule';
import type { GoalLink } from '../types';
import { valueOf } from './helpers';

export const goalCycle: Rule = {
  scope: 'workspace',
  meta: {
    id: 'goal-cycle',
    group: 'linked',
    severity: 'error',
    messages: ['cycle'],
  },
  check({ links, report }) {
    const inCycle = new Map<GoalLink, GoalLink[]>();
    for (const start of links.goals) {
      const chain: GoalLink[] = [];
      let goal: GoalLink | undefined = start;
      while (goal && !chain.includes(goal) && !inCycle.has(goal)) {
        chain.push(goal);
        goal = goal.parent === undefined ? undefined : links.goal(goal.parent);
      }
      if (goal && chain.includes(goal)) {
        const cycle = chain.slice(chain.indexOf(goal));
        for (const member of cycle) inCycle.set(member, cycle);
      }
    }
    for (const [goal, cycle] of inCycle) {
      const loop = [...cycle, cycle[0]].map((g) => g.id).join(' → ');
      report({ file: goal.file, at: valueOf(goal, 'parent'), messageId: 'cycle', messageData: { loop } });
    }
  },
};
