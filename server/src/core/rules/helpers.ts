import type { Translator } from '../l10n/catalogue';
import { LineIndex } from '../lines';
import { shownPath as shownPathFrom } from '../paths';
import type { Place, Rule, RuleMeta } from '../rule';
import { hasFault } from '../definition';
import { fileSource, querySource, sourcePath } from '../sources';
import type { GoalLink, Kpi, KpiLink } from '../types';

/** The value of a property of a goal or KPI, e.g. its `id`. */
export function valueOf(item: GoalLink | KpiLink, ...property: (string | number)[]): Place {
  return { path: [...item.path, ...property] };
}

/** The key of a property of a goal or KPI, e.g. `target:`. */
export function keyOf(item: GoalLink | KpiLink, property: string): Place {
  return { path: [...item.path, property], anchor: 'key' };
}

/** A file path as people read it in a message: relative to the workspace root, with `/`. */
export function shownPath(workspace: { readonly root: string }, file: string): string {
  return shownPathFrom(workspace.root, file);
}

/** Where a goal or KPI is defined: its file as people read it and its 1-based line, for a message to put in words. */
export interface DefinedAt {
  readonly file: string;
  readonly line: number;
}

/** Where a goal or KPI is defined ("strategy.kpi.yaml", line 4): the line of its `id`. */
export function definedAt(workspace: { readonly root: string }, item: GoalLink | KpiLink): DefinedAt {
  const span = item.file.locate([...item.path, 'id']);
  return { file: shownPath(workspace, item.file.path), line: new LineIndex(item.file.text).lineOf(span.start) + 1 };
}

/** One object for every call: the translator finds its number format by the object. */
const SHOWN_NUMBER: Intl.NumberFormatOptions = { maximumFractionDigits: 3 };

/** A number for a message: at most 3 decimals, no trailing zeros; in the form of the translator's language when one is given. */
export function shownNumber(value: number, words?: Translator): string {
  return words === undefined ? String(Number(value.toFixed(3))) : words.number(value, SHOWN_NUMBER);
}

/** A value and its unit, in the form of the translator's language: `1,234.5 SEK`, `1 234,5 SEK`. */
export function withUnit(value: number, unit: string | undefined, words: Translator): string {
  return unit ? `${shownNumber(value, words)} ${unit}` : shownNumber(value, words);
}

/** Whether the KPI has one of `keys`, or a misspelt key the schema reports as standing for one (a plain loop: every KPI, five rules). */
function hasAny(kpi: Kpi, keys: readonly string[]): boolean {
  for (const key of keys) if (kpi.keys.includes(key) || hasFault(kpi, key)) return true;
  return false;
}

/**
 * The shape shared by the `missing-*` rules: a KPI lacks all of `keys`
 * (any value counts as present, and so does a misspelt key the schema
 * already reports as standing for one: the schema judges them). Each says so
 * with its message `missing`, given the KPI's id as `kpi`.
 */
export function missingField(meta: RuleMeta, keys: readonly string[]): Rule {
  return {
    scope: 'file',
    meta,
    check({ workspace, report }) {
      for (const kpi of workspace.kpis) {
        if (!hasAny(kpi, keys)) {
          report({ file: kpi.file, at: valueOf(kpi, 'id'), messageId: 'missing', messageData: { kpi: kpi.id } });
        }
      }
    },
  };
}

/**
 * Where a problem with a KPI's source file is reported, and the file as the
 * message names it: the `file` value of a CSV source, the `queryFile` value
 * of a SQL source, or for a SQL source's snapshot (`resolved`) the `source`
 * key and the snapshot's path from the workspace root.
 */
export function sourceFileAt(workspace: { readonly root: string }, kpi: Kpi, resolved: string): { at: Place; file: string } {
  const file = fileSource(kpi);
  if (file !== undefined) return { at: valueOf(kpi, 'source', 'file'), file: file.file };
  const query = querySource(kpi);
  if (query?.queryFile !== undefined && resolved === sourcePath(kpi)) return { at: valueOf(kpi, 'source', 'queryFile'), file: query.queryFile };
  return { at: keyOf(kpi, 'source'), file: shownPath(workspace, resolved) };
}
