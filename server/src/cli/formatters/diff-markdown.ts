import type { DiffProblem, FieldChange, KpiDiff, ScorecardDiff } from '../../core/diff';
import { translator, type MessageKey, type Translator } from '../../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../../core/l10n/locale';
import type { KpiStatusWord } from '../../core/status';
import { dataSummary, diffHeadline, editedMeasurements, fieldLabel, fieldValue, fieldVerdict, isLoosening, sidesText } from '../../report/diff-words';
import { statusLabel, verdictLabel } from '../../report/words';
import { severityWord } from './report';
import { markdownText, statusIcon } from './status-markdown';

/** The first line of the comment: a CI step finds its earlier comment by it and updates it in place. */
export const DIFF_MARKER = '<!-- kpi-diff -->';

/** GitHub refuses a comment over 65,536 characters; this leaves room for what a workflow adds around it. */
export const MARKDOWN_LIMIT = 60_000;

/** A block of the comment: `detail` blocks (measurements, names and descriptions) are the first to go when it is too long. */
interface Block {
  readonly title: MessageKey;
  readonly header: readonly string[];
  readonly rows: readonly string[][];
  readonly detail: boolean;
  /** A line above the table. */
  readonly lead?: string;
}

const cell = (text: string) => markdownText(text);

function table(block: Block, words: Translator, maxRows: number): string {
  const rows = block.rows.slice(0, maxRows);
  const lines = [`| ${block.header.join(' | ')} |`, `| ${block.header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  if (block.rows.length > rows.length) lines.push('', `_${cell(words.t('diff.rows-dropped', { count: block.rows.length - rows.length }))}_`);
  const body = [...(block.lead ? [block.lead, ''] : []), ...lines].join('\n');
  return block.detail
    ? `<details><summary>${cell(words.t(block.title))} (${block.rows.length})</summary>\n\n${body}\n\n</details>`
    : `### ${cell(words.t(block.title))}\n\n${body}`;
}

/** 🟢 for a change that makes the KPI harder to meet, 🔴 for one that makes it easier or later: colour is never the only signal, the word says it too. */
function verdictCell(change: FieldChange, words: Translator): string {
  const verdict = fieldVerdict(change, words);
  if (!verdict) return '';
  return `${isLoosening(change) ? '🔴' : '🟢'} ${cell(verdict)}`;
}

function moveArrow(change: FieldChange): string {
  return typeof change.from === 'number' && typeof change.to === 'number' ? (change.to > change.from ? '▲ ' : change.to < change.from ? '▼ ' : '') : '';
}

function fieldRows(kpis: readonly KpiDiff[], groups: readonly FieldChange['group'][], words: Translator): string[][] {
  return kpis.flatMap((kpi) =>
    kpi.fields
      .filter((f) => groups.includes(f.group))
      .map((f) => [
        cell(kpi.name),
        cell(fieldLabel(f.field, words)),
        cell(fieldValue(f, 'from', kpi.unit, words)),
        `${moveArrow(f)}${cell(fieldValue(f, 'to', kpi.unit, words))}`,
        verdictCell(f, words),
      ]),
  );
}

function status(word: KpiStatusWord | null, words: Translator): string {
  return word === null ? '' : `${statusIcon(word)} ${cell(statusLabel(word, words))}`;
}

function problemRow(p: DiffProblem, words: Translator, mark: MessageKey): string[] {
  return [cell(words.t(mark)), `${cell(p.file)}:${p.line}`, cell(severityWord(p.severity, words)), `\`${p.code.replace(/`/g, '')}\``, cell(p.message)];
}

