import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const unmeasuredGoal: Rule = {
  scope: 'workspace',
  meta: {
    id: 'unmeasured-goal',
    group: 'linked',
    severity: 'warning',
    messages: ['unmeasured'],
  },
  check({ links, report }) {
    for (const goal of links.goals) {
      if (goal.status !== 'active' || links.goal(goal.id) !== goal) continue;
      if (links.kpisMeasuring(goal.id).length === 0) {
        report({
          file: goal.file,
          at: valueOf(goal, 'id'),
          messageId: 'unmeasured',
          messageData: { goal: goal.id },
        });
      }
    }
  },
};
