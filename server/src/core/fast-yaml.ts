import { Document, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type ParsedNode, type Range, type Schema } from 'yaml';
import { MAX_NESTING } from './nesting';

/**
 * A fast parser for the YAML that KPI files are written in, building the same
 * `yaml` nodes, with the same ranges, as `parseDocument` — or giving up.
 *
 * `yaml`'s own parser spends most of its time in a general CST (generators,
 * one object per token). KPI files use a small part of YAML, so one pass over
 * the lines with a stack of open block collections does the same job several
 * times faster. Every construct it does not know for certain makes it return
 * `undefined`, and the caller asks `parseDocument` instead: this parser only
 * ever answers for text that `yaml` reads without errors or warnings.
 *
 * The subset, everything else is `undefined`:
 * - one document whose root is a block mapping or block sequence at column 0;
 *   no `---`, `...`, directives, tabs, `\r`, control characters or BOM;
 * - comment lines and blank lines anywhere, comments after values;
 * - block mappings with plain or quoted single-line keys (`<<` is an
 *   ordinary key in the core schema), no duplicate keys, keys under 1000
 *   characters; block sequences, compact `- key: value` and `- - item`, a
 *   sequence at the indentation of its parent key;
 * - plain scalars on one line, quoted scalars on one line (all of YAML's
 *   double-quote escapes), block scalars `|` and `>` with an optional `-` or
 *   `+` and no indentation digit (folded ones without more-indented lines);
 * - flow sequences and mappings closed on their line, items separated by
 *   `, `, mapping keys plain or quoted followed by `: `, no empty items or values;
 * - empty values (`key:` / `-` alone) unless a comment sits in their place.
 *
 * Nodes carry what the composer sets for data and positions (`range`, scalar
 * `value`, `source`, `type`, `format`, `minFractionDigits`, `flow`); comments
 * and blank-line markers (`comment`, `commentBefore`, `spaceBefore`) are not
 * kept, so `toString()` of the result drops comments.
 */
export function fastParseDocument(text: string): Document.Parsed | undefined {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  // The options of parse.ts's parseDocument call, so toJS() and toString() behave alike.
  const document = new Document(undefined, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false }) as Document.Parsed;
  const read = parseWith(new LineParser(text, new NodeBuilder(document.schema), false));
  if (read === undefined) return undefined;
  document.contents = read.root;
  document.range = read.range;
  return document;
}

/**
 * The data of a text in the subset, as `toJS()` of `fastParseDocument(text)`
 * gives it, without building nodes: for reading a file whose findings, if
 * any, are placed later by parsing it again with nodes. `undefined` exactly
 * when `fastParseDocument` gives `undefined`.
 */
export function fastParseData(text: string): { data: unknown; outline: Outline; shallow: boolean } | undefined {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  mixedInThisText = false;
  const parser = new LineParser(text, DATA_BUILDER, false);
  const read = parseWith(parser);
  if (read === undefined) return undefined;
  for (const key of parser.outline.keys) key.inner?.seal();
  return { data: read.root, outline: parser.outline, shallow: parser.shallow };
}

/**
 * Where the top-level keys of a file are, and the items of the block lists
 * they hold: what lets one item of a large file be parsed alone, to place a
 * finding in it or to read it again after an edit.
 */
export interface Outline {
  readonly keys: readonly OutlineKey[];
}

export interface OutlineKey {
  /** The key's value as text, and whether it is text (not a number, boolean or null). */
  readonly name: string;
  readonly text: boolean;
  /** Where its line starts, and its key's span. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** For a block list: the column of its `-` and the start of each item's line. */
  readonly column?: number;
  readonly items?: readonly number[];
  /** For a block list at the top level: the keys of its items (ItemOutlines). */
  readonly inner?: ItemOutlines;
}

/** An outline's key as the parser records it. */
interface RecordedKey {
  name: string;
  text: boolean;
  line: number;
  start: number;
  end: number;
  column?: number;
  items?: number[];
  inner?: ItemOutlines;
}

/** The numbers kept of each key of an item: see ItemOutlines. */
const LINE = 0;
const KEY_START = 1;
const KEY_END = 2;
const VALUE_START = 3;
const VALUE_END = 4;
const COLUMN = 5;
const FIRST_ITEM = 6;
const ITEM_COUNT = 7;
const NUMBERS = 8;

/**
 * The keys of the items of a top-level block list that are block mappings
 * (a KPI): where each key and its scalar value are, and where the items of
 * the block lists under them (measurements) start. A finding is placed from
 * them without reading its KPI: a key or a value at once, a measurement by
 * reading its own lines. A workspace keeps them for every KPI, so they are
 * a few flat arrays rather than an object per key.
 */
export class ItemOutlines {
  /** Item i's keys are the keys first[i] to first[i + 1] - 1 (none: not a block mapping). */
  private readonly first: number[] = [];
  /** Each key's name (its value as text). */
  private readonly names: string[] = [];
  /** NUMBERS numbers per key: its line, its span, its scalar value's span (-1 without one), and its block list's column, first item and item count. */
  private numbers: number[] | Int32Array = [];
  /** The line starts of the items of the keys' block lists. */
  private starts: number[] | Int32Array = [];
  /**
   * Two numbers per item of the keys' block lists, as `starts`: the span of
   * the `date` written on the item's own line (`- { date: 2026-01, … }`,
   * `- date: 2026-01`), -1 without one. A measurement or a plan entry is
   * placed by its date: 20,000 measurements after the as-of date are placed
   * without reading each again.
   */
  private dates: number[] | Int32Array = [];

  /** The index of the first key of item `item` called `name` (as locate compares keys), or -1. */
  key(item: number, name: string): number {
    if (item < 0 || item + 1 >= this.first.length) return -1;
    for (let k = this.first[item]; k < this.first[item + 1]; k++) if (this.names[k] === name) return k;
    return -1;
  }

  /** The first key of item `item`, or -1 when it is not a block mapping. */
  firstKey(item: number): number {
    return item >= 0 && item + 1 < this.first.length && this.first[item] < this.first[item + 1] ? this.first[item] : -1;
  }

  keySpan(key: number): { start: number; end: number } {
    return { start: this.numbers[key * NUMBERS + KEY_START], end: this.numbers[key * NUMBERS + KEY_END] };
  }

