import type { Comparison, Comparisons, YearToDate } from './comparisons';
import { formatDay } from './dates';
import { hasFault } from './definition';
import { translator } from './l10n/catalogue';
import type { LocaleOrPseudo } from './l10n/locale';
import { reasonText } from './reasons';
import { LineIndex } from './lines';
import { comparisonsOf, goalStatus, type GoalStatusWord, type KpiStatus, type KpiStatusWord, type Trend } from './status';
import type { Aggregation, Direction, Goal, Kpi, KpiFile, Measurement } from './types';
import type { Workspace } from './workspace';
import { querySource, type SourceRead } from './sources';

/** A measurement as the scorecard shows it: the date as written in the file. */
export interface ScorecardPoint {
  readonly date: string;
  readonly value: number;
}

/** A measurement of the history: the date as written, the value, and its note when it has one. */
export interface ScorecardMeasurement extends ScorecardPoint {
  readonly note?: string;
}

export interface ScorecardGoal {
  readonly id: string;
  readonly title: string;
  readonly status: GoalStatusWord;
  /** KPIs that link to this goal directly. */
  readonly kpis: readonly string[];
  readonly parent: string | null;
  readonly owner: string | null;
  readonly due: string | null;
  readonly file: string;
  readonly line: number;
}

export interface ScorecardKpi {
  readonly id: string;
  readonly name: string;
  readonly category: string | null;
  readonly goals: readonly string[];
  readonly unit: string | null;
  readonly direction: Direction;
  readonly latest: ScorecardPoint | null;
  readonly previous: ScorecardPoint | null;
  readonly target: { readonly value: number; readonly date?: string } | null;
  readonly status: KpiStatusWord;
  /** Why it has its status, in one phrase (SPEC §5.8), in the language the scorecard was built in. */
  readonly reason: string;
  /** The plan line's value at the latest measurement's date; null without a plan (SPEC §5.3). */
  readonly planned: number | null;
  readonly progress: number | null;
  readonly trend: Trend | null;
  readonly stale: boolean;
  readonly file: string;
  readonly line: number;
  readonly owner: string | null;
  readonly frequency: string | null;
  /** How the periods add up to the year to date (SPEC §5.10); `last` gives none. */
  readonly aggregation: Aggregation;
  readonly baseline: { readonly value: number; readonly date?: string } | null;
  /** The at-risk and off-track thresholds (SPEC §5.2), null without them or when they have an error. */
  readonly thresholds: { readonly atRisk?: number; readonly offTrack?: number } | null;
  /** The plan entries without errors, in file order. */
  readonly plan: readonly ScorecardPoint[];
  /** SPEC §5.10: the latest value against the period before, a year earlier, the year to date, the plan and the target. */
  readonly comparisons: Comparisons;
  /** Measurements up to the as-of date, oldest first (inline and CSV merged), with their notes. */
  readonly history: readonly ScorecardMeasurement[];
  /** A SQL source's snapshot (SPEC §8); null for every other KPI. */
  readonly snapshot: ScorecardSnapshot | null;
}

/**
 * What the scorecard says of a SQL source's snapshot: when `kpi refresh`
 * took it (ISO time in UTC; null when the manifest does not say), whether it
 * was taken with another query or connection than the files name now, and
 * whether there is none yet. The views show it so that a reader knows how
 * old a figure from a database is.
 */
export interface ScorecardSnapshot {
  readonly taken: string | null;
  readonly outdated: boolean;
  readonly missing: boolean;
}

/** SPEC §6 `kpi status --format json`, with a few more fields the views need. */
export interface Scorecard {
  /** SPEC §6: the `title` of kpi.config.yaml, else the one file's `title`, else "KPI scorecard" in the scorecard's language. */
  readonly title: string;
  readonly asOf: string;
  readonly goals: readonly ScorecardGoal[];
  readonly kpis: readonly ScorecardKpi[];
}

function point(value: number | undefined, date: { text: string } | undefined): { value: number; date?: string } | null {
  if (value === undefined) return null;
  return date ? { value, date: date.text } : { value };
}

/** Four decimals are plenty for a share of the way to a target, and for a planned value. */
function rounded<T extends number | null>(value: T): T {
  return (value === null ? null : Math.round(value * 10_000) / 10_000) as T;
}

