import type { Day } from './dates';
import type { FileReader } from './host';
import { SourceReader, type SourceRead } from './sources';
import { goalStatus, kpiStatus, type GoalStatusWord, type KpiStatus } from './status';
import type { Goal, Kpi, KpiFile, Measurement } from './types';

function byPath(a: KpiFile, b: KpiFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function group<T extends { id: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.id);
    if (list) list.push(item);
    else map.set(item.id, [item]);
  }
  return map;
}

/**
 * A set of KPI files linted together: goals and KPIs resolved across all of
 * them, CSV sources read, and every KPI's status as of one date. Everything
 * is computed on first use and kept for the life of the workspace.
 */
export class Workspace {
  /** Files in path order; goals and KPIs in file-path then line order. */
  readonly files: readonly KpiFile[];
  readonly goals: readonly Goal[];
  readonly kpis: readonly Kpi[];
  readonly goalsById: ReadonlyMap<string, readonly Goal[]>;
  readonly kpisById: ReadonlyMap<string, readonly Kpi[]>;
  private readonly sourceReader: SourceReader;
  private readonly sourceReads = new Map<Kpi, SourceRead | undefined>();
  private readonly statuses = new Map<Kpi, KpiStatus>();
  private linksCache?: Map<string, Kpi[]>;
  private childrenCache?: Map<string, Goal[]>;

  constructor(
    files: readonly KpiFile[],
    readonly root: string,
    readonly asOf: Day,
    reader: FileReader,
  ) {
    this.files = [...files].sort(byPath);
    this.goals = this.files.flatMap((f) => f.goals);
    this.kpis = this.files.flatMap((f) => f.kpis);
    this.goalsById = group(this.goals);
    this.kpisById = group(this.kpis);
    this.sourceReader = new SourceReader(root, reader);
  }

  /** The goal that defines `id` (the first, when it is defined twice). */
  goal(id: string): Goal | undefined {
    return this.goalsById.get(id)?.[0];
  }

  /** The KPIs whose `goals` name `goalId` directly. */
  kpisLinkingTo(goalId: string): readonly Kpi[] {
    if (!this.linksCache) {
      this.linksCache = new Map();
      for (const kpi of this.kpis) {
        for (const id of new Set(kpi.goals ?? [])) {
          const list = this.linksCache.get(id);
          if (list) list.push(kpi);
          else this.linksCache.set(id, [kpi]);
        }
      }
    }
    return this.linksCache.get(goalId) ?? [];
  }

  /** The goals whose `parent` is `goalId`. */
  children(goalId: string): readonly Goal[] {
    if (!this.childrenCache) {
      this.childrenCache = new Map();
      for (const goal of this.goals) {
        if (goal.parent === undefined) continue;
        const list = this.childrenCache.get(goal.parent);
        if (list) list.push(goal);
        else this.childrenCache.set(goal.parent, [goal]);
      }
    }
    return this.childrenCache.get(goalId) ?? [];
  }

  /** The KPIs that measure a goal: those linking to it or to any descendant goal. */
  kpisMeasuring(goalId: string): readonly Kpi[] {
    const seen = new Set<string>();
    const found = new Set<Kpi>();
    const visit = (id: string) => {
      if (seen.has(id)) return; // parent links may form a cycle
      seen.add(id);
      for (const kpi of this.kpisLinkingTo(id)) found.add(kpi);
      for (const child of this.children(id)) visit(child.id);
    };
    visit(goalId);
    return [...found];
  }

  /** What reading the KPI's CSV source gave, or undefined without a `source.file`. */
  source(kpi: Kpi): SourceRead | undefined {
    if (!this.sourceReads.has(kpi)) this.sourceReads.set(kpi, this.sourceReader.read(kpi));
    return this.sourceReads.get(kpi);
  }

  /** Inline measurements merged with CSV rows; the inline one wins on the same date. */
  measurements(kpi: Kpi): readonly Measurement[] {
    const read = this.source(kpi);
    if (read?.kind !== 'read' || read.measurements.length === 0) return kpi.measurements;
    const inlineDays = new Set(kpi.measurements.map((m) => m.date.day));
    return [...read.measurements.filter((m) => !inlineDays.has(m.date.day)), ...kpi.measurements];
  }

  status(kpi: Kpi): KpiStatus {
    let status = this.statuses.get(kpi);
    if (!status) {
      status = kpiStatus(kpi, this.measurements(kpi), this.asOf);
      this.statuses.set(kpi, status);
    }
    return status;
  }

  goalStatus(goalId: string): GoalStatusWord {
    return goalStatus(this.kpisMeasuring(goalId).map((k) => this.status(k).status));
  }
}
