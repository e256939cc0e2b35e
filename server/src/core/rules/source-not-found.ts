import type { Rule } from '../rule';
import { shownPath, sourceFileAt, valueOf } from './helpers';

/** A message lists this many of a workbook's sheets at most. */
const MAX_SHEETS_LISTED = 10;

export const sourceNotFound: Rule = {
  scope: 'file',
  meta: {
    id: 'source-not-found',
    group: 'data',
    severity: 'error',
    messages: ['not-found', 'sheet-missing'],
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      const read = workspace.source(kpi);
      if (read?.kind === 'not-found') {
        const { at, file } = sourceFileAt(workspace, kpi, read.resolved);
        report({ file: kpi.file, at, messageId: 'not-found', messageData: { file, reason: read.why } });
      } else if (read?.kind === 'sheet-missing') {
        const listed = read.sheets.slice(0, MAX_SHEETS_LISTED).map((s) => `\`${s}\``);
        report({
          file: kpi.file,
          at: valueOf(kpi, 'source', 'sheet'),
          messageId: 'sheet-missing',
          messageData: {
            sheet: read.sheet,
            file: shownPath(workspace, read.resolved),
            sheets: listed.join(', ') + (read.sheets.length > MAX_SHEETS_LISTED ? ', …' : ''),
          },
        });
      }
    }
  },
};
