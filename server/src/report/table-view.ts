/**
 * The table view of the scorecard: one row per KPI, grouped by goal (a goal
 * row heads each group), with the latest value, the comparisons of SPEC
 * §5.10 in the words every view shares (words.ts), the target, the status
 * and its reason. Pure string rendering, every text escaped; its style and
 * its script (the cards ↔ table toggle and sorting) are exported here and
 * added to the page's own <style> and <script> by html.ts, so the page keeps
 * one nonce-tagged style and one script.
 *
 * Sorting is within each goal group: the goal rows stay where the goal tree
 * puts them, and the KPIs under each are ordered by the column clicked.
 */
import type { Translator } from '../core/l10n/catalogue';
import { capitalise } from '../core/readable';
import type { ScorecardKpi } from '../core/scorecard';
import { filterTokens } from './filters';
import type { RenderMemo } from './memo';
import { escapeHtml, htmlText, sourceAttributes, statusBadge } from './markup';
import { piecesHtml, uniqueKeys, type Branch, type Piece } from './pieces';
import { comparisonWords, formatValue, STATUS_ORDER, type ComparisonKind, type GoalNode } from './words';

/** What the table needs of the page's options. */
export interface TableRender {
  readonly words: Translator;
  /** Put `data-file` and `data-line` on goal and KPI rows, for click-to-source in the preview. */
  readonly sourceLines?: boolean;
  readonly memo?: RenderMemo;
}

/** A verdict's place when sorting: worse first, then unchanged, then better. */
const VERDICT_RANK = { worse: 0, same: 1, better: 2 } as const;

/** A comparison cell: arrow, change and the verdict as a word (colour is never the only signal); the full text as its title. */
function comparisonCell(kpi: ScorecardKpi, kind: Exclude<ComparisonKind, 'target'>, words: Translator): string {
  const c = comparisonWords(kpi, kind, words);
  if (c === null) return '<td></td>';
  const value = kind === 'yearToDate' ? `${htmlText(formatValue(kpi.comparisons.yearToDate!.value, kpi.unit, undefined, words))} ` : '';
  const partial = c.partial ? '<span class="tv-partial" aria-hidden="true">*</span>' : '';
  const title = c.partial ? `${c.text} (${words.t('report.compare.partial')})` : c.text;
  return (
    `<td class="tv-compare" data-sort="${VERDICT_RANK[c.verdict]}" title="${htmlText(title)}">${value}<span class="tv-change">${escapeHtml(c.arrow)} ${htmlText(c.change)}</span>${partial} ` +
    `<span class="tv-verdict verdict-${escapeHtml(c.verdict)}">${escapeHtml(c.verdictWord)}</span></td>`
  );
}

/** The columns, in order: the catalogue key of the header and how its cells sort. */
const COLUMNS = [
  ['report.column.kpi', 'text'],
  ['report.column.latest', 'number'],
  ['report.column.vs-previous', 'number'],
  ['report.column.vs-last-year', 'number'],
  ['report.column.year-to-date', 'number'],
  ['report.column.vs-plan', 'number'],
  ['report.column.target', 'number'],
  ['report.column.status', 'number'],
  ['report.column.why', 'text'],
] as const;

function kpiRow(kpi: ScorecardKpi, index: number, render: TableRender): string {
  if (!render.memo) return renderRow(kpi, index, render);
  const data = [index, render.words.locale, render.sourceLines, render.memo.json(kpi)].join();
  return render.memo.html(`row ${kpi.id}`, data, () => renderRow(kpi, index, render));
}