  /** The span of a key's value when it is a scalar (not a collection, not empty). */
  valueSpan(key: number): { start: number; end: number } | undefined {
    const start = this.numbers[key * NUMBERS + VALUE_START];
    return start < 0 ? undefined : { start, end: this.numbers[key * NUMBERS + VALUE_END] };
  }

  /**
   * Item `index` of the block list under `key` of item `item`: the start of
   * its line, the column of its `-`, and where its lines end: at the next
   * item's line, the next key's line, or `end` (where item `item` ends).
   */
  listItem(item: number, key: number, index: number, end: number): { start: number; column: number; end: number } | undefined {
    const at = key * NUMBERS;
    const count = this.numbers[at + ITEM_COUNT];
    if (index < 0 || index >= count) return undefined;
    const first = this.numbers[at + FIRST_ITEM];
    const next = index + 1 < count ? this.starts[first + index + 1] : key + 1 < this.first[item + 1] ? this.numbers[at + NUMBERS + LINE] : end;
    return { start: this.starts[first + index], column: this.numbers[at + COLUMN], end: next };
  }

  /**
   * The span of the `date` on the line of item `index` of the block list
   * under `key` of item `item`, when it has one (see `dates`).
   */
  listItemDate(item: number, key: number, index: number): { start: number; end: number } | undefined {
    const at = key * NUMBERS;
    if (item < 0 || item + 1 >= this.first.length || index < 0 || index >= this.numbers[at + ITEM_COUNT]) return undefined;
    const date = (this.numbers[at + FIRST_ITEM] + index) * 2;
    return this.dates[date] < 0 ? undefined : { start: this.dates[date], end: this.dates[date + 1] };
  }

  /** The keys of each item, for the tests: name, key span, value span, block list. */
  keysOf(item: number): { index: number; name: string; start: number; end: number; value?: { start: number; end: number }; items?: number[] }[] {
    const keys = [];
    for (let k = this.first[item]; k < this.first[item + 1]; k++) {
      const at = k * NUMBERS;
      const first = this.numbers[at + FIRST_ITEM];
      const count = this.numbers[at + ITEM_COUNT];
      keys.push({
        index: k,
        name: this.names[k],
        ...this.keySpan(k),
        ...(this.valueSpan(k) ? { value: this.valueSpan(k) } : {}),
        ...(count > 0 ? { items: Array.from(this.starts.slice(first, first + count)) } : {}),
      });
    }
    return keys;
  }

  /** The parser starts an item. */
  startItem(): void {
    this.first.push(this.names.length);
  }

  /** The parser reads a key of the item last started; its index. */
  addKey(name: string, line: number, start: number, end: number): number {
    this.names.push(name);
    (this.numbers as number[]).push(line, start, end, -1, -1, -1, this.starts.length, 0);
    return this.names.length - 1;
  }

  /** The parser read the key's value: a scalar from `start` to `end`. */
  setValue(key: number, start: number, end: number): void {
    this.numbers[key * NUMBERS + VALUE_START] = start;
    this.numbers[key * NUMBERS + VALUE_END] = end;
  }

  /** The parser reads an item of the block list under the last key, its `-` at `column`. */
  addListItem(column: number, line: number): void {
    const at = (this.names.length - 1) * NUMBERS;
    this.numbers[at + COLUMN] = column;
    this.numbers[at + ITEM_COUNT]++;
    (this.starts as number[]).push(line);
    (this.dates as number[]).push(-1, -1);
  }

  /** The parser read the `date` on the line of the list item last added: a scalar from `start` to `end`. */
  setListItemDate(start: number, end: number): void {
    const at = this.dates.length - 2;
    this.dates[at] = start;
    this.dates[at + 1] = end;
  }

  /** The parser has read the whole text: the numbers are packed. */
  seal(): void {
    this.first.push(this.names.length);
    this.numbers = Int32Array.from(this.numbers);
    this.starts = Int32Array.from(this.starts);
    this.dates = Int32Array.from(this.dates);
  }
}

