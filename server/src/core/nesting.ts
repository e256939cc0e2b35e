/** Deeper than this, a file is rejected before the YAML parser (which recurses) sees it. */
export const MAX_NESTING = 200;

/** Characters after which `[` or `{` may open a flow collection. */
const OPENS_AFTER = new Set([' ', '\t', ':', ',', '[', '{', '-']);

/**
 * An upper bound on how deeply the YAML nests, found without recursion:
 * per line, the indentation (outside flow collections) plus compact `- ` / `? ` / `: ` indicators plus the
 * depth of open flow collections (`[`, `{` where a collection may start,
 * outside quotes and comments). Returns the offset where the bound first
 * exceeds `limit`, or -1.
 */
export function tooDeepAt(text: string, limit = MAX_NESTING): number {
  let flow = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === 32) i++;
    // Inside a flow collection, indentation is only layout.
    let block = flow > 0 ? 0 : i - lineStart;
    // Compact nested sequences, complex keys and their values: `- - - x`, `? - x`, `: - - x`.
    while (i + 1 < end && (text[i] === '-' || text[i] === '?' || text[i] === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      block++;
      i += 2;
      while (i < end && text[i] === ' ') i++;
    }
    if (block + flow > limit) return i;
    let previous = i > lineStart ? text[i - 1]! : ' ';
    for (; i < end; i++) {
      const c = text[i]!;
      if (c === '#' && (previous === ' ' || previous === '\t' || i === lineStart)) break;
      if (c === '"' || c === "'") {
        // Skip a quoted scalar on this line ('' escapes a single quote).
        let j = i + 1;
        while (j < end && !(text[j] === c && (c === "'" || text[j - 1] !== '\\'))) j++;
        i = j;
      } else if ((c === '[' || c === '{') && (flow > 0 || OPENS_AFTER.has(previous) || i === lineStart)) {
        flow++;
        if (block + flow > limit) return i;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      }
      previous = c;
    }
    lineStart = end + 1;
  }
  return -1;
}
