import { parseDocument, visit, type Alias, type Document, type ParsedNode } from 'yaml';
import { locate, locatePlace, nodeAt, nodeAtFrom, type Anchor } from './locate';
import { dateOfText, parseDate } from './dates';
import { addDuplicateKeyErrors } from './duplicate-keys';
import { encodingProblem } from './encoding';
import { message, type Message, type MessageKey } from './l10n/catalogue';
import {
  fastParseData,
  fastParseDocument,
  fastParseItem,
  fastParseItemData,
  fastParseItemPlaces,
  itemEnd,
  itemHolding,
  lineEnd,
  type Outline,
  type OutlineKey,
  type Place,
} from './fast-yaml';
import { MAX_NESTING, tooDeepAt } from './nesting';
import { misplacedItems, schemaProblems } from './schema';
import {
  problem,
  type Aggregation,
  type DataPath,
  type DateValue,
  type Direction,
  type Frequency,
  type Goal,
  type GoalStatus,
  type Kpi,
  type KpiFaults,
  type KpiFile,
  type LinkedFile,
  type Measurement,
  type NodeAt,
  type PlanEntry,
  type Point,
  type Problem,
  type SourceFile,
  type SourceQuery,
  type Span,
} from './types';

/** More alias expansions than this mark an alias bomb, not a KPI file. */
export const MAX_ALIAS_EXPANSIONS = 1000;
/** Larger files get one diagnostic and are not parsed. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** A file's first this many KPIs are linted; `too-many-kpis` reports the rest as over the limit. */
export const MAX_KPIS_PER_FILE = 5000;
/** A file shows at most this many syntax errors: the first ones are the ones to fix. */
const MAX_SYNTAX_ERRORS = 10;

type Data = Record<string, unknown>;

const FREQUENCIES: readonly string[] = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'];

function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A date written as text (shared with every other use of that text) or as a bare year. */
function dateValue(value: unknown): DateValue | undefined {
  if (typeof value === 'string') return dateOfText(value);
  const day = parseDate(value);
  return day === undefined ? undefined : { text: String(value), day };
}

/** The origins of inline measurements, shared like dates: `INLINE[i]` is index i. */
const INLINE: { readonly kind: 'inline'; readonly index: number }[] = [];

function inline(index: number): Measurement['origin'] {
  return (INLINE[index] ??= Object.freeze({ kind: 'inline', index }));
}

function point(value: unknown): Point | undefined {
  if (!isData(value)) return undefined;
  return { value: asNumber(value.value), date: dateValue(value.date) };
}

function source(value: unknown): string | SourceFile | SourceQuery | undefined {
  if (typeof value === 'string') return value;
  if (!isData(value)) return undefined;
  const date = asText(value.date);
  const column = asText(value.value);
  if (date === undefined || column === undefined) return undefined;
  const connection = asText(value.connection);
  if (connection !== undefined) {
    const query = asText(value.query);
    const queryFile = asText(value.queryFile);
    // Exactly one of the two: the schema says which is wrong.
    if ((query === undefined) === (queryFile === undefined)) return undefined;
    return { connection, ...(query !== undefined ? { query } : { queryFile: queryFile! }), date, value: column };
  }
  const file = asText(value.file);
  if (file === undefined) return undefined;
  const sheet = asText(value.sheet);
  return sheet === undefined ? { file, date, value: column } : { file, sheet, date, value: column };
}

function measurements(value: unknown, broken: ReadonlySet<number>): Measurement[] {
  if (!Array.isArray(value)) return [];
  const result: Measurement[] = [];
  value.forEach((item: unknown, index) => {
    if (!isData(item) || broken.has(index)) return;
    const date = dateValue(item.date);
    const measured = asNumber(item.value);
    if (date && measured !== undefined) result.push({ date, value: measured, note: asText(item.note), origin: inline(index) });
  });
  return result;
}

function plan(value: unknown, broken: ReadonlySet<number>): PlanEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const result: PlanEntry[] = [];
  value.forEach((item: unknown, index) => {
    if (!isData(item) || broken.has(index)) return;
    const date = dateValue(item.date);
    const planned = asNumber(item.value);
    if (date && planned !== undefined) result.push({ date, value: planned, index });
  });
  return result;
}

const NO_FAULTS: KpiFaults = Object.freeze({ properties: new Map<string, number>(), measurements: new Set<number>(), plan: new Set<number>() });

