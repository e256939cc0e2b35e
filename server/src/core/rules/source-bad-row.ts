import type { Rule } from '../rule';
import { MAX_CSV_ROWS } from '../sources';
import { shownPath, sourceFileAt } from './helpers';

/** Bad rows reported one by one per file; the rest are summed up in one more diagnostic. */
const MAX_REPORTED = 20;

export const sourceBadRow: Rule = {
  scope: 'file',
  meta: {
    id: 'source-bad-row',
    group: 'data',
    severity: 'warning',
    messages: ['bad-row', 'bad-row-sheet', 'more', 'truncated'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const read = workspace.source(kpi);
      if (read?.kind !== 'read') continue;
      const csv = shownPath(workspace, read.resolved);
      const { at } = sourceFileAt(workspace, kpi, read.resolved);
      for (const row of read.badRows.slice(0, MAX_REPORTED)) {
        // A workbook's row is told by its sheet and the row number Excel shows.
        if (read.sheet !== undefined)
          report({ file: kpi.file, at, messageId: 'bad-row-sheet', messageData: { sheet: read.sheet, line: row.line, csv, reason: row.why } });
        else report({ file: kpi.file, at, messageId: 'bad-row', messageData: { line: row.line, csv, reason: row.why } });
      }
      const more = read.badRows.length - MAX_REPORTED;
      if (more > 0) report({ file: kpi.file, at, messageId: 'more', messageData: { more, csv } });
      if (read.truncated) report({ file: kpi.file, at, messageId: 'truncated', messageData: { csv, max: MAX_CSV_ROWS } });
    }
  },
};