/** A difference of two figures without the noise of binary fractions (46.1 − 45.9 is 0.2, not 0.20000000000000284). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

function shownComparison(c: Comparison | null, figure: (value: number) => number = clean): Comparison | null {
  if (!c) return null;
  return { value: figure(c.value), base: figure(c.base), change: figure(c.change), changePercent: rounded(c.changePercent), verdict: c.verdict };
}

/** The comparisons with clean figures; those against the plan line rounded as `planned` is. */
function shownComparisons(c: Comparisons): Comparisons {
  const ytd = c.yearToDate;
  const yearToDate: YearToDate | null = ytd && { ...shownComparison(ytd)!, complete: ytd.complete };
  return {
    previous: shownComparison(c.previous),
    lastYear: shownComparison(c.lastYear),
    yearToDate,
    plan: shownComparison(c.plan, (v) => clean(rounded(v))),
    target: shownComparison(c.target),
  };
}

function shownThresholds(thresholds: Kpi['thresholds'], faulty: boolean): ScorecardKpi['thresholds'] {
  if (!thresholds || faulty) return null;
  const { atRisk, offTrack } = thresholds;
  // Written out rather than spread: a spread object keeps its fields out of line, which for 10,000 KPIs kept by the language server is ~2 MB more.
  if (atRisk !== undefined && offTrack !== undefined) return { atRisk, offTrack };
  if (atRisk !== undefined) return { atRisk };
  return offTrack === undefined ? {} : { offTrack };
}

/**
 * The goals a KPI names, without empty ids. The KPI's own list when it has
 * none (nothing changes either): a filtered copy has room for more, which
 * for every KPI kept by the language server adds up.
 */
function shownGoals(goals: readonly string[] | undefined): readonly string[] {
  if (!goals) return [];
  return goals.includes('') ? goals.filter((g) => g !== '') : goals;
}

function shownMeasurement(m: Measurement): ScorecardMeasurement {
  return m.note === undefined ? { date: m.date.text, value: m.value } : { date: m.date.text, value: m.value, note: m.note };
}

/**
 * The scorecard of a workspace: every goal with its rolled-up status and every
 * KPI with its status, in file-path then line order. `shownPath` turns a
 * file's path into the one the reader sees (relative, with `/`). `locale` is
 * the language of the reasons (the one text of the model in words); the
 * views that show the model take the same locale.
 */
export function buildScorecard(workspace: Workspace, shownPath: (file: string) => string, locale: LocaleOrPseudo = 'en'): Scorecard {
  return new ScorecardBuilder(shownPath, locale).build(workspace);
}

/** The line (1-based) of a goal's or KPI's id; each file's line index is made once, when first needed. */
function idLines(): (item: { file: KpiFile; path: readonly (string | number)[] }) => number {
  const lineIndexes = new Map<KpiFile, LineIndex>();
  return ({ file, path }) => {
    let index = lineIndexes.get(file);
    if (!index) lineIndexes.set(file, (index = new LineIndex(file.text)));
    return index.lineOf(file.idLineStart?.(path) ?? file.locate([...path, 'id']).start) + 1;
  };
}

/**
 * One goal as the scorecard shows it, with its status rolled up from the
 * KPIs that measure it: `before`, the goal of the last build, when it reads
 * the same (nothing is made for it: the language server builds after every
 * edit, and what changed is then quick to find).
 */
function scorecardGoal(
  workspace: Workspace,
  goal: Goal,
  status: GoalStatusWord,
  shownPath: (file: string) => string,
  line: number,
  before: ScorecardGoal | undefined,
): ScorecardGoal {
  const linking = workspace.kpisLinkingTo(goal.id);
  const title = goal.title ?? goal.id;
  const parent = goal.parent ?? null;
  const owner = goal.owner ?? null;
  const due = goal.due?.text ?? null;
  const file = shownPath(goal.file.path);
  if (
    before !== undefined &&
    before.id === goal.id &&
    before.title === title &&
    before.status === status &&
    before.parent === parent &&
    before.owner === owner &&
    before.due === due &&
    before.file === file &&
    before.line === line &&
    before.kpis.length === linking.length &&
    linking.every((kpi, i) => kpi.id === before.kpis[i])
  )
    return before;
  return { id: goal.id, title, status, kpis: linking.map((k) => k.id), parent, owner, due, file, line };
}

/** What a ScorecardBuilder keeps of one parsed file: its goals' lines and its KPIs as shown. */
interface KeptFile {
  readonly goalLines: Map<Goal, number>;
  readonly kpis: Map<Kpi, ScorecardKpi>;
}

