/** Deeper than this, a file is rejected before the YAML parser (which recurses) sees it. */
export const MAX_NESTING = 200;

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const QUESTION = 63;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

const SPECIAL = /["'#[\]{}]/g;

/**
 * The offset of the first quote, `#` or bracket at or after `from`, or the
 * text's length. `test` leaves the offset after the one character found in
 * lastIndex, and makes no match object (exec made one per call: most of
 * what reading 10,000 KPIs allocated here).
 */
function special(text: string, from: number): number {
  SPECIAL.lastIndex = from;
  return SPECIAL.test(text) ? SPECIAL.lastIndex - 1 : text.length;
}

/** Characters after which `[` or `{` may open a flow collection: ` `, tab, `:`, `,`, `[`, `{`, `-`. */
function opensAfter(c: number): boolean {
  return c === SPACE || c === TAB || c === 58 || c === 44 || c === 91 || c === 123 || c === DASH;
}

/**
 * An upper bound on how deeply the YAML nests, found without recursion:
 * per line, the indentation (outside flow collections) plus compact `- ` / `? ` / `: ` indicators plus the
 * depth of open flow collections (`[`, `{` where a collection may start,
 * outside quotes and comments). Returns the offset where the bound first
 * exceeds `limit`, or -1.
 */
export function tooDeepAt(text: string, limit = MAX_NESTING): number {
  let flow = 0;
  /** The next quote, `#` or bracket at or after the current line's content (-1: not looked for yet). */
  let next = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    // Inside a flow collection, indentation is only layout.
    let block = flow > 0 ? 0 : i - lineStart;
    // Compact nested sequences, complex keys and their values: `- - - x`, `? - x`, `: - - x`.
    for (;;) {
      const c = text.charCodeAt(i);
      const d = text.charCodeAt(i + 1);
      if (!(i + 1 < end && (c === DASH || c === QUESTION || c === COLON) && (d === SPACE || d === TAB))) break;
      block++;
      i += 2;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
    }
    if (block + flow > limit) return i;
    // Only quotes, comments and brackets matter: jump from one to the next.
    const first = i;
    if (next < i) next = special(text, i);
    while (next < end) {
      i = next;
      const c = text.charCodeAt(i);
      const previous = i > first ? text.charCodeAt(i - 1) : first > lineStart ? text.charCodeAt(first - 1) : SPACE;
      let after = i + 1;
      if (c === HASH) {
        if (previous === SPACE || previous === TAB || i === lineStart) break;
      } else if (c === DQUOTE || c === SQUOTE) {
        // Skip a quoted scalar on this line ('' escapes a single quote).
        let j = i + 1;
        while (j < end && !(text.charCodeAt(j) === c && (c === SQUOTE || text.charCodeAt(j - 1) !== BACKSLASH))) j++;
        after = j + 1;
      } else if (c === 91 || c === 123) {
        if (flow > 0 || opensAfter(previous) || i === lineStart) {
          flow++;
          if (block + flow > limit) return i;
        }
      } else if (flow > 0) {
        flow--;
      }
      next = special(text, after);
    }
    lineStart = end + 1;
  }
  return -1;
}
