import type { Rule } from '../rule';
import { shortened } from '../readable';
import { valueOf } from './helpers';

const INTENTIONS = new Set([
  'improve',
  'increase',
  'reduce',
  'better',
  'enhance',
  'optimize',
  'optimise',
  'maximize',
  'minimize',
  'boost',
  'förbättra',
  'öka',
  'minska',
  'bättre',
]);

export const vagueKpi: Rule = {
  scope: 'file',
  meta: {
    id: 'vague-kpi',
    group: 'measurable',
    severity: 'info',
    messages: ['intention'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (kpi.name === undefined) continue;
      // Whole words in any script: \b does not see å, ä, ö as letters.
      const word = kpi.name
        .toLocaleLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .find((w) => INTENTIONS.has(w));
      if (word) {
        report({
          file: kpi.file,
          at: valueOf(kpi, 'name'),
          messageId: 'intention',
          messageData: { name: shortened(kpi.name), word },
        });
      }
    }
  },
};
