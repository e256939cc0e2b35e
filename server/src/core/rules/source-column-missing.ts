import { message, type Message } from '../l10n/catalogue';
import type { Rule } from '../rule';
import { shownPath, valueOf } from './helpers';

/** A message lists this many of the CSV's columns at most. */
const MAX_COLUMNS_LISTED = 10;

/** The CSV's columns for a message: the first few in backticks, how many more, or none. */
function columnsOf(columns: readonly string[]): string | Message {
  if (columns.length === 0) return message('rules.source-column-missing.no-columns');
  const listed = columns
    .slice(0, MAX_COLUMNS_LISTED)
    .map((c) => `\`${c}\``)
    .join(', ');
  const more = columns.length - MAX_COLUMNS_LISTED;
  return more > 0 ? message('rules.source-column-missing.more-columns', { listed, more }) : listed;
}

export const sourceColumnMissing: Rule = {
  scope: 'file',
  meta: {
    id: 'source-column-missing',
    group: 'data',
    severity: 'error',
    messages: ['missing', 'more-columns', 'no-columns'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const read = workspace.source(kpi);
      if (read?.kind !== 'columns-missing' || typeof kpi.source !== 'object') continue;
      const columns = columnsOf(read.columns);
      for (const key of ['date', 'value'] as const) {
        const column = kpi.source[key];
        if (!read.missing.includes(column)) continue;
        report({
          file: kpi.file,
          at: valueOf(kpi, 'source', key),
          messageId: 'missing',
          messageData: { column, csv: shownPath(workspace, read.resolved), columns, key },
        });
      }
    }
  },
};
