import type { Rule } from '../rule';

export const schema: Rule = {
  scope: 'file',
  meta: {
    id: 'schema',
    group: 'format',
    severity: 'error',
  },
  check({ workspace, report }) {
    for (const file of workspace.files) {
      for (const problem of file.schemaErrors) report({ file, at: { span: problem.span }, message: problem.said });
    }
  },
};
