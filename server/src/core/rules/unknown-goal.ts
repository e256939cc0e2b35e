import { closest } from 'fastest-levenshtein';
import { isSlug } from '../corrections';
import type { Place, Rule } from '../rule';
import type { LinkedFile } from '../types';
import { valueOf } from './helpers';

export const unknownGoal: Rule = {
  scope: 'workspace',
  meta: {
    id: 'unknown-goal',
    group: 'linked',
    severity: 'error',
    messages: ['unknown', 'did-you-mean'],
  },
  check({ links, report }) {
    // An id that is no slug has its own schema error: never suggest it.
    const known = [...links.goalIds()].filter(isSlug);
    // The place is made only for an unknown id: most ids are known.
    const check = (file: LinkedFile, id: string, at: () => Place) => {
      if (id === '' || links.goal(id) !== undefined) return;
      const suggestion = known.length > 0 ? closest(id, known) : undefined;
      report({
        file,
        at: at(),
        ...(suggestion ? { messageId: 'did-you-mean', messageData: { goal: id, suggestion } } : { messageId: 'unknown', messageData: { goal: id } }),
        data: suggestion ? { goalId: id, suggestion } : { goalId: id },
      });
    };
    for (const kpi of links.kpis) kpi.goals?.forEach((id, index) => check(kpi.file, id, () => valueOf(kpi, 'goals', index)));
    for (const goal of links.goals) if (goal.parent !== undefined) check(goal.file, goal.parent, () => valueOf(goal, 'parent'));
  },
};