/** Index just after the line that holds `at`, past its line break (the text's end on the last line). */
export function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** The item of a list whose text holds `offset`: the last whose line starts at or before it (`items` is not empty, `offset` not before its first). */
export function itemHolding(items: readonly number[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (items[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** An item's text runs from its line to the next item's line, the next key's line or the end (of the text, or of the item whose outline this is). */
export function itemEnd(outline: Outline, key: number, item: number, end: number): number {
  const entry = outline.keys[key];
  return entry.items![item + 1] ?? outline.keys[key + 1]?.line ?? end;
}

/**
 * An item of a block list read alone, its `-` at `column`: `text` runs from
 * the item's line to the end of the first line after it (the next item's or
 * the next key's), so that the item ends exactly as in the whole document.
 * The same node as in the whole document, with every range counted from the
 * item's line, and where its lines end in `text`; undefined when the text
 * does not start with one item at that column.
 */
export function fastParseItem(text: string, column: number): { item: ParsedNode; end: number } | undefined {
  itemSchema ??= new Document().schema;
  const read = readItem(text, column, new NodeBuilder(itemSchema));
  return read && isSeq(read.root) && read.root.items.length === 1 ? { item: read.root.items[0], end: read.end } : undefined;
}

/**
 * Where the nodes of one item read alone are, as fastParseItem reads it but
 * without `yaml` nodes: a finding is placed by walking these (locatePlace).
 * Placing 35,000 findings made a `yaml` node of every scalar, pair and
 * collection of every item with a finding; this keeps the spans and the
 * values of keys alone.
 */
export function fastParseItemPlaces(text: string, column: number): { item: Place; end: number } | undefined {
  const read = readItem(text, column, PLACE_BUILDER);
  const items = read?.root.values;
  return read && !read.root.map && items?.length === 1 ? { item: items[0], end: read.end } : undefined;
}

/**
 * A node's place: `start` and `end` as a `yaml` node's `range[0]` and
 * `range[1]`. A scalar has its value (what a key is matched by); a
 * collection its values, and a mapping the keys that go with them.
 */
export class Place {
  /** `range[2]`: the end including trailing comments, which the parser needs to find the ends of collections. */
  end2: number;

  constructor(
    public start: number,
    public end: number,
    readonly value: unknown,
    readonly map: boolean,
    readonly values: Place[] | undefined,
    readonly keys: Place[] | undefined,
  ) {
    this.end2 = end;
  }
}

/** The places of nodes, with the duplicate keys `yaml` rejects rejected the same way (fastParseItem gives up on them too). */
const PLACE_BUILDER: Builder<Place> = {
  scalar: (value, _source, _type, start, end) => new Place(start, end, value, false, undefined, undefined),
  collection: (map) => new Place(0, 0, undefined, map, [], map ? [] : undefined),
  add(collection, key, value) {
    if (key !== undefined) {
      const keys = collection.keys!;
      if (repeatsKey(collection, keys, placeValue, key.value)) outside();
      keys.push(key);
    }
    collection.values!.push(value);
  },
  keyValue: (key) => key.value,
  setRange(node, start, end, end2) {
    node.start = start;
    node.end = end;
    node.end2 = end2;
  },
  end2: (node) => node.end2,
  setEnd2(node, end2) {
    node.end2 = end2;
  },
};

function placeValue(place: Place): unknown {
  return place.value;
}

/** The data of one item read alone, as fastParseItem reads it. */
export function fastParseItemData(text: string, column: number): { data: unknown; end: number } | undefined {
  mixedInThisText = false;
  const read = readItem(text, column, DATA_BUILDER);
  return read && Array.isArray(read.root) && read.root.length === 1 ? { data: read.root[0], end: read.end } : undefined;
}

/** Reads an item alone: the list it makes (one item, checked by the caller) and where its lines end, if its `-` is at `column`. */
function readItem<N>(text: string, column: number, builder: Builder<N>): { root: N; end: number } | undefined {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  const parser = new LineParser(text, builder, true);
  const read = parseWith(parser);
  if (read === undefined || parser.rootColumn !== column) return undefined;
  return { root: read.root, end: parser.stoppedAt >= 0 ? parser.stoppedAt : text.length };
}

let itemSchema: Schema | undefined;

function parseWith<N>(parser: LineParser<N>): { root: N; range: Range } | undefined {
  try {
    return parser.parse();
  } catch (error) {
    if (error === OUTSIDE_SUBSET) return undefined;
    throw error;
  }
}

/**
 * What the parser makes of what it reads: `yaml` nodes with their ranges, or
 * plain data (where every range is ignored and reads as 0). Collections are
 * values too, filled by `add`.
 */
interface Builder<N> {
  scalar(value: unknown, source: string, type: Scalar.Type, start: number, end: number, format?: string, minFractionDigits?: number): N;
  collection(map: boolean, flow: boolean): N;
  /** Adds `value` to a collection, under `key` for a mapping; a key the mapping has already leaves the subset. */
  add(collection: N, key: N | undefined, value: N): void;
  /** The value of a key. */
  keyValue(key: N): unknown;
  setRange(node: N, start: number, end: number, end2: number): void;
  /** The end of a node's range including trailing comments (`range[2]`). */
  end2(node: N): number;
  setEnd2(node: N, end2: number): void;
}

type MapNode = YAMLMap<ParsedNode, ParsedNode | null>;
type SeqNode = YAMLSeq<ParsedNode>;

class NodeBuilder implements Builder<ParsedNode> {
  constructor(private readonly schema: Schema) {}

  scalar(value: unknown, source: string, type: Scalar.Type, start: number, end: number, format?: string, minFractionDigits?: number): ParsedNode {
    const node = new Scalar(value) as Scalar.Parsed;
    node.range = [start, end, end];
    node.source = source;
    node.type = type;
    if (format !== undefined) node.format = format;
    if (minFractionDigits !== undefined) node.minFractionDigits = minFractionDigits;
    return node;
  }

  collection(map: boolean, flow: boolean): ParsedNode {
    const node = map ? new YAMLMap<ParsedNode, ParsedNode | null>(this.schema) : new YAMLSeq<ParsedNode>(this.schema);
    if (flow) node.flow = true;
    return node as ParsedNode;
  }

  add(collection: ParsedNode, key: ParsedNode | undefined, value: ParsedNode): void {
    if (key === undefined) {
      (collection as SeqNode).items.push(value);
      return;
    }
    const pairs = (collection as MapNode).items;
    if (repeatsKey(collection, pairs, pairKeyValue, (key as Scalar).value)) outside();
    pairs.push(new Pair<ParsedNode, ParsedNode | null>(key, value));
  }

  keyValue(key: ParsedNode): unknown {
    return (key as Scalar).value;
  }

  setRange(node: ParsedNode, start: number, end: number, end2: number): void {
    node.range = [start, end, end2];
  }

  end2(node: ParsedNode): number {
    return node.range[2];
  }

  setEnd2(node: ParsedNode, end2: number): void {
    node.range[2] = end2;
  }
}

/**
 * The keys of the mappings that have a key that is not text, as values: only
 * they can repeat a name without repeating a key (`1` and `"1"`).
 */
const mixedKeys = new WeakMap<object, unknown[]>();
/**
 * Whether a mapping of the text being read into data has had a key that is
 * not text: until one has, none is in mixedKeys, and a key is added without
 * looking there (a lookup per key cost more than the rest of adding it).
 */
let mixedInThisText = false;

/**
 * Plain data as `toJS` makes it: a null key is `''`, other keys their text,
 * a name repeated (`1` and `"1"`) has the last value, and an inherited one
 * (`constructor`, `__proto__`) is an own property.
 */
const DATA_BUILDER: Builder<unknown> = {
  scalar: (value) => value,
  collection: (map) => (map ? {} : []),
  add(collection, key, value) {
    if (Array.isArray(collection)) {
      collection.push(value);
      return;
    }
    const object = collection as Record<string, unknown>;
    // Keys on the fast path are scalars.
    const scalar = key as string | number | boolean | null;
    const name = scalar === null ? '' : String(scalar);
    let keys = mixedInThisText ? mixedKeys.get(object) : undefined;
    if (keys === undefined && typeof key !== 'string') {
      mixedKeys.set(object, (keys = Object.keys(object)));
      mixedInThisText = true;
    }
    // A repeated name is a repeated key (as yaml's uniqueKeys compares them, with ===) unless the keys differ in type.
    if (keys === undefined ? Object.hasOwn(object, name) : keys.indexOf(key) >= 0) outside();
    keys?.push(key);
    // Assignment makes a repeated name's last value win, and shadows inherited names, except `__proto__`.
    if (name === '__proto__') Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
    else object[name] = value;
  },
  keyValue: (key) => key,
  setRange() {},
  end2: () => 0,
  setEnd2() {},
};

/**
 * Tabs (indentation rules), `\r` (CRLF), the BOM and control characters all
 * have special cases in `yaml`: leave them to it.
 */
const UNSUPPORTED_CHARACTER = /[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]/;

/** Thrown from deep inside the parser when the text leaves the subset; never escapes this module. */
const OUTSIDE_SUBSET = new Error('outside the fast YAML subset');

function outside(): never {
  throw OUTSIDE_SUBSET;
}

const NL = 10;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const PERCENT = 37;
const AMP = 38;
const SQUOTE = 39;
const STAR = 42;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** Flow collections nest by recursion; deeper ones go to `yaml`, after parse.ts's bound on nesting. */
const MAX_FLOW_DEPTH = 64;
/** `yaml` rejects implicit keys whose `:` is more than 1024 characters after their start. */
const MAX_KEY_LENGTH = 1000;

/**
 * An open block collection. Besides the node it keeps what decides the
 * ranges `yaml` gives: its last value (whose end is the collection's end)
 * and the blank and comment lines after it.
 */
interface Frame<N> {
  readonly node: N;
  readonly map: boolean;
  /** The column of its keys or `-` indicators. */
  readonly indent: number;
  readonly start: number;
  /** The last item still waits for its value: its line ended after `key:` or `-`. */
  pending: boolean;
  /** The key of the pending pair (mappings). */
  key: N | undefined;
  /** Where `yaml` places an empty value: after the indicator and its spaces. */
  emptyAt: number;
  /** A comment follows the indicator of the pending item; `yaml` then stretches an empty value over it. */
  pendingComment: boolean;
  /** The last complete value, undefined while there is none. */
  last: N | undefined;
  /**
   * The last value is a flow node (plain, quoted or flow collection): `yaml`
   * adds comment lines indented deeper than this collection to its range.
   */
  absorbs: boolean;
  /** End of the blank and comment lines after the last value that belong to no value, -1 if none. */
  tailEnd: number;
  /** The deepest indentation of a comment among those lines, -1 if none. */
  tailComment: number;
}

/** Linear search for duplicate keys up to this many pairs, a set beyond. */
const KEY_SET_FROM = 16;

/** Block collections nest this deep at most; deeper ones go to `yaml`, after parse.ts's bound on nesting. */
const MAX_BLOCK_DEPTH = 200;

class LineParser<N> {
  private readonly text: string;
  private readonly length: number;
  private readonly build: Builder<N>;
  private readonly stack: Frame<N>[] = [];
  /** Where the token just read ends. */
  private at = 0;
  private root: N | undefined = undefined;
  /** The root collection's column (0 unless `indentedRoot`). */
  rootColumn = 0;
  /** Where the reading of an item alone stopped: the start of the first line not in it (-1: the text's end). */
  stoppedAt = -1;
  /** The top-level keys and list items, recorded as they are read. */
  readonly outline: { keys: RecordedKey[] } = { keys: [] };
  /** End of the trailing lines the root hands to the document, -1 if none. */
  private rootTail = -1;
  /**
   * No line of the text is longer than MAX_NESTING characters, and its
   * quotes and brackets are all where YAML reads them as such: no bracket in
   * a plain or block scalar, no quote in a plain scalar but one that ends its
   * line (see quoteInPlain), and no double-quoted scalar's closing quote
   * follows a `\`. Then `tooDeepAt` (nesting.ts) finds nothing in the text
   * and need not read it: the flow collections it counts close on their
   * line, as they do here, and what it adds up on a line (indentation, `- `
   * indicators, open brackets) are characters of that line.
   */
  shallow = true;
  /**
   * The scalar just read is plain and holds a quote. `tooDeepAt` takes the
   * quote for the start of a quoted scalar, as far as the next quote on the
   * line: harmless in a value of a block collection that ends its line, as
   * there is nothing after it on the line to skip.
   */
  private quoteInPlain = false;

  /**
   * `indentedRoot`: the text is a list item read alone: its first line is the
   * item's `-` at any column, and reading stops at the next item's line or a
   * line outside the list (after the steps the whole document takes there, so
   * every range is the same).
   */
  constructor(
    text: string,
    build: Builder<N>,
    private readonly indentedRoot: boolean,
  ) {
    this.text = text;
    this.length = text.length;
    this.build = build;
  }

  parse(): { root: N; range: Range } {
    const { text, length } = this;
    let pos = 0;
    // Leading blank and comment lines belong to the stream, not the document.
    for (;;) {
      let i = pos;
      while (text.charCodeAt(i) === SPACE) i++;
      if (i >= length) outside(); // empty or only comments: yaml's business
      const c = text.charCodeAt(i);
      // An item read alone starts at its own line: blank or comment lines before it
      // may belong to what precedes it in the document (a block scalar's content).
      if ((c === NL || c === HASH) && this.indentedRoot) outside();
      if (c === NL) pos = this.lines(pos, i + 1);
      else if (c === HASH) pos = this.lines(pos, this.lineEnd(i));
      else if (i > pos && !this.indentedRoot)
        outside(); // the root must start at column 0
      else {
        this.rootColumn = i - pos;
        break;
      }
    }
    const documentStart = pos;
    this.rejectMarker(pos);
    pos = this.lines(pos, this.startBlock(pos, pos + this.rootColumn));
    while (pos < length) pos = this.lines(pos, this.line(pos));
    while (this.stack.length > 0) {
      const frame = this.stack[this.stack.length - 1];
      if (frame.pending) this.settleEmpty(frame);
      this.pop();
    }
    const root = this.root;
    if (root === undefined) outside();
    const end = this.build.end2(root);
    return { root, range: [documentStart, end, this.rootTail >= 0 ? this.rootTail : end] };
  }

  private lineEnd(i: number): number {
    return lineEnd(this.text, i);
  }

  /** The lines from `from` to `to` were read: `to`, after noting a line longer than MAX_NESTING (see `shallow`). */
  private lines(from: number, to: number): number {
    if (to - from > MAX_NESTING && this.shallow) {
      const { text } = this;
      for (let start = from; start < to;) {
        const end = Math.min(lineEnd(text, start), to);
        if (end - start > MAX_NESTING + (text.charCodeAt(end - 1) === NL ? 1 : 0)) this.shallow = false;
        start = end;
      }
    }
    return to;
  }

  private skipSpaces(i: number): number {
    const { text } = this;
    while (text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** A space, a line break or the end of the text follows `i`. */
  private blankAt(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return c === SPACE || c === NL || i >= this.length;
  }

  private isSeqIndicator(i: number): boolean {
    return this.text.charCodeAt(i) === DASH && this.blankAt(i + 1);
  }

  /**
   * The outlines of the top-level list whose item is being read, when the
   * third open collection is that item's block mapping (in a whole document).
   */
  private topItemOutlines(): ItemOutlines | undefined {
    const { stack } = this;
    if (this.indentedRoot || !stack[0].map || stack[1].map || !stack[2].map) return undefined;
    return this.outline.keys[this.outline.keys.length - 1].inner;
  }

  /** Ends the reading of an item alone at the line starting at `pos` (the next item's, or one outside the list). */
  private stop(pos: number): number {
    this.stoppedAt = pos;
    return this.length;
  }

  /** `---` and `...` at column 0 start or end documents. */
  private rejectMarker(pos: number): void {
    const { text } = this;
    if (text.startsWith('---', pos) || text.startsWith('...', pos)) outside();
  }

  /** Reads the line at `pos`; returns where the next line starts. */
  private line(pos: number): number {
    const { text, length } = this;
    const i = this.skipSpaces(pos);
    const indent = i - pos;
    if (i >= length) {
      this.trivia(indent, false, length);
      return length;
    }
    const c = text.charCodeAt(i);
    if (c === NL) {
      this.trivia(indent, false, i + 1);
      return i + 1;
    }
    if (c === HASH) {
      const next = this.lineEnd(i);
      this.trivia(indent, true, next);
      return next;
    }
    if (indent === 0) this.rejectMarker(pos);
    return this.content(pos, i, indent);
  }

  /**
   * A blank or comment line. `yaml` gives it to the innermost open collection:
   * the separator of a pending item, the range of the last value (a comment
   * indented deeper than the collection right after a flow value, with the
   * blank lines before it), or else the lines that trail the last item.
   */
  private trivia(indent: number, comment: boolean, next: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame.pending) {
      if (comment) frame.pendingComment = true;
      return;
    }
    if (comment) {
      if (frame.tailComment < 0 && indent > frame.indent && frame.absorbs) {
        this.build.setEnd2(frame.last!, next);
        frame.tailEnd = -1;
        return;
      }
      if (indent > frame.tailComment) frame.tailComment = indent;
    }
    frame.tailEnd = next;
  }

  /** A line with content, its first character at `i` in column `indent`. */
  private content(pos: number, i: number, indent: number): number {
    // The line's indentation reaches the innermost collection before its
    // content does: it lengthens the lines trailing the last value.
    const innermost = this.stack[this.stack.length - 1];
    if (indent > 0 && !innermost.pending) innermost.tailEnd = i;
    for (;;) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) {
        // An item read alone ends where a line leaves its list.
        if (this.indentedRoot) return this.stop(pos);
        outside();
      }
      if (frame.pending) {
        // The value of `key:` or `-` on a line of its own: a nested collection,
        // or a sequence at the indentation of its key.
        if (indent > frame.indent || (indent === frame.indent && frame.map && this.isSeqIndicator(i))) return this.startBlock(pos, i);
        this.settleEmpty(frame);
      }
      if (indent === frame.indent) {
        const dash = this.isSeqIndicator(i);
        if (frame.map) {
          if (dash) outside();
          return this.mapEntry(frame, pos, i, undefined);
        }
        if (dash) return this.indentedRoot && this.stack.length === 1 ? this.stop(pos) : this.seqEntry(frame, pos, i);
        // A key after a sequence at its parent key's indentation ends the sequence.
        this.pop();
        continue;
      }
      // Deeper: a continuation line of a plain scalar, or an error.
      if (indent > frame.indent) outside();
      this.pop();
    }
  }

  /** Opens the block collection whose first key or `-` is at `i`. */
  private startBlock(pos: number, i: number): number {
    const frame = this.push(!this.isSeqIndicator(i), i - pos, i);
    return frame.map ? this.mapEntry(frame, pos, i, undefined) : this.seqEntry(frame, pos, i);
  }

  private push(map: boolean, indent: number, start: number): Frame<N> {
    if (this.stack.length >= MAX_BLOCK_DEPTH) outside();
    const frame: Frame<N> = {
      node: this.build.collection(map, false),
      map,
      indent,
      start,
      pending: false,
      key: undefined,
      emptyAt: 0,
      pendingComment: false,
      last: undefined,
      absorbs: false,
      tailEnd: -1,
      tailComment: -1,
    };
    this.stack.push(frame);
    return frame;
  }

  /**
   * Closes the innermost collection. Its trailing lines move to the parent
   * unless they hold a comment at or beyond its indentation (except at column 0):
   * then `yaml` ends the collection's range after them.
   */
  private pop(): void {
    const frame = this.stack.pop()!;
    const last = frame.last;
    if (last === undefined) outside();
    const end = this.build.end2(last);
    const keep = frame.tailEnd >= 0 && frame.indent !== 0 && frame.tailComment >= frame.indent;
    const node = frame.node;
    this.build.setRange(node, frame.start, end, keep ? frame.tailEnd : end);
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      this.root = node;
      this.rootTail = keep ? -1 : frame.tailEnd;
      return;
    }
    this.complete(parent, node, false);
    if (frame.tailEnd >= 0 && !keep) {
      parent.tailEnd = frame.tailEnd;
      parent.tailComment = frame.tailComment;
    }
  }

  /** Gives the pending item of `frame` its value. */
  private complete(frame: Frame<N>, value: N, absorbs: boolean): void {
    this.build.add(frame.node, frame.key, value);
    frame.pending = false;
    frame.key = undefined;
    frame.last = value;
    frame.absorbs = absorbs;
    frame.tailEnd = -1;
    frame.tailComment = -1;
  }

  /** `key:` or `-` with nothing under it: a null at the place `yaml` picks. */
  private settleEmpty(frame: Frame<N>): void {
    // With a comment there, yaml stretches the empty value over separator lines: not worth mirroring.
    if (frame.pendingComment) outside();
    const at = frame.emptyAt;
    this.complete(frame, this.build.scalar(null, '', 'PLAIN', at, at), false);
  }

  /**
   * A `key: value` line (or the rest of a `- key: value` line) at `i`; `key`
   * if already read. `dated`: the outlines that keep the date of the list
   * item on whose line this is (see ItemOutlines' `dates`).
   */
  private mapEntry(frame: Frame<N>, pos: number, i: number, key: N | undefined, dated?: ItemOutlines): number {
    const { text } = this;
    if (key === undefined) key = this.scalarToken(i, false);
    // A quote in a plain key: tooDeepAt would skip from it into the value.
    if (this.quoteInPlain) this.shallow = false;
    const colon = this.skipSpaces(this.at);
    if (text.charCodeAt(colon) !== COLON || !this.blankAt(colon + 1)) outside();
    if (colon - i > MAX_KEY_LENGTH) outside();
    const value = this.build.keyValue(key);
    if (this.stack.length === 1) this.outline.keys.push({ name: String(value), text: typeof value === 'string', line: pos, start: i, end: this.at });
    const inner = this.stack.length === 3 ? this.topItemOutlines() : undefined;
    const recorded = inner ? inner.addKey(String(value), pos, i, this.at) : -1;
    frame.pending = true;
    frame.key = key;
    const j = this.skipSpaces(colon + 1);
    const next = this.inlineValue(frame, pos, j, false);
    // A scalar on the key's line (or a block scalar) ends where the parser stopped reading it.
    const c = text.charCodeAt(j);
    if (inner && !frame.pending && c !== LBRACKET && c !== LBRACE) inner.setValue(recorded, j, this.at);
    if (dated && value === 'date' && !frame.pending && c !== LBRACKET && c !== LBRACE && c !== PIPE && c !== GT) dated.setListItemDate(j, this.at);
    return next;
  }

  /** A `- item` line at `i`. */
  private seqEntry(frame: Frame<N>, pos: number, i: number): number {
    // Comment lines before a `-` belong to its item, and an empty item's range would cover them.
    const commentBefore = frame.tailComment >= 0;
    let dated: ItemOutlines | undefined;
    if (this.stack.length === 2 && this.stack[0].map && i === pos + frame.indent) {
      // An item of a block list that is the value of a top-level key.
      const key = this.outline.keys[this.outline.keys.length - 1];
      key.column = frame.indent;
      (key.items ??= []).push(pos);
      if (!this.indentedRoot) (key.inner ??= new ItemOutlines()).startItem();
    } else if (this.stack.length === 4 && i === pos + frame.indent) {
      // An item of a block list that is the value of a key of a top-level list's item.
      dated = this.topItemOutlines();
      dated?.addListItem(frame.indent, pos);
    }
    frame.pending = true;
    return this.inlineValue(frame, pos, this.skipSpaces(i + 1), commentBefore, dated);
  }

  /**
   * What follows `key: ` or `- ` on the line, at `j`, for the pending item of
   * `frame`: nothing (a nested block or an empty value), a scalar, a flow
   * collection, a block scalar, or after `- ` a compact collection.
   * `commentBefore`: a comment line precedes the item in the same collection.
   * `dated`: the outlines that keep the date of the list item this line starts.
   */
  private inlineValue(frame: Frame<N>, pos: number, j: number, commentBefore: boolean, dated?: ItemOutlines): number {
    const { text, length } = this;
    const c = text.charCodeAt(j);
    if (j >= length || c === NL || c === HASH) {
      // A `#` here follows a space: `:` and `-` need one.
      frame.emptyAt = j;
      frame.pendingComment = c === HASH || commentBefore;
      return c === HASH ? this.lineEnd(j) : Math.min(j + 1, length);
    }
    if (c === LBRACKET || c === LBRACE) {
      const node = this.flowCollection(j, 0, dated);
      const end = this.lineRest(this.at);
      this.build.setEnd2(node, end);
      this.complete(frame, node, true);
      return end;
    }
    if (c === PIPE || c === GT) {
      const node = this.blockScalar(frame, j);
      this.complete(frame, node, false);
      return this.at;
    }
    if (c === DASH && this.blankAt(j + 1)) {
      if (frame.map) outside(); // `key: - item`
      return this.startBlock(pos, j);
    }
    const node = this.scalarToken(j, false);
    const after = this.skipSpaces(this.at);
    if (text.charCodeAt(after) === COLON && this.blankAt(after + 1)) {
      if (frame.map) outside(); // `key: a: b`
      // `- key: value`: a compact mapping in the sequence item.
      const map = this.push(true, j - pos, j);
      return this.mapEntry(map, pos, j, node, dated);
    }
    const end = this.lineRest(this.at);
    this.build.setEnd2(node, end);
    this.complete(frame, node, true);
    return end;
  }

  /** After a value ending at `i`: spaces and a comment may end the line, nothing else. Returns the next line's start. */
  private lineRest(i: number): number {
    const { text, length } = this;
    const j = this.skipSpaces(i);
    if (j >= length) return length;
    const c = text.charCodeAt(j);
    if (c === NL) return j + 1;
    if (c === HASH && j > i) {
      // A quote in the plain value before it: tooDeepAt would skip from it into the comment.
      if (this.quoteInPlain) this.shallow = false;
      return this.lineEnd(j);
    }
    return outside();
  }

  /** A plain or quoted scalar on one line at `i`; `this.at` is set to its end. */
  private scalarToken(i: number, inFlow: boolean): N {
    this.quoteInPlain = false;
    const c = this.text.charCodeAt(i);
    if (c === SQUOTE) return this.singleQuoted(i);
    if (c === DQUOTE) return this.doubleQuoted(i);
    return this.plain(i, inFlow);
  }

  private plain(i: number, inFlow: boolean): N {
    const { text, length } = this;
    const c = text.charCodeAt(i);
    switch (c) {
      case HASH:
      case COMMA:
      case LBRACKET:
      case RBRACKET:
      case LBRACE:
      case RBRACE:
      case AMP:
      case STAR:
      case BANG:
      case PIPE:
      case GT:
      case SQUOTE:
      case DQUOTE:
      case PERCENT:
      case AT:
      case BACKTICK:
      case SPACE:
      case NL:
        outside();
        break;
      case DASH:
      case QUESTION:
      case COLON:
        // Indicators unless a safe character follows: `-1` and `:x` are scalars.
        if (this.blankAt(i + 1) || (inFlow && isFlowIndicator(text.charCodeAt(i + 1)))) outside();
    }
    if (i >= length) outside();
    let last = i;
    let quote = false;
    for (let k = i + 1; k < length; k++) {
      const d = text.charCodeAt(k);
      if (d === NL) break;
      if (d === SPACE) {
        if (text.charCodeAt(k + 1) === HASH) break;
        continue;
      }
      if (d === COLON) {
        const e = text.charCodeAt(k + 1);
        if (e === SPACE || e === NL || k + 1 >= length || (inFlow && isFlowIndicator(e))) break;
      } else if (inFlow && isFlowIndicator(d)) {
        break;
      } else if (d === SQUOTE || d === DQUOTE) {
        quote = true;
      } else if (isBracket(d)) {
        this.shallow = false;
      }
      last = k;
    }
    const end = last + 1;
    this.at = end;
    if (quote) {
      if (inFlow) this.shallow = false;
      else this.quoteInPlain = true;
    }
    const source = text.slice(i, end);
    return resolvePlain(this.build, source, i, end);
  }

  private singleQuoted(i: number): N {
    const { text, length } = this;
    let k = i + 1;
    let escaped = false;
    for (;;) {
      if (k >= length) outside();
      const c = text.charCodeAt(k);
      if (c === NL) outside(); // multi-line: folding rules
      if (c === SQUOTE) {
        if (text.charCodeAt(k + 1) !== SQUOTE) break;
        escaped = true;
        k += 2;
      } else {
        k++;
      }
    }
    const raw = text.slice(i + 1, k);
    const value = escaped ? raw.replace(/''/g, "'") : raw;
    this.at = k + 1;
    return this.build.scalar(value, value, 'QUOTE_SINGLE', i, k + 1);
  }

  private doubleQuoted(i: number): N {
    const { text, length } = this;
    let value = '';
    let chunk = i + 1;
    let k = chunk;
    for (;;) {
      if (k >= length) outside();
      const c = text.charCodeAt(k);
      if (c === DQUOTE) break;
      if (c === NL) outside(); // multi-line: folding rules
      if (c !== BACKSLASH) {
        k++;
        continue;
      }
      value += text.slice(chunk, k);
      const escape = text[k + 1] ?? '';
      const simple = ESCAPES.get(escape);
      if (simple !== undefined) {
        value += simple;
        k += 2;
      } else {
        const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : escape === 'U' ? 8 : 0;
        if (digits === 0) outside(); // an invalid escape, or `\` at the line's end
        const hex = text.slice(k + 2, k + 2 + digits);
        if (!HEX[digits].test(hex)) outside();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) outside();
        value += String.fromCodePoint(code);
        k += 2 + digits;
      }
      chunk = k;
    }
    value += text.slice(chunk, k);
    // `tooDeepAt` takes `\"` for an escaped quote even after an escaped `\`.
    if (text.charCodeAt(k - 1) === BACKSLASH) this.shallow = false;
    this.at = k + 1;
    return this.build.scalar(value, value, 'QUOTE_DOUBLE', i, k + 1);
  }

  /**
   * A flow collection at `i` closed on the same line. Items end after their
   * trailing spaces (keys of flow mappings do not); the collection's own
   * `range[2]` is set by the caller. `dated`: the outlines that keep the
   * date of the list item this collection is.
   */
  private flowCollection(i: number, depth: number, dated?: ItemOutlines): N {
    if (depth > MAX_FLOW_DEPTH) outside();
    const { text, build } = this;
    const isMap = text.charCodeAt(i) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const node = build.collection(isMap, true);
    let k = this.skipSpaces(i + 1);
    if (text.charCodeAt(k) === close) {
      k++;
    } else {
      for (;;) {
        let key: N | undefined = undefined;
        if (isMap) {
          key = this.scalarToken(k, true);
          const colon = this.skipSpaces(this.at);
          // `a:b` is a scalar and `"a":b` is JSON style: only `key: value` is taken.
          if (text.charCodeAt(colon) !== COLON || text.charCodeAt(colon + 1) !== SPACE) outside();
          k = this.skipSpaces(colon + 1);
        }
        const c = text.charCodeAt(k);
        const item = c === LBRACKET || c === LBRACE ? this.flowCollection(k, depth + 1) : this.scalarToken(k, true);
        if (isMap && dated && build.keyValue(key!) === 'date' && c !== LBRACKET && c !== LBRACE) dated.setListItemDate(k, this.at);
        const after = this.skipSpaces(this.at);
        build.setEnd2(item, after);
        build.add(node, key, item);
        const d = text.charCodeAt(after);
        if (d === close) {
          k = after + 1;
          break;
        }
        if (d !== COMMA) outside(); // unclosed on this line, a comment, `:` in a sequence…
        k = this.skipSpaces(after + 1);
        if (text.charCodeAt(k) === close) outside(); // a trailing comma
      }
    }
    this.at = k;
    build.setRange(node, i, k, k);
    return node;
  }

  /**
   * A `|` or `>` block scalar at `i`, the value of the pending item of
   * `frame`. `this.at` is set to the start of the line after it.
   */
  private blockScalar(frame: Frame<N>, i: number): N {
    const { text, length } = this;
    const folded = text.charCodeAt(i) === GT;
    let k = i + 1;
    const chomp = text[k];
    if (chomp === '-' || chomp === '+') k++;
    // Only spaces and a comment after the header; no indentation digit.
    const headerEnd = k;
    k = this.skipSpaces(k);
    if (text.charCodeAt(k) === HASH && k > headerEnd) k = this.lineEnd(k) - 1;
    if (k >= length || text.charCodeAt(k) !== NL) outside();
    let lineStart = k + 1;
    let indent = -1; // the indentation of the first content line, which all content lines share
    let leadingBlanks = 0;
    let blanks = 0; // blank lines since the last content line
    let value = '';
    let contentEnd = -1; // after the last content line (and its newline)
    for (;;) {
      if (lineStart >= length) break;
      const j = this.skipSpaces(lineStart);
      const spaces = j - lineStart;
      const c = text.charCodeAt(j);
      if (j >= length || c === NL) {
        // Spaces ending the text continue the scalar only if indented like its content.
        if (j >= length && spaces < indent) break;
        // A blank line. More spaces than the content's indentation would be content.
        if (indent >= 0 && spaces > indent) outside();
        if (indent < 0) leadingBlanks++;
        else blanks++;
        if (j >= length) {
          lineStart = length;
          break;
        }
        lineStart = j + 1;
        continue;
      }
      if (indent < 0) {
        // The content must be indented deeper than the collection, else the scalar is empty.
        if (spaces <= frame.indent) outside();
        indent = spaces;
      } else if (spaces < indent) {
        break;
      }
      if (spaces > indent && folded) outside(); // more-indented lines fold differently
      const nl = text.indexOf('\n', j);
      const end = nl < 0 ? length : nl;
      const line = text.slice(lineStart + indent, end);
      if (contentEnd < 0) {
        value = '\n'.repeat(leadingBlanks) + line;
      } else if (folded) {
        value += blanks === 0 ? ' ' + line : '\n'.repeat(blanks) + line;
      } else {
        value += '\n'.repeat(blanks + 1) + line;
      }
      blanks = 0;
      contentEnd = nl < 0 ? length : nl + 1;
      lineStart = contentEnd;
    }
    if (contentEnd < 0) outside(); // no content
    if (leadingBlanks > 0 && indent >= 0) {
      // Leading blank lines may not be indented deeper than the first content line.
      let scan = k + 1;
      for (let n = 0; n < leadingBlanks; n++) {
        const j = this.skipSpaces(scan);
        if (j - scan > indent) outside();
        scan = j + 1;
      }
    }
    let end = contentEnd;
    if (chomp === '+') {
      // Keep: the trailing blank lines are part of the scalar.
      end = lineStart;
      const newlines = (text.charCodeAt(contentEnd - 1) === NL ? 1 : 0) + countNewlines(text, contentEnd, end);
      value += '\n'.repeat(Math.max(1, newlines));
    } else if (chomp !== '-') {
      value += '\n';
    }
    // tooDeepAt would count a bracket here; a quote only skips to the end of its line, which holds nothing but this text.
    if (BRACKET.test(value)) this.shallow = false;
    this.at = end;
    return this.build.scalar(value, value, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', i, end);
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === NL) n++;
  return n;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** `[`, `]`, `{` or `}` (`[` and `{`, `]` and `}` differ only in the bit of 32). */
function isBracket(c: number): boolean {
  return (c | 32) === LBRACE || (c | 32) === RBRACE;
}

const BRACKET = /[[\]{}]/;

/** The keys of the mappings with many pairs, for the duplicate check. */
const keySets = new WeakMap<object, Set<unknown>>();

function pairKeyValue(pair: Pair<ParsedNode, ParsedNode | null>): unknown {
  return (pair.key as Scalar).value;
}

/**
 * Whether `value` repeats a key of `pairs` (each key's value: `keyOf`), as
 * yaml's `uniqueKeys` check compares them (with ===, so NaN never repeats):
 * a linear search for the few pairs of most mappings, a set beyond.
 */
function repeatsKey<P>(map: object, pairs: readonly P[], keyOf: (pair: P) => unknown, value: unknown): boolean {
  if (value !== value) return false;
  let set = keySets.get(map);
  if (set === undefined) {
    for (const pair of pairs) if (keyOf(pair) === value) return true;
    if (pairs.length < KEY_SET_FROM) return false;
    keySets.set(map, (set = new Set(pairs.map(keyOf))));
    set.add(value);
    return false;
  }
  if (set.has(value)) return true;
  set.add(value);
  return false;
}

/** YAML's one-character escapes in double quotes (a tab after `\\` too, but tabs never get here). */
const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['0', '\0'],
  ['a', '\x07'],
  ['b', '\b'],
  ['e', '\x1b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['v', '\v'],
  ['N', '\u0085'],
  ['_', '\u00a0'],
  ['L', '\u2028'],
  ['P', '\u2029'],
  [' ', ' '],
  ['"', '"'],
  ['/', '/'],
  ['\\', '\\'],
]);

const HEX: Readonly<Record<number, RegExp>> = { 2: /^[0-9a-fA-F]{2}$/, 4: /^[0-9a-fA-F]{4}$/, 8: /^[0-9a-fA-F]{8}$/ };

// The YAML 1.2 core schema's tags: null, bool, int (octal, decimal, hex),
// float (.inf/.nan, exponent, fixed); anything else is a string. Decimal ints
// and fixed floats (`[-+]?[0-9]+`, `[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)`) are
// recognised by hand in resolveNumber.
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;

/** A plain scalar's node, its value resolved as `yaml`'s core schema does. */
function resolvePlain<N>(build: Builder<N>, source: string, start: number, end: number): N {
  const c = source.charCodeAt(0);
  // The first character says which tags can match at all: most values are text.
  if (c === 126 || c === 110 || c === 78) {
    if (NULL.test(source)) return build.scalar(null, source, 'PLAIN', start, end);
  } else if (c === 116 || c === 84 || c === 102 || c === 70) {
    if (BOOL.test(source)) return build.scalar(c === 116 || c === 84, source, 'PLAIN', start, end);
  } else if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    return resolveNumber(build, source, start, end);
  }
  return build.scalar(source, source, 'PLAIN', start, end);
}

function resolveNumber<N>(build: Builder<N>, source: string, start: number, end: number): N {
  // The tags' patterns exclude each other, so the order of the tests does not
  // matter. The usual shapes first, by hand: a sign, digits, at most one dot.
  const length = source.length;
  let i = source.charCodeAt(0) === 43 || source.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let dot = -1;
  for (; i < length; i++) {
    const c = source.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && dot < 0) dot = i;
    else break;
  }
  if (i === length && digits > 0) {
    if (dot < 0) return build.scalar(parseInt(source, 10), source, 'PLAIN', start, end);
    // yaml keeps trailing zeros (`27.0`) for writing the number back.
    const minFractionDigits = source.charCodeAt(length - 1) === 48 ? length - dot - 1 : undefined;
    return build.scalar(parseFloat(source), source, 'PLAIN', start, end, undefined, minFractionDigits);
  }
  if (INT_OCT.test(source)) return build.scalar(parseInt(source.slice(2), 8), source, 'PLAIN', start, end, 'OCT');
  if (INT_HEX.test(source)) return build.scalar(parseInt(source.slice(2), 16), source, 'PLAIN', start, end, 'HEX');
  if (FLOAT_NAN.test(source)) {
    const value = /nan$/i.test(source) ? NaN : source.charCodeAt(0) === 45 ? -Infinity : Infinity;
    return build.scalar(value, source, 'PLAIN', start, end);
  }
  if (FLOAT_EXP.test(source)) return build.scalar(parseFloat(source), source, 'PLAIN', start, end, 'EXP');
  return build.scalar(source, source, 'PLAIN', start, end);
}
