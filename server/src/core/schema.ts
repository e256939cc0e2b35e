import type { ErrorObject } from 'ajv/dist/2020';
import kpiSchema from '../../../schemas/kpi.schema.json';
import { correctedNumber, enumGuess, keyGuess, slugFor } from './corrections';
import { correctedDate, dayWords, parseDate, whyImpossible } from './dates';
import validateKpiFile from './kpi-validator.generated';
import { message, type Message } from './l10n/catalogue';
import type { Anchor } from './locate';
import { ordinalMessage } from './readable';
import { problem, type DataPath, type Problem, type Span } from './types';

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
  misplaced: readonly { readonly path: DataPath; readonly said: Message }[] = misplacedItems(data),
): Problem[] {
  const problems: Problem[] = [];
  for (const { path, said } of misplaced) problems.push(problem(said, locate(path, 'first-key'), path));
  const within = (path: DataPath) => misplaced.some((m) => startsWith(path, m.path));
  const errors = relevantErrors(validate(data), data).filter((e) => !within(pointerToPath(e.instancePath)));
  const commas = decimalCommas(locate, data, text, errors);
  const misspelt = new Set(
    errors.flatMap((e) =>
      e.keyword === 'additionalProperties' ? [`${e.instancePath}/${guessedKey(pointerToPath(e.instancePath), String(e.params.additionalProperty), data)}`] : [],
    ),
  );
  const described = new Set<string>();
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const comma = commas.get(`${error.instancePath}/${key}`);
      if (comma) problems.push(comma);
      else problems.push(problem(unknownPropertyMessage(data, path, key), locate([...path, key], 'key'), [...path, meantKey(data, path, key)]));
    } else if (error.keyword === 'required') {
      const key = String(error.params.missingProperty);
      // `datum:` for `date:` is one mistake: the unknown key's message names the missing one.
      if (misspelt.has(`${error.instancePath}/${key}`)) continue;
      const last = path[path.length - 1];
      const span = path.length === 0 || typeof last === 'number' ? locate(path, 'first-key') : locate(path, 'key');
      problems.push(problem(message('schema.missing-property', { what: inWords(data, path, { cap: true }), key, hint: requiredHint(path, key) }), span, path));
    } else if (error.keyword === 'sqlQuery') {
      const key = error.params.both === true ? 'schema.sql-query-both' : 'schema.sql-query-missing';
      problems.push(problem(message(key, { what: inWords(data, path, { cap: true }) }), locate(path, 'key'), path));
    } else if (!described.has(error.instancePath)) {
      described.add(error.instancePath);
      const sameValue = errors.filter((e) => e.instancePath === error.instancePath && e.keyword !== 'additionalProperties' && e.keyword !== 'required');
      problems.push(problem(valueMessage(data, path, sameValue), locate(path, 'value'), path));
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
      const said = numberMessage(data, [...path, property], inWords(data, [...path, property], { cap: true }), typed, `\`${typed}\``);
      found.set(`${error.instancePath}/${key}`, problem(said, { start: valueSpan.start, end: keySpan.end }, [...path, property]));
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
export function misplacedItems(data: unknown): { path: DataPath; said: Message }[] {
  const found: { path: DataPath; said: Message }[] = [];
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
      said: message('schema.goal-is-kpi', { what: thing(data, 'goals', index, true), keys, more: kpiKeys.length > 3 ? ', …' : '' }),
    });
  });
  list('kpis').forEach((item: unknown, index) => {
    if (!isMapping(item) || !('title' in item) || 'name' in item || 'category' in item || Object.keys(item).some((k) => KPI_ONLY.includes(k))) return;
    found.push({
      path: ['kpis', index],
      said: message('schema.kpi-is-goal', { what: thing(data, 'kpis', index, true) }),
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
function relevantErrors(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const branchOf = (e: ErrorObject): string | undefined => /^(.*\/oneOf\/\d+)\//.exec(e.schemaPath)?.[1];
  const mismatched = new Set<string>();
  for (const e of errors) {
    const branch = branchOf(e);
    if (branch && e.keyword === 'type' && e.schemaPath === `${branch}/type`) mismatched.add(`${e.instancePath}|${branch}`);
    // A source mapping that names a `connection` is a SQL source, any other a file source: the other branch's errors do not describe it.
    const source = /^(.*\$defs\/source\/oneOf\/([12]))\//.exec(e.schemaPath);
    if (source !== null) {
      const at = instanceOfBranch(e, source[1]);
      const value = valueAt(data, pointerToPath(at));
      if (isMapping(value) && ('connection' in value ? source[2] === '1' : source[2] === '2')) mismatched.add(`${at}|${branch}`);
    }
  }
  // `oneOf` and `if` only sum up the errors beside them (`if` the `sheet: false` of a source that is not a workbook).
  const kept = sqlQueryErrors(errors).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  const fitting = kept.filter((e) => {
    const branch = branchOf(e);
    return !branch || !mismatched.has(`${instanceOfBranch(e, branch)}|${branch}`);
  });
  // A value that fits no branch keeps its type errors, described as one problem; one with an error at or below it (`source.sheet`) fits its branch.
  const explained = fitting.map((e) => e.instancePath);
  const isExplained = (at: string) => explained.some((path) => path === at || path.startsWith(`${at}/`));
  return [...fitting, ...kept.filter((e) => !fitting.includes(e) && !isExplained(e.instancePath) && e.keyword === 'type')];
}

/**
 * A SQL source takes exactly one of `query` and `queryFile`: the validator's
 * two `required` errors (neither) or its `oneOf` error (both) become one
 * error of the made-up keyword `sqlQuery`, said in those terms.
 */
function sqlQueryErrors(errors: ErrorObject[]): ErrorObject[] {
  const QUERY_CHOICE = /\$defs\/source\/oneOf\/2\/oneOf(\/[01]\/required)?$/;
  const result: ErrorObject[] = [];
  const said = new Set<string>();
  for (const e of errors) {
    const found = QUERY_CHOICE.exec(e.schemaPath);
    if (found === null || (found[1] === undefined && e.keyword !== 'oneOf')) {
      result.push(e);
      continue;
    }
    const both = found[1] === undefined && Array.isArray(e.params.passingSchemas);
    if ((found[1] === undefined && !both) || said.has(e.instancePath)) continue;
    said.add(e.instancePath);
    result.push({ ...e, keyword: 'sqlQuery', schemaPath: e.schemaPath.replace(/\/oneOf(\/[01]\/required)?$/, '/sqlQuery'), params: { both } });
  }
  return result;
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

/** `yes` when a place starts a sentence (its first word capitalised), `no` inside one. */
const capital = (cap: boolean) => (cap ? 'yes' : 'no');

/** Words for the thing at `path`: "KPI `sales-growth`", "goal 2". */
function thing(data: unknown, list: string, index: number, cap = false): Message {
  const id = valueAt(data, [list, index, 'id']);
  const named = typeof id === 'string' && id !== '';
  if (list === 'kpis')
    return named ? message('schema.place-kpi', { cap: capital(cap), id }) : message('schema.place-kpi-number', { cap: capital(cap), n: index + 1 });
  return named ? message('schema.place-goal', { cap: capital(cap), id }) : message('schema.place-goal-number', { cap: capital(cap), n: index + 1 });
}

/**
 * A path inside a goal or KPI in words, counting list items from one:
 * "`target.value`", "the 4th measurement (2026-04)" (with its date when it
 * has a valid one), "`value` of the 4th measurement (2026-04)", "the 2nd
 * entry of `goals`"; undefined for the empty path.
 */
function placeInWords(data: unknown, base: DataPath, rest: DataPath, cap: boolean): Message | undefined {
  const at = rest.findIndex((s) => typeof s === 'number');
  if (at < 0) return rest.length === 0 ? undefined : message('schema.place-key', { key: rest.join('.') });
  const list = rest.slice(0, at).join('.');
  const index = rest[at] as number;
  const inside = placeInWords(data, [...base, ...rest.slice(0, at + 1)], rest.slice(at + 1), cap);
  // The item starts the sentence only when nothing inside it comes first.
  const itemCap = capital(cap && inside === undefined);
  const nth = ordinalMessage(index + 1);
  let item = message('schema.place-entry', { cap: itemCap, nth, list });
  if (list === 'measurements') {
    const date = valueAt(data, [...base, ...rest.slice(0, at + 1), 'date']);
    item =
      parseDate(date) !== undefined
        ? message('schema.place-measurement-dated', { cap: itemCap, nth, date: String(date) })
        : message('schema.place-measurement', { cap: itemCap, nth });
  }
  return inside === undefined ? item : message('schema.place-inside', { inner: inside, outer: item });
}

/**
 * The value at `path`, in words: "KPI `x`", "`target` of KPI `x`", "`value`
 * of the 4th measurement (2026-04) of KPI `x`", "the file", and a top-level
 * key "`kpis` of the file" (or "`kpis`" alone, as the subject of a
 * sentence, with `bare`). `cap`: it starts a sentence.
 */
function inWords(data: unknown, path: DataPath, { bare = false, cap = false } = {}): Message {
  const [list, index, ...rest] = path;
  if ((list === 'kpis' || list === 'goals') && typeof index === 'number') {
    const place = placeInWords(data, [list, index], rest, cap);
    return place === undefined ? thing(data, list, index, cap) : message('schema.place-inside', { inner: place, outer: thing(data, list, index) });
  }
  const place = placeInWords(data, [], path, cap);
  if (place === undefined) return message('schema.place-file', { cap: capital(cap) });
  return bare ? place : message('schema.place-in-file', { place });
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
  sqlSource: 'connection, query, queryFile, date, value',
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

/** The keys allowed at `path`; a source that names a `connection` is a SQL source (with `data`, the file's). */
function allowedKeys(path: DataPath, data?: unknown): string[] {
  const place = placeOf(path);
  const holder = place === 'source' && data !== undefined ? valueAt(data, path) : undefined;
  return (PLACES[isMapping(holder) && 'connection' in holder ? 'sqlSource' : place] ?? '').split(', ');
}

/** The allowed key an unknown key at `path` most likely means. */
function guessedKey(path: DataPath, key: string, data?: unknown): string | undefined {
  return keyGuess(key, placeOf(path), allowedKeys(path, data));
}

/**
 * The property an unknown key stands for: the guessed one when the object
 * lacks it (`targte` for a missing `target`), so that the rules reading that
 * property know it is already reported; else the unknown key itself.
 */
function meantKey(data: unknown, path: DataPath, key: string): string {
  const guess = guessedKey(path, key, data);
  const holder = valueAt(data, path);
  return guess !== undefined && isMapping(holder) && !(guess in holder) ? guess : key;
}

function unknownPropertyMessage(data: unknown, path: DataPath, key: string): Message {
  const guess = guessedKey(path, key, data);
  const where = path.length === 0 ? message('schema.at-top-level') : message('schema.in-place', { place: inWords(data, path) });
  return message('schema.unknown-property', {
    key,
    where,
    hint: guess ? message('schema.did-you-mean', { guess }) : '',
    allowed: allowedKeys(path, data).join(', '),
  });
}

function requiredHint(path: DataPath, key: string): Message | string {
  if (path.length === 0 && key === 'kpi') return message('schema.format-version-hint');
  return '';
}

const TYPE_WORDS: Readonly<Record<string, Message>> = {
  string: message('schema.type-string'),
  number: message('schema.type-number'),
  integer: message('schema.type-integer'),
  array: message('schema.type-array'),
  object: message('schema.type-object'),
  boolean: message('schema.type-boolean'),
};

/** The value as the message quotes it: a scalar as written, in backticks; a collection or nothing in words. */
function shown(value: unknown): Message | string {
  if (value === null) return message('schema.shown-nothing');
  if (typeof value === 'object') return Array.isArray(value) ? message('schema.shown-list') : message('schema.shown-mapping');
  const scalar = value as string | number | boolean | bigint | symbol | undefined;
  const text = typeof scalar === 'string' ? JSON.stringify(scalar) : String(scalar);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

/** Alternatives in words: "a number or text". */
function either(words: readonly (Message | string)[]): Message | string {
  return words.reduce((all, next) => message('schema.either', { first: all, second: next }));
}

/** One message for everything wrong with the value at `path`. */
function valueMessage(data: unknown, path: DataPath, errors: ErrorObject[]): Message {
  const value = valueAt(data, path);
  const what = inWords(data, path, { bare: true, cap: true });
  const paths = errors.map((e) => e.schemaPath).join(' ');
  if (paths.includes('$defs/date')) return dateMessage(what, value);
  if (paths.includes('$defs/number')) return numberMessage(data, path, what, value);
  const enumError = errors.find((e) => e.keyword === 'enum');
  if (enumError) {
    const allowed = (enumError.params.allowedValues as unknown[]).map(String);
    const guess = typeof value === 'string' ? enumGuess(value, allowed) : undefined;
    return message('schema.not-allowed-value', {
      what,
      allowed: allowed.join(', '),
      value: shown(value),
      hint: guess ? message('schema.did-you-mean', { guess }) : '',
    });
  }
  if (errors.some((e) => e.keyword === 'const')) return message('schema.format-version', { what, value: shown(value) });
  if (errors.some((e) => e.keyword === 'pattern')) {
    const slug = typeof value === 'string' ? slugFor(value) : undefined;
    return message('schema.not-slug', { what, value: shown(value), fix: slug !== undefined ? message('schema.write-fix', { fixed: slug }) : '' });
  }
  if (errors.some((e) => e.keyword === 'false schema') && path[path.length - 1] === 'sheet') {
    return message('schema.sheet-without-workbook', { file: shown(valueAt(data, path.slice(0, -1).concat('file'))) });
  }
  if (paths.includes('$defs/source') && path[path.length - 1] === 'source')
    return message('schema.not-source', { what, shape: '{ file, date, value }', sqlShape: '{ connection, query, date, value }', value: shown(value) });
  const typeError = errors.find((e) => e.keyword === 'type');
  if (typeError) {
    const expected = String(typeError.params.type).split(',');
    // A KPI's `goals` and `tags` are lists of words; the file's `goals` is a list of goals, with no words to put in brackets.
    if (expected.includes('array') && typeof value === 'string' && path[0] === 'kpis') return listMessage(what, value);
    if (placeOf(path) === 'point' && typeof value === 'number') {
      // YAML to type: the number as YAML writes it, whatever the language.
      return message('schema.not-point', { what, value: shown(value), fixed: `{ value: ${value}, date: YYYY-MM }` });
    }
    return message('schema.wrong-type', { what, expected: either(expected.map((t) => TYPE_WORDS[t] ?? t)), value: shown(value) });
  }
  // Any keyword not described above still yields a readable sentence.
  return message('schema.not-allowed-here', { what, value: shown(value) });
}

function dateMessage(what: Message, value: unknown): Message {
  const correction = correctedDate(value);
  switch (correction?.kind) {
    case 'rewrite':
      return message('schema.date-rewrite', { what, value: shown(value), date: correction.date });
    case 'ambiguous': {
      const [dayFirst, monthFirst] = [correction.dayFirst, correction.monthFirst];
      return message('schema.date-ambiguous', {
        what,
        value: shown(value),
        dayFirst,
        dayFirstWords: dayWords(dayFirst),
        monthFirst,
        monthFirstWords: dayWords(monthFirst),
      });
    }
    case 'impossible':
      return message('schema.date-impossible', { what, value: shown(value), why: whyImpossible(value) ?? correction.why });
    default:
      return value === null ? message('schema.date-empty', { what }) : message('schema.date-wrong', { what, value: shown(value) });
  }
}

/** `typed`: the value as typed, when YAML read it as something else (`5,6` in a flow mapping). */
function numberMessage(data: unknown, path: DataPath, what: Message, value: unknown, typed = shown(value)): Message {
  const key = String(path[path.length - 1]);
  if (value === null) return message('schema.number-empty', { what, key });
  const correction = typeof value === 'string' ? correctedNumber(value) : undefined;
  switch (correction?.kind) {
    case 'decimal-comma':
      return message('schema.decimal-comma', { what, number: correction.number });
    case 'thousands':
      return message('schema.thousands-separator', { what, number: correction.number });
    case 'minus':
      return message('schema.typographic-minus', { what, number: correction.number });
    case 'quoted':
      return message('schema.quoted-number', { what, number: correction.number });
    case 'comma':
      return message('schema.ambiguous-comma', { what, value: typed, decimal: correction.decimal, thousands: correction.thousands });
    case 'unit': {
      const unit = path[0] === 'kpis' ? valueAt(data, ['kpis', path[1], 'unit']) : undefined;
      const same = typeof unit === 'string' && unit.trim().toLowerCase() === correction.unit.toLowerCase();
      return same
        ? message('schema.number-with-unit-given', { what, number: correction.number, unit: String(unit) })
        : message('schema.number-with-unit', { what, number: correction.number, unit: correction.unit });
    }
    default:
      return path.includes('measurements')
        ? message('schema.not-number-measurement', { what, value: shown(value) })
        : message('schema.not-number', { what, value: shown(value) });
  }
}

/** A list written without brackets (`goals: grow-revenue`): the same items in brackets. */
function listMessage(what: Message, value: string): Message {
  const items = value.split(',').map((s) => s.trim());
  const plain = items.every((item) => /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(item));
  return message('schema.not-list', { what, value: shown(value), fix: plain ? message('schema.write-fix', { fixed: `[${items.join(', ')}]` }) : '' });
}
