import type { ErrorObject } from 'ajv/dist/2020';
import { closest, distance } from 'fastest-levenshtein';
import kpiSchema from '../../../schemas/kpi.schema.json';
import { hasDateShape } from './dates';
import validateKpiFile from './kpi-validator.generated';
import type { Anchor } from './locate';
import type { DataPath, Problem, Span } from './types';

export { kpiSchema };

/** The schema compiled by ajv at build time (scripts/schema-validator.js). */
const validator = validateKpiFile as unknown as { (data: unknown): boolean; errors?: ErrorObject[] | null };

function validate(data: unknown): ErrorObject[] {
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** Validates a file's data and turns each schema violation into one readable problem, placed by `locate`. */
export function schemaProblems(locate: (path: DataPath, anchor: Anchor) => Span, data: unknown): Problem[] {
  const errors = relevantErrors(validate(data));
  const problems: Problem[] = [];
  const described = new Set<string>();
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      problems.push({ message: unknownPropertyMessage(data, path, key), span: locate([...path, key], 'key'), path: [...path, key] });
    } else if (error.keyword === 'required') {
      const key = String(error.params.missingProperty);
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
  const below = error.schemaPath.slice(branch.length).split('/').filter((s) => s === 'properties' || s === 'items').length;
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Words for the thing at `path`: "KPI `sales-growth`", "goal 2", "the file". */
function thing(data: unknown, list: string, index: number): string {
  const id = valueAt(data, [list, index, 'id']);
  const noun = list === 'kpis' ? 'KPI' : 'goal';
  return typeof id === 'string' && id !== '' ? `${noun} \`${id}\`` : `${noun} ${index + 1}`;
}

/** Splits a path into the goal or KPI that holds it and the property inside. */
function split(data: unknown, path: DataPath): { holder: string; property: string } {
  const [list, index, ...rest] = path;
  if ((list === 'kpis' || list === 'goals') && typeof index === 'number') {
    return { holder: thing(data, list, index), property: propertyName(rest) };
  }
  return { holder: 'the file', property: propertyName(path) };
}

function propertyName(path: DataPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/**
 * The value at `path`, in words: "KPI `x`", "`target` of KPI `x`", "the
 * file", and a top-level key "`kpis` of the file" (or "`kpis`" alone, as the
 * subject of a sentence, with `bare`).
 */
function inWords(data: unknown, path: DataPath, bare = false): string {
  const { holder, property } = split(data, path);
  if (property === '') return holder;
  return bare && holder === 'the file' ? `\`${property}\`` : `\`${property}\` of ${holder}`;
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

function unknownPropertyMessage(data: unknown, path: DataPath, key: string): string {
  const allowed = (PLACES[placeOf(path)] ?? '').split(', ');
  const guess = allowed.length > 0 ? closest(key, allowed) : undefined;
  const hint = guess && distance(key, guess) <= Math.max(2, Math.floor(key.length / 3)) ? ` Did you mean \`${guess}\`?` : '';
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
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

/** One message for everything wrong with the value at `path`. */
function valueMessage(data: unknown, path: DataPath, errors: ErrorObject[]): string {
  const value = valueAt(data, path);
  const what = capitalise(inWords(data, path, true));
  const paths = errors.map((e) => e.schemaPath).join(' ');
  if (paths.includes('$defs/date')) {
    const shape = 'a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY';
    if (typeof value === 'string' && hasDateShape(value)) return `${what} must be ${shape}; ${shown(value)} is not a real date.`;
    return `${what} must be ${shape}, not ${shown(value)}.`;
  }
  if (paths.includes('$defs/number')) {
    if (typeof value === 'string' && /^\s*[-+]?\d/.test(value)) {
      return `${what} must be a number, not ${shown(value)}: write the number alone and put the unit in \`unit\`.`;
    }
    return `${what} must be a number, not ${shown(value)}.`;
  }
  const enumError = errors.find((e) => e.keyword === 'enum');
  if (enumError) {
    const allowed = (enumError.params.allowedValues as unknown[]).map(String);
    const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
    const hint = guess && typeof value === 'string' && distance(value, guess) <= 3 ? ` Did you mean \`${guess}\`?` : '';
    return `${what} must be one of ${allowed.join(', ')}, not ${shown(value)}.${hint}`;
  }
  if (errors.some((e) => e.keyword === 'const')) return `${what} must be 1 (the format version), not ${shown(value)}.`;
  if (errors.some((e) => e.keyword === 'pattern')) {
    return `${what} must be a lower-case slug (letters a-z, digits and single hyphens, like \`sales-growth\`), not ${shown(value)}.`;
  }
  if (paths.includes('$defs/source')) {
    return `${what} must be text naming the system of record, or a mapping { file, date, value } reading a CSV file; not ${shown(value)}.`;
  }
  const typeError = errors.find((e) => e.keyword === 'type');
  if (typeError) {
    const expected = String(typeError.params.type).split(',').map((t) => TYPE_WORDS[t] ?? t);
    return `${what} must be ${expected.join(' or ')}, not ${shown(value)}.`;
  }
  // Any keyword not described above still yields a readable sentence.
  return `${what} has a value that is not allowed here: ${shown(value)}.`;
}
