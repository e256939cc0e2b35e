import { decimalsOf } from '../core/numbers';
import { capitalise } from '../core/readable';
import type { Scorecard, ScorecardKpi } from '../core/scorecard';
import { plainText } from './plain-text';
import { SCORECARD_SCRIPT } from './script';
import { SCORECARD_STYLE } from './style';
import { goalTree, percent, statusCounts, statusLabel, trendArrow, trendLabel, formatValue, type GoalNode } from './words';

export interface HtmlOptions {
  /** A fresh random value per render; every <style> and <script> carries it. */
  readonly nonce: string;
  /** The page title (default: "KPI scorecard"). */
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
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\r': '&#13;' };

/**
 * Escapes text for HTML content and quoted attribute values. A CR is written
 * as a reference, which HTML keeps (a raw one it turns into LF), so a
 * `data-kpi` or `data-file` attribute gives back exactly the id or path.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]);
}

/** KPI text as HTML content: escaped, on one line, with no control character (see plain-text.ts). */
function text(value: string): string {
  return escapeHtml(plainText(value));
}

const CATEGORIES = ['financial', 'operational', 'customer', 'hr'];

/** Inline SVG: the measurement history as a line, the target as a dashed line. */
function sparkline(kpi: ScorecardKpi): string {
  const values = kpi.history.map((p) => p.value);
  if (values.length === 0) return '<span class="spark-empty">no history</span>';
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
  const label = `History of ${kpi.history.length} measurements from ${kpi.history[0].date} to ${kpi.history[last].date}`;
  return (
    `<svg class="spark" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(label)}">` +
    `${target}<polyline class="spark-line" points="${points}"/>` +
    `<line class="spark-dot" x1="${x(last).toFixed(1)}" x2="${x(last).toFixed(1)}" y1="${y(values[last]).toFixed(1)}" y2="${y(values[last]).toFixed(1)}"/></svg>`
  );
}

/** Inline SVG progress bar (a CSP without inline styles cannot size a div). */
function progressBar(progress: number | null): string {
  if (progress === null) return '';
  const share = Math.min(Math.max(progress, 0), 1);
  return (
    `<svg class="progress" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="Progress ${percent(progress)}">` +
    `<rect class="progress-track" width="100" height="8" rx="4"/><rect class="progress-fill" width="${(share * 100).toFixed(1)}" height="8" rx="4"/></svg>`
  );
}

/** A planned value is computed: it gets the decimals of the KPI's latest value and target, not the float's. */
function planPlaces(kpi: ScorecardKpi): number {
  return Math.min(Math.max(decimalsOf(kpi.latest?.value ?? 0), decimalsOf(kpi.target?.value ?? 0)), 2);
}

function badge(status: string): string {
  return `<span class="badge status-${escapeHtml(status)}">${escapeHtml(statusLabel(status as never))}</span>`;
}

function source(item: { file: string; line: number }, options: Pick<HtmlOptions, 'sourceLines'>): string {
  return options.sourceLines ? ` data-file="${escapeHtml(item.file)}" data-line="${item.line}"` : '';
}

function kpiCard(kpi: ScorecardKpi, options: Pick<HtmlOptions, 'sourceLines'>): string {
  const e = escapeHtml;
  const latest = kpi.latest
    ? `<span class="value">${text(formatValue(kpi.latest.value, kpi.unit))}</span> <span class="muted">on ${text(kpi.latest.date)}</span>`
    : '<span class="muted">no data</span>';
  const target = kpi.target ? `${text(formatValue(kpi.target.value, kpi.unit))}${kpi.target.date ? ` by ${text(kpi.target.date)}` : ''}` : 'none';
  const places = planPlaces(kpi);
  const plan =
    kpi.planned !== null && kpi.latest
      ? `\n          <p class="plan muted">Plan: ${text(formatValue(Number(kpi.planned.toFixed(places)), kpi.unit, places))} for ${text(kpi.latest.date)}</p>`
      : '';
  // An invalid KPI has no trend to wait for: its reason says what to fix.
  const trend = kpi.trend
    ? `<span class="trend trend-${kpi.trend}">${trendArrow(kpi)} ${e(trendLabel(kpi.trend))}</span>`
    : kpi.status === 'invalid'
      ? ''
      : '<span class="muted">no trend yet</span>';
  const meta = [kpi.category ? `<span class="category">${text(kpi.category)}</span>` : '', kpi.owner ? `<span>${text(kpi.owner)}</span>` : '']
    .filter((s) => s !== '')
    .join(' · ');
  return `
      <article class="kpi status-${e(kpi.status)}" data-kpi="${e(kpi.id)}" data-status="${e(kpi.status)}" data-category="${e(kpi.category ?? '')}"${source(kpi, options)} tabindex="0">
        <header>${badge(kpi.status)}${kpi.stale ? ' <span class="badge stale" title="The latest measurement is older than two periods">stale</span>' : ''}
          <h3>${text(kpi.name)}</h3><p class="meta">${meta}</p></header>
        <div class="figures">
          <p class="latest">${latest}</p>
          <p class="target">Target: ${target}</p>${plan}
          <p class="summary-line">${trend}</p>
          <p class="reason muted">${text(capitalise(kpi.reason))}</p>
          ${progressBar(kpi.progress)}${kpi.progress !== null ? `<span class="muted progress-text">${percent(kpi.progress)} of the way</span>` : ''}
        </div>
        ${sparkline(kpi)}
      </article>`;
}

function goalSection(node: GoalNode, options: Pick<HtmlOptions, 'sourceLines'>, depth: number): string {
  const { goal } = node;
  const e = escapeHtml;
  const meta = [goal.owner, goal.due ? `due ${goal.due}` : null]
    .filter((s): s is string => s !== null)
    .map(text)
    .join(' · ');
  const level = Math.min(depth + 2, 6);
  return `
  <section class="goal depth-${Math.min(depth, 3)} status-${e(goal.status)}" data-goal="${e(goal.id)}" data-status="${e(goal.status)}"${source(goal, options)}>
    <h${level} class="goal-title">${badge(goal.status)} ${text(goal.title)}</h${level}>${meta ? `<p class="meta">${meta}</p>` : ''}
    <div class="kpis">${node.kpis.map((k) => kpiCard(k, options)).join('')}</div>
    ${node.children.map((c) => goalSection(c, options, depth + 1)).join('')}
  </section>`;
}

function filterButtons(name: 'category' | 'status', values: readonly string[], label: (v: string) => string): string {
  const buttons = ['', ...values].map(
    (v) =>
      `<button type="button" data-filter-${name}="${escapeHtml(v)}" aria-pressed="${v === '' ? 'true' : 'false'}">${escapeHtml(v === '' ? 'All' : label(v))}</button>`,
  );
  return `<div class="filter" role="group" aria-label="Filter by ${name}"><span class="filter-label">${name === 'category' ? 'Category' : 'Status'}</span>${buttons.join('')}</div>`;
}

/**
 * The page's body without the scripts: summary counts, filters, the goal tree
 * with each goal's KPIs, and the KPIs linked to no goal. The editor preview
 * re-renders this part in place when the scorecard changes.
 */
export function renderScorecardBody(scorecard: Scorecard, options: Omit<HtmlOptions, 'nonce'> = {}): string {
  const e = escapeHtml;
  const title = options.title ?? 'KPI scorecard';
  const counts = statusCounts(scorecard);
  const { roots, unlinked } = goalTree(scorecard);
  const categories = CATEGORIES.filter((c) => scorecard.kpis.some((k) => k.category === c));
  const statuses = counts.map((c) => c.status);
  const summary = counts
    .map((c) => `<li class="count status-${c.status}"><span class="count-number">${c.count}</span> ${e(statusLabel(c.status))}</li>`)
    .join('');
  const body = roots.map((r) => goalSection(r, options, 0)).join('');
  const loose = unlinked.length
    ? `<section class="goal unlinked" data-goal=""><h2 class="goal-title">Not linked to a goal</h2><div class="kpis">${unlinked.map((k) => kpiCard(k, options)).join('')}</div></section>`
    : '';
  const empty = scorecard.kpis.length === 0 && scorecard.goals.length === 0 ? '<p class="empty">No goals or KPIs in this workspace yet.</p>' : '';
  const notice = options.notice ? `<p class="notice" role="status">${e(options.notice)}</p>` : '';
  return `<header class="top">
  <h1>${e(title)}</h1>
  <p class="muted">As of ${e(scorecard.asOf)} · ${scorecard.kpis.length} KPIs · ${scorecard.goals.length} goals</p>${notice}
  <ul class="counts" aria-label="KPIs per status">${summary}</ul>
  <nav class="filters" aria-label="Filters">
    ${filterButtons('category', categories, (c) => (c === 'hr' ? 'HR' : c))}
    ${filterButtons('status', statuses, (s) => statusLabel(s as never))}
  </nav>
</header>
<main id="scorecard">${body}${loose}${empty}
  <p class="no-match muted" hidden>No KPI matches these filters.</p>
</main>`;
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
  const title = options.title ?? 'KPI scorecard';
  const script = options.scriptUri ? `\n<script nonce="${nonce}" src="${e(options.scriptUri)}"></script>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(title)} — as of ${e(scorecard.asOf)}</title>
<style nonce="${nonce}">${SCORECARD_STYLE}</style>
</head>
<body class="theme-${options.theme ?? 'standalone'}">
<div id="root">${renderScorecardBody(scorecard, options)}</div>
<script nonce="${nonce}">${SCORECARD_SCRIPT}</script>${script}
</body>
</html>
`;
}