/**
 * Each KPI's faults, by its index in `kpis`, from the schema problems'
 * paths: a problem inside a property marks it; one inside a measurement or
 * a plan entry marks that entry.
 */
function faultsOf(problems: readonly Problem[]): Map<number, KpiFaults> {
  const found = new Map<number, { properties: Map<string, number>; measurements: Set<number>; plan: Set<number> }>();
  for (const { path } of problems) {
    const [list, index, property, entry] = path ?? [];
    if (list !== 'kpis' || typeof index !== 'number' || typeof property !== 'string') continue;
    let faults = found.get(index);
    if (!faults) found.set(index, (faults = { properties: new Map(), measurements: new Set(), plan: new Set() }));
    faults.properties.set(property, (faults.properties.get(property) ?? 0) + 1);
    if (typeof entry === 'number' && (property === 'measurements' || property === 'plan')) faults[property].add(entry);
  }
  return found;
}

function goal(file: KpiFile, data: Data, path: DataPath): Goal | undefined {
  const id = asText(data.id);
  if (id === undefined) return undefined;
  const status = data.status === 'achieved' || data.status === 'dropped' ? (data.status as GoalStatus) : 'active';
  return { file, path, id, title: asText(data.title), parent: asText(data.parent), owner: asText(data.owner), due: dateValue(data.due), status };
}

function kpi(file: KpiFile, data: Data, path: DataPath, faults = NO_FAULTS): Kpi | undefined {
  const id = asText(data.id);
  if (id === undefined) return undefined;
  // Keep positions: an id that is not text becomes '' (the schema reports it), so index i is still item i.
  // `goals: grow-revenue` without brackets links as meant; the schema reports the brackets.
  const listed = typeof data.goals === 'string' ? [data.goals] : data.goals;
  const goals = Array.isArray(listed) ? listed.map((g: unknown) => (typeof g === 'string' ? g : '')) : undefined;
  const thresholds = isData(data.thresholds) ? { atRisk: asNumber(data.thresholds.atRisk), offTrack: asNumber(data.thresholds.offTrack) } : undefined;
  const direction: Direction = data.direction === 'decrease' ? 'decrease' : 'increase';
  const frequency = FREQUENCIES.includes(data.frequency as string) ? (data.frequency as Frequency) : undefined;
  const aggregation: Aggregation = data.aggregation === 'sum' || data.aggregation === 'average' ? data.aggregation : 'last';
  return {
    file,
    path,
    id,
    name: asText(data.name),
    description: asText(data.description),
    category: asText(data.category),
    goals: data.goals === undefined ? undefined : goals,
    owner: asText(data.owner),
    rationale: asText(data.rationale),
    tags: Array.isArray(data.tags) ? data.tags.filter((t: unknown): t is string => typeof t === 'string') : undefined,
    unit: asText(data.unit),
    direction,
    frequency,
    aggregation,
    baseline: point(data.baseline),
    target: point(data.target),
    thresholds,
    source: source(data.source),
    measurements: measurements(data.measurements, faults.measurements),
    plan: plan(data.plan, faults.plan),
    faults,
    keys: Object.keys(data),
  };
}

function items<T>(
  file: KpiFile,
  data: Data,
  list: 'goals' | 'kpis',
  make: (file: KpiFile, item: Data, path: DataPath) => T | undefined,
  skipped: ReadonlySet<number>,
): T[] {
  const value = data[list];
  if (!Array.isArray(value)) return [];
  const result: T[] = [];
  value.forEach((item: unknown, index) => {
    if (!isData(item) || skipped.has(index)) return;
    const made = make(file, item, [list, index]);
    if (made !== undefined) result.push(made);
  });
  return result;
}

function syntaxProblem(said: Message, start: number, end: number): Problem {
  return problem(said, { start, end: Math.max(end, start) });
}

/**
 * The YAML parser every position comes from, the same on first reading and
 * when found again: the fast parser for the plain YAML KPI files are made of
 * (same nodes, same ranges), `yaml` itself for anything else. A file's first
 * reading takes its data alone from the fast parser when it can; nodes are
 * made when a finding needs a position.
 */
let fastPath = true;

/** How many texts were read again from a previous version's data, one item parsed (for the tests and the benchmark). */
export const readCounts = { oneItem: 0 };

/** Turns the fast parser off or on: for the tests that prove both paths give the same diagnostics. */
export function useFastParser(on: boolean): void {
  fastPath = on;
}

