import type { Rule } from '../rule';
import { hasFault } from '../definition';
import { sourceFileAt, valueOf } from './helpers';

export const noData: Rule = {
  scope: 'file',
  meta: {
    id: 'no-data',
    group: 'data',
    severity: 'info',
    messages: ['not-read', 'no-measurements'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const { latest, status, leftOut } = workspace.status(kpi);
      // An invalid definition, or measurements with errors, are explained by their own diagnostics.
      if (kpi.target?.value === undefined || latest || status === 'invalid' || leftOut > 0 || hasFault(kpi, 'measurements', 'source')) continue;
      const read = workspace.source(kpi);
      if (read?.kind === 'not-read') {
        const { file } = sourceFileAt(workspace, kpi, read.resolved);
        report({
          file: kpi.file,
          at: valueOf(kpi, 'id'),
          messageId: 'not-read',
          messageData: { kpi: kpi.id, reason: read.reason, file },
        });
        continue;
      }
      // A source-* diagnostic explains it: the file is missing, outside, lacks a column, or has only bad rows.
      if (read && (read.kind !== 'read' || (read.measurements.length === 0 && read.badRows.length > 0))) continue;
      report({
        file: kpi.file,
        at: valueOf(kpi, 'id'),
        messageId: 'no-measurements',
        messageData: { kpi: kpi.id },
      });
    }
  },
};
