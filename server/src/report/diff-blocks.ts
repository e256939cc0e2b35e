/**
 * The sections of a `kpi diff` (SPEC §7) as tables of cells, before any
 * markup: the Markdown comment (cli/formatters/diff-markdown.ts) and the
 * editor's comparison (diff-html.ts) write the same sections, rows and words
 * from these, each in its own markup.
 */
import type { DiffProblem, FieldChange, KpiDiff, ScorecardDiff } from '../core/diff';
import type { MessageKey, Translator } from '../core/l10n/catalogue';
import type { GoalStatusWord, KpiStatusWord } from '../core/status';
import { dataSummary, editedMeasurements, fieldLabel, fieldValue, fieldVerdict, isLoosening } from './diff-words';
import { severityWord, statusLabel, verdictLabel } from './words';

/**
 * A piece of a cell: text (written as text by every markup), a good or bad
 * signal beside a word (colour is never the only signal), a status with its
 * icon or badge, a rule code, a place in a file, or a line break.
 */
export type Piece =
  | string
  | { readonly signal: 'good' | 'bad' }
  | { readonly status: KpiStatusWord | GoalStatusWord }
  | { readonly code: string }
  | { readonly file: string; readonly line: number }
  | { readonly lineBreak: true };

export type Cell = readonly Piece[];

/** A section of the diff: `detail` ones (measurements, names and descriptions) are folded away, and the first left out when space is short. */
export interface DiffBlock {
  readonly title: MessageKey;
  readonly header: readonly MessageKey[];
  readonly rows: readonly Cell[][];
  readonly detail: boolean;
  /** A line above the table. */
  readonly lead?: string;
  /** The KPI or goal id of each row, where a row is about one (the editor links the row to its card). */
  readonly ids?: readonly (string | null)[];
}

const text = (value: string): Cell => (value === '' ? [] : [value]);

/** A loosened target or a later date is bad news for the reader; a tightened one good. */
function verdictCell(change: FieldChange, words: Translator): Cell {
  const verdict = fieldVerdict(change, words);
  if (!verdict) return [];
  return [{ signal: isLoosening(change) ? 'bad' : 'good' }, ' ', verdict];
}

function moveArrow(change: FieldChange): string {
  return typeof change.from === 'number' && typeof change.to === 'number' ? (change.to > change.from ? '▲ ' : change.to < change.from ? '▼ ' : '') : '';
}

function fieldRows(kpis: readonly KpiDiff[], groups: readonly FieldChange['group'][], words: Translator): { rows: Cell[][]; ids: string[] } {
  const rows: Cell[][] = [];
  const ids: string[] = [];
  for (const kpi of kpis) {
    for (const f of kpi.fields.filter((field) => groups.includes(field.group))) {
      rows.push([
        text(kpi.name),
        text(fieldLabel(f.field, words)),
        text(fieldValue(f, 'from', kpi.unit, words)),
        [`${moveArrow(f)}${fieldValue(f, 'to', kpi.unit, words)}`],
        verdictCell(f, words),
      ]);
      ids.push(kpi.id);
    }
  }
  return { rows, ids };
}

function status(word: KpiStatusWord | null, words: Translator): Cell {
  return word === null ? [] : [{ status: word }, ' ', statusLabel(word, words)];
}

function problemRow(p: DiffProblem, words: Translator, mark: MessageKey): Cell[] {
  return [text(words.t(mark)), [{ file: p.file, line: p.line }], text(severityWord(p.severity, words)), [{ code: p.code }], text(p.message)];
}

const KPI_FIELDS: readonly MessageKey[] = ['diff.column.kpi', 'diff.column.field', 'diff.column.base', 'diff.column.head', 'diff.column.change'];

