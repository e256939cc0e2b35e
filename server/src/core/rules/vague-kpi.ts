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

/** Any intention anywhere in a lower-case name: a name with none needs no splitting into words (most names). The words are letters only. */
const ANY_INTENTION = new RegExp([...INTENTIONS].join('|'));

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
      const name = kpi.name.toLocaleLowerCase();
      if (!ANY_INTENTION.test(name)) continue;
      // Whole words in any script: \b does not see å, ä, ö as letters.
      const word = name.split(/[^\p{L}\p{N}]+/u).find((w) => INTENTIONS.has(w));
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
