import type { Rule } from '../rule';
import type { Span } from '../types';

const isHighSurrogate = (text: string, at: number) => /[\ud800-\udbff]/.test(text[at] ?? '');
const isLowSurrogate = (text: string, at: number) => /[\udc00-\udfff]/.test(text[at] ?? '');

/** A parser's span widened to whole characters: it may start or end between the two halves of an emoji. */
function wholeCharacters(text: string, span: Span): Span {
  const splits = (at: number) => isHighSurrogate(text, at - 1) && isLowSurrogate(text, at);
  return { start: splits(span.start) ? span.start - 1 : span.start, end: splits(span.end) ? span.end + 1 : span.end };
}

export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml-syntax',
    group: 'format',
    severity: 'error',
    description: 'The file must be valid YAML, without duplicate keys and within the alias and nesting limits.',
  },
  check({ workspace, report }) {
    for (const file of workspace.files) {
      for (const problem of file.syntaxErrors) report({ file, at: { span: wholeCharacters(file.text, problem.span) }, message: problem.message });
    }
  },
};
