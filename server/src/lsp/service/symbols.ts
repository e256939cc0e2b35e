import type { DataPath, Goal, Kpi, KpiFile, NodeAt, Span } from '../../core/types';
import type { Workspace } from '../../core/workspace';

/** A goal or KPI id under the cursor: where it is defined or referenced. */
export interface IdAt {
  readonly kind: 'goal' | 'kpi';
  readonly id: string;
  readonly span: Span;
  readonly isDefinition: boolean;
}

function isIdPath(at: NodeAt): 'goal-definition' | 'kpi-definition' | 'goal-reference' | undefined {
  const p = at.path;
  if (at.anchor !== 'value') return undefined;
  if (p.length === 3 && p[0] === 'goals' && p[2] === 'id') return 'goal-definition';
  if (p.length === 3 && p[0] === 'kpis' && p[2] === 'id') return 'kpi-definition';
  if (p.length === 3 && p[0] === 'goals' && p[2] === 'parent') return 'goal-reference';
  if (p.length === 4 && p[0] === 'kpis' && p[2] === 'goals' && typeof p[3] === 'number') return 'goal-reference';
  return undefined;
}

/** The id at an offset of a file, if the cursor is on a goal or KPI id. */
export function idAt(file: KpiFile, offset: number): IdAt | undefined {
  const at = file.nodeAt(offset);
  if (!at) return undefined;
  const kind = isIdPath(at);
  if (!kind) return undefined;
  const id = kind === 'kpi-definition' ? file.kpis.find((k) => k.path[1] === at.path[1])?.id : kindGoalId(file, at.path, kind);
  if (typeof id !== 'string' || id === '') return undefined;
  return { kind: kind === 'kpi-definition' ? 'kpi' : 'goal', id, span: at.span, isDefinition: kind !== 'goal-reference' };
}

function kindGoalId(file: KpiFile, path: DataPath, kind: 'goal-definition' | 'goal-reference'): string | undefined {
  if (kind === 'goal-definition') return file.goals.find((g) => g.path[1] === path[1])?.id;
  if (path[0] === 'goals') return file.goals.find((g) => g.path[1] === path[1])?.parent;
  return file.kpis.find((k) => k.path[1] === path[1])?.goals?.[path[3] as number];
}

/** A place in a file: its path and span. */
export interface Occurrence {
  readonly file: KpiFile;
  readonly span: Span;
  readonly isDefinition: boolean;
}

function at(item: Goal | Kpi, ...property: (string | number)[]): Span {
  return item.file.locate([...item.path, ...property]);
}

/** Every definition and reference of a goal or KPI id in the workspace, in file then line order. */
export function occurrences(workspace: Workspace, kind: 'goal' | 'kpi', id: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const file of workspace.files) {
    if (file.syntaxErrors.length > 0) continue;
    if (kind === 'kpi') {
      for (const kpi of file.kpis) if (kpi.id === id) found.push({ file, span: at(kpi, 'id'), isDefinition: true });
      continue;
    }
    for (const goal of file.goals) {
      if (goal.id === id) found.push({ file, span: at(goal, 'id'), isDefinition: true });
      if (goal.parent === id) found.push({ file, span: at(goal, 'parent'), isDefinition: false });
    }
    for (const kpi of file.kpis) {
      kpi.goals?.forEach((goalId, index) => {
        if (goalId === id) found.push({ file, span: at(kpi, 'goals', index), isDefinition: false });
      });
    }
  }
  return found.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : a.span.start - b.span.start));
}
