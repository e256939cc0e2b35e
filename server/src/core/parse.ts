import { isMap, isScalar, isSeq, parseDocument, visit, type Alias, type Document } from 'yaml';
import { locate, nodeAt, type Anchor } from './locate';
import { parseDate } from './dates';
import { addDuplicateKeyErrors } from './duplicate-keys';
import { encodingProblem } from './encoding';
import { fastParseDocument } from './fast-yaml';
import { MAX_NESTING, tooDeepAt } from './nesting';
import { schemaProblems } from './schema';
import type { DataPath, DateValue, Direction, Frequency, Goal, GoalStatus, Kpi, KpiFile, Measurement, NodeAt, Point, Problem, SourceFile, Span } from './types';

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

function dateValue(value: unknown): DateValue | undefined {
  const day = parseDate(value);
  return day === undefined ? undefined : { text: String(value), day };
}

function point(value: unknown): Point | undefined {
  if (!isData(value)) return undefined;
  return { value: asNumber(value.value), date: dateValue(value.date) };
}

function source(value: unknown): string | SourceFile | undefined {
  if (typeof value === 'string') return value;
  if (!isData(value)) return undefined;
  const file = asText(value.file);
  const date = asText(value.date);
  const column = asText(value.value);
  return file !== undefined && date !== undefined && column !== undefined ? { file, date, value: column } : undefined;
}

function measurements(value: unknown): Measurement[] {
  if (!Array.isArray(value)) return [];
  const result: Measurement[] = [];
  value.forEach((item: unknown, index) => {
    if (!isData(item)) return;
    const date = dateValue(item.date);
    const measured = asNumber(item.value);
    if (date && measured !== undefined) result.push({ date, value: measured, note: asText(item.note), origin: { kind: 'inline', index } });
  });
  return result;
}

function goal(file: KpiFile, data: Data, path: DataPath): Goal | undefined {
  const id = asText(data.id);
  if (id === undefined) return undefined;
  const status = data.status === 'achieved' || data.status === 'dropped' ? (data.status as GoalStatus) : 'active';
  return { file, path, id, title: asText(data.title), parent: asText(data.parent), owner: asText(data.owner), due: dateValue(data.due), status };
}

function kpi(file: KpiFile, data: Data, path: DataPath): Kpi | undefined {
  const id = asText(data.id);
  if (id === undefined) return undefined;
  // Keep positions: an id that is not text becomes '' (the schema reports it), so index i is still item i.
  const goals = Array.isArray(data.goals) ? data.goals.map((g: unknown) => (typeof g === 'string' ? g : '')) : undefined;
  const thresholds = isData(data.thresholds) ? { atRisk: asNumber(data.thresholds.atRisk), offTrack: asNumber(data.thresholds.offTrack) } : undefined;
  const direction: Direction = data.direction === 'decrease' ? 'decrease' : 'increase';
  const frequency = FREQUENCIES.includes(data.frequency as string) ? (data.frequency as Frequency) : undefined;
  return {
    file,
    path,
    id,
    name: asText(data.name),
    category: asText(data.category),
    goals: data.goals === undefined ? undefined : goals,
    owner: asText(data.owner),
    rationale: asText(data.rationale),
    unit: asText(data.unit),
    direction,
    frequency,
    baseline: point(data.baseline),
    target: point(data.target),
    thresholds,
    source: source(data.source),
    measurements: measurements(data.measurements),
    keys: new Set(Object.keys(data)),
  };
}

function items<T>(file: KpiFile, data: Data, list: 'goals' | 'kpis', make: (file: KpiFile, item: Data, path: DataPath) => T | undefined): T[] {
  const value = data[list];
  if (!Array.isArray(value)) return [];
  const result: T[] = [];
  value.forEach((item: unknown, index) => {
    if (!isData(item)) return;
    const made = make(file, item, [list, index]);
    if (made !== undefined) result.push(made);
  });
  return result;
}

function syntaxProblem(message: string, start: number, end: number): Problem {
  return { message, span: { start, end: Math.max(end, start) } };
}

/**
 * The YAML parser every position comes from, the same on first reading and
 * when found again: the fast parser for the plain YAML KPI files are made of
 * (same nodes, same ranges), `yaml` itself for anything else.
 */
let fastPath = true;

/** Turns the fast parser off or on: for the tests that prove both paths give the same diagnostics. */
export function useFastParser(on: boolean): void {
  fastPath = on;
}

