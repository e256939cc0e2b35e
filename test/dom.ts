/**
 * The little of a page's elements that the browser and editor tests read in
 * `evaluate` callbacks. The tests compile without the DOM library (the code
 * they test runs in Node), so Playwright's `Element` is not known to them.
 */
export interface DomElement {
  getAttribute(name: string): string | null;
  readonly classList: { contains(name: string): boolean };
  /** The element's layout boxes: none while it is not rendered (display: none, a closed dialog's content). */
  getClientRects(): { readonly length: number };
}
