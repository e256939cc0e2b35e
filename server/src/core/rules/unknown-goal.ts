import { closest } from 'fastest-levenshtein';
import type { Place, Rule } from '../rule';
import type { KpiFile } from '../types';
import { valueOf } from './helpers';

export const unknownGoal: Rule = {
  meta: {
    id: 'unknown-goal',
    group: 'linked',
    severity: 'error',
    description: "A KPI's `goals` and a goal's `parent` must name goals defined in the workspace.",
  },
  check({ workspace, report }) {
    const known = [...workspace.goalsById.keys()];
    const check = (file: KpiFile, id: string, at: Place) => {
      if (id === '' || workspace.goalsById.has(id)) return;
      const suggestion = known.length > 0 ? closest(id, known) : undefined;
      const advice = suggestion ? `did you mean \`${suggestion}\`? Otherwise define the goal` : 'define the goal';
      report({
        file,
        at,
        message: `Goal \`${id}\` is not defined in any KPI file of the workspace: ${advice}.`,
        data: suggestion ? { goalId: id, suggestion } : { goalId: id },
      });
    };
    for (const kpi of workspace.kpis) kpi.goals?.forEach((id, index) => check(kpi.file, id, valueOf(kpi, 'goals', index)));
    for (const goal of workspace.goals) if (goal.parent !== undefined) check(goal.file, goal.parent, valueOf(goal, 'parent'));
  },
};
