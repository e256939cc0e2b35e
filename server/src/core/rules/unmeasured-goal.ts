import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const unmeasuredGoal: Rule = {
  meta: {
    id: 'unmeasured-goal',
    group: 'linked',
    severity: 'warning',
    description: 'An active goal must be measured by a KPI, directly or through a descendant goal.',
  },
  check({ workspace, report }) {
    for (const goal of workspace.goals) {
      if (goal.status !== 'active' || workspace.goal(goal.id) !== goal) continue;
      if (workspace.kpisMeasuring(goal.id).length === 0) {
        report({
          file: goal.file,
          at: valueOf(goal, 'id'),
          message: `Goal \`${goal.id}\` is measured by no KPI: link a KPI to it (or to a sub-goal), or mark it achieved or dropped.`,
        });
      }
    }
  },
};
