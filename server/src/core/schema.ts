import type { ErrorObject } from 'ajv/dist/2020';
import kpiSchema from '../../../schemas/kpi.schema.json';
import { correctedNumber, enumGuess, keyGuess, slugFor } from './corrections';
import { correctedDate, dayInWords, parseDate } from './dates';
import validateKpiFile from './kpi-validator.generated';
import type { Anchor } from './locate';
import { capitalise, ordinal } from './readable';
import type { DataPath, Problem, Span } from './types';

export { kpiSchema };

/** The schema compiled by ajv at build time (scripts/schema-validator.js). */
const validator = validateKpiFile as unknown as { (data: unknown): boolean; errors?: ErrorObject[] | null };

function validate(data: unknown): ErrorObject[] {
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/**
 * Validates a file's data and turns each schema violation into one readable
 * problem, placed by `locate`; `text`, the file's text, shows numbers as they
 * were typed (a decimal comma in a flow mapping).
 */
export function schemaProblems(
  locate: (path: DataPath, anchor: Anchor) => Span,
  data: unknown,
  text: string,
  misplaced: readonly { readonly path: DataPath; readonly message: string }[] = misplacedItems(data),
): Problem[] {
  const problems: Problem[] = [];
  for (const { path, message } of misplaced) problems.push({ message, span: locate(path, 'first-key'), path });
  const within = (path: DataPath) => misplaced.some((m) => startsWith(path, m.path));
  const errors = relevantErrors(validate(data)).filter((e) => !within(pointerToPath(e.instancePath)));
  const commas = decimalCommas(locate, data, text, errors);
  const misspelt = new Set(
    errors.flatMap((e) =>
      e.keyword === 'additionalProperties' ? [`${e.instancePath}/${guessedKey(pointerToPath(e.instancePath), String(e.params.additionalProperty))}`] : [],
    ),
  );
  const described = new Set<string>();
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const comma = commas.get(`${error.instancePath}/${key}`);
      if (comma) problems.push(comma);
      else problems.push({ message: unknownPropertyMessage(data, path, key), span: locate([...path, key], 'key'), path: [...path, meantKey(data, path, key)] });
    } else if (error.keyword === 'required') {
      const key = String(error.params.missingProperty);
      // `datum:` for `date:` is one mistake: the unknown key's message names the missing one.
      if (misspelt.has(`${error.instancePath}/${key}`)) continue;
      const last = path[path.length - 1];
      const span = path.length === 0 || typeof last === 'number' ? locate(path, 'first-key') : locate(path, 'key');
      problems.push({ message: `${capitalise(inWords(data, path))} is missing the required property \`${key}\`${requiredHint(path, key)}.`, span, path });
    } else if (!described.has(error.instancePath)) {
      described.add(error.instancePath);
      const sameValue = errors.filter((e) => e.instancePath === error.instancePath && e.keyword !== 'additionalProperties' && e.keyword !== 'required');
      problems.push({ message: valueMessage(data, path, sameValue), span: locate(path, 'value'), path });
    }
  }
  return problems.sort((a, b) => a.span.start - b.span.start);
}

