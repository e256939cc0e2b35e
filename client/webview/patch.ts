/**
 * Puts the scorecard's pieces (server/src/report/pieces.ts) into the page and
 * later replaces only the pieces whose HTML changed: a keystroke that changes
 * one KPI re-parses its card, its table group and the counts, not 1,000
 * cards. What the page shows is the same as a fresh render of the whole body
 * (test/browser/preview-patch.test.ts holds it to that).
 */
import type { Branch, Piece } from '../../server/src/report/pieces';

/** A piece in the page: the nodes it made, and for a branch its element and its children. */
export interface Mounted {
  readonly piece: Piece;
  readonly nodes: readonly Node[];
  readonly element?: Element;
  readonly children?: readonly Mounted[];
}

/**
 * The nodes of a piece of the renderer's HTML (every KPI text in it escaped,
 * see test/browser/hostile.test.ts): the page's one place that parses HTML.
 */
export function fragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

function isBranch(piece: Piece): piece is Branch {
  return 'open' in piece;
}

/** Makes the nodes of a piece (a branch: its element, with its children's nodes in it). */
export function mount(piece: Piece): Mounted {
  if (!isBranch(piece)) return { piece, nodes: Array.from(fragment(piece.html).childNodes) };
  const nodes = Array.from(fragment(piece.open + piece.close).childNodes);
  const element = nodes[nodes.length - 1] as Element;
  const children = piece.parts.map(mount);
  for (const child of children) element.append(...child.nodes);
  return { piece, nodes, element, children };
}

/** The white space before a branch's start tag. */
function lead(branch: Branch): string {
  return branch.open.slice(0, branch.open.indexOf('<'));
}

/** Gives `element` the attributes of `model` (a fresh parse of its new start tag), as if it had been parsed from it. */
function copyAttributes(element: Element, model: Element): void {
  for (const name of element.getAttributeNames()) if (!model.hasAttribute(name)) element.removeAttribute(name);
  for (const name of model.getAttributeNames()) {
    const value = model.getAttribute(name) ?? '';
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
}

/**
 * A mounted piece updated to `piece`: the same one when its HTML is the same,
 * a branch with the same element updated in place (its attributes, then its
 * children), else new nodes.
 */
function update(mounted: Mounted, piece: Piece): Mounted {
  const old = mounted.piece;
  if (!isBranch(piece)) return !isBranch(old) && old.html === piece.html ? mounted : mount(piece);
  if (!isBranch(old) || old.close !== piece.close || lead(old) !== lead(piece) || mounted.element === undefined) return mount(piece);
  if (old.open !== piece.open) {
    const fresh = fragment(piece.open + piece.close).lastChild;
    if (!(fresh instanceof Element) || fresh.tagName !== mounted.element.tagName) return mount(piece);
    copyAttributes(mounted.element, fresh);
  }
  const children = updateChildren(mounted.element, mounted.children ?? [], piece.parts);
  return { piece, nodes: mounted.nodes, element: mounted.element, children };
}

/**
 * The children of `parent` updated from `before` to `parts`: pieces matched
 * by key, the unchanged kept, the changed updated, the gone removed, and the
 * nodes put in the order of `parts` (a sorted table's rows are put back; the
 * page script sorts them again).
 */
export function updateChildren(parent: Node, before: readonly Mounted[], parts: readonly Piece[]): Mounted[] {
  const byKey = new Map(before.map((m) => [m.piece.key, m]));
  const after = parts.map((piece) => {
    const old = byKey.get(piece.key);
    if (old === undefined) return mount(piece);
    byKey.delete(piece.key);
    const next = update(old, piece);
    if (next.nodes !== old.nodes) for (const node of old.nodes) node.parentNode?.removeChild(node);
    return next;
  });
  for (const gone of byKey.values()) for (const node of gone.nodes) node.parentNode?.removeChild(node);
  let at: Node | null = parent.firstChild;
  for (const m of after)
    for (const node of m.nodes) {
      if (node === at) at = at.nextSibling;
      else parent.insertBefore(node, at);
    }
  // Nodes the page added of itself (none today) after the last piece go too: the body is the pieces, nothing else.
  while (at !== null) {
    const next: Node | null = at.nextSibling;
    parent.removeChild(at);
    at = next;
  }
  return after;
}
