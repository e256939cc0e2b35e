import type { LineIndex } from './lines';

const COMMENT = /(?:^|\s)#\s*kpi-disable(-next-line)?(?=\s|$)(.*)$/;

/** Codes silenced by `# kpi-disable` comments; `'all'` when a comment names none. */
type Codes = ReadonlySet<string> | 'all';

function codes(list: string): Codes {
  const names = list
    .replace(/\s+--.*$/, '') // allow a reason: `# kpi-disable-next-line no-data -- new KPI`
    .split(/[\s,]+/)
    .filter((s) => s !== '');
  return names.length === 0 ? 'all' : new Set(names);
}

function silences(set: Codes | undefined, code: string): boolean {
  return set === 'all' || (set !== undefined && set.has(code));
}

/**
 * The `# kpi-disable-next-line CODE[, CODE]` and `# kpi-disable CODE`
 * comments of one file. A file-level comment must stand on its own line.
 */
export class Suppressions {
  private readonly file: Codes[] = [];
  private readonly lines = new Map<number, Codes>();

  constructor(text: string) {
    if (!text.includes('kpi-disable')) return;
    const lines = text.split(/\r\n|\r|\n/); // lines as LineIndex counts them
    lines.forEach((line, index) => {
      const match = COMMENT.exec(line);
      if (!match) return;
      const list = codes(match[2] ?? '');
      if (match[1]) this.lines.set(index + 1, list);
      else if (line.trimStart().startsWith('#')) this.file.push(list);
    });
  }

  /** `lines` is asked for only when a next-line comment may apply (a line index of a large file costs). */
  silenced(code: string, start: number, lines: () => LineIndex): boolean {
    if (this.file.some((set) => silences(set, code))) return true;
    return this.lines.size > 0 && silences(this.lines.get(lines().lineOf(start)), code);
  }
}
