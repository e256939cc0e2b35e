import { LineIndex } from '../lines';
import { shownPath as shownPathFrom } from '../paths';
import type { Place, Rule, RuleMeta } from '../rule';
import { hasFault } from '../definition';
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

/** "strategy.kpi.yaml line 4": where a goal or KPI is defined. */
export function definedAt(workspace: { readonly root: string }, item: GoalLink | KpiLink): string {
  const span = item.file.locate([...item.path, 'id']);
  return `${shownPath(workspace, item.file.path)} line ${new LineIndex(item.file.text).lineOf(span.start) + 1}`;
}

/** A number for a message: at most 3 decimals, no trailing zeros. */
export function shownNumber(value: number): string {
  return String(Number(value.toFixed(3)));
}

export function withUnit(value: number, unit: string | undefined): string {
  return unit ? `${shownNumber(value)} ${unit}` : shownNumber(value);
}

/**
 * The shape shared by the `missing-*` rules: a KPI lacks all of `keys`
 * (any value counts as present, and so does a misspelt key the schema
 * already reports as standing for one: the schema judges them).
 */
export function missingField(meta: RuleMeta, keys: readonly string[], advice: (kpi: Kpi) => string): Rule {
  return {
    scope: 'file',
    meta,
    check({ workspace, report }) {
      for (const kpi of workspace.kpis) {
        if (keys.every((key) => !kpi.keys.includes(key) && !hasFault(kpi, key))) report({ file: kpi.file, at: valueOf(kpi, 'id'), message: advice(kpi) });
      }
    },
  };
}
