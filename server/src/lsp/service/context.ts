/**
 * Where the cursor is in a KPI file, read from the lines around it so that it
 * works while the YAML is half typed and does not parse.
 */

/** The kind of mapping a key belongs to. */
export type Place = 'root' | 'goal' | 'kpi' | 'point' | 'thresholds' | 'measurement' | 'source' | 'unknown';

export type CursorContext =
  /** Typing a key: `prefix` so far, in a mapping of `place` that already has `present`. */
  | {
      readonly kind: 'key';
      readonly place: Place;
      readonly prefix: string;
      readonly present: readonly string[];
      readonly newItem: boolean;
      readonly listOf?: 'goals' | 'kpis';
    }
  /** Typing the value of `key` in a mapping of `place`. */
  | { readonly kind: 'value'; readonly place: Place; readonly key: string; readonly prefix: string }
  /** Typing a goal id: an item of a KPI's `goals` or a goal's `parent`. */
  | { readonly kind: 'goal-id'; readonly prefix: string }
  | { readonly kind: 'none' };

interface Line {
  /** Column where the line's key starts (after any `- `), or -1 for blank and comment lines. */
  readonly keyColumn: number;
  /** Column of a leading `- `, or -1. */
  readonly dashColumn: number;
  readonly key?: string;
}

const LINE = /^(\s*)(-\s+)?(?:([A-Za-z0-9_$-]+)\s*:(?:\s|$))?/;

function readLine(text: string): Line {
  const trimmed = text.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return { keyColumn: -1, dashColumn: -1 };
  const match = LINE.exec(text)!;
  const indent = match[1].length;
  const dash = match[2] ?? '';
  return { keyColumn: indent + dash.length, dashColumn: dash ? indent : -1, key: match[3] };
}

interface Holder {
  readonly key: string;
  /** The mapping is an item of the list this key holds. */
  readonly viaList: boolean;
}

/**
 * The keys holding a key at `column` of line `index`, innermost first, found
 * by indentation. `dash` is the column of a `- ` starting that line, or -1.
 */
function holders(lines: readonly string[], index: number, column: number, dash: number): Holder[] {
  const chain: Holder[] = [];
  let limit = dash >= 0 ? dash : column;
  let allowEqual = dash >= 0; // a sequence may sit at its key's own column
  let viaList = dash >= 0;
  for (let i = index - 1; i >= 0 && (limit > 0 || allowEqual); i--) {
    const line = readLine(lines[i]);
    if (line.keyColumn < 0) continue;
    if (line.dashColumn >= 0 && line.dashColumn < limit && line.keyColumn >= limit) {
      // The first line of the item we are in (`- id: x`).
      limit = line.dashColumn;
      allowEqual = true;
      viaList = true;
      continue;
    }
    const holds = line.keyColumn < limit || (allowEqual && line.keyColumn === limit && line.dashColumn < 0);
    if (!holds) continue;
    chain.push({ key: line.key ?? '', viaList });
    allowEqual = line.dashColumn >= 0;
    viaList = line.dashColumn >= 0;
    limit = line.dashColumn >= 0 ? line.dashColumn : line.keyColumn;
  }
  return chain;
}

/** The mapping a key at `column` of line `index` belongs to. */
function placeOf(lines: readonly string[], index: number, column: number, dash: number): { place: Place; kpiGoals: boolean; list?: 'goals' | 'kpis' } {
  const [parent, grand, ...rest] = holders(lines, index, column, dash);
  if (!parent) return { place: 'root', kpiGoals: false };
  if (!grand && parent.viaList && (parent.key === 'goals' || parent.key === 'kpis')) {
    return { place: parent.key === 'goals' ? 'goal' : 'kpi', kpiGoals: false, list: parent.key };
  }
  if (grand?.key === 'kpis' && grand.viaList && rest.length === 0) {
    if (parent.key === 'baseline' || parent.key === 'target') return { place: 'point', kpiGoals: false };
    if (parent.key === 'thresholds' || parent.key === 'source') return { place: parent.key, kpiGoals: false };
    if (parent.key === 'measurements' && parent.viaList) return { place: 'measurement', kpiGoals: false };
    if (parent.key === 'goals' && parent.viaList) return { place: 'unknown', kpiGoals: true };
  }
  return { place: 'unknown', kpiGoals: false };
}

/** The keys already present in the mapping that holds a key at `column` of line `index`. */
function siblings(lines: readonly string[], index: number, column: number, startsItem: boolean): string[] {
  const keys: string[] = [];
  for (let i = index - 1; !startsItem && i >= 0; i--) {
    const line = readLine(lines[i]);
    if (line.keyColumn < 0) continue;
    if (line.keyColumn < column) break;
    if (line.dashColumn >= 0 && line.dashColumn < column) {
      if (line.keyColumn === column && line.key) keys.push(line.key);
      break; // the item's first line
    }
    if (line.keyColumn === column && line.key) keys.push(line.key);
  }
  for (let i = index + 1; i < lines.length; i++) {
    const line = readLine(lines[i]);
    if (line.keyColumn < 0) continue;
    if (line.keyColumn < column || (line.dashColumn >= 0 && line.dashColumn < column)) break; // the next item
    if (line.keyColumn === column && line.key) keys.push(line.key);
  }
  return keys;
}

/** The cursor context at a 0-based line and UTF-16 column. */
export function cursorContext(text: string, lineNumber: number, character: number): CursorContext {
  // Lines as the editor counts them (a lone `\r` ends one too); a position outside the text is nowhere.
  const lines = text.split(/\r\n|\r|\n/);
  if (!Number.isInteger(lineNumber) || lineNumber < 0 || lineNumber >= lines.length) return { kind: 'none' };
  const line = lines[lineNumber];
  const before = line.slice(0, Math.max(0, character));
  if (/(^|\s)#/.test(before)) return { kind: 'none' };

  const keyMatch = /^(\s*)(-\s+)?([A-Za-z0-9_$-]*)$/.exec(before);
  if (keyMatch) {
    const dash = keyMatch[2] ? keyMatch[1].length : -1;
    const column = keyMatch[1].length + (keyMatch[2]?.length ?? 0);
    const { place, kpiGoals, list } = placeOf(lines, lineNumber, column, dash);
    if (kpiGoals) return { kind: 'goal-id', prefix: keyMatch[3] };
    const present = siblings(lines, lineNumber, column, dash >= 0);
    return { kind: 'key', place, prefix: keyMatch[3], present, newItem: dash >= 0 && present.length === 0, listOf: list };
  }

  const valueMatch = /^(\s*)(-\s+)?([A-Za-z0-9_$-]+)\s*:\s*(.*)$/.exec(before);
  if (valueMatch) {
    const dash = valueMatch[2] ? valueMatch[1].length : -1;
    const column = valueMatch[1].length + (valueMatch[2]?.length ?? 0);
    const key = valueMatch[3];
    const value = valueMatch[4];
    const { place } = placeOf(lines, lineNumber, column, dash);
    // `goals: [a, b, |` — inside a flow list of goal ids.
    if (place === 'kpi' && key === 'goals' && /^\[[^\]]*$/.test(value)) return { kind: 'goal-id', prefix: /[A-Za-z0-9-]*$/.exec(value)![0] };
    if (place === 'goal' && key === 'parent') return { kind: 'goal-id', prefix: /[A-Za-z0-9-]*$/.exec(value)![0] };
    if (/[[{,]/.test(value)) return { kind: 'none' };
    return { kind: 'value', place, key, prefix: value.replace(/^["']/, '') };
  }
  return { kind: 'none' };
}