/** Runs one of the fast parser's modes: a fault in it must never cost a diagnostic, `yaml` then decides. */
function fast<T>(parse: (text: string) => T | undefined, text: string): T | undefined {
  if (!fastPath) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

function parseYaml(text: string, tryFast = true): Document.Parsed {
  const document = tryFast ? fast(fastParseDocument, text) : undefined;
  if (document) return document;
  // yaml makes an Error for each problem: on a broken file (100,000 for a long line of junk) their stack traces, never shown, take most of the time.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // yaml's own unique-keys check is quadratic in a mapping's keys; logLevel 'error' keeps its warnings off stderr.
    return addDuplicateKeyErrors(
      parseDocument(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' }),
      MAX_SYNTAX_ERRORS,
    );
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** The data of a text as the linter reads it (for the test that compares it with `yaml`'s `toJS`). */
export function yamlData(text: string): unknown {
  return readYaml(text).data;
}

/** A map that keeps the most recently used few entries. */
class Recent<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) this.set(key, value);
    return value;
  }

  set(key: K, value: V): V {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

/** Documents parsed again to place findings or answer the editor: the most recently used few. */
const recentDocuments = new Recent<ParsedFile, Document.Parsed>(32);

function documentOf(file: ParsedFile): Document.Parsed {
  return recentDocuments.get(file) ?? recentDocuments.set(file, parseYaml(file.text));
}

/**
 * List items parsed alone to answer the editor (`nodeAt`), by their text
 * (ranges count from the item's line): an item an edit did not touch is
 * found again. `null`: the item does not read alone, the whole document is
 * parsed instead.
 */
const recentItems = new Recent<string, ParsedNode | null>(1024);
/**
 * The places of the list items parsed alone to place findings in them, by
 * the start of the item's line, for the one file whose findings were placed
 * last: the rules place one file's findings at a time. Kept no longer, they
 * die young. Kept for the last few files, with 35,000 findings, V8 came to
 * allocate all of them in the old generation, and collecting them there
 * cost more than parsing them (and doubled the peak memory).
 */
let placed: { readonly file: ParsedFile; readonly places: Map<number, Place | null> } | undefined;
/** Larger items are parsed alone but not kept. */
const KEPT_ITEM_LENGTH = 64 * 1024;

/** The data of the files read last, from which an edit of one item is read again (`parseKpiFile`'s `previous`). */
const recentData = new Recent<ParsedFile, Data>(8);

/** The first top-level key that a path segment names (as `locate` compares keys), if it is text. */
function outlineKey(outline: Outline, segment: string | number): { key: OutlineKey; index: number } | undefined {
  const index = outline.keys.findIndex((k) => k.name === String(segment));
  const key = outline.keys[index];
  return key?.text ? { key, index } : undefined;
}

class ParsedFile implements KpiFile {
  syntaxErrors: readonly Problem[] = [];
  schemaErrors: readonly Problem[] = [];
  title?: string;
  goals: readonly Goal[] = [];
  kpis: readonly Kpi[] = [];
  hasKpisKey = false;
  listedKpis = 0;
  /** Whether the text parsed into data at all (not too large, binary or too deep). */
  parsed = false;
  /** Where the top-level keys and list items are, when the fast parser read the file. */
  outline?: Outline;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  locate(path: DataPath, anchor: Anchor = 'value'): Span {
    if (!this.parsed) return { start: 0, end: 0 };
    const told = this.toldByOutline(path, anchor);
    if (told) return told;
    const item = this.topItemPlace(path);
    if (item) {
      const span = locatePlace(item.place, path.slice(2), anchor);
      return { start: span.start + item.start, end: span.end + item.start };
    }
    // A top-level key: the outline knows where it is.
    const top = path.length === 1 && anchor === 'key' && this.outline ? outlineKey(this.outline, path[0]) : undefined;
    if (top) return { start: top.key.start, end: top.key.end };
    return locate(documentOf(this), path, anchor);
  }

  idLineStart(path: DataPath): number | undefined {
    const index = path[1];
    if (!this.outline || path.length !== 2 || typeof index !== 'number') return undefined;
    const start = outlineKey(this.outline, path[0])?.key.items?.[index];
    if (start === undefined) return undefined;
    // `- id: value` on the item's first line (a comment or nothing after `id:` leaves it to locate).
    return /^[ \t]*-[ \t]+id[ \t]*:[ \t]*[^\s#]/.test(this.text.slice(start, lineEnd(this.text, start))) ? start : undefined;
  }

  nodeAt(offset: number): NodeAt | undefined {
    if (!this.parsed || this.syntaxErrors.length > 0) return undefined;
    const path = this.itemPathAt(offset);
    if (!path) return nodeAt(documentOf(this), offset);
    const [key, index] = path as [string, number];
    // A node's range ends after its line break (a block scalar): the start of an item's line may still be in the item before.
    const candidates = index > 0 && offset === this.item(path)?.start ? [[key, index - 1], path] : [path];
    for (const candidate of candidates) {
      const item = this.item(candidate);
      if (!item) return nodeAt(documentOf(this), offset);
      const relative = offset - item.start;
      const { range } = item.node;
      if (relative < range[0] || relative > range[1]) continue;
      const found = nodeAtFrom(item.node, candidate, relative);
      return found && { ...found, span: { start: found.span.start + item.start, end: found.span.end + item.start } };
    }
    return undefined;
  }

  /** The list item a path leads into (`[key, index, ...]`), parsed alone, and where its text starts. */
  private item(path: DataPath): { node: ParsedNode; start: number } | undefined {
    const item = this.topItem(path);
    if (!item) return undefined;
    const text = this.text.slice(item.start, lineEnd(this.text, item.end));
    let node = recentItems.get(text);
    if (node === undefined) {
      const read = fastParseItem(text, item.column);
      node = read && read.end === item.end - item.start ? read.item : null;
      if (text.length <= KEPT_ITEM_LENGTH) recentItems.set(text, node);
    }
    return node ? { node, start: item.start } : undefined;
  }

  /**
   * A finding's span as the outline of the list item it is in tells it,
   * without reading the whole item: one of the item's keys, its first key,
   * the date of an item of a block list under one of its keys (a
   * measurement), or another place in such an item, read alone. Undefined
   * when the outline does not tell, and the whole item is read (locate's
   * walk, on less text).
   */
  private toldByOutline(path: DataPath, anchor: Anchor): Span | undefined {
    const index = path[1];
    if (!this.outline || typeof index !== 'number') return undefined;
    const top = outlineKey(this.outline, path[0]);
    const items = top?.key.inner;
    if (!top || !items) return undefined;
    if (path.length === 2) {
      const first = anchor === 'first-key' ? items.firstKey(index) : -1;
      return first < 0 ? undefined : items.keySpan(first);
    }
    const key = items.key(index, String(path[2]));
    if (key < 0) return undefined;
    // A key, or a scalar value: no mapping whose first key `first-key` would point at.
    if (path.length === 3) return anchor === 'key' ? items.keySpan(key) : items.valueSpan(key);
    if (typeof path[3] !== 'number') return undefined;
    // A measurement's or a plan entry's date: the outline has its span when it is on the entry's line.
    const date = path.length === 5 && path[4] === 'date' && anchor === 'value' ? items.listItemDate(index, key, path[3]) : undefined;
    if (date) return date;
    const entry = items.listItem(index, key, path[3], itemEnd(this.outline, top.index, index, this.text.length));
    const read = entry && this.read(entry.start, entry.column, entry.end);
    if (!read) return undefined;
    const span = locatePlace(read, path.slice(4), anchor);
    return { start: span.start + entry.start, end: span.end + entry.start };
  }

  /** The places of the list item a path leads into, parsed alone as `item` parses it, and where its text starts. */
  private topItemPlace(path: DataPath): { place: Place; start: number } | undefined {
    const item = this.topItem(path);
    const place = item && this.read(item.start, item.column, item.end);
    return place && { place, start: item.start };
  }

  /**
   * The places of the list item whose line starts at `start`, its `-` at
   * `column`, read alone; undefined when it does not read alone exactly to
   * `end` (the line where the next item or key starts).
   */
  private read(start: number, column: number, end: number): Place | undefined {
    if (placed?.file !== this) placed = { file: this, places: new Map() };
    const { places } = placed;
    let place = places.get(start);
    if (place === undefined) {
      const read = fastParseItemPlaces(this.text.slice(start, lineEnd(this.text, end)), column);
      place = read && read.end === end - start ? read.item : null;
      places.set(start, place);
    }
    return place ?? undefined;
  }

  /**
   * The top-level list item a path leads into: where its line starts, the
   * column of its `-`, and where its lines end (the line of the next item or
   * key, or the text's end).
   */
  private topItem(path: DataPath): { start: number; column: number; end: number } | undefined {
    const index = path[1];
    if (!this.outline || typeof index !== 'number') return undefined;
    const top = outlineKey(this.outline, path[0]);
    const start = top?.key.items?.[index];
    if (!top || start === undefined) return undefined;
    return { start, column: top.key.column!, end: itemEnd(this.outline, top.index, index, this.text.length) };
  }

  /** The path of the list item whose text holds `offset`, if any. */
  private itemPathAt(offset: number): DataPath | undefined {
    const keys = this.outline?.keys ?? [];
    for (let k = 0; k < keys.length; k++) {
      const items = keys[k].items;
      if (!items || items.length === 0 || offset < items[0] || offset >= itemEnd(this.outline!, k, items.length - 1, this.text.length)) continue;
      // Another key of the same name comes first: leave it to the whole document.
      return outlineKey(this.outline!, keys[k].name)?.index === k ? [keys[k].name, itemHolding(items, offset)] : undefined;
    }
    return undefined;
  }
}

interface Read {
  /** The text parsed into data (it is not too large, binary or too deep). */
  readonly parsed: boolean;
  /** The document, when the first reading made one. */
  readonly document?: Document.Parsed;
  readonly data?: unknown;
  readonly outline?: Outline;
  readonly problems: Problem[];
}

/** Reads the YAML and its data; any failure becomes a located syntax problem, never an exception. */
function readYaml(text: string, previous?: ParsedFile): Read {
  const encoding = encodingProblem(text);
  if (encoding) return { parsed: false, problems: [encoding] };
  if (text.length > MAX_FILE_BYTES) {
    const size = Number((text.length / 1024 / 1024).toFixed(1));
    return { parsed: false, problems: [syntaxProblem(message('schema.file-too-large', { size, limit: MAX_FILE_BYTES / 1024 / 1024 }), 0, 1)] };
  }
  // The fast parser bounds its own nesting. A text it read whole and calls
  // shallow is one tooDeepAt passes (fast-yaml.ts), so it skips that check
  // and the verdict is the same with the fast parser on or off.
  const again = previous && fast((t) => reread(previous, t), text);
  const plain = again ?? fast(fastParseData, text);
  if (plain?.shallow) return { parsed: true, data: plain.data, outline: plain.outline, problems: [] };
  // `yaml` recurses into nested collections: at the stack's end V8 may
  // abort the process, so absurd nesting never reaches it.
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    return { parsed: false, problems: [syntaxProblem(message('schema.yaml-too-deep', { max: MAX_NESTING }), deep, deep + 1)] };
  }
  if (again) readCounts.oneItem++;
  if (plain) return { parsed: true, data: plain.data, outline: plain.outline, problems: [] };
  let document: Document.Parsed;
  try {
    document = parseYaml(text, false);
  } catch (error) {
    return { parsed: false, problems: [syntaxProblem(unreadable(error), 0, 1)] };
  }
  // Nesting that tooDeepAt did not foresee: yaml reports the stack it ran out of, at places that depend on the stack left.
  const exhausted = document.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    const line = text.lastIndexOf('\n', exhausted.pos[0] - 1) + 1;
    return { parsed: false, problems: [syntaxProblem(message('schema.yaml-too-deep', { max: MAX_NESTING }), line, line + 1)] };
  }
  // A tab in the indentation throws every line after it out of place: the first tab is the one problem to tell.
  const tab = document.errors.find((e) => e.code === 'TAB_AS_INDENT');
  if (tab) return { parsed: true, document, problems: [syntaxProblem(message('schema.yaml-tab'), tab.pos[0], tab.pos[0] + 1)] };
  const problems = document.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
    const [start, end] = e.pos;
    // The parser marks a duplicate key by its first character: cover the whole key.
    const keyEnd = e.code === 'DUPLICATE_KEY' ? start + (/^[^\n:#]*[^\s:#]/.exec(text.slice(start, start + 1000))?.[0].length ?? 1) : end;
    return syntaxProblem(syntaxMessage(e.code, e.message, text, start, keyEnd), start, keyEnd);
  });
  if (problems.length > 0) return { parsed: true, document, problems };
  // Only a text with `*` can hold an alias: most files skip the walk.
  const unresolved = text.includes('*') ? aliases(document).find((alias) => alias.resolve(document) === undefined) : undefined;
  if (unresolved) {
    const [start, end] = unresolved.range ?? [0, 1];
    return {
      parsed: true,
      document,
      problems: [syntaxProblem(message('schema.yaml-alias-unresolved', { name: unresolved.source }), start, end)],
    };
  }
  try {
    return { parsed: true, document, data: document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS }), problems };
  } catch (error) {
    const [start, end] = aliases(document)[0]?.range ?? [0, 1];
    const said =
      error instanceof ReferenceError && /alias/i.test(error.message) ? message('schema.yaml-alias-bomb', { max: MAX_ALIAS_EXPANSIONS }) : unreadable(error);
    return { parsed: true, document, problems: [syntaxProblem(said, start, end)] };
  }
}

