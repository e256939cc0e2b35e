import type { Rule } from '../rule';
import { querySource } from '../sources';
import { keyOf } from './helpers';

/** SPEC §8: the snapshot was taken with another query, other result columns or another connection than the files name now. */
export const snapshotOutdated: Rule = {
  scope: 'file',
  meta: {
    id: 'snapshot-outdated',
    group: 'data',
    severity: 'warning',
    messages: ['outdated', 'unrecorded'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const read = workspace.source(kpi);
      const source = querySource(kpi);
      if (source === undefined || read?.kind !== 'read' || read.snapshot?.outdated !== true) continue;
      const taken = read.snapshot.taken;
      report({
        file: kpi.file,
        at: keyOf(kpi, 'source'),
        ...(taken === undefined
          ? { messageId: 'unrecorded', messageData: { kpi: kpi.id } }
          : { messageId: 'outdated', messageData: { kpi: kpi.id, taken: taken.slice(0, 16).replace('T', ' ') } }),
      });
    }
  },
};
