import type { Rule } from '../rule';
import { shownPath, valueOf } from './helpers';

/** A message lists this many of the CSV's columns at most. */
const MAX_COLUMNS_LISTED = 10;

export const sourceColumnMissing: Rule = {
  scope: 'file',
  meta: {
    id: 'source-column-missing',
    group: 'data',
    severity: 'error',
    description: 'The CSV file must have the columns that `source.date` and `source.value` name.',
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const read = workspace.source(kpi);
      if (read?.kind !== 'columns-missing' || typeof kpi.source !== 'object') continue;
      const listed = read.columns
        .slice(0, MAX_COLUMNS_LISTED)
        .map((c) => `\`${c}\``)
        .join(', ');
      const more = read.columns.length > MAX_COLUMNS_LISTED ? ` and ${read.columns.length - MAX_COLUMNS_LISTED} more` : '';
      const columns = read.columns.length > 0 ? `${listed}${more}` : 'none';
      for (const key of ['date', 'value'] as const) {
        const column = kpi.source[key];
        if (!read.missing.includes(column)) continue;
        report({
          file: kpi.file,
          at: valueOf(kpi, 'source', key),
          message: `Column \`${column}\` is not in ${shownPath(workspace, read.resolved)} (its columns: ${columns}): name one of its columns in \`source.${key}\`.`,
        });
      }
    }
  },
};
