import type { Rule } from '../rule';

/** From this many KPIs on, a file should mix categories. */
const MIN_KPIS = 4;

export const unbalancedScorecard: Rule = {
  scope: 'file',
  meta: {
    id: 'unbalanced-scorecard',
    group: 'scorecard',
    severity: 'info',
    messages: ['one-category'],
  },
  check({ workspace, report }) {
    for (const file of workspace.files) {
      if (file.kpis.length < MIN_KPIS) continue;
      const categories = new Set(file.kpis.map((k) => k.category));
      const [only] = categories;
      if (categories.size === 1 && only !== undefined) {
        report({
          file,
          at: { path: ['kpis'], anchor: 'key' },
          messageId: 'one-category',
          messageData: { count: file.kpis.length, category: only },
        });
      }
    }
  },
};
