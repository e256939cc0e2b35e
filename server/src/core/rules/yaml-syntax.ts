import type { Rule } from '../rule';

export const yamlSyntax: Rule = {
  scope: 'file',
  meta: {
    id: 'yaml-syntax',
    group: 'format',
    severity: 'error',
  },
  check({ workspace, report }) {
    for (const file of workspace.files) {
      for (const problem of file.syntaxErrors) report({ file, at: { span: problem.span }, message: problem.said });
    }
  },
};
