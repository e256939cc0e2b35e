import type { Random } from './random';

/** One random edit of a text: replace `[start, end)` with `text`, as an editor's incremental change does. */
export interface Edit {
  readonly kind: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** Characters that mean something to YAML, and a few that do not. */
const YAML_CHARS = [' ', ':', '-', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ',', '?', '\n', '\t', '\\', 'x', '1', '.', '<'];

/** Text that editors, copy-paste and other systems put into files. */
const UNICODE = [
  '😀',
  '𝔘𝔫𝔦',
  '👩‍👩‍👧',
  '🇸🇪', // astral, ZWJ sequence, flag
  'e\u0301',
  '\u0301',
  '\u0300\u0300\u0300',
  'Å',
  'ö', // combining marks, precomposed
  '\u202e',
  '\u202d',
  '\u200f',
  'مؤشر',
  'מדד', // bidi overrides and right-to-left text
  '\ufeff',
  '\u200b',
  '\u200d',
  '\u00a0',
  '\u3000', // BOM, zero width, non-breaking and ideographic spaces
  '\ud800',
  '\udc00', // lone surrogates
  '\ufffd',
  '\uffff',
  '\u{10ffff}',
];

/** Control characters and line breaks YAML and editors disagree on. */
const CONTROLS = ['\0', '\u0001', '\u001b', '\u007f', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\f', '\v', '\t', '\t\t'];

/** YAML features KPI files do not use, but a file may hold. */
const YAML_FEATURES = [
  '%YAML 1.2\n---\n',
  '---\n',
  '...\n',
  '--- |\n',
  '!!str ',
  '!!binary ',
  '!custom ',
  '!!map ',
  '<<: *a0\n',
  '<<: [*a0, *a1]\n',
  '? complex\n: key\n',
  '|\n  block\n',
  '>-\n  folded\n',
  '{a: 1, b: [2, 3]}',
  '[1, [2, [3]]]',
  '"\\u0000\\x41\\uD83D"',
  "'it''s'",
  '# comment\n',
  ': ',
  '- ',
  'key: value\n',
  '!!null ',
  '~',
  'null',
  '.nan',
  '-.inf',
  '1e309',
  '0x1F',
  '0o17',
  '1_000',
  '99999999999999999999999',
  '-0',
  '2026-02-30',
  '2026-13',
  '2026-Q5',
  '0000-00-00',
  '2026-12-31T10:00:00Z',
  'true',
  'yes',
  '__proto__: x\n',
  'constructor: x\n',
  'x-: 1\n',
];

export interface MutationContext {
  readonly random: Random;
  /** Other texts of the corpus, to splice lines from. */
  readonly donors: readonly string[];
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A random line: its start, its end (before the line break) and its end after the line break. */
function someLine(text: string, random: Random): { start: number; end: number; next: number } {
  const starts = lineStarts(text);
  const index = random.int(starts.length);
  const start = starts[index];
  const next = index + 1 < starts.length ? starts[index + 1] : text.length;
  const end = next > start && text[next - 1] === '\n' ? next - 1 : next;
  return { start, end, next };
}

/** An alias bomb of `depth` levels, each `fanOut` aliases of the one before, indented like the line it goes before. */
function aliasBomb(indent: string, depth: number, fanOut: number, random: Random): string {
  const name = `b${random.int(1000)}`;
  const lines = [`${indent}x-${name}0: &${name}0 [lol, lol, lol]`];
  for (let level = 1; level < depth; level++)
    lines.push(
      `${indent}x-${name}${level}: &${name}${level} [${Array(fanOut)
        .fill(`*${name}${level - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

type Mutator = (text: string, context: MutationContext) => Edit;

const MUTATORS: readonly (readonly [number, string, Mutator])[] = [
  [
    6,
    'delete',
    (text, { random }) => {
      const start = random.int(text.length + 1);
      const length = random.chance(0.2) ? random.between(1, 200) : random.between(1, 3);
      return { kind: 'delete', start, end: Math.min(text.length, start + length), text: '' };
    },
  ],
  [
    6,
    'insert',
    (text, { random }) => {
      const at = random.int(text.length + 1);
      const count = random.chance(0.8) ? 1 : random.between(2, 6);
      let inserted = '';
      for (let i = 0; i < count; i++) inserted += random.pick(YAML_CHARS);
      return { kind: 'insert', start: at, end: at, text: inserted };
    },
  ],
  [
    3,
    'duplicate',
    (text, { random }) => {
      const start = random.int(text.length + 1);
      const end = Math.min(text.length, start + random.between(1, 60));
      const at = random.chance(0.5) ? end : random.int(text.length + 1);
      return { kind: 'duplicate', start: at, end: at, text: text.slice(start, end) };
    },
  ],
  [
    3,
    'delete-line',
    (text, { random }) => {
      const line = someLine(text, random);
      return { kind: 'delete-line', start: line.start, end: line.next, text: '' };
    },
  ],
  [
    3,
    'duplicate-line',
    (text, { random }) => {
      const line = someLine(text, random);
      const copy = text.slice(line.start, line.next);
      return { kind: 'duplicate-line', start: line.start, end: line.start, text: copy.endsWith('\n') ? copy : `${copy}\n` };
    },
  ],
  [
    1,
    'swap-lines',
    (text, { random }) => {
      const first = someLine(text, random);
      if (first.next >= text.length) return { kind: 'swap-lines', start: first.start, end: first.start, text: '' };
      const secondEnd = text.indexOf('\n', first.next);
      const end = secondEnd < 0 ? text.length : secondEnd;
      return { kind: 'swap-lines', start: first.start, end, text: `${text.slice(first.next, end)}\n${text.slice(first.start, first.end)}` };
    },
  ],
  [1, 'truncate', (text, { random }) => ({ kind: 'truncate', start: random.int(text.length + 1), end: text.length, text: '' })],
  [
    4,
    'indent',
    (text, { random }) => {
      const line = someLine(text, random);
      let spaces = line.start;
      while (spaces < line.end && text[spaces] === ' ') spaces++;
      const width = spaces - line.start;
      const choice = random.int(5);
      const indent =
        choice === 0
          ? ' '.repeat(width + random.between(1, 4))
          : choice === 1
            ? ' '.repeat(Math.max(0, width - random.between(1, 4)))
            : choice === 2
              ? '\t'.repeat(Math.max(1, width >> 1))
              : choice === 3
                ? `${' '.repeat(width >> 1)}\t`
                : `\t${' '.repeat(width)}`;
      return { kind: 'indent', start: line.start, end: spaces, text: indent };
    },
  ],
  [
    4,
    'unicode',
    (text, { random }) => {
      const piece = random.pick(UNICODE);
      const at = piece === '\ufeff' && random.chance(0.5) ? 0 : random.int(text.length + 1);
      return { kind: 'unicode', start: at, end: at, text: random.chance(0.2) ? piece.repeat(random.between(2, 50)) : piece };
    },
  ],
  [
    3,
    'control',
    (text, { random }) => {
      const at = random.int(text.length + 1);
      return { kind: 'control', start: at, end: at, text: random.pick(CONTROLS) };
    },
  ],
  [
    1,
    'line-endings',
    (text, { random }) => {
      // A whole region of the file with Windows or old Mac line endings.
      const start = random.int(text.length + 1);
      const end = Math.min(text.length, start + random.between(1, 2000));
      return { kind: 'line-endings', start, end, text: text.slice(start, end).replace(/\n/g, random.chance(0.5) ? '\r\n' : '\r') };
    },
  ],
  [
    1,
    'long-line',
    (text, { random }) => {
      const at = random.int(text.length + 1);
      const length = random.chance(0.3) ? random.between(50_000, 200_000) : random.between(500, 5_000);
      const shape = random.int(4);
      const long =
        shape === 0
          ? 'x'.repeat(length)
          : shape === 1
            ? `"${'y '.repeat(length >> 1)}"`
            : shape === 2
              ? `[${'1, '.repeat(length >> 2)}1]`
              : `${'- '.repeat(Math.min(length, 5_000) >> 1)}z`;
      return { kind: 'long-line', start: at, end: at, text: long };
    },
  ],
  [
    2,
    'anchor',
    (text, { random }) => {
      const line = someLine(text, random);
      const colon = text.indexOf(': ', line.start);
      const at = colon >= 0 && colon < line.end ? colon + 2 : line.end;
      return { kind: 'anchor', start: at, end: at, text: `&a${random.int(3)} ` };
    },
  ],
  [
    2,
    'alias',
    (text, { random }) => {
      const line = someLine(text, random);
      const colon = text.indexOf(': ', line.start);
      const start = colon >= 0 && colon < line.end ? colon + 2 : line.end;
      const alias = random.chance(0.8) ? `*a${random.int(3)}` : random.pick(['*nope', '*', '&a0 [*a0]', '*a0 *a1', '&', '&&a0']);
      return { kind: 'alias', start, end: random.chance(0.7) ? line.end : start, text: alias };
    },
  ],
  [
    1,
    'alias-bomb',
    (text, { random }) => {
      const line = someLine(text, random);
      const indent = /^ */.exec(text.slice(line.start, line.end))![0];
      const bomb = aliasBomb(random.chance(0.6) ? '' : indent, random.between(3, 9), random.between(3, 10), random);
      return { kind: 'alias-bomb', start: line.start, end: line.start, text: bomb };
    },
  ],
  [
    3,
    'yaml-feature',
    (text, { random }) => {
      const feature = random.pick(YAML_FEATURES);
      const at = feature.endsWith('\n') ? someLine(text, random).start : random.int(text.length + 1);
      return { kind: 'yaml-feature', start: at, end: at, text: feature };
    },
  ],
  [
    2,
    'splice',
    (text, { random, donors }) => {
      const donor = random.pick(donors);
      const from = someLine(donor, random);
      const to = Math.min(donor.length, from.start + random.between(1, 400));
      const at = someLine(text, random).start;
      return { kind: 'splice', start: at, end: at, text: donor.slice(from.start, to) };
    },
  ],
  [
    3,
    'value',
    (text, { random }) => {
      // A digit, a date or a number changed in place.
      const digits = [...text.matchAll(/\d+(?:[-.]\d+)*/g)];
      if (digits.length === 0) return { kind: 'value', start: 0, end: 0, text: random.pick(YAML_FEATURES) };
      const match = random.pick(digits);
      const start = match.index;
      const replacement = random.chance(0.5)
        ? String(random.int(10)).repeat(random.between(1, 3))
        : random.pick(YAML_FEATURES.filter((f) => !f.endsWith('\n')));
      return { kind: 'value', start, end: start + match[0].length, text: replacement };
    },
  ],
];

const TOTAL_WEIGHT = MUTATORS.reduce((sum, [weight]) => sum + weight, 0);

/** Texts over this length only shrink, so a run of edits cannot grow without bound. */
const MAX_GROWTH = 1_000_000;

/** One random edit of `text`. */
export function mutate(text: string, context: MutationContext): Edit {
  const { random } = context;
  if (text.length > MAX_GROWTH) {
    const start = random.int(text.length);
    return { kind: 'shrink', start, end: Math.min(text.length, start + random.between(text.length >> 2, text.length)), text: '' };
  }
  let roll = random.next() * TOTAL_WEIGHT;
  for (const [weight, , mutator] of MUTATORS) {
    roll -= weight;
    if (roll < 0) return mutator(text, context);
  }
  return MUTATORS[0][2](text, context);
}

/** The kinds of edit the fuzzer makes, for its report. */
export const MUTATION_KINDS = MUTATORS.map(([, kind]) => kind);