/**
 * A KPI whose figures come from a file or a database (a CSV, a workbook, a
 * snapshot) is shown afresh at each build: those files change without its
 * KPI file changing, and each lint reads them again.
 */
function readsData(kpi: Kpi): boolean {
  return typeof kpi.source === 'object';
}

/**
 * Builds the scorecard of a workspace (buildScorecard makes one for one
 * build), and keeps it between builds for the language server: a file parsed
 * once (the same KpiFile object) keeps its goals' lines and its KPIs as
 * shown, so that after an edit only the edited file's KPIs are computed
 * again; the goals' statuses and links are gathered again each time, as they
 * reach across files. A build with kept entries equals a new builder's.
 *
 * What a shown KPI depends on beyond its file is fixed for the builder's
 * life: the paths as shown, the language, and the workspace's configuration
 * (status bands, rule severities, fiscal year: the workspace's status
 * options). Make a new builder when one of those changes; a new as-of date
 * is noticed here and starts afresh.
 */
export class ScorecardBuilder {
  private kept = new WeakMap<KpiFile, KeptFile>();
  private asOf?: string;
  /**
   * The goals of the last build, by id: a goal that reads the same is given
   * as the same object, so that what changed between two builds is quick to
   * find (the language server sends only that).
   */
  private goalsShown = new Map<string, ScorecardGoal>();

  constructor(
    private readonly shownPath: (file: string) => string,
    private readonly locale: LocaleOrPseudo = 'en',
  ) {}

