import type { Day } from './dates';
import type { SourceReader, SourceRead } from './sources';
import { DEFAULT_STATUS_OPTIONS, goalStatus, kpiStatus, type GoalStatusWord, type KpiStatus, type StatusOptions } from './status';
import type { GoalLink, Kpi, KpiFile, KpiLink, LinkedFile, Measurement } from './types';

function byPath(a: LinkedFile, b: LinkedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Adds `item` to the list of `key`, made when it has none. */
function addTo<K, T>(lists: Map<K, T[]>, key: K, item: T): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

/** Where each id of a list is defined: the index of its first definition, and every index of the ids defined more than once. */
class Positions {
  readonly first = new Map<string, number>();
  readonly repeated = new Map<string, number[]>();

  constructor(ids: readonly string[]) {
    ids.forEach((id, index) => {
      const defining = this.first.get(id);
      if (defining === undefined) this.first.set(id, index);
      else {
        const list = this.repeated.get(id);
        if (list) list.push(index);
        else this.repeated.set(id, [defining, index]);
      }
    });
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NONE: readonly never[] = [];

/**
 * How the goals and KPIs of a workspace link up, by their positions in its
 * lists of goals and KPIs: where each id is defined, the KPIs naming each
 * goal, each goal's children and the KPIs measuring it. It depends only on
 * the ids, the goals' parents and the KPIs' goals, so the links of a later
 * lint take an earlier index as it is while those stay the same, as after
 * most edits: the language server then builds none of it again for 10,000
 * KPIs at each keystroke. What it finds by goal is worked out on first use.
 */
export class LinkIndex {
  private readonly goalIds: readonly string[];
  private readonly parents: readonly (string | undefined)[];
  private readonly kpiIds: readonly string[];
  private readonly kpiGoals: readonly (readonly string[] | undefined)[];
  readonly goals: Positions;
  readonly kpis: Positions;
  private linkingCache?: Map<string, number[]>;
  private childrenCache?: Map<string, number[]>;
  private readonly measuringCache = new Map<string, readonly number[]>();

  private constructor(goals: readonly GoalLink[], kpis: readonly KpiLink[]) {
    this.goalIds = goals.map((g) => g.id);
    this.parents = goals.map((g) => g.parent);
    this.kpiIds = kpis.map((k) => k.id);
    this.kpiGoals = kpis.map((k) => k.goals);
    this.goals = new Positions(this.goalIds);
    this.kpis = new Positions(this.kpiIds);
  }

  /** The index of these goals and KPIs: `earlier` itself when it fits them. */
  static of(goals: readonly GoalLink[], kpis: readonly KpiLink[], earlier?: LinkIndex): LinkIndex {
    return earlier?.fits(goals, kpis) ? earlier : new LinkIndex(goals, kpis);
  }

  /** Whether these goals and KPIs have the ids, parents and goals this index was made of. */
  private fits(goals: readonly GoalLink[], kpis: readonly KpiLink[]): boolean {
    if (goals.length !== this.goalIds.length || kpis.length !== this.kpiIds.length) return false;
    for (let i = 0; i < goals.length; i++) if (goals[i].id !== this.goalIds[i] || goals[i].parent !== this.parents[i]) return false;
    for (let i = 0; i < kpis.length; i++) if (kpis[i].id !== this.kpiIds[i] || !sameList(kpis[i].goals, this.kpiGoals[i])) return false;
    return true;
  }

  /** The positions of the KPIs whose `goals` name `goalId`, each once. */
  linking(goalId: string): readonly number[] {
    if (!this.linkingCache) {
      const linking = (this.linkingCache = new Map<string, number[]>());
      this.kpiGoals.forEach((goals = NONE, kpi) => {
        for (let index = 0; index < goals.length; index++) {
          const id = goals[index];
          if (goals.indexOf(id) === index) addTo(linking, id, kpi); // named twice, counted once
        }
      });
    }
    return this.linkingCache.get(goalId) ?? NONE;
  }

  /** The positions of the goals whose `parent` is `goalId`. */
  children(goalId: string): readonly number[] {
    if (!this.childrenCache) {
      const children = (this.childrenCache = new Map<string, number[]>());
      this.parents.forEach((parent, goal) => {
        if (parent !== undefined) addTo(children, parent, goal);
      });
    }
    return this.childrenCache.get(goalId) ?? NONE;
  }

  /** The positions of the KPIs linking to `goalId` or to any descendant goal, each once. */
  measuring(goalId: string): readonly number[] {
    let found = this.measuringCache.get(goalId);
    if (found === undefined) {
      found = this.children(goalId).length === 0 ? this.linking(goalId) : this.below(goalId);
      this.measuringCache.set(goalId, found);
    }
    return found;
  }

  private below(goalId: string): number[] {
    const seen = new Set<string>();
    const found = new Set<number>();
    const visit = (id: string) => {
      if (seen.has(id)) return; // parent links may form a cycle
      seen.add(id);
      for (const kpi of this.linking(id)) found.add(kpi);
      for (const child of this.children(id)) visit(this.goalIds[child]);
    };
    visit(goalId);
    return [...found];
  }
}

type GoalOf<F extends LinkedFile> = F['goals'][number];
type KpiOf<F extends LinkedFile> = F['kpis'][number];

/** The items at some positions of a list. */
function at<T>(items: readonly T[], positions: readonly number[]): T[] {
  return positions.map((i) => items[i]);
}

/** Every definition of each id defined more than once, by id. */
function repeatedOf<T>(items: readonly T[], positions: Positions): ReadonlyMap<string, readonly T[]> {
  const repeated = new Map<string, T[]>();
  for (const [id, indexes] of positions.repeated) repeated.set(id, at(items, indexes));
  return repeated;
}

/**
 * How the goals and KPIs of a set of files link up: ids resolved across all
 * of them, parents, children and the KPIs that measure each goal. This is
 * all the rules that look across files (`scope: 'workspace'`) may see.
 */
export class Links<F extends LinkedFile = LinkedFile> {
  /** Files in path order; goals and KPIs in file-path then line order. */
  readonly files: readonly F[];
  readonly goals: readonly GoalOf<F>[];
  readonly kpis: readonly KpiOf<F>[];
  /** How they link up, by position in `goals` and `kpis`. */
  readonly index: LinkIndex;

  /** `earlier`: the index of the project's last links, taken when it fits. */
  constructor(
    files: readonly F[],
    readonly root: string,
    readonly asOf: Day,
    earlier?: LinkIndex,
  ) {
    this.files = [...files].sort(byPath);
    this.goals = this.files.flatMap((f) => f.goals);
    this.kpis = this.files.flatMap((f) => f.kpis);
    this.index = LinkIndex.of(this.goals, this.kpis, earlier);
  }

  /** The goal that defines `id` (the first, when it is defined twice). */
  goal(id: string): GoalOf<F> | undefined {
    const index = this.index.goals.first.get(id);
    return index === undefined ? undefined : this.goals[index];
  }

  /** The KPI that defines `id` (the first, when it is defined twice). */
  kpi(id: string): KpiOf<F> | undefined {
    const index = this.index.kpis.first.get(id);
    return index === undefined ? undefined : this.kpis[index];
  }

  /** Every goal id once, in file-path then line order of its first definition. */
  goalIds(): IterableIterator<string> {
    return this.index.goals.first.keys();
  }

  /** Every definition of each goal id defined more than once, in file-path then line order. */
  repeatedGoals(): ReadonlyMap<string, readonly GoalOf<F>[]> {
    return repeatedOf(this.goals, this.index.goals);
  }

  /** Every definition of each KPI id defined more than once, in file-path then line order. */
  repeatedKpis(): ReadonlyMap<string, readonly KpiOf<F>[]> {
    return repeatedOf(this.kpis, this.index.kpis);
  }

  /** The KPIs whose `goals` name `goalId` directly. */
  kpisLinkingTo(goalId: string): readonly KpiOf<F>[] {
    return at(this.kpis, this.index.linking(goalId));
  }

  /** The goals whose `parent` is `goalId`. */
  children(goalId: string): readonly GoalOf<F>[] {
    return at(this.goals, this.index.children(goalId));
  }

  /** The KPIs that measure a goal: those linking to it or to any descendant goal. */
  kpisMeasuring(goalId: string): readonly KpiOf<F>[] {
    return at(this.kpis, this.index.measuring(goalId));
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
   * `earlier`: as for Links.
   */
  constructor(
    files: readonly KpiFile[],
    root: string,
    asOf: Day,
    private readonly sources: SourceReader,
    readonly statusOptions: StatusOptions = DEFAULT_STATUS_OPTIONS,
    private readonly configuredTitle?: string,
    earlier?: LinkIndex,
  ) {
    super(files, root, asOf, earlier);
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
