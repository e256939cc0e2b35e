import type { Anchor } from './locate';
import type { Day } from './dates';
import { translator, type Message } from './l10n/catalogue';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A path into a KPI file's data, e.g. `['kpis', 2, 'target']`. */
export type DataPath = readonly (string | number)[];

/** A half-open range of offsets into a file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A problem found while reading a file, already located. */
export interface Problem {
  /** What is wrong, in English: kept for the readers that still want a string (the CLI's cache); the rules report `said`. */
  readonly message: string;
  /** What is wrong, as a message of the catalogue: the host that shows it puts it in the user's language. */
  readonly said: Message;
  readonly span: Span;
  /**
   * For a schema problem: the data path of what is wrong (a value, the
   * object missing a property, an unknown key, or the property a misspelt
   * key stands for). The status leaves out every figure under a path with
   * a problem, and the rules reading it stay silent (SPEC §5.9).
   */
  readonly path?: DataPath;
}

/** A problem saying `said`, with its English words. */
export function problem(said: Message, span: Span, path?: DataPath): Problem {
  const message = translator('en').text(said);
  return path === undefined ? { message, said, span } : { message, said, span, path };
}

export type Direction = 'increase' | 'decrease';
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';
/** How a KPI's periods add up to a year-to-date figure (SPEC §5.10); `last` gives none. */
export type Aggregation = 'sum' | 'average' | 'last';
export type GoalStatus = 'active' | 'achieved' | 'dropped';

/** A date as written in the file, with the day it means. */
export interface DateValue {
  readonly text: string;
  readonly day: Day;
}

/**
 * What the rules that look across files (`scope: 'workspace'`) may know of
 * a goal: its place, id and links. The CLI's cache keeps just this of an
 * unchanged file.
 */
export interface GoalLink {
  readonly file: LinkedFile;
  readonly path: DataPath;
  readonly id: string;
  readonly parent?: string;
  readonly due?: DateValue;
  readonly status: GoalStatus;
}

/** What the rules that look across files may know of a KPI. */
export interface KpiLink {
  readonly file: LinkedFile;
  readonly path: DataPath;
  readonly id: string;
  /** Undefined when the KPI has no `goals` key. */
  readonly goals?: readonly string[];
}

export interface Goal extends GoalLink {
  readonly file: KpiFile;
  readonly title?: string;
  readonly owner?: string;
}

export interface Point {
  readonly value?: number;
  readonly date?: DateValue;
}

export interface SourceFile {
  readonly file: string;
  /** The sheet of an Excel workbook (`.xlsx`); without it, the first sheet. */
  readonly sheet?: string;
  readonly date: string;
  readonly value: string;
}

/**
 * SPEC §8: a SQL source. Only `kpi refresh` runs the query; everything else
 * reads its snapshot, `.kpi/snapshots/<kpi id>.csv` under the workspace root.
 */
export interface SourceQuery {
  /** A connection of kpi.config.yaml. */
  readonly connection: string;
  /** The SQL text, or (`queryFile`) a file holding it, relative to the KPI file's folder, inside the workspace: exactly one of the two. */
  readonly query?: string;
  readonly queryFile?: string;
  /** The result columns holding the date and the value. */
  readonly date: string;
  readonly value: string;
}

export interface Measurement {
  readonly date: DateValue;
  readonly value: number;
  readonly note?: string;
  /** Where it came from: the index in `measurements`, or the CSV line. */
  readonly origin: { readonly kind: 'inline'; readonly index: number } | { readonly kind: 'csv'; readonly line: number };
}

/** A `plan` entry: the budgeted value for the period ending on its date. */
export interface PlanEntry {
  readonly date: DateValue;
  readonly value: number;
  /** Its index in `plan`. */
  readonly index: number;
}

/**
 * What of a KPI has a schema problem (SPEC §5.9): such figures are never
 * used. Most KPIs have none and share one empty value.
 */
export interface KpiFaults {
  /** The KPI's properties with problems inside them, and how many each (e.g. `direction` → 1). */
  readonly properties: ReadonlyMap<string, number>;
  /** Indexes in `measurements` of the entries with a problem; they are left out of `Kpi.measurements`. */
  readonly measurements: ReadonlySet<number>;
  /** Indexes in `plan` of the entries with a problem; they are left out of `Kpi.plan`. */
  readonly plan: ReadonlySet<number>;
}

export interface Kpi extends KpiLink {
  readonly file: KpiFile;
  readonly name?: string;
  /** Read by no rule, but `kpi diff` shows a change to it (SPEC §7). */
  readonly description?: string;
  readonly category?: string;
  readonly owner?: string;
  readonly rationale?: string;
  /** The `tags` that are text, in file order; undefined without a `tags` list. Like `description`, for `kpi diff`. */
  readonly tags?: readonly string[];
  readonly unit?: string;
  readonly direction: Direction;
  readonly frequency?: Frequency;
  /** `last` when the KPI has no valid `aggregation`. */
  readonly aggregation: Aggregation;
  readonly baseline?: Point;
  readonly target?: Point;
  readonly thresholds?: { readonly atRisk?: number; readonly offTrack?: number };
  readonly source?: string | SourceFile | SourceQuery;
  /** Inline measurements without schema problems, in file order. */
  readonly measurements: readonly Measurement[];
  /** Plan entries without schema problems, in file order; undefined without a `plan` key. */
  readonly plan?: readonly PlanEntry[];
  readonly faults: KpiFaults;
  /** The keys the KPI has, whatever their values. */
  readonly keys: readonly string[];
}

/** What lies at an offset of a file: the data path of the innermost key or value there. */
export interface NodeAt {
  readonly path: DataPath;
  readonly anchor: 'key' | 'value';
  readonly span: Span;
}

/**
 * A KPI file as the rules that look across files see it: its goals' and
 * KPIs' links, and where to place a finding.
 */
export interface LinkedFile {
  readonly path: string;
  readonly text: string;
  /** The span of a property's key or value (the deepest existing node when the path ends early). */
  locate(path: DataPath, anchor?: Anchor): Span;
  readonly syntaxErrors: readonly Problem[];
  readonly goals: readonly GoalLink[];
  readonly kpis: readonly KpiLink[];
  /** How many items the `kpis` list has; only the first MAX_KPIS_PER_FILE are in `kpis`. */
  readonly listedKpis: number;
}

/**
 * One KPI file, parsed: its text, problems and model. Positions come from
 * the YAML nodes, found again on demand (a large workspace keeps only its
 * model in memory, not every file's YAML nodes).
 */
export interface KpiFile extends LinkedFile {
  /** The key or value at an offset; undefined where the YAML does not parse. */
  nodeAt(offset: number): NodeAt | undefined;
  /**
   * Where the line of the `id` of the goal or KPI at `path` (`['kpis', 3]`)
   * starts, when the file's outline tells it without reading the item: its
   * first key is `id`, with the value on that line. Undefined otherwise
   * (`locate` tells it then). The scorecard's lines of 10,000 KPIs cost no
   * YAML nodes this way.
   */
  idLineStart?(path: DataPath): number | undefined;
  readonly schemaErrors: readonly Problem[];
  readonly title?: string;
  readonly goals: readonly Goal[];
  readonly kpis: readonly Kpi[];
  /** Whether the file has a `kpis` key (the place of file-level findings). */
  readonly hasKpisKey: boolean;
}
