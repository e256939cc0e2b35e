/**
 * Cards and table rows by the data they were rendered from, kept from one
 * render to the next: the editor preview renders the scorecard again on
 * every keystroke, and a card whose KPI did not change is the same HTML.
 * What a render did not use is forgotten after it, so the memo holds one
 * scorecard's pieces at most.
 */
export class RenderMemo {
  private last = new Map<string, { data: string; html: string }>();
  private used = new Map<string, { data: string; html: string }>();
  private written = new WeakMap<object, string>();

  /**
   * The HTML of the piece `key` (a card or row of one KPI), made now only
   * when the last render did not make it from the same `data` (everything
   * it is rendered from, written out).
   */
  html(key: string, data: string, make: () => string): string {
    const kept = this.used.get(key) ?? this.last.get(key);
    const html = kept !== undefined && kept.data === data ? kept.html : make();
    this.used.set(key, { data, html });
    return html;
  }

  /** An item of the model as JSON, written once per render however many pieces show it. */
  json(item: object): string {
    let json = this.written.get(item);
    if (json === undefined) {
      json = JSON.stringify(item);
      this.written.set(item, json);
    }
    return json;
  }

  /** Ends a render. */
  done(): void {
    this.last = this.used;
    this.used = new Map();
  }
}