function blocks(diff: ScorecardDiff, words: Translator): Block[] {
  const h = (key: MessageKey) => cell(words.t(key));
  const changed = diff.kpis.filter((k) => k.change === 'changed');
  const moved = changed.filter((k) => k.status.from !== k.status.to);
  const p = diff.summary.problems;
  const result: Block[] = [
    {
      title: 'diff.section.status',
      header: [h('diff.column.kpi'), h('diff.column.base'), h('diff.column.head'), h('diff.column.change'), h('diff.column.why')],
      rows: moved.map((k) => [
        cell(k.name),
        status(k.status.from, words),
        status(k.status.to, words),
        k.status.verdict === 'same' ? '' : `${k.status.verdict === 'worse' ? '🔴 ▼' : '🟢 ▲'} ${cell(verdictLabel(k.status.verdict, words))}`,
        `${cell(k.status.fromReason ?? '')} → ${cell(k.status.toReason ?? '')}`,
      ]),
      detail: false,
    },
    {
      title: 'diff.section.targets',
      header: [h('diff.column.kpi'), h('diff.column.field'), h('diff.column.base'), h('diff.column.head'), h('diff.column.change')],
      rows: fieldRows(changed, ['target', 'baseline', 'thresholds', 'plan'], words),
      detail: false,
    },
    {
      title: 'diff.section.added',
      header: [h('diff.column.kpi'), h('diff.column.file'), h('diff.column.status'), h('diff.column.why')],
      rows: diff.kpis
        .filter((k) => k.change === 'added')
        .map((k) => [cell(k.name), `${cell(k.file)}:${k.line}`, status(k.status.to, words), cell(k.status.toReason ?? '')]),
      detail: false,
    },
    {
      title: 'diff.section.removed',
      header: [h('diff.column.kpi'), h('diff.column.file'), h('diff.column.status')],
      rows: diff.kpis.filter((k) => k.change === 'removed').map((k) => [cell(k.name), `${cell(k.file)}:${k.line}`, status(k.status.from, words)]),
      detail: false,
    },
    {
      title: 'diff.section.goals',
      header: [h('diff.column.goal'), h('diff.column.change'), h('diff.column.status'), h('diff.column.field'), h('diff.column.base'), h('diff.column.head')],
      rows: diff.goals.flatMap((g) => {
        const change = g.change === 'changed' ? '' : cell(words.t(g.change === 'added' ? 'diff.change.added' : 'diff.change.removed'));
        const moves =
          g.status.from !== g.status.to
            ? `${g.status.from ? cell(statusLabel(g.status.from, words)) : ''} → ${g.status.to ? cell(statusLabel(g.status.to, words)) : ''}`
            : '';
        const head = [cell(g.title), change, moves];
        if (g.fields.length === 0) return [[...head, '', '', '']];
        return g.fields.map((f, i) => [
          ...(i === 0 ? head : ['', '', '']),
          cell(fieldLabel(f.field, words)),
          cell(fieldValue(f, 'from', null, words)),
          cell(fieldValue(f, 'to', null, words)),
        ]);
      }),
      detail: false,
    },
    {
      title: 'diff.section.definition',
      header: [h('diff.column.kpi'), h('diff.column.field'), h('diff.column.base'), h('diff.column.head'), h('diff.column.change')],
      rows: fieldRows(changed, ['definition'], words),
      detail: false,
    },
    {
      title: 'diff.section.problems',
      lead: cell(words.t('diff.problems.counts', { new: p.new, errors: p.newErrors, warnings: p.newWarnings, fixed: p.fixed })),
      header: [h('diff.column.change'), h('diff.column.file'), h('diff.column.severity'), h('diff.column.code'), h('diff.column.message')],
      rows: [
        ...diff.problems.new.map((x) => problemRow(x, words, 'diff.problems.new')),
        ...diff.problems.fixed.map((x) => problemRow(x, words, 'diff.problems.fixed')),
      ],
      detail: false,
    },
    {
      title: 'diff.section.unparsed',
      header: [h('diff.column.side'), h('diff.column.file'), h('diff.column.message')],
      rows: diff.unparsed.map((u) => [cell(words.t(u.side === 'base' ? 'diff.side.base' : 'diff.side.head')), cell(u.file), cell(u.message)]),
      detail: false,
    },
    {
      title: 'diff.section.metadata',
      header: [h('diff.column.kpi'), h('diff.column.field'), h('diff.column.base'), h('diff.column.head'), h('diff.column.change')],
      rows: fieldRows(changed, ['metadata'], words),
      detail: true,
    },
    {
      title: 'diff.section.data',
      header: [h('diff.column.kpi'), h('diff.column.change')],
      rows: changed
        .filter((k) => k.data !== null)
        .map((k) => [cell(k.name), [dataSummary(k.data!, words), ...editedMeasurements(k, words)].map(cell).join('<br>')]),
      detail: true,
    },
  ];
  return result.filter((b) => b.rows.length > 0);
}

/**
 * `kpi diff --format markdown`: a pull-request comment that starts with the
 * marker, shows only what changed (unchanged KPIs counted), and stays under
 * `limit` characters: the details go first, then rows of the longest tables,
 * each time with a line saying so.
 */
export function renderDiffMarkdown(diff: ScorecardDiff, locale: LocaleOrPseudo = 'en', limit = MARKDOWN_LIMIT): string {
  const words = translator(locale);
  const head = [
    DIFF_MARKER,
    `## ${cell(words.t('diff.title'))}: ${cell(diffHeadline(diff, words))}`,
    '',
    `${cell(sidesText(diff, words))} · ${cell(words.t('diff.as-of', { asOf: diff.asOf }))}`,
  ];
  const unchanged = diff.summary.kpis.unchanged;
  const foot = unchanged > 0 ? [`_${cell(words.t('diff.unchanged', { count: unchanged }))}_`, ''] : [];
  const all = blocks(diff, words);
  const render = (shown: readonly Block[], maxRows: number, note?: string) =>
    [...head, ...shown.map((b) => `\n${table(b, words, maxRows)}`), '', ...(note ? [`_${cell(note)}_`, ''] : []), ...foot].join('\n');
  let text = render(all, Infinity);
  if (text.length <= limit) return text;
  const core = all.filter((b) => !b.detail);
  const note = words.t('diff.details-dropped', { limit });
  text = render(core, Infinity, note);
  if (text.length <= limit) return text;
  // Fewer rows per table until it fits: the largest count that does, by halving.
  let low = 0;
  let high = Math.max(0, ...core.map((b) => b.rows.length));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (render(core, mid, note).length <= limit) low = mid;
    else high = mid - 1;
  }
  return render(core, low, note);
}