  build(workspace: Workspace): Scorecard {
    const steps = this.steps(workspace);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** build, one step per KPI computed (a kept one costs none), so that a cancelled request stops early. */
  *steps(workspace: Workspace): Generator<void, Scorecard> {
    const shown = this.shownKpis(workspace);
    // Every KPI first, one step each computed, duplicates too: the goals' statuses count them all.
    const kpis: ScorecardKpi[] = [];
    for (const kpi of workspace.kpis) {
      const computed = shown.computed;
      const entry = shown.kpi(kpi);
      if (workspace.kpi(kpi.id) === kpi) kpis.push(entry);
      if (shown.computed > computed) yield;
    }
    const goals: ScorecardGoal[] = [];
    for (const goal of workspace.goals) {
      if (workspace.goal(goal.id) !== goal) continue;
      const kept = shown.keptOf(goal.file);
      let line = kept.goalLines.get(goal);
      if (line === undefined) kept.goalLines.set(goal, (line = shown.lineOf(goal)));
      const status = goalStatus(workspace.kpisMeasuring(goal.id).map((k) => shown.kpi(k).status));
      goals.push(scorecardGoal(workspace, goal, status, this.shownPath, line, this.goalsShown.get(goal.id)));
    }
    this.goalsShown = new Map();
    for (const goal of goals) this.goalsShown.set(goal.id, goal);
    return { title: workspace.title ?? translator(this.locale).t('report.title'), asOf: formatDay(workspace.asOf), goals, kpis };
  }

  /** The status of every KPI (one per id, the first definition), as the scorecard counts them: what the status bar shows. */
  statusCounts(workspace: Workspace): Partial<Record<KpiStatusWord, number>> {
    const shown = this.shownKpis(workspace);
    const counts: Partial<Record<KpiStatusWord, number>> = {};
    for (const kpi of workspace.kpis) {
      if (workspace.kpi(kpi.id) !== kpi) continue;
      const status = shown.kpi(kpi).status;
      counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  }

  /**
   * The KPIs of one build as shown: kept ones reused, the others computed
   * and kept, except those reading data, which are computed once per build.
   */
  private shownKpis(workspace: Workspace) {
    const asOf = formatDay(workspace.asOf);
    if (asOf !== this.asOf) {
      this.kept = new WeakMap();
      this.asOf = asOf;
    }
    // Taken now: a build for another as-of date that starts while this one runs (between its steps) gets a map of its own.
    const files = this.kept;
    const readingData = new Map<Kpi, ScorecardKpi>();
    const shown = {
      computed: 0,
      keptOf: (file: KpiFile): KeptFile => {
        let kept = files.get(file);
        if (!kept) files.set(file, (kept = { goalLines: new Map(), kpis: new Map() }));
        return kept;
      },
      lineOf: idLines(),
      kpi: (kpi: Kpi): ScorecardKpi => {
        const kept = readsData(kpi) ? readingData : shown.keptOf(kpi.file).kpis;
        let found = kept.get(kpi);
        if (!found) {
          const status = workspace.statusUnkept(kpi);
          kept.set(kpi, (found = scorecardKpi(workspace, kpi, this.shownPath, shown.lineOf(kpi), this.locale, status)));
          shown.computed++;
        }
        return found;
      },
    };
    return shown;
  }
}

/**
 * The snapshot of a KPI with a SQL source, from what reading it gave. A
 * source that names an unknown connection, or a query file that cannot be
 * read, has no snapshot to speak of (null): its diagnostics say what to fix,
 * and no refresh would help before that.
 */
function shownSnapshot(kpi: Kpi, read: SourceRead | undefined): ScorecardSnapshot | null {
  if (querySource(kpi) === undefined || read === undefined) return null;
  if (read.kind === 'snapshot-missing') return { taken: null, outdated: false, missing: true };
  if (read.kind !== 'read' || read.snapshot === undefined) return null;
  return { taken: read.snapshot.taken ?? null, outdated: read.snapshot.outdated, missing: false };
}

/** A shown KPI's status, out of sight: its history and comparisons are made from it when read. */
const SHOWN_FROM = Symbol('shown from');

interface ShownFrom {
  readonly [SHOWN_FROM]: KpiStatus;
}

/**
 * A shown KPI's history and comparisons are made each time they are read
 * (JSON.stringify reads them once), from its status kept out of sight: the
 * language server keeps 10,000 shown KPIs between builds, and kept as
 * objects these two would be most of each, about 1 kB. They are own,
 * enumerable properties, so JSON, a spread and a deep comparison see them as
 * fields, in their place.
 */
const HISTORY: PropertyDescriptor = {
  enumerable: true,
  get(this: ShownFrom): ScorecardMeasurement[] {
    return this[SHOWN_FROM].history.map(shownMeasurement);
  },
};

const COMPARISONS: PropertyDescriptor = {
  enumerable: true,
  get(this: ShownFrom): Comparisons {
    return shownComparisons(comparisonsOf(this[SHOWN_FROM]));
  },
};

/** One KPI as the scorecard shows it: the figures hover, CodeLens and preview share. */
export function scorecardKpi(
  workspace: Workspace,
  kpi: Kpi,
  shownPath: (file: string) => string,
  line: number,
  locale: LocaleOrPseudo = 'en',
  status: KpiStatus = workspace.status(kpi),
): ScorecardKpi {
  const shown = (m: typeof status.latest): ScorecardPoint | null => (m ? { date: m.date.text, value: m.value } : null);
  // A target or baseline with an error is never shown as a figure (SPEC §5.9).
  const valid = (property: 'target' | 'baseline') => (hasFault(kpi, property) ? undefined : kpi[property]);
  const entry: Omit<ScorecardKpi, 'comparisons' | 'history' | 'snapshot'> = {
    id: kpi.id,
    name: kpi.name ?? kpi.id,
    category: kpi.category ?? null,
    goals: shownGoals(kpi.goals),
    unit: kpi.unit ?? null,
    direction: kpi.direction,
    latest: shown(status.latest),
    previous: shown(status.previous),
    target: point(valid('target')?.value, valid('target')?.date),
    status: status.status,
    reason: reasonText(status, kpi.direction, translator(locale)),
    planned: rounded(status.planned),
    progress: rounded(status.progress),
    trend: status.trend,
    stale: status.stale,
    file: shownPath(kpi.file.path),
    line,
    owner: kpi.owner ?? null,
    frequency: kpi.frequency ?? null,
    aggregation: kpi.aggregation,
    baseline: point(valid('baseline')?.value, valid('baseline')?.date),
    thresholds: shownThresholds(kpi.thresholds, hasFault(kpi, 'thresholds')),
    plan: (kpi.plan ?? []).map((e) => ({ date: e.date.text, value: e.value })),
  };
  // In the order of ScorecardKpi, which is the order of the JSON.
  Object.defineProperty(entry, SHOWN_FROM, { value: status });
  Object.defineProperty(entry, 'comparisons', COMPARISONS);
  Object.defineProperty(entry, 'history', HISTORY);
  // The two accessors are defined above: only the type does not know them.
  return Object.assign(entry as ScorecardKpi, { snapshot: shownSnapshot(kpi, workspace.source(kpi)) });
}