/** A failure of the parser itself: its words only in English (they are the parser's), a sentence of ours in Swedish. */
function unreadable(error: unknown): Message {
  return message('schema.yaml-unreadable', { error: error instanceof Error ? error.message : String(error) });
}

function aliases(document: Document): Alias[] {
  const found: Alias[] = [];
  visit(document, { Alias: (_, alias) => void found.push(alias) });
  return found;
}

/** The line of `text` that holds `offset`, without its line break. */
function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/**
 * The messages for the parser's own errors, by their code. In English they
 * give the parser's first line, which says exactly what it found; in Swedish
 * a sentence of ours for the code, so no English of the library reaches a
 * Swedish user.
 */
const PARSER_ERRORS: Readonly<Record<string, MessageKey>> = {
  ALIAS_PROPS: 'schema.yaml-error-alias-props',
  BAD_ALIAS: 'schema.yaml-error-bad-alias',
  BAD_DIRECTIVE: 'schema.yaml-error-bad-directive',
  BAD_DQ_ESCAPE: 'schema.yaml-error-bad-dq-escape',
  BAD_INDENT: 'schema.yaml-error-bad-indent',
  BAD_PROP_ORDER: 'schema.yaml-error-bad-prop-order',
  BAD_SCALAR_START: 'schema.yaml-error-bad-scalar-start',
  BLOCK_AS_IMPLICIT_KEY: 'schema.yaml-error-block-as-implicit-key',
  BLOCK_IN_FLOW: 'schema.yaml-error-block-in-flow',
  DUPLICATE_KEY: 'schema.yaml-error-duplicate-key',
  IMPOSSIBLE: 'schema.yaml-error-impossible',
  KEY_OVER_1024_CHARS: 'schema.yaml-error-key-over-1024-chars',
  MISSING_CHAR: 'schema.yaml-error-missing-char',
  MULTILINE_IMPLICIT_KEY: 'schema.yaml-error-multiline-implicit-key',
  MULTIPLE_ANCHORS: 'schema.yaml-error-multiple-anchors',
  MULTIPLE_DOCS: 'schema.yaml-error-multiple-docs',
  MULTIPLE_TAGS: 'schema.yaml-error-multiple-tags',
  NON_STRING_KEY: 'schema.yaml-error-non-string-key',
  RESOURCE_EXHAUSTION: 'schema.yaml-error-resource-exhaustion',
  TAB_AS_INDENT: 'schema.yaml-error-tab-as-indent',
  TAG_RESOLVE_FAILED: 'schema.yaml-error-tag-resolve-failed',
  UNEXPECTED_TOKEN: 'schema.yaml-error-unexpected-token',
  BAD_COLLECTION_TYPE: 'schema.yaml-error-bad-collection-type',
};

