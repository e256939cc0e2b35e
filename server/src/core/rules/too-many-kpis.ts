import { MAX_KPIS_PER_FILE } from '../parse';
import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const tooManyKpis: Rule = {
  scope: 'workspace',
  meta: {
    id: 'too-many-kpis',
    group: 'scorecard',
    severity: 'warning',
    description: 'A goal should be measured by a few KPIs, and a file should define a readable number of them.',
    options: {
      perGoal: { default: 5, description: 'Most KPIs that may link to one goal.' },
      perFile: { default: 15, description: 'Most KPIs one file may define.' },
    },
  },
  check({ links, options, report }) {
    const perGoal = options.perGoal;
    const perFile = options.perFile;
    for (const goal of links.goals) {
      if (links.goal(goal.id) !== goal) continue;
      const count = links.kpisLinkingTo(goal.id).length;
      if (count > perGoal) {
        report({
          file: goal.file,
          at: valueOf(goal, 'id'),
          message: `Goal \`${goal.id}\` has ${count} KPIs linking to it, more than ${perGoal}: keep the few that inform decisions.`,
        });
      }
    }
    for (const file of links.files) {
      if (file.listedKpis > MAX_KPIS_PER_FILE) {
        // A limit, not a preference: said even when perFile is set higher.
        report({
          file,
          at: { path: ['kpis'], anchor: 'key' },
          message: `This file lists ${file.listedKpis} KPIs, over the limit of ${MAX_KPIS_PER_FILE}: split it into smaller files (only the first ${MAX_KPIS_PER_FILE} are linted).`,
        });
      } else if (file.kpis.length > perFile) {
        report({
          file,
          at: { path: ['kpis'], anchor: 'key' },
          message: `This file defines ${file.kpis.length} KPIs, more than ${perFile}: keep the few that matter or split the file.`,
        });
      }
    }
  },
};
