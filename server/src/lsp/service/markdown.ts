import { plainText } from '../../report/plain-text';

/**
 * Markdown for hovers built from KPI text: every user string is escaped, so
 * a KPI name can never become a link, an image, HTML or a command, nor end
 * the line it is on.
 */
export function escapeMarkdown(text: string): string {
  return plainText(text).replace(/[\\`*_{}[\]()#+\-.!|<>&~:]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A code span that holds any text: the fence is longer than any backtick run inside. */
export function inlineCode(text: string): string {
  const plain = plainText(text);
  const longest = Math.max(0, ...(plain.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end of a span that has both, and reads a backtick at an end as part of the fence.
  const pad = plain.startsWith('`') || plain.endsWith('`') || /^ .*[^ ].* $/.test(plain) ? ' ' : '';
  return `${fence}${pad}${plain}${pad}${fence}`;
}
