import type { Rule } from '../rule';
import { definedAt, valueOf } from './helpers';

export const duplicateId: Rule = {
  scope: 'workspace',
  meta: {
    id: 'duplicate-id',
    group: 'format',
    severity: 'error',
    messages: ['goal', 'kpi'],
  },
  check({ links, report }) {
    for (const [messageId, byId] of [
      ['goal', links.repeatedGoals()],
      ['kpi', links.repeatedKpis()],
    ] as const) {
      for (const [id, [first, ...others]] of byId) {
        for (const item of others) {
          report({
            file: item.file,
            at: valueOf(item, 'id'),
            messageId,
            messageData: { id, ...definedAt(links, first) },
          });
        }
      }
    }
  },
};
