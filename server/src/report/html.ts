import { translator, type MessageKey, type Translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { decimalsOf } from '../core/numbers';
import { capitalise } from '../core/readable';
import type { KpiDiff, ScorecardDiff } from '../core/diff';
import type { Scorecard, ScorecardKpi } from '../core/scorecard';
import type { KpiStatusWord } from '../core/status';
import { historyChart } from './chart';
import { DIFF_STYLE, diffBadges, renderDiffProblem, renderDiffSection } from './diff-html';
import { escapeHtml, htmlText, sourceAttributes, statusBadge } from './markup';
import { plainText } from './plain-text';
import { SCORECARD_SCRIPT } from './script';
import { SCORECARD_STYLE } from './style';
import { CATEGORIES, filterTokens, FILTER_STYLE } from './filters';
import type { RenderMemo } from './memo';
import { piecesHtml, uniqueKeys, type Branch, type Piece } from './pieces';
import { tableViewPiece, TABLE_VIEW_SCRIPT, TABLE_VIEW_STYLE, viewToggle } from './table-view';
import {
  categoryLabel,
  COMPARISON_KINDS,
  comparisonWords,
  count,
  goalTree,
  percent,
  snapshotWanted,
  snapshotWords,
  statusCounts,
  statusLabel,
  trendArrow,
  trendLabel,
  formatValue,
  type GoalNode,
} from './words';

export interface HtmlOptions {
  /** A fresh random value per render; every <style> and <script> carries it. */
  readonly nonce: string;
  /** The page title (default: the scorecard's `title`, SPEC §6). */
  readonly title?: string;
  /**
   * `standalone` (a file: its own light and dark colours) or `vscode` (the
   * editor's theme variables, for the preview webview).
   */
  readonly theme?: 'standalone' | 'vscode';
  /** A further script to load (the preview's own, by its webview URI); the filters are always inline. */
  readonly scriptUri?: string;
  /** A notice shown above the scorecard, e.g. that CSV sources were not read. */
  readonly notice?: string;
  /** Extra sources the CSP allows for scripts and styles (the webview's `cspSource`). */
  readonly cspSource?: string;
  /** Put `data-file` and `data-line` on goals and KPIs, for click-to-source. */
  readonly sourceLines?: boolean;
  /**
   * The page's language (default English): its words, its numbers and `<html
   * lang>`. The scorecard's reasons are in the language it was built in
   * (`buildScorecard`'s locale): pass the same.
   */
  readonly locale?: LocaleOrPseudo;
  /**
   * The editor's "Compare with last commit" (SPEC §7): the changes since the
   * last commit above the scorecard and a badge on each card they touch, or
   * why there is no comparison (a string). Its words are those of `locale`.
   */
  readonly diff?: ScorecardDiff | string;
  /** Show the button that turns the comparison on and off, pressed or not (the preview's; undefined: no button). */
  readonly compareToggle?: boolean;
  /** A "Refresh" button on each card of a KPI with a SQL source, which asks the editor to run its query (the preview's; a file has none). */
  readonly refreshButtons?: boolean;
  /**
   * Each history chart is drawn when its button is pressed, by the page's
   * script from the model it holds (the preview's), instead of a `<dialog>`
   * per KPI written into the page.
   */
  readonly chartsOnOpen?: boolean;
  /**
   * The script of a file too large to build up front (see BUILT_UP_FRONT)
   * and how to pack its model: with it, a scorecard of more KPIs is written
   * as goals and named KPI cards, and the page builds the rest from the
   * model as it is shown (client/webview/scorecard-page.ts).
   */
  readonly page?: ScorecardPage;
  /** The cards and rows of the last render, to be used again where their KPI did not change (the preview's). */
  readonly memo?: RenderMemo;
}

/** What a file built as it is shown carries: the bundled page script, and how its model is packed (gzip and base64, by the host). */
export interface ScorecardPage {
  readonly script: string;
  readonly pack: (json: string) => string;
}

/**
 * The most KPIs a file is written with every card, chart and table row up
 * front. Beyond it (10,000 KPIs would be 80 MB and 230,000 elements) a card
 * is written with its name only and built as it scrolls into view, a chart
 * when opened, the table when shown, everything before printing.
 */
export const BUILT_UP_FRONT = 1000;

/** What the page script of a file built as it is shown reads: the scorecard (without source lines) and the page's options. */
export interface PageModel {
  readonly scorecard: Scorecard;
  readonly options: Omit<HtmlOptions, 'nonce' | 'page'>;
}

/** What a part of the page needs of the options: where the source is, the words, and the changes the comparison found by KPI id. */
export interface Render {
  readonly sourceLines?: boolean;
  readonly words: Translator;
  readonly changes?: ReadonlyMap<string, KpiDiff>;
  readonly refreshButtons?: boolean;
  readonly chartsOnOpen?: boolean;
  /** Cards with their name only, built by the page script as they are shown. */
  readonly stubs?: boolean;
  readonly memo?: RenderMemo;
}

/** The render of the page's options (the page script of a large file makes the same). */
export function pageRender(options: Omit<HtmlOptions, 'nonce'>, stubs = false): Render {
  const words = translator(options.locale ?? 'en');
  const diff = typeof options.diff === 'object' ? options.diff : undefined;
  const changes = diff && new Map(diff.kpis.filter((k) => k.change !== 'removed').map((k) => [k.id, k]));
  return {
    sourceLines: options.sourceLines,
    words,
    changes,
    refreshButtons: options.refreshButtons,
    chartsOnOpen: options.chartsOnOpen || stubs,
    stubs,
    memo: options.memo,
  };
}

/** Inline SVG: the measurement history as a line, the target as a dashed line. */
function sparkline(kpi: ScorecardKpi, words: Translator): string {
  const values = kpi.history.map((p) => p.value);
  if (values.length === 0) return `<span class="spark-empty">${escapeHtml(words.t('report.no-history'))}</span>`;
  const all = kpi.target ? [...values, kpi.target.value] : values;
  const [min, max] = [Math.min(...all), Math.max(...all)];
  const [width, height, pad] = [160, 40, 4];
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  const target = kpi.target
    ? `<line class="spark-target" x1="0" x2="${width}" y1="${y(kpi.target.value).toFixed(1)}" y2="${y(kpi.target.value).toFixed(1)}"/>`
    : '';
  const label = words.t('report.history-label', { count: kpi.history.length, from: kpi.history[0].date, to: kpi.history[last].date });
  return (
    `<svg class="spark" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(label)}">` +
    `${target}<polyline class="spark-line" points="${points}"/>` +
    `<line class="spark-dot" x1="${x(last).toFixed(1)}" x2="${x(last).toFixed(1)}" y1="${y(values[last]).toFixed(1)}" y2="${y(values[last]).toFixed(1)}"/></svg>`
  );
}

/** Inline SVG progress bar (a CSP without inline styles cannot size a div). */
function progressBar(progress: number | null, words: Translator): string {
  if (progress === null) return '';
  const share = Math.min(Math.max(progress, 0), 1);
  return (
    `<svg class="progress" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(words.t('report.progress-label', { percent: percent(progress, words) }))}">` +
    `<rect class="progress-track" width="100" height="8" rx="4"/><rect class="progress-fill" width="${(share * 100).toFixed(1)}" height="8" rx="4"/></svg>`
  );
}

/** A planned value is computed: it gets the decimals of the KPI's latest value and target, not the float's. */
function planPlaces(kpi: ScorecardKpi): number {
  return Math.min(Math.max(decimalsOf(kpi.latest?.value ?? 0), decimalsOf(kpi.target?.value ?? 0)), 2);
}

/**
 * The comparisons of SPEC §5.10 under the latest value: arrow and text, the
 * verdict as a word (its class gives the colour, never the only signal), and
 * a year to date that misses a period says so.
 */
function comparisonList(kpi: ScorecardKpi, words: Translator): string {
  const items = COMPARISON_KINDS.flatMap((kind) => {
    const c = comparisonWords(kpi, kind, words);
    if (c === null) return [];
    const partial = c.partial ? ` <span class="partial">${escapeHtml(words.t('report.compare.partial'))}</span>` : '';
    return [
      `<li class="compare-${kind} verdict-${c.verdict}" data-compare="${kind}"><span class="compare-text">${htmlText(`${c.arrow} ${c.text}`)}</span> <span class="verdict">${escapeHtml(c.verdictWord)}</span>${partial}</li>`,
    ];
  });
  return items.length ? `\n          <ul class="compare" aria-label="${escapeHtml(words.t('report.compare.label'))}">${items.join('')}</ul>` : '';
}

/**
 * The button that opens a KPI's history chart, and the dialog it opens
 * (closed: neither shown nor printed); with `chartsOnOpen` the button alone,
 * and the page script adds the dialog (historyDialog) when it is pressed.
 */
function historyButton(kpi: ScorecardKpi, options: Render): string {
  if (kpi.history.length === 0) return '';
  const button = `
        <button type="button" class="history-button" aria-haspopup="dialog">${escapeHtml(options.words.t('report.chart.open'))}</button>`;
  return options.chartsOnOpen ? button : `${button}${historyDialog(kpi, options.words)}`;
}

/** A KPI's history chart in its dialog, closed. */
export function historyDialog(kpi: ScorecardKpi, words: Translator): string {
  const heading = htmlText(words.t('report.chart.title', { name: plainText(kpi.name) }));
  return `
        <dialog class="history" aria-label="${heading}">
          <header><h4>${heading}</h4><button type="button" class="close">${escapeHtml(words.t('report.chart.close'))}</button></header>
          ${historyChart(kpi, words)}
        </dialog>`;
}

/** A SQL source's snapshot under the reason: when it was taken, or that it needs `kpi refresh`; in the preview, the button that runs its query. */
function snapshotLine(kpi: ScorecardKpi, options: Render): string {
  const said = snapshotWords(kpi, options.words);
  if (said === null) return '';
  const e = escapeHtml;
  const state = kpi.snapshot?.missing ? 'missing' : snapshotWanted(kpi) ? 'outdated' : 'taken';
  const button = options.refreshButtons
    ? ` <button type="button" class="refresh-button" data-refresh="${e(kpi.id)}" title="${e(options.words.t('report.snapshot.refresh-title', { kpi: kpi.id }))}">${e(options.words.t('report.snapshot.refresh'))}</button>`
    : '';
  return `\n          <p class="snapshot snapshot-${state} muted" data-snapshot="${state}"><span class="snapshot-text">${e(said)}</span>${button}</p>`;
}

/** A KPI's card; with `stubs`, its name alone, which the page script builds into the card when it is shown. */
export function kpiCard(kpi: ScorecardKpi, options: Render): string {
  const { memo } = options;
  if (!memo) return renderCard(kpi, options);
  // All a card is rendered from: the page's options, the KPI and what the comparison says of it.
  const data = [options.words.locale, options.sourceLines, options.refreshButtons, options.chartsOnOpen, options.stubs, memo.json(kpi)].join();
  const change = options.changes?.get(kpi.id);
  return memo.html(`card ${kpi.id}`, change ? `${data}${JSON.stringify(change)}` : data, () => renderCard(kpi, options));
}

function renderCard(kpi: ScorecardKpi, options: Render): string {
  const e = escapeHtml;
  const { words } = options;
  const attributes = `data-kpi="${e(kpi.id)}" data-status="${e(kpi.status)}" data-category="${e(kpi.category ?? '')}"${sourceAttributes(kpi, options)}`;
  // A stub carries what the filters read and the name Ctrl+F finds, no more: 10,000 of them are a third of the file.
  if (options.stubs) return `\n      <article class="kpi stub status-${e(kpi.status)}" ${attributes}><h3>${htmlText(kpi.name)}</h3></article>`;
  const value = (v: number, places?: number) => formatValue(v, kpi.unit, places, words);
  const latest = kpi.latest
    ? `<span class="value">${htmlText(value(kpi.latest.value))}</span> <span class="muted">${htmlText(words.t('report.latest-date', { date: kpi.latest.date }))}</span>`
    : `<span class="muted">${e(words.t('report.no-data'))}</span>`;
  const targetValue = kpi.target
    ? kpi.target.date
      ? words.t('report.target-by', { value: value(kpi.target.value), date: kpi.target.date })
      : value(kpi.target.value)
    : words.t('report.target-none');
  const places = planPlaces(kpi);
  const plan =
    kpi.planned !== null && kpi.latest
      ? `\n          <p class="plan muted">${htmlText(words.t('report.plan', { value: value(Number(kpi.planned.toFixed(places)), places), date: kpi.latest.date }))}</p>`
      : '';
  // An invalid KPI has no trend to wait for: its reason says what to fix.
  const trend = kpi.trend
    ? `<span class="trend trend-${kpi.trend}">${trendArrow(kpi)} ${e(trendLabel(kpi.trend, words))}</span>`
    : kpi.status === 'invalid'
      ? ''
      : `<span class="muted">${e(trendLabel(null, words))}</span>`;
  const stale = kpi.stale ? ` <span class="badge stale" title="${e(words.t('report.stale-title'))}">${e(words.t('report.stale'))}</span>` : '';
  const progress =
    kpi.progress !== null ? `<span class="muted progress-text">${e(words.t('report.progress-text', { percent: percent(kpi.progress, words) }))}</span>` : '';
  const meta = [
    kpi.category ? `<span class="category">${htmlText(categoryLabel(kpi.category, words))}</span>` : '',
    kpi.owner ? `<span>${htmlText(kpi.owner)}</span>` : '',
  ]
    .filter((s) => s !== '')
    .join(' · ');
  return `
      <article class="kpi status-${e(kpi.status)}" ${attributes} tabindex="0">
        <header>${statusBadge(kpi.status, words)}${stale}${diffBadges(options.changes?.get(kpi.id), words)}
          <h3>${htmlText(kpi.name)}</h3><p class="meta">${meta}</p></header>
        <div class="figures">
          <p class="latest">${latest}</p>${kpi.latest ? comparisonList(kpi, words) : ''}
          <p class="target">${htmlText(words.t('report.target', { target: targetValue }))}</p>${plan}
          <p class="summary-line">${trend}</p>
          <p class="reason muted">${htmlText(capitalise(kpi.reason))}</p>${snapshotLine(kpi, options)}
          ${progressBar(kpi.progress, words)}${progress}
        </div>
        ${sparkline(kpi, words)}${historyButton(kpi, options)}
      </article>`;
}

/** The KPIs of a goal and of the goals under it. */
function kpisUnder(node: GoalNode): ScorecardKpi[] {
  return [...node.kpis, ...node.children.flatMap(kpisUnder)];
}

/** A list of cards: a piece per card, keyed by KPI id. */
function cardsPiece(kpis: readonly ScorecardKpi[], options: Render): Branch {
  return { key: 'kpis', open: '<div class="kpis">', parts: uniqueKeys(kpis.map((k) => ({ key: k.id, html: kpiCard(k, options) }))), close: '</div>' };
}

function goalSection(node: GoalNode, options: Render, depth: number): Branch {
  const { goal } = node;
  const e = escapeHtml;
  const meta = [goal.owner, goal.due ? options.words.t('report.due', { date: goal.due }) : null]
    .filter((s): s is string => s !== null)
    .map(htmlText)
    .join(' · ');
  const level = Math.min(depth + 2, 6);
  return {
    key: `goal:${goal.id}`,
    open: `
  <section class="goal depth-${Math.min(depth, 3)} status-${e(goal.status)}" data-goal="${e(goal.id)}" data-status="${e(goal.status)}"${sourceAttributes(goal, options)} data-has="${e(filterTokens(kpisUnder(node)))}">`,
    parts: uniqueKeys([
      {
        key: 'title',
        html: `
    <h${level} class="goal-title">${statusBadge(goal.status, options.words)} ${htmlText(goal.title)}</h${level}>${meta ? `<p class="meta">${meta}</p>` : ''}
    `,
      },
      cardsPiece(node.kpis, options),
      ...node.children.map((c) => goalSection(c, options, depth + 1)),
      { key: 'end', html: '\n  ' },
    ]),
    close: '</section>',
  };
}

const CATEGORY_FILTERS: Readonly<Record<string, MessageKey>> = {
  financial: 'report.filter.category.financial',
  operational: 'report.filter.category.operational',
  customer: 'report.filter.category.customer',
  hr: 'report.filter.category.hr',
};

function filterButtons(name: 'category' | 'status', values: readonly string[], label: (v: string) => string, words: Translator): string {
  const buttons = ['', ...values].map(
    (v) =>
      `<button type="button" data-filter-${name}="${escapeHtml(v)}" aria-pressed="${v === '' ? 'true' : 'false'}">${escapeHtml(v === '' ? words.t('report.filter.all') : label(v))}</button>`,
  );
  const [group, heading] =
    name === 'category' ? (['report.filter.by-category', 'report.filter.category'] as const) : (['report.filter.by-status', 'report.filter.status'] as const);
  return `<div class="filter" role="group" aria-label="${escapeHtml(words.t(group))}"><span class="filter-label">${escapeHtml(words.t(heading))}</span>${buttons.join('')}</div>`;
}

/** The preview's button for "Compare with last commit"; its script asks the extension. */
function compareToggle(pressed: boolean | undefined, words: Translator): string {
  if (pressed === undefined) return '';
  return `<button type="button" class="compare-toggle" aria-pressed="${pressed}">${escapeHtml(words.t('report.compare-toggle'))}</button>`;
}

/**
 * The page's body without the scripts, as pieces: summary counts, filters,
 * the goal tree with each goal's KPIs, the KPIs linked to no goal, and the
 * table view. The editor preview replaces the pieces that changed.
 */
export function scorecardPieces(scorecard: Scorecard, options: Omit<HtmlOptions, 'nonce'> = {}, stubs = false): Piece[] {
  const e = escapeHtml;
  const render = pageRender(options, stubs);
  const { words } = render;
  const diff = typeof options.diff === 'object' ? options.diff : undefined;
  const title = plainText(options.title ?? scorecard.title);
  const counts = statusCounts(scorecard);
  const tree = goalTree(scorecard);
  const categories = CATEGORIES.filter((c) => scorecard.kpis.some((k) => k.category === c));
  const statuses = counts.map((c) => c.status);
  const summary = counts
    .map((c) => `<li class="count status-${c.status}"><span class="count-number">${e(count(c.count, words))}</span> ${e(statusLabel(c.status, words))}</li>`)
    .join('');
  const loose: Piece[] = tree.unlinked.length
    ? [
        {
          key: 'unlinked',
          open: `<section class="goal unlinked" data-goal="" data-has="${e(filterTokens(tree.unlinked))}">`,
          parts: [{ key: 'title', html: `<h2 class="goal-title">${e(words.t('report.unlinked'))}</h2>` }, cardsPiece(tree.unlinked, render)],
          close: '</section>',
        },
      ]
    : [];
  const empty = scorecard.kpis.length === 0 && scorecard.goals.length === 0 ? `<p class="empty">${e(words.t('report.empty'))}</p>` : '';
  const notice = options.notice ? `<p class="notice" role="status">${e(options.notice)}</p>` : '';
  const top = `<header class="top">
  <h1>${e(title)}</h1>
  <p class="muted">${e(words.t('report.as-of-line', { asOf: scorecard.asOf, kpis: scorecard.kpis.length, goals: scorecard.goals.length }))}</p>${notice}
  <ul class="counts" aria-label="${e(words.t('report.counts-label'))}">${summary}</ul>
  <nav class="filters" aria-label="${e(words.t('report.filters-label'))}">
    ${filterButtons('category', categories, (c) => words.t(CATEGORY_FILTERS[c]), words)}
    ${filterButtons('status', statuses, (s) => statusLabel(s as KpiStatusWord, words), words)}
  </nav>
  ${viewToggle(words)}${compareToggle(options.compareToggle, words)}
</header>`;
  const main: Branch = {
    key: 'main',
    open: stubs ? '\n<main id="scorecard" class="built-as-shown">' : '\n<main id="scorecard">',
    parts: [
      ...uniqueKeys(tree.roots.map((r) => goalSection(r, render, 0))),
      ...loose,
      { key: 'no-match', html: `${empty}\n  <p class="no-match muted" hidden>${e(words.t('report.no-match'))}</p>\n` },
    ],
    close: '</main>',
  };
  const table: Piece = stubs
    ? { key: 'table', html: `\n<section id="table-view" class="table-view" aria-label="${e(words.t('report.table-view.label'))}" hidden></section>` }
    : tableViewPiece(tree, render);
  options.memo?.done();
  return [
    { key: 'top', html: top },
    { key: 'diff', html: diff ? renderDiffSection(diff, words) : typeof options.diff === 'string' ? renderDiffProblem(options.diff) : '' },
    main,
    table,
  ];
}

/** The page's body without the scripts (see scorecardPieces). */
export function renderScorecardBody(scorecard: Scorecard, options: Omit<HtmlOptions, 'nonce'> = {}): string {
  return piecesHtml(scorecardPieces(scorecard, options));
}

/** The model a file built as it is shown carries: the scorecard without the source lines it does not link to. */
function pageModel(scorecard: Scorecard, options: HtmlOptions): PageModel {
  // Neither the nonce nor the page script is the page's to keep (JSON leaves out what is undefined).
  const kept = { ...options, nonce: undefined, page: undefined };
  const unlocated = <T extends { file: string; line: number }>(item: T): T => ({ ...item, file: '', line: 0 });
  const located = options.sourceLines ? scorecard : { ...scorecard, goals: scorecard.goals.map(unlocated), kpis: scorecard.kpis.map(unlocated) };
  return { scorecard: located, options: kept };
}

/**
 * The scorecard as one HTML page: the body above, its style and the filter
 * script. A pure function of the model; every user string is escaped, and
 * the page loads nothing but what `scriptUri` names.
 */
export function renderScorecardHtml(scorecard: Scorecard, options: HtmlOptions): string {
  const e = escapeHtml;
  const nonce = e(options.nonce);
  const extra = options.cspSource ? ` ${options.cspSource}` : '';
  const csp = `default-src 'none'; img-src data:${extra}; style-src 'nonce-${nonce}'${extra}; script-src 'nonce-${nonce}'${extra}; base-uri 'none'; form-action 'none'`;
  const words = translator(options.locale ?? 'en');
  const title = plainText(options.title ?? scorecard.title);
  const script = options.scriptUri ? `\n<script nonce="${nonce}" src="${e(options.scriptUri)}"></script>` : '';
  const built = options.page !== undefined && scorecard.kpis.length > BUILT_UP_FRONT ? options.page : undefined;
  // The model the page script builds from: packed in a large file (base64 has no character that could end the element), as
  // JSON in the preview (whose charts are drawn when opened) with every `<` escaped for the same reason.
  const model = built
    ? built.pack(JSON.stringify(pageModel(scorecard, options)))
    : options.chartsOnOpen
      ? JSON.stringify(pageModel(scorecard, options)).replace(/</g, '\\u003c')
      : undefined;
  const page =
    (model === undefined ? '' : `\n<script type="application/json" id="kpi-model">${model}</script>`) +
    (built ? `\n<script nonce="${nonce}">${built.script.replace(/<\/(script)/gi, '<\\/$1')}</script>` : '');
  return `<!DOCTYPE html>
<html lang="${e(words.tag)}" data-locale="${e(words.locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(words.t('report.page-title', { title, asOf: scorecard.asOf }))}</title>
<style nonce="${nonce}">${SCORECARD_STYLE}${FILTER_STYLE}${TABLE_VIEW_STYLE}${DIFF_STYLE}</style>
</head>
<body class="theme-${options.theme ?? 'standalone'}">
<div id="root">${piecesHtml(scorecardPieces(scorecard, options, built !== undefined))}</div>
${page}<script nonce="${nonce}">${SCORECARD_SCRIPT}${TABLE_VIEW_SCRIPT}</script>${script}
</body>
</html>
`;
}
