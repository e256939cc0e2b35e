/** Turns offsets into 0-based lines and UTF-16 columns, and back. */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  position(offset: number): { line: number; character: number } {
    const line = this.lineOf(offset);
    return { line, character: offset - this.starts[line]! };
  }

  /** The offset of a position; positions past a line's end or the text's end are clamped. */
  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.length;
    const index = Math.max(line, 0);
    const start = this.starts[index]!;
    const end = index + 1 < this.starts.length ? this.starts[index + 1]! - 1 : this.length;
    return Math.min(start + Math.max(character, 0), end);
  }
}
