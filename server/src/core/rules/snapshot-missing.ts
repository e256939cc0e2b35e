import type { Rule } from '../rule';
import { keyOf, shownPath } from './helpers';

/** SPEC §8: a SQL source whose query has not been run yet: its KPI has no data until `kpi refresh` writes the snapshot. */
export const snapshotMissing: Rule = {
  scope: 'file',
  meta: {
    id: 'snapshot-missing',
    group: 'data',
    severity: 'warning',
    messages: ['missing'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const read = workspace.source(kpi);
      if (read?.kind !== 'snapshot-missing') continue;
      report({ file: kpi.file, at: keyOf(kpi, 'source'), messageId: 'missing', messageData: { kpi: kpi.id, snapshot: shownPath(workspace, read.resolved) } });
    }
  },
};
