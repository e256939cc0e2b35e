import type { Verdict } from '../../core/comparisons';
import type { Scorecard, ScorecardKpi } from '../../core/scorecard';
import type { GoalStatusWord, KpiStatusWord } from '../../core/status';
import { plainText } from '../../report/plain-text';
import { displayWidth, padDisplay, painter, type Style } from './ansi';
import {
  COMPARISON_COLUMNS,
  comparisonWords,
  count,
  formatValue,
  goalTree,
  snapshotWanted,
  snapshotWords,
  statusCounts,
  statusLabel,
  statusWidth,
  verdictLabel,
  type ComparisonKind,
  type GoalNode,
} from '../../report/words';
import { translator, type Translator } from '../../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../../core/l10n/locale';
import { decimalsOf } from '../../core/numbers';

const STATUS_STYLE: Record<KpiStatusWord | GoalStatusWord, Style> = {
  achieved: 'green',
  'on-track': 'green',
  'at-risk': 'yellow',
  'off-track': 'red',
  invalid: 'red',
  'no-data': 'dim',
  'no-target': 'dim',
  unmeasured: 'dim',
};

/** The verdict of a comparison is its colour and a mark, so that it reads without colour too; the legend names the marks. */
const VERDICT_MARK: Record<Verdict, string> = { better: '✓', worse: '✗', same: '=' };
const VERDICT_STYLE: Record<Verdict, Style> = { better: 'green', worse: 'red', same: 'dim' };

/** The width the samples' table is laid out for: the KPI name takes what the figures leave of it. */
const WIDTH = 120;
/** A KPI name's column is never narrower than this: a longer name wraps onto the lines below. */
const MIN_NAME = 20;

interface Cell {
  readonly text: string;
  readonly style?: Style;
}

type Line = { kind: 'text'; text: string } | { kind: 'kpi'; indent: string; kpi: ScorecardKpi; cells: Cell[] };

/** The comparison columns the table shows: year to date only when some KPI has one. */
export function comparisonColumns(scorecard: Scorecard): ComparisonKind[] {
  const ytd = scorecard.kpis.some((k) => k.comparisons.yearToDate !== null);
  return ['previous', 'lastYear', ...(ytd ? (['yearToDate'] as const) : []), 'plan'];
}

/** The latest value and the target of a KPI, with the same decimals ("8.6 %", "9.0 %"); "no data" without a latest value. */
export function figureCells(kpi: ScorecardKpi, words: Translator): { latest: string; target: string } {
  const places = (value: number) => Math.min(decimalsOf(value), 2);
  const shared = Math.max(kpi.latest ? places(kpi.latest.value) : 0, kpi.target ? places(kpi.target.value) : 0);
  return {
    latest: kpi.latest ? formatValue(kpi.latest.value, kpi.unit, shared, words) : words.t('report.no-data'),
    target: kpi.target ? formatValue(kpi.target.value, kpi.unit, shared, words) : '',
  };
}

/** `text` in lines of at most `width` columns, broken at spaces; a word longer than that has a line of its own. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && displayWidth(`${line} ${word}`) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

function comparisonCell(kpi: ScorecardKpi, kind: ComparisonKind, words: Translator): Cell {
  const c = comparisonWords(kpi, kind, words);
  if (c === null) return { text: '' };
  return { text: `${c.arrow} ${plainText(c.change)} ${VERDICT_MARK[c.verdict]}${c.partial ? '*' : ''}`, style: VERDICT_STYLE[c.verdict] };
}

/**
 * A terminal scorecard grouped by goal: per KPI its latest value, the
 * comparisons with the previous period, the same period last year, the year to
 * date (when some KPI has one) and the plan, the target and the status, with
 * the reason under it; in the words of `locale` (the reasons are the
 * scorecard's own: build it in the same locale). A verdict is a colour and a
 * mark (✓ ✗ =), never a colour alone.
 */