function startsWith(path: DataPath, prefix: DataPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/** The properties whose value is a number. */
const NUMBER_KEYS = ['value', 'atRisk', 'offTrack'];

/**
 * A decimal comma in a flow mapping: `{ value: 5,6 }` reads as `value: 5`
 * and a key `6`. Each such stray key, by its error's instance path and key,
 * becomes one problem on the number as typed (`5,6`), at the number's path.
 */
function decimalCommas(locate: (path: DataPath, anchor: Anchor) => Span, data: unknown, text: string, errors: ErrorObject[]): Map<string, Problem> {
  const found = new Map<string, Problem>();
  for (const error of errors) {
    const key = String(error.params.additionalProperty);
    // The stray key is what followed the comma: `6`, or `6 %` with a unit.
    if (error.keyword !== 'additionalProperties' || !/^\d/.test(key)) continue;
    const path = pointerToPath(error.instancePath);
    const holder = valueAt(data, path) as Record<string, unknown>;
    if (holder[key] !== null) continue;
    const keySpan = locate([...path, key], 'key');
    for (const property of NUMBER_KEYS) {
      if (!Number.isInteger(holder[property])) continue;
      const valueSpan = locate([...path, property], 'value');
      if (text.slice(valueSpan.end, keySpan.start) !== ',') continue;
      const typed = text.slice(valueSpan.start, keySpan.end);
      const message = numberMessage(data, [...path, property], capitalise(inWords(data, [...path, property])), typed, `\`${typed}\``);
      found.set(`${error.instancePath}/${key}`, { message, span: { start: valueSpan.start, end: keySpan.end }, path: [...path, property] });
    }
  }
  return found;
}

/** Keys only a KPI has, and keys only a goal has: an item with them is in the wrong list. */
const KPI_ONLY = [
  'name',
  'category',
  'unit',
  'direction',
  'frequency',
  'baseline',
  'target',
  'thresholds',
  'source',
  'measurements',
  'rationale',
  'goals',
  'tags',
];

/**
 * A KPI written under `goals:` (or a goal under `kpis:`) breaks many rules
 * of the schema at once; it is one mistake, told once, on its first key.
 */
export function misplacedItems(data: unknown): { path: DataPath; message: string }[] {
  const found: { path: DataPath; message: string }[] = [];
  const list = (name: string) => {
    const value = valueAt(data, [name]);
    return Array.isArray(value) ? (value as unknown[]) : [];
  };
  list('goals').forEach((item: unknown, index) => {
    if (!isMapping(item)) return;
    const kpiKeys = Object.keys(item).filter((k) => KPI_ONLY.includes(k));
    if (kpiKeys.length < 2) return;
    const keys = kpiKeys
      .slice(0, 3)
      .map((k) => `\`${k}\``)
      .join(', ');
    found.push({
      path: ['goals', index],
      message: `${capitalise(thing(data, 'goals', index))} is a KPI (it has ${keys}${kpiKeys.length > 3 ? ', …' : ''}): move it under \`kpis:\`.`,
    });
  });
  list('kpis').forEach((item: unknown, index) => {
    if (!isMapping(item) || !('title' in item) || 'name' in item || 'category' in item || Object.keys(item).some((k) => KPI_ONLY.includes(k))) return;
    found.push({
      path: ['kpis', index],
      message: `${capitalise(thing(data, 'kpis', index))} is a goal (it has \`title\` and no \`name\` or \`category\`): move it under \`goals:\`.`,
    });
  });
  return found;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Drops the validator's summaries and the errors of `oneOf` branches that do
 * not fit the value's type, so that each problem is described once, in the
 * terms of the branch the author meant.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const branchOf = (e: ErrorObject): string | undefined => /^(.*\/oneOf\/\d+)\//.exec(e.schemaPath)?.[1];
  const mismatched = new Set<string>();
  for (const e of errors) {
    const branch = branchOf(e);
    if (branch && e.keyword === 'type' && e.schemaPath === `${branch}/type`) mismatched.add(`${e.instancePath}|${branch}`);
  }
  const kept = errors.filter((e) => e.keyword !== 'oneOf');
  const fitting = kept.filter((e) => {
    const branch = branchOf(e);
    return !branch || !mismatched.has(`${instanceOfBranch(e, branch)}|${branch}`);
  });
  // A value that fits no branch keeps its type errors, described as one problem.
  const explained = new Set(fitting.map((e) => e.instancePath));
  return [...fitting, ...kept.filter((e) => !fitting.includes(e) && !explained.has(e.instancePath) && e.keyword === 'type')];
}

/** The instance path at which a `oneOf` branch was tried (the error may be deeper). */
function instanceOfBranch(error: ErrorObject, branch: string): string {
  const below = error.schemaPath
    .slice(branch.length)
    .split('/')
    .filter((s) => s === 'properties' || s === 'items').length;
  const parts = error.instancePath.split('/');
  return parts.slice(0, parts.length - below).join('/');
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** Words for the thing at `path`: "KPI `sales-growth`", "goal 2", "the file". */
function thing(data: unknown, list: string, index: number): string {
  const id = valueAt(data, [list, index, 'id']);
  const noun = list === 'kpis' ? 'KPI' : 'goal';
  return typeof id === 'string' && id !== '' ? `${noun} \`${id}\`` : `${noun} ${index + 1}`;
}

/**
 * A path inside a goal or KPI in words, counting list items from one:
 * "`target.value`", "the 4th measurement (2026-04)" (with its date when it
 * has a valid one), "`value` of the 4th measurement (2026-04)", "the 2nd
 * entry of `goals`".
 */
function placeInWords(data: unknown, base: DataPath, rest: DataPath): string {
  const at = rest.findIndex((s) => typeof s === 'number');
  if (at < 0) return rest.length === 0 ? '' : `\`${rest.join('.')}\``;
  const list = rest.slice(0, at).join('.');
  const index = rest[at] as number;
  let item = `the ${ordinal(index + 1)} entry of \`${list}\``;
  if (list === 'measurements') {
    const date = valueAt(data, [...base, ...rest.slice(0, at + 1), 'date']);
    item = `the ${ordinal(index + 1)} measurement${parseDate(date) !== undefined ? ` (${String(date)})` : ''}`;
  }
  const inside = placeInWords(data, [...base, ...rest.slice(0, at + 1)], rest.slice(at + 1));
  return inside === '' ? item : `${inside} of ${item}`;
}

/**
 * The value at `path`, in words: "KPI `x`", "`target` of KPI `x`", "`value`
 * of the 4th measurement (2026-04) of KPI `x`", "the file", and a top-level
 * key "`kpis` of the file" (or "`kpis`" alone, as the subject of a
 * sentence, with `bare`).
 */
function inWords(data: unknown, path: DataPath, bare = false): string {
  const [list, index, ...rest] = path;
  if ((list === 'kpis' || list === 'goals') && typeof index === 'number') {
    const holder = thing(data, list, index);
    const place = placeInWords(data, [list, index], rest);
    return place === '' ? holder : `${place} of ${holder}`;
  }
  const place = placeInWords(data, [], path);
  if (place === '') return 'the file';
  return bare ? place : `${place} of the file`;
}

const PLACES: Record<string, string> = {
  '': 'kpi, title, goals, kpis',
  goal: 'id, title, description, strategy, parent, owner, due, status',
  kpi: 'id, name, description, category, goals, owner, rationale, unit, direction, frequency, baseline, target, thresholds, plan, source, measurements, tags',
  point: 'value, date',
  thresholds: 'atRisk, offTrack',
  measurement: 'date, value, note',
  planEntry: 'date, value',
  source: 'file, date, value',
};

/** Which kind of object the path leads to, by the shape of the path. */
function placeOf(path: DataPath): string {
  const last = path[path.length - 1];
  const before = path[path.length - 2];
  if (path.length === 0) return '';
  if (path.length === 2 && before === 'goals') return 'goal';
  if (path.length === 2 && before === 'kpis') return 'kpi';
  if (last === 'baseline' || last === 'target') return 'point';
  if (last === 'thresholds' || last === 'source') return last;
  if (before === 'measurements') return 'measurement';
  if (before === 'plan') return 'planEntry';
  return '';
}

function allowedKeys(path: DataPath): string[] {
  return (PLACES[placeOf(path)] ?? '').split(', ');
}

/** The allowed key an unknown key at `path` most likely means. */
function guessedKey(path: DataPath, key: string): string | undefined {
  return keyGuess(key, placeOf(path), allowedKeys(path));
}

/**
 * The property an unknown key stands for: the guessed one when the object
 * lacks it (`targte` for a missing `target`), so that the rules reading that
 * property know it is already reported; else the unknown key itself.
 */
function meantKey(data: unknown, path: DataPath, key: string): string {
  const guess = guessedKey(path, key);
  const holder = valueAt(data, path);
  return guess !== undefined && isMapping(holder) && !(guess in holder) ? guess : key;
}

function unknownPropertyMessage(data: unknown, path: DataPath, key: string): string {
  const allowed = allowedKeys(path);
  const guess = guessedKey(path, key);
  const hint = guess ? ` Did you mean \`${guess}\`?` : '';
  const where = path.length === 0 ? 'at the top level' : `in ${inWords(data, path)}`;
  return `Unknown property \`${key}\` ${where}.${hint} Allowed: ${allowed.join(', ')}; custom data goes in keys starting with \`x-\`.`;
}

function requiredHint(path: DataPath, key: string): string {
  if (path.length === 0 && key === 'kpi') return ' (the format version: `kpi: 1`)';
  return '';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  array: 'a list',
  object: 'a mapping of properties',
  boolean: 'true or false',
};

function shown(value: unknown): string {
  if (value === null) return 'nothing';
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  const scalar = value as string | number | boolean | bigint | symbol | undefined;
  const text = typeof scalar === 'string' ? JSON.stringify(scalar) : String(scalar);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

/** One message for everything wrong with the value at `path`. */
function valueMessage(data: unknown, path: DataPath, errors: ErrorObject[]): string {
  const value = valueAt(data, path);
  const what = capitalise(inWords(data, path, true));
  const paths = errors.map((e) => e.schemaPath).join(' ');
  if (paths.includes('$defs/date')) return dateMessage(what, value);
  if (paths.includes('$defs/number')) return numberMessage(data, path, what, value);
  const enumError = errors.find((e) => e.keyword === 'enum');
  if (enumError) {
    const allowed = (enumError.params.allowedValues as unknown[]).map(String);
    const guess = typeof value === 'string' ? enumGuess(value, allowed) : undefined;
    const hint = guess ? ` Did you mean \`${guess}\`?` : '';
    return `${what} must be one of ${allowed.join(', ')}, not ${shown(value)}.${hint}`;
  }
  if (errors.some((e) => e.keyword === 'const')) return `${what} must be 1 (the format version), not ${shown(value)}: write \`kpi: 1\`.`;
  if (errors.some((e) => e.keyword === 'pattern')) {
    const slug = typeof value === 'string' ? slugFor(value) : undefined;
    const fix = slug !== undefined ? `: write \`${slug}\`` : '';
    return `${what} must be a lower-case slug (letters a-z, digits and single hyphens, like \`sales-growth\`), not ${shown(value)}${fix}.`;
  }
  if (paths.includes('$defs/source')) {
    return `${what} must be text naming the system of record, or a mapping { file, date, value } reading a CSV file; not ${shown(value)}.`;
  }
  const typeError = errors.find((e) => e.keyword === 'type');
  if (typeError) {
    const expected = String(typeError.params.type).split(',');
    // A KPI's `goals` and `tags` are lists of words; the file's `goals` is a list of goals, with no words to put in brackets.
    if (expected.includes('array') && typeof value === 'string' && path[0] === 'kpis') return listMessage(what, value);
    if (placeOf(path) === 'point' && typeof value === 'number') {
      return `${what} must be a mapping of a value and its date, not ${shown(value)}: write \`{ value: ${value}, date: YYYY-MM }\`.`;
    }
    return `${what} must be ${expected.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${shown(value)}.`;
  }
  // Any keyword not described above still yields a readable sentence.
  return `${what} has a value that is not allowed here: ${shown(value)}.`;
}

function dateMessage(what: string, value: unknown): string {
  const shape = 'a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY';
  const correction = correctedDate(value);
  switch (correction?.kind) {
    case 'rewrite':
      return `${what} must be ${shape}, not ${shown(value)}: write \`${correction.date}\`.`;
    case 'ambiguous': {
      const [dayFirst, monthFirst] = [correction.dayFirst, correction.monthFirst];
      return `${what} must be ${shape}, not ${shown(value)}: write \`${dayFirst}\` (${dayInWords(dayFirst)}) or \`${monthFirst}\` (${dayInWords(monthFirst)}).`;
    }
    case 'impossible':
      return `${what} is ${shown(value)}, not a real date: ${correction.why}.`;
    default:
      return value === null ? `${what} is empty: write ${shape}.` : `${what} must be ${shape}, not ${shown(value)}.`;
  }
}

/** `typed`: the value as typed, when YAML read it as something else (`5,6` in a flow mapping). */
function numberMessage(data: unknown, path: DataPath, what: string, value: unknown, typed = shown(value)): string {
  const key = String(path[path.length - 1]);
  if (value === null) return `${what} is empty: write a number after \`${key}:\`.`;
  const correction = typeof value === 'string' ? correctedNumber(value) : undefined;
  switch (correction?.kind) {
    case 'decimal-comma':
      return `${what} has a decimal comma: write \`${correction.number}\`.`;
    case 'thousands':
      return `${what} has a thousands separator: write \`${correction.number}\`.`;
    case 'minus':
      return `${what} has a typographic minus sign: write \`${correction.number}\`.`;
    case 'quoted':
      return `${what} is text because of its quotes: write \`${correction.number}\` without them.`;
    case 'comma':
      return `${what} must be a number, not ${typed}: write \`${correction.decimal}\` if the comma is a decimal comma, \`${correction.thousands}\` if it separates thousands.`;
    case 'unit': {
      const unit = path[0] === 'kpis' ? valueAt(data, ['kpis', path[1], 'unit']) : undefined;
      const same = typeof unit === 'string' && unit.trim().toLowerCase() === correction.unit.toLowerCase();
      const where = same ? `; \`unit\` already says \`${unit}\`` : ` and put \`${correction.unit}\` in \`unit\``;
      return `${what} must be a number without its unit: write \`${correction.number}\`${where}.`;
    }
    default: {
      const inMeasurement = path.includes('measurements');
      return `${what} must be a number, not ${shown(value)}${inMeasurement ? ': write the number, or leave the measurement out until it is known' : ''}.`;
    }
  }
}

/** A list written without brackets (`goals: grow-revenue`): the same items in brackets. */
function listMessage(what: string, value: string): string {
  const items = value.split(',').map((s) => s.trim());
  const plain = items.every((item) => /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(item));
  const fix = plain ? `: write \`[${items.join(', ')}]\`` : '';
  return `${what} must be a list, not ${shown(value)}${fix}.`;
}
