/**
 * KPI text as one line of plain text, before any view escapes it for its own
 * syntax (HTML, Markdown, CodeLens, terminal). Views must never let the text
 * of a KPI file change how the rest of the view reads:
 *
 * - line breaks (including a lone CR, which CommonMark also ends a line on)
 *   become spaces, so no text can start a Markdown block or a fake line;
 * - the other control characters (C0, DEL, C1: terminal escape sequences)
 *   and the explicit bidirectional controls (embeddings, overrides,
 *   isolates, which reorder the text after them) become U+FFFD, visible.
 */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export const REPLACEMENT = '\uFFFD';

export function plainText(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, REPLACEMENT);
}