export function renderTable(scorecard: Scorecard, color: boolean, locale: LocaleOrPseudo = 'en'): string {
  const words = translator(locale);
  const paint = painter(color);
  const width = statusWidth(words);
  const status = (word: KpiStatusWord | GoalStatusWord) => paint(statusLabel(word, words).padEnd(width), STATUS_STYLE[word] ?? 'dim');
  const out: string[] = [
    paint(plainText(scorecard.title), 'bold'),
    words.t('report.as-of-line', { asOf: scorecard.asOf, kpis: scorecard.kpis.length, goals: scorecard.goals.length }),
    statusCounts(scorecard)
      .map((c) => words.t('report.table.count', { count: count(c.count, words), status: statusLabel(c.status, words) }))
      .join(' · ') || words.t('report.table.no-kpis'),
  ];
  const kinds = comparisonColumns(scorecard);
  const lines: Line[] = [];
  const kpiLine = (kpi: ScorecardKpi, indent: string) => {
    const { latest, target } = figureCells(kpi, words);
    const cells: Cell[] = [
      { text: plainText(latest) },
      ...kinds.map((kind) => comparisonCell(kpi, kind, words)),
      { text: plainText(target) },
      { text: statusLabel(kpi.status, words), style: STATUS_STYLE[kpi.status] ?? 'dim' },
    ];
    lines.push({ kind: 'kpi', indent, kpi, cells });
  };
  const goal = (node: GoalNode, depth: number) => {
    const indent = '  '.repeat(depth);
    lines.push({ kind: 'text', text: '' }, { kind: 'text', text: `${indent}${status(node.goal.status)} ${paint(plainText(node.goal.title), 'bold')}` });
    for (const kpi of node.kpis) kpiLine(kpi, `${indent}  `);
    for (const child of node.children) goal(child, depth + 1);
  };
  const { roots, unlinked } = goalTree(scorecard);
  for (const root of roots) goal(root, 0);
  if (unlinked.length > 0) {
    lines.push({ kind: 'text', text: '' }, { kind: 'text', text: paint(words.t('report.unlinked'), 'bold') });
    for (const kpi of unlinked) kpiLine(kpi, '  ');
  }

  const rows = lines.filter((l) => l.kind === 'kpi');
  const headers = [
    words.t('report.column.latest'),
    ...kinds.map((kind) => words.t(COMPARISON_COLUMNS[kind])),
    words.t('report.column.target'),
    words.t('report.column.status'),
  ];
  const widths = headers.map((header, i) => Math.max(displayWidth(header), ...rows.map((r) => displayWidth(r.cells[i].text))));
  // The status is the last column: it is never padded.
  const figures = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0) + widths[widths.length - 1];
  const longest = Math.max(0, ...rows.map((r) => displayWidth(r.indent + plainText(r.kpi.name))));
  // A word of a name is never broken: the column is at least as wide as the longest.
  const longestWord = Math.max(
    0,
    ...rows.flatMap((r) =>
      plainText(r.kpi.name)
        .split(' ')
        .map((w) => displayWidth(r.indent + w)),
    ),
  );
  const nameWidth = Math.max(displayWidth(words.t('report.column.kpi')), longestWord, Math.min(longest, Math.max(MIN_NAME, WIDTH - figures - 2)));
  const row = (cells: Cell[]) =>
    cells
      .map((cell, i) => {
        const text = cell.style ? paint(cell.text, cell.style) : cell.text;
        return i === cells.length - 1 ? text : padDisplay(text, widths[i]);
      })
      .join('  ');
  if (rows.length > 0)
    out.push(
      '',
      paint(
        `${padDisplay(words.t('report.column.kpi'), nameWidth)}  ${headers.map((h, i) => (i === headers.length - 1 ? h : padDisplay(h, widths[i]))).join('  ')}`,
        'dim',
      ),
    );
  for (const line of lines) {
    if (line.kind === 'text') {
      out.push(line.text);
      continue;
    }
    // The name wraps in its column; the reason for the status goes under the figures.
    const names = wrapWords(plainText(line.kpi.name), nameWidth - line.indent.length).map((n) => line.indent + n);
    // A figure from a database says how old it is: the snapshot's time, or that it needs `kpi refresh`.
    const snapshot = snapshotWords(line.kpi, words);
    const why = [
      line.kpi.stale ? paint(words.t('report.stale'), 'yellow') : '',
      snapshot === null ? '' : paint(snapshot, snapshotWanted(line.kpi) ? 'yellow' : 'dim'),
      paint(plainText(line.kpi.reason), 'dim'),
    ].filter((p) => p !== '');
    out.push(
      `${padDisplay(names[0], nameWidth)}  ${row(line.cells)}`,
      `${padDisplay(names[1] ?? '', nameWidth)}  ${why.join(paint(' · ', 'dim'))}`,
      ...names.slice(2),
    );
  }
  const verdicts = rows.flatMap((r) => kinds.map((kind) => comparisonWords(r.kpi, kind, words))).filter((c) => c !== null);
  if (verdicts.length > 0) {
    out.push('', (['better', 'worse', 'same'] as const).map((v) => paint(`${VERDICT_MARK[v]} ${verdictLabel(v, words)}`, VERDICT_STYLE[v])).join(' · '));
    if (verdicts.some((c) => c.partial)) out.push(`* ${words.t('report.compare.partial')}`);
  }
  return `${out.join('\n')}\n`;
}
