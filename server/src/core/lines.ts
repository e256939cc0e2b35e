/**
 * Turns offsets into 0-based lines and UTF-16 columns, and back. Lines end
 * at `\n`, `\r\n` or a lone `\r`, as in LSP and every editor, so that a
 * position means the same place in the editor, the CLI and the server.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    if (!text.includes('\r')) {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  position(offset: number): { line: number; character: number } {
    const line = this.lineOf(offset);
    let character = offset - this.starts[line];
    // Between `\r` and `\n` is no place in an editor: it is the line's end, before the `\r`.
    if (character > 0 && this.text.charCodeAt(offset - 1) === 13 && this.text.charCodeAt(offset) === 10) character--;
    return { line, character };
  }

  /** The offset of a position; positions past a line's end (before its line break) or the text's end are clamped. */
  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    const index = Math.max(line, 0);
    const start = this.starts[index];
    let end = index + 1 < this.starts.length ? this.starts[index + 1] : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.min(start + Math.max(character, 0), end);
  }
}
