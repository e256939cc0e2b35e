import type { Day } from './dates';
import type { SourceReader, SourceRead } from './sources';
import { DEFAULT_STATUS_OPTIONS, goalStatus, kpiStatus, type GoalStatusWord, type KpiStatus, type StatusOptions } from './status';
import type { Kpi, KpiFile, LinkedFile, Measurement } from './types';

function byPath(a: LinkedFile, b: LinkedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Items by id: the first definition of each id, and every definition of the ids defined more than once. */
interface ById<T> {
  readonly first: Map<string, T>;
  readonly repeated: Map<string, T[]>;
}

/**
 * Groups items by id. Most ids are defined once: they get no list of their
 * own (a language server makes this for 10,000 KPIs after every edit).
 */
function byId<T extends { id: string }>(items: readonly T[]): ById<T> {
  const first = new Map<string, T>();
  const repeated = new Map<string, T[]>();
  for (const item of items) {
    const defining = first.get(item.id);
    if (defining === undefined) first.set(item.id, item);
    else {
      const list = repeated.get(item.id);
      if (list) list.push(item);
      else repeated.set(item.id, [defining, item]);
    }
  }
  return { first, repeated };
}

const NONE: readonly never[] = [];

type GoalOf<F extends LinkedFile> = F['goals'][number];
type KpiOf<F extends LinkedFile> = F['kpis'][number];

/**
 * How the goals and KPIs of a set of files link up: ids resolved across all
 * of them, parents, children and the KPIs that measure each goal. This is
 * all the rules that look across files (`scope: 'workspace'`) may see.
 * Everything is computed on first use.
 */
export class Links<F extends LinkedFile = LinkedFile> {
  /** Files in path order; goals and KPIs in file-path then line order. */
  readonly files: readonly F[];
  readonly goals: readonly GoalOf<F>[];
  readonly kpis: readonly KpiOf<F>[];
  /** The goal that defines each id (the first, when it is defined twice). */
  readonly goalById: ReadonlyMap<string, GoalOf<F>>;
  /** The KPI that defines each id (the first, when it is defined twice). */
  readonly kpiById: ReadonlyMap<string, KpiOf<F>>;
  /** Every definition of each goal id defined more than once, in file-path then line order. */
  readonly repeatedGoals: ReadonlyMap<string, readonly GoalOf<F>[]>;
  /** Every definition of each KPI id defined more than once, in file-path then line order. */
  readonly repeatedKpis: ReadonlyMap<string, readonly KpiOf<F>[]>;
  private linksCache?: Map<string, KpiOf<F>[]>;
  private childrenCache?: Map<string, GoalOf<F>[]>;
  private readonly measuringCache = new Map<string, readonly KpiOf<F>[]>();

  constructor(
    files: readonly F[],
    readonly root: string,
    readonly asOf: Day,
  ) {
    this.files = [...files].sort(byPath);
    this.goals = this.files.flatMap((f) => f.goals);
    this.kpis = this.files.flatMap((f) => f.kpis);
    const goals = byId(this.goals);
    const kpis = byId(this.kpis);
    this.goalById = goals.first;
    this.repeatedGoals = goals.repeated;
    this.kpiById = kpis.first;
    this.repeatedKpis = kpis.repeated;
  }

  /** The goal that defines `id` (the first, when it is defined twice). */
  goal(id: string): GoalOf<F> | undefined {
    return this.goalById.get(id);
  }

  /** The KPI that defines `id` (the first, when it is defined twice). */
  kpi(id: string): KpiOf<F> | undefined {
    return this.kpiById.get(id);
  }

  /** The KPIs whose `goals` name `goalId` directly. */
  kpisLinkingTo(goalId: string): readonly KpiOf<F>[] {
    if (!this.linksCache) {
      this.linksCache = new Map();
      for (const kpi of this.kpis) {
        const goals = kpi.goals ?? NONE;
        for (let index = 0; index < goals.length; index++) {
          const id = goals[index];
          if (goals.indexOf(id) !== index) continue; // named twice, counted once
          const list = this.linksCache.get(id);
          if (list) list.push(kpi);
          else this.linksCache.set(id, [kpi]);
        }
      }
    }
    return this.linksCache.get(goalId) ?? NONE;
  }

  /** The goals whose `parent` is `goalId`. */
  children(goalId: string): readonly GoalOf<F>[] {
    if (!this.childrenCache) {
      this.childrenCache = new Map();
      for (const goal of this.goals) {
        if (goal.parent === undefined) continue;
        const list = this.childrenCache.get(goal.parent);
        if (list) list.push(goal);
        else this.childrenCache.set(goal.parent, [goal]);
      }
    }
    return this.childrenCache.get(goalId) ?? NONE;
  }

  /**
   * The KPIs that measure a goal: those linking to it or to any descendant
   * goal. Worked out once per goal: a rule and the scorecard both ask for
   * every goal.
   */
  kpisMeasuring(goalId: string): readonly KpiOf<F>[] {
    let found = this.measuringCache.get(goalId);
    if (found === undefined) {
      found = this.children(goalId).length === 0 ? this.kpisLinkingTo(goalId) : this.kpisBelow(goalId);
      this.measuringCache.set(goalId, found);
    }
    return found;
  }

  /** The KPIs linking to a goal or to any of its descendants. */
  private kpisBelow(goalId: string): KpiOf<F>[] {
    const seen = new Set<string>();
    const found = new Set<KpiOf<F>>();
    const visit = (id: string) => {
      if (seen.has(id)) return; // parent links may form a cycle
      seen.add(id);
      for (const kpi of this.kpisLinkingTo(id)) found.add(kpi);
      for (const child of this.children(id)) visit(child.id);
    };
    visit(goalId);
    return [...found];
  }
}

/**
 * A set of KPI files linted together: their links, CSV sources read, and
 * every KPI's status as of one date. Everything is computed on first use and
 * kept for the life of the workspace.
 */
export class Workspace extends Links<KpiFile> {
  private readonly sourceReads = new Map<Kpi, SourceRead | undefined>();
  private readonly statuses = new Map<Kpi, KpiStatus>();

  /**
   * `sources` reads the CSV files; workspaces of one lint run share one, so
   * that each CSV is read once. `statusOptions`: the configured status bands
   * and rule severities. `configuredTitle`: the `title` of kpi.config.yaml.
   */
  constructor(
    files: readonly KpiFile[],
    root: string,
    asOf: Day,
    private readonly sources: SourceReader,
    readonly statusOptions: StatusOptions = DEFAULT_STATUS_OPTIONS,
    private readonly configuredTitle?: string,
  ) {
    super(files, root, asOf);
  }

  /** What reading the KPI's CSV source gave, or undefined without a `source.file`. */
  source(kpi: Kpi): SourceRead | undefined {
    // Only a `source` mapping is read: not kept for the others (most KPIs), as each lint of an edit makes a new workspace.
    if (typeof kpi.source !== 'object') return undefined;
    if (!this.sourceReads.has(kpi)) this.sourceReads.set(kpi, this.sources.read(kpi, this.asOf));
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
      status = this.statusUnkept(kpi);
      this.statuses.set(kpi, status);
    }
    return status;
  }

  /**
   * The KPI's status as `status` gives it, not kept when it was not kept
   * already: the scorecard keeps what it shows of a KPI itself, and a
   * language server's workspace would otherwise keep every status twice.
   */
  statusUnkept(kpi: Kpi): KpiStatus {
    return this.statuses.get(kpi) ?? kpiStatus(kpi, this.measurements(kpi), this.asOf, this.statusOptions);
  }

  /** SPEC §6: the configured title, else the title of the one KPI file; undefined for the default, "KPI scorecard". */
  get title(): string | undefined {
    return this.configuredTitle ?? (this.files.length === 1 ? this.files[0].title : undefined);
  }

  goalStatus(goalId: string): GoalStatusWord {
    return goalStatus(this.kpisMeasuring(goalId).map((k) => this.status(k).status));
  }
}
