/**
 * The scorecard page as a tree of keyed pieces: what the editor preview
 * compares with the page it shows, so that it replaces only the pieces whose
 * HTML changed (client/webview/patch.ts). The page's HTML is the pieces
 * written one after another; nothing is rendered twice.
 *
 * A leaf is any HTML (its leading and trailing white space included); a
 * branch is one element whose children are pieces: `open` is its start tag
 * (white space before it allowed), `close` its end tag alone, so that every
 * child node of the element belongs to exactly one piece.
 */
export type Piece = Leaf | Branch;

export interface Leaf {
  readonly key: string;
  readonly html: string;
}

export interface Branch {
  readonly key: string;
  readonly open: string;
  readonly parts: readonly Piece[];
  readonly close: string;
}

/** The HTML of pieces, in order. */
export function piecesHtml(pieces: readonly Piece[]): string {
  let html = '';
  for (const piece of pieces) html += 'html' in piece ? piece.html : piece.open + piecesHtml(piece.parts) + piece.close;
  return html;
}

/**
 * Makes the keys of sibling pieces unique: a KPI listed twice under one goal
 * (or two goals with one id) gets `#2`, `#3`… after its key, in order.
 */
export function uniqueKeys(pieces: readonly Piece[]): Piece[] {
  const seen = new Map<string, number>();
  return pieces.map((piece) => {
    const n = (seen.get(piece.key) ?? 0) + 1;
    seen.set(piece.key, n);
    return n === 1 ? piece : { ...piece, key: `${piece.key}#${n}` };
  });
}