/** The sections that have rows, in the order SPEC §7 lists the changes. */
export function diffBlocks(diff: ScorecardDiff, words: Translator): DiffBlock[] {
  const changed = diff.kpis.filter((k) => k.change === 'changed');
  const moved = changed.filter((k) => k.status.from !== k.status.to);
  const added = diff.kpis.filter((k) => k.change === 'added');
  const removed = diff.kpis.filter((k) => k.change === 'removed');
  const p = diff.summary.problems;
  const targets = fieldRows(changed, ['target', 'baseline', 'thresholds', 'plan'], words);
  const definitions = fieldRows(changed, ['definition'], words);
  const metadata = fieldRows(changed, ['metadata'], words);
  const withData = changed.filter((k) => k.data !== null);
  const goalIds: string[] = [];
  const goalRows = diff.goals.flatMap((g) => {
    const change = g.change === 'changed' ? [] : text(words.t(g.change === 'added' ? 'diff.change.added' : 'diff.change.removed'));
    const moves: Cell =
      g.status.from !== g.status.to ? [g.status.from ? statusLabel(g.status.from, words) : '', ' → ', g.status.to ? statusLabel(g.status.to, words) : ''] : [];
    const head = [text(g.title), change, moves];
    const rows: Cell[][] =
      g.fields.length === 0
        ? [[...head, [], [], []]]
        : g.fields.map((f, i) => [
            ...(i === 0 ? head : [[], [], []]),
            text(fieldLabel(f.field, words)),
            text(fieldValue(f, 'from', null, words)),
            text(fieldValue(f, 'to', null, words)),
          ]);
    goalIds.push(...rows.map(() => g.id));
    return rows;
  });
  const blocks: DiffBlock[] = [
    {
      title: 'diff.section.status',
      header: ['diff.column.kpi', 'diff.column.base', 'diff.column.head', 'diff.column.change', 'diff.column.why'],
      rows: moved.map((k) => [
        text(k.name),
        status(k.status.from, words),
        status(k.status.to, words),
        k.status.verdict === 'same'
          ? []
          : [{ signal: k.status.verdict === 'worse' ? 'bad' : 'good' }, ` ${k.status.verdict === 'worse' ? '▼' : '▲'} `, verdictLabel(k.status.verdict, words)],
        [k.status.fromReason ?? '', ' → ', k.status.toReason ?? ''],
      ]),
      ids: moved.map((k) => k.id),
      detail: false,
    },
    { title: 'diff.section.targets', header: KPI_FIELDS, rows: targets.rows, ids: targets.ids, detail: false },
    {
      title: 'diff.section.added',
      header: ['diff.column.kpi', 'diff.column.file', 'diff.column.status', 'diff.column.why'],
      rows: added.map((k) => [text(k.name), [{ file: k.file, line: k.line }], status(k.status.to, words), text(k.status.toReason ?? '')]),
      ids: added.map((k) => k.id),
      detail: false,
    },
    {
      title: 'diff.section.removed',
      header: ['diff.column.kpi', 'diff.column.file', 'diff.column.status'],
      rows: removed.map((k) => [text(k.name), [{ file: k.file, line: k.line }], status(k.status.from, words)]),
      // A removed KPI has no card to go to.
      ids: removed.map(() => null),
      detail: false,
    },
    {
      title: 'diff.section.goals',
      header: ['diff.column.goal', 'diff.column.change', 'diff.column.status', 'diff.column.field', 'diff.column.base', 'diff.column.head'],
      rows: goalRows,
      ids: goalIds,
      detail: false,
    },
    { title: 'diff.section.definition', header: KPI_FIELDS, rows: definitions.rows, ids: definitions.ids, detail: false },
    {
      title: 'diff.section.problems',
      lead: words.t('diff.problems.counts', { new: p.new, errors: p.newErrors, warnings: p.newWarnings, fixed: p.fixed }),
      header: ['diff.column.change', 'diff.column.file', 'diff.column.severity', 'diff.column.code', 'diff.column.message'],
      rows: [
        ...diff.problems.new.map((x) => problemRow(x, words, 'diff.problems.new')),
        ...diff.problems.fixed.map((x) => problemRow(x, words, 'diff.problems.fixed')),
      ],
      detail: false,
    },
    {
      title: 'diff.section.unparsed',
      header: ['diff.column.side', 'diff.column.file', 'diff.column.message'],
      rows: diff.unparsed.map((u) => [text(words.t(u.side === 'base' ? 'diff.side.base' : 'diff.side.head')), text(u.file), text(u.message)]),
      detail: false,
    },
    { title: 'diff.section.metadata', header: KPI_FIELDS, rows: metadata.rows, ids: metadata.ids, detail: true },
    {
      title: 'diff.section.data',
      header: ['diff.column.kpi', 'diff.column.change'],
      rows: withData.map((k) => [
        text(k.name),
        [dataSummary(k.data!, words), ...editedMeasurements(k, words)].flatMap((line, i): Piece[] => (i === 0 ? [line] : [{ lineBreak: true }, line])),
      ]),
      ids: withData.map((k) => k.id),
      detail: true,
    },
  ];
  return blocks.filter((b) => b.rows.length > 0);
}
