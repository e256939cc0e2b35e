import { MAX_KPIS_PER_FILE } from '../parse';
import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const tooManyKpis: Rule = {
  scope: 'workspace',
  meta: {
    id: 'too-many-kpis',
    group: 'scorecard',
    severity: 'warning',
    options: {
      perGoal: { default: 5, description: 'Most KPIs that may link to one goal.' },
      perFile: { default: 15, description: 'Most KPIs one file may define.' },
    },
    messages: ['per-goal', 'over-limit', 'per-file'],
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
          messageId: 'per-goal',
          messageData: { goal: goal.id, count, max: perGoal },
        });
      }
    }
    for (const file of links.files) {
      if (file.listedKpis > MAX_KPIS_PER_FILE) {
        // A limit, not a preference: said even when perFile is set higher.
        report({
          file,
          at: { path: ['kpis'], anchor: 'key' },
          messageId: 'over-limit',
          messageData: { count: file.listedKpis, max: MAX_KPIS_PER_FILE },
        });
      } else if (file.kpis.length > perFile) {
        report({
          file,
          at: { path: ['kpis'], anchor: 'key' },
          messageId: 'per-file',
          messageData: { count: file.kpis.length, max: perFile },
        });
      }
    }
  },
};
