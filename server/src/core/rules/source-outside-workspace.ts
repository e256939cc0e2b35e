import type { Rule } from '../rule';
import { valueOf } from './helpers';

export const sourceOutsideWorkspace: Rule = {
  scope: 'file',
  meta: {
    id: 'source-outside-workspace',
    group: 'data',
    severity: 'error',
    description: "A KPI's `source.file` must stay inside the workspace; files outside it are never read.",
  },
  check({ workspace, report }) {
    for (const kpi of workspace.kpis) {
      if (workspace.source(kpi)?.kind !== 'outside' || typeof kpi.source !== 'object') continue;
      report({
        file: kpi.file,
        at: valueOf(kpi, 'source', 'file'),
        message: `Source file \`${kpi.source.file}\` lies outside the workspace and was not read: move the CSV file into the workspace.`,
      });
    }
  },
};