function renderRow(kpi: ScorecardKpi, index: number, render: TableRender): string {
  const { words } = render;
  const e = escapeHtml;
  const latest = kpi.latest
    ? `<td class="tv-num" data-sort="${kpi.latest.value}" title="${htmlText(words.t('report.latest-date', { date: kpi.latest.date }))}">${htmlText(formatValue(kpi.latest.value, kpi.unit, undefined, words))}</td>`
    : `<td class="tv-muted">${e(words.t('report.no-data'))}</td>`;
  const vsTarget = comparisonWords(kpi, 'target', words);
  const targetText = kpi.target
    ? kpi.target.date
      ? words.t('report.target-by', { value: formatValue(kpi.target.value, kpi.unit, undefined, words), date: kpi.target.date })
      : formatValue(kpi.target.value, kpi.unit, undefined, words)
    : '';
  const target = kpi.target
    ? `<td class="tv-num" data-sort="${kpi.target.value}"${vsTarget ? ` title="${htmlText(`${vsTarget.text}, ${vsTarget.verdictWord}`)}"` : ''}>${htmlText(targetText)}</td>`
    : '<td></td>';
  const reason = htmlText(capitalise(kpi.reason));
  return `
      <tr class="tv-kpi status-${e(kpi.status)}" data-kpi="${e(kpi.id)}" data-status="${e(kpi.status)}" data-category="${e(kpi.category ?? '')}" data-order="${index}"${sourceAttributes(kpi, render)}>
        <th scope="row" data-sort="${htmlText(kpi.name)}" title="${htmlText(kpi.name)}">${htmlText(kpi.name)}</th>${latest}
        ${comparisonCell(kpi, 'previous', words)}${comparisonCell(kpi, 'lastYear', words)}${comparisonCell(kpi, 'yearToDate', words)}${comparisonCell(kpi, 'plan', words)}
        ${target}<td data-sort="${STATUS_ORDER.indexOf(kpi.status)}">${statusBadge(kpi.status, words)}</td><td class="tv-why" data-sort="${reason}" title="${reason}">${reason}</td>
      </tr>`;
}