function parseYaml(text: string): Document.Parsed {
  let fast: Document.Parsed | undefined;
  try {
    fast = fastPath ? fastParseDocument(text) : undefined;
  } catch {
    fast = undefined; // a fault in the fast path must never cost a diagnostic: yaml decides
  }
  if (fast) {
    fastDocuments.add(fast);
    return fast;
  }
  // yaml makes an Error for each problem: on a broken file (100,000 for a long line of junk) their stack traces, never shown, take most of the time.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // yaml's own unique-keys check is quadratic in a mapping's keys; logLevel 'error' keeps its warnings off stderr.
    return addDuplicateKeyErrors(parseDocument(text, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' }), MAX_SYNTAX_ERRORS);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Documents the fast parser made: plain maps, lists and scalars, without aliases, tags or merge keys. */
const fastDocuments = new WeakSet<Document>();

/**
 * The data of a fast-parsed node, as `toJS` gives it (a null key is `''`,
 * other keys their text, a repeated or inherited name such as `__proto__`
 * an own property) without `toJS`'s machinery for aliases and tags.
 */
function plainData(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map(plainData);
  if (!isMap(node)) return node ?? null;
  const result: Record<string, unknown> = {};
  for (const { key, value } of node.items) {
    const name = isScalar(key) ? (key.value === null ? '' : String(key.value)) : String(key);
    const data = plainData(value);
    if (name in result) Object.defineProperty(result, name, { value: data, writable: true, enumerable: true, configurable: true });
    else result[name] = data;
  }
  return result;
}

/** The data of a text as the linter reads it (for the test that compares it with `yaml`'s `toJS`). */
export function yamlData(text: string): unknown {
  return dataOf(parseYaml(text));
}

/** The data of a document: directly for fast-parsed ones, through `toJS` (which bounds alias expansion) for the rest. */
function dataOf(document: Document.Parsed): unknown {
  return fastDocuments.has(document) ? plainData(document.contents) : document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
}

/** Documents parsed again to place findings or answer the editor: the most recently used few. */
const recentDocuments = new Map<ParsedFile, Document.Parsed>();
const RECENT_DOCUMENTS = 32;

/** Makes a document the most recently used, dropping the least recently used beyond the limit. */
function remember(file: ParsedFile, document: Document.Parsed): Document.Parsed {
  recentDocuments.delete(file);
  recentDocuments.set(file, document);
  if (recentDocuments.size > RECENT_DOCUMENTS) recentDocuments.delete(recentDocuments.keys().next().value!);
  return document;
}

function documentOf(file: ParsedFile): Document.Parsed {
  return remember(file, recentDocuments.get(file) ?? parseYaml(file.text));
}

class ParsedFile implements KpiFile {
  syntaxErrors: readonly Problem[] = [];
  schemaErrors: readonly Problem[] = [];
  title?: string;
  goals: readonly Goal[] = [];
  kpis: readonly Kpi[] = [];
  hasKpisKey = false;
  listedKpis = 0;
  /** Whether the text parsed into a document at all (not too large, binary or too deep). */
  parsed = false;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  locate(path: DataPath, anchor: Anchor = 'value'): Span {
    return this.parsed ? locate(documentOf(this), path, anchor) : { start: 0, end: 0 };
  }

  nodeAt(offset: number): NodeAt | undefined {
    return this.parsed && this.syntaxErrors.length === 0 ? nodeAt(documentOf(this), offset) : undefined;
  }
}

/** Reads the YAML and its data; any failure becomes a located syntax problem, never an exception. */
function readYaml(text: string): { document?: Document.Parsed; data?: unknown; problems: Problem[] } {
  const encoding = encodingProblem(text);
  if (encoding) return { problems: [encoding] };
  if (text.length > MAX_FILE_BYTES) {
    const size = (text.length / 1024 / 1024).toFixed(1);
    return { problems: [syntaxProblem(`The file is ${size} MB, over the limit of ${MAX_FILE_BYTES / 1024 / 1024} MB: split it into smaller KPI files.`, 0, 1)] };
  }
  // The parser recurses into nested collections: at the stack's end V8 may
  // abort the process, so absurd nesting never reaches it.
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    return { problems: [syntaxProblem(`The YAML nests more than ${MAX_NESTING} levels deep: flatten it.`, deep, deep + 1)] };
  }
  let document: Document.Parsed;
  try {
    document = parseYaml(text);
  } catch (error) {
    return { problems: [syntaxProblem(`The YAML could not be read: ${error instanceof Error ? error.message : String(error)}.`, 0, 1)] };
  }
  // Nesting that tooDeepAt did not foresee: yaml reports the stack it ran out of, at places that depend on the stack left.
  const exhausted = document.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    const line = text.lastIndexOf('\n', exhausted.pos[0] - 1) + 1;
    return { problems: [syntaxProblem(`The YAML nests more than ${MAX_NESTING} levels deep: flatten it.`, line, line + 1)] };
  }
  const problems = document.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
    const [start, end] = e.pos;
    // The parser marks a duplicate key by its first character: cover the whole key.
    const keyEnd = e.code === 'DUPLICATE_KEY' ? start + (/^[^\n:#]*[^\s:#]/.exec(text.slice(start, start + 1000))?.[0].length ?? 1) : end;
    return syntaxProblem(syntaxMessage(e.code, e.message), start, keyEnd);
  });
  if (problems.length > 0) return { document, problems };
  // Only a text with `*` can hold an alias: most files skip the walk.
  const unresolved = text.includes('*') ? aliases(document).find((alias) => alias.resolve(document) === undefined) : undefined;
  if (unresolved) {
    const [start, end] = unresolved.range ?? [0, 1];
    return { document, problems: [syntaxProblem(`The alias \`*${unresolved.source}\` refers to no anchor: define \`&${unresolved.source}\` before it, or write the value out.`, start, end)] };
  }
  try {
    return { document, data: dataOf(document), problems };
  } catch (error) {
    const [start, end] = aliases(document)[0]?.range ?? [0, 1];
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `Remove the aliases: expanding them would exceed ${MAX_ALIAS_EXPANSIONS} nodes (an alias bomb).`
        : `The YAML could not be read: ${error instanceof Error ? error.message : String(error)}.`;
    return { document, problems: [syntaxProblem(message, start, end)] };
  }
}

function aliases(document: Document): Alias[] {
  const found: Alias[] = [];
  visit(document, { Alias: (_, alias) => void found.push(alias) });
  return found;
}

function syntaxMessage(code: string, message: string): string {
  const first = message.split(/\r\n|\r|\n/)[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  if (code === 'DUPLICATE_KEY') return `${first}: remove or rename the duplicate key.`;
  return /[.:]$/.test(first) ? first : `${first}.`;
}

/** Parses one KPI file: YAML, schema and the goals and KPIs it defines. Never throws. */
export function parseKpiFile(path: string, text: string): KpiFile {
  return parseWithSnapshot(path, text).file;
}

/** Parses a file and also returns what its model is built from, for the CLI's cache and worker threads. */
export function parseWithSnapshot(path: string, text: string): { file: KpiFile; snapshot: FileSnapshot } {
  const read = readYaml(text);
  const { document, data } = read;
  // Parser positions may point one past the end (an unclosed quote): keep them in the text.
  const clamp = (n: number) => Math.min(Math.max(n, 0), text.length);
  const problems = read.problems.map((p) => ({ message: p.message, span: { start: clamp(p.span.start), end: clamp(p.span.end) } }));
  const root = isData(data) ? data : undefined;
  const file = new ParsedFile(path, text);
  file.syntaxErrors = problems;
  file.parsed = document !== undefined;
  // The snapshot is made on request only: an editor's workspace keeps models, not their data twice.
  const done = () => ({
    file,
    snapshot: { syntaxErrors: file.syntaxErrors, schemaErrors: file.schemaErrors, parsed: file.parsed, data: problems.length > 0 ? undefined : root },
  });
  if (problems.length > 0 || !document) return done();
  if (!root) {
    const emptyText = text.trim() === '' || data === null || data === undefined;
    const message = emptyText
      ? 'The file is empty: start it with `kpi: 1` and add goals or KPIs.'
      : 'A KPI file must be a mapping with `kpi: 1`, `goals` and `kpis`, not a list or a single value.';
    file.schemaErrors = [{ message, span: { start: 0, end: Math.min(text.length, Math.max(1, text.indexOf('\n'))) } }];
    return done();
  }
  file.schemaErrors = schemaProblems(document, withinLimits(root));
  model(file, root);
  // The first reading's nodes serve the first findings; later ones parse again.
  remember(file, document);
  return done();
}

/** A file's data with its `kpis` list cut to the limit: the KPIs beyond it are neither validated nor linted. */
function withinLimits(data: Data): Data {
  return Array.isArray(data.kpis) && data.kpis.length > MAX_KPIS_PER_FILE ? { ...data, kpis: data.kpis.slice(0, MAX_KPIS_PER_FILE) } : data;
}

/** The goals and KPIs of a file, from its YAML's data. */
function model(file: ParsedFile, all: unknown): void {
  if (!isData(all)) return;
  file.listedKpis = Array.isArray(all.kpis) ? all.kpis.length : 0;
  const data = withinLimits(all);
  file.title = asText(data.title);
  file.hasKpisKey = 'kpis' in data;
  file.goals = items(file, data, 'goals', goal);
  file.kpis = items(file, data, 'kpis', kpi);
}

/**
 * What parsing a file gave, as plain data, for the CLI's cache
 * (`kpi lint --cache`): the problems and the YAML's data, from which the
 * model is built again exactly as on first reading.
 */
export interface FileSnapshot {
  readonly syntaxErrors: readonly Problem[];
  readonly schemaErrors: readonly Problem[];
  readonly parsed: boolean;
  readonly data?: unknown;
}

/** A file from its snapshot, as parseKpiFile made it from the same text. */
export function restoreKpiFile(path: string, text: string, snapshot: FileSnapshot): KpiFile {
  const file = new ParsedFile(path, text);
  file.syntaxErrors = snapshot.syntaxErrors;
  file.schemaErrors = snapshot.schemaErrors;
  file.parsed = snapshot.parsed;
  model(file, snapshot.data);
  return file;
}