/** A parser error as it says it, by its code: any code not known here gets the general message. */
export function parserError(code: string, detail: string): Message {
  return message(Object.hasOwn(PARSER_ERRORS, code) ? PARSER_ERRORS[code] : 'schema.yaml-error-other', { detail });
}

/**
 * A parser error in the words of the mistake a person made, with the text
 * to write instead where it can be told; otherwise the parser's first line.
 */
function syntaxMessage(code: string, parserMessage: string, text: string, start: number, end: number): Message {
  const first = parserMessage
    .split(/\r\n|\r|\n/)[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
  const line = lineAt(text, start);
  if (code === 'DUPLICATE_KEY') return message('schema.yaml-duplicate-key', { key: text.slice(start, end) });
  if (code === 'MULTIPLE_DOCS') return message('schema.yaml-multiple-docs');
  if (code === 'BAD_SCALAR_START') {
    // `unit: %`: the value up to a comment or the end of its flow item.
    const value = /^[^\n,\]}]*?(?=\s+#|[,\]}]|$)/m.exec(text.slice(start))![0].trim();
    return message('schema.yaml-bad-scalar-start', { char: text.charAt(start), quoted: JSON.stringify(value) });
  }
  // `owner:Erik Lund`: a key needs a space after its colon.
  const glued = code === 'MULTILINE_IMPLICIT_KEY' ? /^\s*(?:-\s+)?([A-Za-z_][\w-]*):(\S.*)$/.exec(line) : null;
  if (glued) return message('schema.yaml-space-after-colon', { key: glued[1], value: glued[2].trim() });
  // `note: campaign: started`: a value holding `: ` reads as a key of its own.
  const colon = code === 'BLOCK_AS_IMPLICIT_KEY' ? /^\s*(?:-\s+)?([^\s:#'"][^:#]*):\s+([^'"].*?:\s.*?)\s*$/.exec(line) : null;
  if (colon) return message('schema.yaml-colon-in-value', { key: colon[1], value: JSON.stringify(colon[2]) });
  return parserError(code, /[.:]$/.test(first) ? first : `${first}.`);
}

/**
 * The data of `text`, a new version of `previous`'s, read again from the
 * previous data when the edit lies inside one item of a top-level block list
 * and the item reads alone as one item at the same column; otherwise
 * undefined and the whole text is parsed. The result equals the whole
 * parse's (a test compares them on thousands of random edits).
 */
function reread(previous: ParsedFile, text: string): { data: Data; outline: Outline; shallow: false } | undefined {
  const { outline, text: old } = previous;
  const data = recentData.get(previous);
  if (!outline || !data) return undefined;
  // The changed part: old[start, old.length - end) became text[start, text.length - end).
  const start = commonLength(old, text, Math.min(old.length, text.length), 1);
  const end = commonLength(old, text, Math.min(old.length, text.length) - start, -1);
  const changedEnd = old.length - end;
  const delta = text.length - old.length;
  for (let k = 0; k < outline.keys.length; k++) {
    const key = outline.keys[k];
    const items = key.items;
    if (!items || items.length === 0 || start < items[0] || start >= itemEnd(outline, k, items.length - 1, old.length)) continue;
    const i = itemHolding(items, start);
    const itemStop = itemEnd(outline, k, i, old.length);
    // The line break before the next item must be kept, unless the item runs to the end.
    if (itemStop < old.length ? changedEnd > itemStop - 1 : changedEnd > itemStop) return undefined;
    // Keys that are all text and all different: with `1:` and `"1":`, or `~:` and `"":`, the data holds the last one's list.
    const plain = outline.keys.every((other) => other.text && (other === key || other.name !== key.name));
    const list = plain ? data[key.name] : undefined;
    if (!Array.isArray(list) || list.length !== items.length) return undefined;
    const stop = itemStop + delta;
    const item = fastParseItemData(text.slice(items[i], lineEnd(text, stop)), key.column!);
    // Exactly the lines up to the next item, and only a mapping: an empty item's place depends on the lines before it.
    if (!item || item.end !== stop - items[i] || !isData(item.data)) return undefined;
    const copy = list.slice();
    copy[i] = item.data;
    // Shallow is not known of the lines not read again: the text is checked for depth.
    return { data: { ...data, [key.name]: copy }, outline: shifted(outline, items[i], delta), shallow: false };
  }
  return undefined;
}

/**
 * How many characters `a` and `b` have in common from their starts
 * (`direction` 1) or their ends (-1), at most `most`:
 * compared a block at a time, then character by character.
 */
function commonLength(a: string, b: string, most: number, direction: 1 | -1): number {
  const BLOCK = 256;
  const at = (s: string, n: number, length: number) => (direction === 1 ? s.slice(n, n + length) : s.slice(s.length - n - length, s.length - n));
  let n = 0;
  while (n + BLOCK <= most && at(a, n, BLOCK) === at(b, n, BLOCK)) n += BLOCK;
  while (n < most && (direction === 1 ? a.charCodeAt(n) === b.charCodeAt(n) : a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n))) n++;
  return n;
}

/** The outline after an edit inside the item starting at `at` changed the text's length by `delta`. */
function shifted(outline: Outline, at: number, delta: number): Outline {
  const move = (n: number) => (n > at ? n + delta : n);
  return {
    keys: outline.keys.map((key) => ({
      ...key,
      line: move(key.line),
      start: move(key.start),
      end: move(key.end),
      items: key.items?.map(move),
      // The items' outlines are not kept: their findings are placed by reading the item.
      inner: undefined,
    })),
  };
}

/**
 * Keeps the data of a file read once (without `edited`) for an edit's
 * re-read of one item, as if it had been read with `edited`: the language
 * server asks for it when such a file, open in the editor, is changed. Reads
 * the text's data again; nothing when it is kept already or the text has no
 * top-level keys (no edit re-reads one item of it).
 */
export function keepData(file: KpiFile): void {
  if (!(file instanceof ParsedFile) || !file.outline?.keys.length || file.syntaxErrors.length > 0 || recentData.get(file) !== undefined) return;
  const read = fast(fastParseData, file.text);
  if (read && isData(read.data)) recentData.set(file, read.data);
}

/**
 * What places findings in a parsed file, without its goals and KPIs: the
 * text's outline, from which `locate` answers as the file's own does. `kpi
 * lint` keeps it for the rules across files once the file's own rules ran.
 * Undefined for a file this module did not parse.
 */
export function locatorOf(file: LinkedFile): LinkedFile['locate'] | undefined {
  if (!(file instanceof ParsedFile)) return undefined;
  const light = new ParsedFile(file.path, file.text);
  light.parsed = file.parsed;
  light.outline = file.outline;
  light.syntaxErrors = file.syntaxErrors;
  return (path, anchor) => light.locate(path, anchor);
}

/**
 * Parses one KPI file: YAML, schema and the goals and KPIs it defines. Never
 * throws. `previous`, an earlier version of the same file, lets an edit
 * inside one list item be read without parsing the rest again. `edited`:
 * the text is being edited, so its data is kept (for a few files) for the
 * next edit to be read that way; by default when `previous` is given. A
 * file read once (`kpi lint`, the server's indexing) keeps none: kept, each
 * file's data lived long enough to be copied by the garbage collector.
 */
export function parseKpiFile(path: string, text: string, previous?: KpiFile, edited = previous !== undefined): KpiFile {
  const read = readYaml(text, previous instanceof ParsedFile && previous.syntaxErrors.length === 0 ? previous : undefined);
  const { document, data } = read;
  // Parser positions may point one past the end (an unclosed quote): keep them in the text.
  const clamp = (n: number) => Math.min(Math.max(n, 0), text.length);
  const problems = read.problems.map((p) => ({ message: p.message, said: p.said, span: { start: clamp(p.span.start), end: clamp(p.span.end) } }));
  const root = isData(data) ? data : undefined;
  const file = new ParsedFile(path, text);
  file.syntaxErrors = problems;
  file.parsed = read.parsed;
  file.outline = read.outline;
  // The first reading's nodes, if it made any, serve the first findings; later ones parse again.
  if (document) recentDocuments.set(file, document);
  if (problems.length > 0 || !read.parsed) return file;
  if (!root) {
    const emptyText = text.trim() === '' || data === null || data === undefined;
    const said = emptyText ? message('schema.file-empty') : message('schema.file-not-mapping');
    file.schemaErrors = [problem(said, { start: 0, end: Math.min(text.length, Math.max(1, text.indexOf('\n'))) })];
    return file;
  }
  if (file.outline && edited) recentData.set(file, root);
  const limited = withinLimits(root);
  // A KPI written under `goals:` (or a goal under `kpis:`): the schema tells it once, the model leaves it out.
  const misplaced = misplacedItems(limited);
  file.schemaErrors = schemaProblems((p, anchor) => file.locate(p, anchor), limited, text, misplaced);
  model(file, root, limited, misplaced);
  return file;
}

/** A file's data with its `kpis` list cut to the limit: the KPIs beyond it are neither validated nor linted. */
function withinLimits(data: Data): Data {
  return Array.isArray(data.kpis) && data.kpis.length > MAX_KPIS_PER_FILE ? { ...data, kpis: data.kpis.slice(0, MAX_KPIS_PER_FILE) } : data;
}

/** The goals and KPIs of a file, from its YAML's data (`data`: within the limits), without its misplaced items. */
function model(file: ParsedFile, all: Data, data: Data, misplaced: readonly { readonly path: DataPath }[]): void {
  file.listedKpis = Array.isArray(all.kpis) ? all.kpis.length : 0;
  file.title = asText(data.title);
  file.hasKpisKey = 'kpis' in data;
  const skipped = (list: string) => new Set(misplaced.filter((m) => m.path[0] === list).map((m) => m.path[1] as number));
  file.goals = items(file, data, 'goals', goal, skipped('goals'));
  const faults = faultsOf(file.schemaErrors);
  file.kpis = items(file, data, 'kpis', (f, item, path) => kpi(f, item, path, faults.get(path[1] as number)), skipped('kpis'));
}