/** The goal tree as a flat list, depth first, each goal with its depth. */
function flatten(nodes: readonly GoalNode[], depth = 0): { node: GoalNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

/**
 * The table view, hidden until the page script shows it: one `<tbody>` per
 * goal (its title row first, then its KPIs), and one for the KPIs linked to
 * no goal. A KPI linked to two goals has a row under each, as it has a card.
 * As a piece (see pieces.ts): the preview replaces the groups that changed.
 */
export function tableViewPiece(tree: { roots: readonly GoalNode[]; unlinked: readonly ScorecardKpi[] }, render: TableRender): Branch {
  const { words } = render;
  const e = escapeHtml;
  let order = 0;
  const span = COLUMNS.length;
  const groups: Piece[] = flatten(tree.roots).map(({ node, depth }) => {
    const { goal } = node;
    return {
      key: `goal:${goal.id}`,
      html: `
    <tbody data-goal="${e(goal.id)}" data-has="${e(filterTokens(node.kpis))}">
      <tr class="tv-goal depth-${Math.min(depth, 3)} status-${e(goal.status)}"${sourceAttributes(goal, render)}><th scope="colgroup" colspan="${span}">${statusBadge(goal.status, words)} ${htmlText(goal.title)}</th></tr>${node.kpis
        .map((k) => kpiRow(k, order++, render))
        .join('')}
    </tbody>`,
    };
  });
  if (tree.unlinked.length > 0)
    groups.push({
      key: 'unlinked',
      html: `
    <tbody data-goal="" data-has="${e(filterTokens(tree.unlinked))}">
      <tr class="tv-goal depth-0"><th scope="colgroup" colspan="${span}">${e(words.t('report.unlinked'))}</th></tr>${tree.unlinked.map((k) => kpiRow(k, order++, render)).join('')}
    </tbody>`,
    });
  const headers = COLUMNS.map(
    ([key, type], i) =>
      `<th scope="col" class="tv-col-${i}"><button type="button" data-sort-column="${i}" data-sort-type="${type}">${e(words.t(key))}</button></th>`,
  ).join('');
  const partial = tree.roots.some(function anyPartial(n: GoalNode): boolean {
    return n.kpis.some((k) => k.comparisons.yearToDate?.complete === false) || n.children.some(anyPartial);
  });
  const note =
    partial || tree.unlinked.some((k) => k.comparisons.yearToDate?.complete === false)
      ? `\n  <p class="tv-note muted">* ${e(words.t('report.compare.partial'))}</p>`
      : '';
  const table: Branch = {
    key: 'table',
    open: '\n  <table class="tv">',
    parts: [{ key: 'head', html: `\n    <thead><tr>${headers}</tr></thead>` }, ...uniqueKeys(groups), { key: 'end', html: '\n  ' }],
    close: '</table>',
  };
  return {
    key: 'table-view',
    open: `\n<section id="table-view" class="table-view" aria-label="${e(words.t('report.table-view.label'))}" hidden>`,
    parts: [table, { key: 'note', html: `${note}\n` }],
    close: '</section>',
  };
}

/** The table view's HTML (see tableViewPiece). */
export function renderTableView(tree: { roots: readonly GoalNode[]; unlinked: readonly ScorecardKpi[] }, render: TableRender): string {
  return piecesHtml([tableViewPiece(tree, render)]);
}

/** The cards ↔ table switch: two buttons, the pressed one is the view shown. */
export function viewToggle(words: Translator): string {
  const e = escapeHtml;
  return `<div class="view-toggle" role="group" aria-label="${e(words.t('report.view.label'))}"><button type="button" data-view="cards" aria-pressed="true">${e(words.t('report.view.cards'))}</button><button type="button" data-view="table" aria-pressed="false">${e(words.t('report.view.table'))}</button></div>`;
}

/**
 * The table view's CSS, added after the scorecard's. Dense: 30 KPIs and
 * their goal rows fit a 1366×768 screen. Printed, the view shown is what
 * prints; the table on A4 landscape (the named page `table`).
 */
export const TABLE_VIEW_STYLE = `
.view-toggle { display: inline-flex; margin: 0 0 16px; border: 1px solid var(--border); border-radius: 6px; overflow: hidden; }
.view-toggle button { font: inherit; font-size: 12px; color: var(--fg); background: var(--card); border: 0; padding: 3px 14px; cursor: pointer; }
.view-toggle button + button { border-left: 1px solid var(--border); }
.view-toggle button[aria-pressed="true"] { background: var(--accent); color: #fff; }
.view-toggle button:focus-visible, .tv thead button:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.tv { width: 100%; border-collapse: collapse; font-size: 12px; line-height: 1.25; background: var(--card); }
.tv th, .tv td { padding: 1px 6px; text-align: left; white-space: nowrap; border-bottom: 1px solid var(--border); vertical-align: baseline; }
.tv thead th { position: sticky; top: 0; background: var(--card); border-bottom: 2px solid var(--border); padding: 0; z-index: 1; }
.tv thead button { font: inherit; font-weight: 700; color: var(--fg); background: none; border: 0; padding: 3px 6px; width: 100%; text-align: left; cursor: pointer; }
.tv th[aria-sort="ascending"] button::after { content: " \\2191"; }
.tv th[aria-sort="descending"] button::after { content: " \\2193"; }
.tv tbody th { font-weight: 600; }
.tv-kpi th { max-width: 20em; overflow: hidden; text-overflow: ellipsis; }
.tv-goal th { font-size: 12px; font-weight: 700; padding-top: 3px; background: var(--bg); }
.tv-goal.depth-1 th { padding-left: 18px; } .tv-goal.depth-2 th { padding-left: 30px; } .tv-goal.depth-3 th { padding-left: 42px; }
.tv-goal .badge, .tv-kpi .badge { font-size: 10px; line-height: 12px; padding: 0 4px; }
.tv-num { font-variant-numeric: tabular-nums; }
.tv-muted { color: var(--muted); }
.tv-verdict { font-weight: 600; }
.verdict-better { color: var(--achieved); } .verdict-worse { color: var(--off-track); } .verdict-same { color: var(--muted); }
.tv-partial { color: var(--muted); }
.tv-why { width: 100%; max-width: 0; overflow: hidden; text-overflow: ellipsis; color: var(--muted); }
.tv-note { font-size: 11px; margin: 4px 0 0; }
.tv-kpi.highlight th, .tv-kpi.highlight td { background: var(--status-bg); outline: none; }
.tv-kpi.highlight { outline: 2px solid var(--accent); outline-offset: -2px; }
body.theme-vscode .tv-kpi[data-line], body.theme-vscode .tv-goal[data-line] { cursor: pointer; }
@page table { size: A4 landscape; margin: 10mm; }
@media print {
  .view-toggle { display: none; }
  body.view-table { page: table; }
  .tv thead { display: table-header-group; }
  .tv thead th { position: static; }
  .tv tr { break-inside: avoid; }
  .tv-goal { break-after: avoid; }
  .tv th, .tv td { border-bottom-color: #bbb; }
  .tv-why { white-space: normal; max-width: none; width: auto; }
  .tv thead button::after { content: none !important; }
}
`;

/**
 * The toggle and the sorting, added to the scorecard's script. The view is
 * remembered in the standalone file through localStorage when the browser
 * allows it (a sandboxed or storage-less page just starts with the cards);
 * the editor preview keeps it in its webview state instead: it listens for
 * `kpi:view` and sets the view with `kpi:set-view`. The filters apply to the
 * rows by the style (filters.ts).
 */
export const TABLE_VIEW_SCRIPT = `
(function () {
  'use strict';
  var KEY = 'kpi-scorecard-view';
  var standalone = document.body.classList.contains('theme-standalone');
  var view = 'cards';
  var sort = null;
  function stored() {
    if (!standalone) return null;
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    if (!standalone) return;
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* storage not allowed: not remembered */ }
  }
  function show(value) {
    view = value === 'table' ? 'table' : 'cards';
    document.body.classList.toggle('view-table', view === 'table');
    var cards = document.getElementById('scorecard');
    var table = document.getElementById('table-view');
    if (cards) cards.hidden = view === 'table';
    if (table) table.hidden = view !== 'table';
    document.querySelectorAll('.view-toggle button[data-view]').forEach(function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-view') === view ? 'true' : 'false');
    });
  }
  function key(row) {
    var cell = row.children[sort.column];
    return cell && cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : null;
  }
  function compare(a, b) {
    var x = key(a), y = key(b), order = Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
    if (x === null || y === null) return x === y ? order : x === null ? 1 : -1;
    var c = sort.type === 'number' ? Number(x) - Number(y) : x.localeCompare(y, document.documentElement.lang);
    return (sort.direction === 'descending' ? -c : c) || order;
  }
  function applySort() {
    document.querySelectorAll('.tv thead th').forEach(function (th) {
      var button = th.querySelector('button[data-sort-column]');
      if (sort && button && Number(button.getAttribute('data-sort-column')) === sort.column) th.setAttribute('aria-sort', sort.direction);
      else th.removeAttribute('aria-sort');
    });
    if (!sort) return;
    document.querySelectorAll('.tv tbody').forEach(function (body) {
      Array.prototype.slice.call(body.querySelectorAll('tr.tv-kpi')).sort(compare).forEach(function (row) { body.appendChild(row); });
    });
  }
  document.addEventListener('kpi:rendered', function () {
    show(view);
    applySort();
  });
  document.addEventListener('kpi:set-view', function (event) {
    show(event.detail);
  });
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var toggle = target.closest('.view-toggle button[data-view]');
    if (toggle) {
      show(toggle.getAttribute('data-view'));
      store(view);
      document.dispatchEvent(new CustomEvent('kpi:view', { detail: view }));
      return;
    }
    var header = target.closest('button[data-sort-column]');
    if (header) {
      var column = Number(header.getAttribute('data-sort-column'));
      var direction = sort && sort.column === column && sort.direction === 'ascending' ? 'descending' : 'ascending';
      sort = { column: column, type: header.getAttribute('data-sort-type'), direction: direction };
      applySort();
    }
  });
  show(stored());
})();
`;
