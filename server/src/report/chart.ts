/**
 * A KPI's history chart: an inline SVG drawn here, by hand (no library, no
 * network), and a table of the same values for screen readers and copying.
 * Pure string rendering: every text goes through escapeHtml.
 */
import type { Translator } from '../core/l10n/catalogue';
import { parseDate, type Day } from '../core/dates';
import { decimalsOf } from '../core/numbers';
import type { ScorecardKpi } from '../core/scorecard';
import { plannedOn } from '../core/status';
import { escapeHtml, htmlText } from './markup';
import { plainText } from './plain-text';
import { formatValue, statusLabel } from './words';

const [WIDTH, HEIGHT] = [640, 296];
const [LEFT, RIGHT, TOP, BOTTOM] = [64, 20, 16, 52];

interface Dot {
  readonly day: Day;
  readonly value: number;
}

/** The same date a year later, as a day: `2025-10` → 2026-10-31; 29 February → 28 February. */
function yearLater(date: string): Day | undefined {
  const year = /^\d{4}/.exec(date)?.[0];
  if (year === undefined) return undefined;
  const shifted = `${Number(year) + 1}${date.slice(4)}`;
  return parseDate(shifted) ?? parseDate(shifted.replace(/-29$/, '-28'));
}

/** A point of the plan line, with its date as written. */
interface PlanDot extends Dot {
  readonly date: string;
}

/** SPEC §5.3: the plan line through (baseline date, B), each plan entry and (target date, T), by day; undefined without a plan. */
function planPoints(kpi: ScorecardKpi): PlanDot[] | undefined {
  const dated = (p: { value: number; date?: string } | null): PlanDot | undefined => {
    const day = p?.date === undefined ? undefined : parseDate(p.date);
    return p?.date !== undefined && day !== undefined ? { day, value: p.value, date: p.date } : undefined;
  };
  const baseline = dated(kpi.baseline);
  const target = dated(kpi.target);
  const entries = kpi.plan.flatMap((e) => {
    const day = parseDate(e.date);
    return day === undefined ? [] : [{ day, value: e.value, date: e.date }];
  });
  if (entries.length === 0 && !(baseline && target && baseline.day < target.day)) return undefined;
  return [...(baseline ? [baseline] : []), ...entries, ...(target ? [target] : [])].sort((a, b) => a.day - b.day);
}

/** Three to six round values spanning `min`..`max`. */
function ticks(min: number, max: number): number[] {
  if (min === max) [min, max] = min === 0 ? [-1, 1] : [min - Math.abs(min) * 0.1, max + Math.abs(max) * 0.1];
  const rough = (max - min) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const values: number[] = [];
  for (let v = Math.floor(min / step) * step; v < max + step * 0.999; v += step) values.push(Number(v.toPrecision(12)));
  return values;
}

/** The places a value of the chart is written with: those of the data, at most two. */
function placesOf(values: readonly number[]): number {
  return Math.min(Math.max(0, ...values.map(decimalsOf)), 2);
}

/**
 * The chart of a KPI's history: measured values with dated axes and value
 * labels, the plan line, the target, the threshold bands, last year's values
 * shifted one year, and the measurement notes as focusable markers; then the
 * same values as a table. Empty when the KPI has no measurement.
 */
export function historyChart(kpi: ScorecardKpi, words: Translator): string {
  const measured = kpi.history.flatMap((m) => {
    const day = parseDate(m.date);
    return day === undefined ? [] : [{ ...m, day }];
  });
  if (measured.length === 0) return `<p class="muted">${escapeHtml(words.t('report.no-history'))}</p>`;
  const places = placesOf(measured.map((m) => m.value));
  const value = (v: number) => formatValue(Number(v.toFixed(places)), kpi.unit, places, words);
  const first = measured[0].day;
  const last = measured[measured.length - 1].day;
  // An invalid KPI shows no figure computed from its definition (SPEC §5.9): no plan line, no threshold bands.
  const judged = kpi.status !== 'invalid';
  const plan = judged ? planPoints(kpi) : undefined;
  const targetDay = kpi.target?.date === undefined ? undefined : parseDate(kpi.target.date);
  // The plan line leads to a dated target: the chart reaches it when it is within a year of the latest measurement.
  const end = plan && targetDay !== undefined && targetDay > last && targetDay - last <= 366 ? targetDay : last;
  const lastYear = measured.flatMap((m) => {
    const day = yearLater(m.date);
    return day !== undefined && day >= first && day <= end ? [{ date: m.date, value: m.value, day }] : [];
  });
  // The plan line starts at its first point (the baseline): no plan is drawn for the months before it.
  const planStart = plan ? Math.max(first, plan[0].day) : end + 1;
  const planned =
    plan && planStart <= end
      ? [planStart, ...plan.map((p) => p.day).filter((d) => d > planStart && d < end), end].map((day) => ({ day, value: plannedOn(plan, day) }))
      : [];
  const thresholds = judged ? kpi.thresholds : null;
  const levels = [
    ...measured.map((m) => m.value),
    ...lastYear.map((m) => m.value),
    ...planned.map((p) => p.value),
    ...(kpi.target ? [kpi.target.value] : []),
    ...(thresholds?.atRisk !== undefined ? [thresholds.atRisk] : []),
    ...(thresholds?.offTrack !== undefined ? [thresholds.offTrack] : []),
  ];
  const yTicks = ticks(Math.min(...levels), Math.max(...levels));
  const [low, high] = [yTicks[0], yTicks[yTicks.length - 1]];
  const x = (day: Day) => (end === first ? (LEFT + WIDTH - RIGHT) / 2 : LEFT + ((day - first) * (WIDTH - LEFT - RIGHT)) / (end - first));
  const y = (v: number) => TOP + ((high - v) * (HEIGHT - TOP - BOTTOM)) / (high - low);
  const at = (n: number) => n.toFixed(1);
  const tickPlaces = placesOf(yTicks);
  const parts: string[] = [];

  // Threshold bands: where the KPI is at risk and off track (SPEC §5.2).
  if (thresholds?.atRisk !== undefined && thresholds.offTrack !== undefined) {
    const beyond = kpi.direction === 'increase' ? low : high;
    const band = (status: 'at-risk' | 'off-track', from: number, to: number) => {
      const [top, bottom] = [y(Math.max(from, to)), y(Math.min(from, to))];
      const shown = (v: number) => formatValue(v, kpi.unit, undefined, words);
      const title = words.t('report.chart.band', { status: statusLabel(status, words), from: shown(Math.min(from, to)), to: shown(Math.max(from, to)) });
      return `<rect class="band band-${status}" x="${LEFT}" y="${at(top)}" width="${WIDTH - LEFT - RIGHT}" height="${at(bottom - top)}"><title>${htmlText(title)}</title></rect>`;
    };
    parts.push(band('off-track', beyond, thresholds.offTrack), band('at-risk', thresholds.offTrack, thresholds.atRisk));
  }
  // The y axis: a grid line and a label per tick, numbers in the page's language.
  for (const t of yTicks) {
    parts.push(
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${at(y(t))}" y2="${at(y(t))}"/>` +
        `<text class="tick y-tick" x="${LEFT - 6}" y="${at(y(t) + 4)}">${htmlText(words.number(t, { minimumFractionDigits: tickPlaces, maximumFractionDigits: tickPlaces }))}</text>`,
    );
  }
  // The x axis: the dates of the history, at most seven of them written out, always the first and the latest.
  const every = Math.ceil(measured.length / 7);
  const labelled = measured.filter((_, i) => i === measured.length - 1 || (i % every === 0 && measured.length - 1 - i >= every / 2));
  parts.push(`<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${HEIGHT - BOTTOM}" y2="${HEIGHT - BOTTOM}"/>`);
  for (const m of labelled) parts.push(`<text class="tick x-tick" x="${at(x(m.day))}" y="${HEIGHT - BOTTOM + 18}">${htmlText(m.date)}</text>`);
  if (kpi.target) {
    const ty = at(y(kpi.target.value));
    const label = words.t('report.chart.target', { value: formatValue(kpi.target.value, kpi.unit, undefined, words) });
    parts.push(
      `<line class="target-line" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${ty}" y2="${ty}"><title>${htmlText(label)}</title></line>` +
        `<text class="line-label target-label" x="${WIDTH - RIGHT}" y="${at(y(kpi.target.value) - 4)}">${htmlText(label)}</text>`,
    );
  }
  const polyline = (cls: string, dots: readonly Dot[], title: string) =>
    `<polyline class="${cls}" points="${dots.map((d) => `${at(x(d.day))},${at(y(d.value))}`).join(' ')}"><title>${htmlText(title)}</title></polyline>`;
  if (planned.length > 0) parts.push(polyline('plan-line', planned, words.t('report.chart.plan')));
  if (lastYear.length > 0) parts.push(polyline('last-year-line', lastYear, words.t('report.chart.last-year')));
  parts.push(polyline('measured-line', measured, words.t('report.chart.measured')));
  // A dot per measurement; the labelled dates get their value written next to it.
  for (const m of measured) {
    const shown = labelled.includes(m) ? `<text class="value-label" x="${at(x(m.day))}" y="${at(y(m.value) - 8)}">${htmlText(value(m.value))}</text>` : '';
    parts.push(
      `<circle class="dot" cx="${at(x(m.day))}" cy="${at(y(m.value))}" r="3"><title>${htmlText(words.t('report.chart.point', { date: m.date, value: value(m.value) }))}</title></circle>${shown}`,
    );
  }
  // Notes: a marker to hover or focus, with the note as its title and as a text shown meanwhile.
  for (const m of measured) {
    if (m.note === undefined) continue;
    const note = words.t('report.chart.note', { date: m.date, note: plainText(m.note) });
    const [nx, ny] = [x(m.day), TOP + 4];
    // The note's text shows under the axis while its marker is hovered or focused, clear of the other markers.
    parts.push(
      `<g class="note" tabindex="0" role="img" aria-label="${htmlText(note)}"><title>${htmlText(note)}</title>` +
        `<line class="note-stem" x1="${at(nx)}" x2="${at(nx)}" y1="${at(ny)}" y2="${HEIGHT - BOTTOM}"/><circle class="note-mark" cx="${at(nx)}" cy="${at(ny)}" r="6"/>` +
        `<text class="note-text" x="${LEFT}" y="${HEIGHT - 6}">${htmlText(note)}</text></g>`,
    );
  }
  const label = words.t('report.history-label', { count: kpi.history.length, from: kpi.history[0].date, to: kpi.history[kpi.history.length - 1].date });
  const legend = [
    `<li class="legend-measured">${escapeHtml(words.t('report.chart.measured'))}</li>`,
    planned.length > 0 ? `<li class="legend-plan">${escapeHtml(words.t('report.chart.plan'))}</li>` : '',
    kpi.target
      ? `<li class="legend-target">${htmlText(words.t('report.chart.target', { value: formatValue(kpi.target.value, kpi.unit, undefined, words) }))}</li>`
      : '',
    lastYear.length > 0 ? `<li class="legend-last-year">${escapeHtml(words.t('report.chart.last-year'))}</li>` : '',
  ].join('');
  const svg = `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="group" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`;
  const planOnly = plan && planned.length > 0 ? unmeasuredPlanDates(plan, new Set(measured.map((m) => m.day)), planStart, end) : [];
  return `${svg}<ul class="legend">${legend}</ul>${historyTable(kpi, measured, planOnly, plan, value, words)}`;
}

/**
 * The points of the plan line the chart draws (the baseline, each plan entry,
 * the dated target) that fall between `from` and `to` on a day without a
 * measurement, the first of each day: the table has a row for each, so that
 * it tells the plan the chart shows (a budget's last months, ahead of the
 * measurements).
 */
function unmeasuredPlanDates(plan: readonly PlanDot[], measured: ReadonlySet<Day>, from: Day, to: Day): { date: string; day: Day }[] {
  return plan
    .filter((p, i) => p.day >= from && p.day <= to && !measured.has(p.day) && (i === 0 || plan[i - 1].day !== p.day))
    .map(({ date, day }) => ({ date, day }));
}

/**
 * The chart's values as a table, by date: a row per measurement and per
 * point of the plan line without one (`planOnly`); its columns date, value,
 * plan, last year (the same period a year earlier) and note.
 */
function historyTable(
  kpi: ScorecardKpi,
  measured: readonly (Dot & { date: string; note?: string })[],
  planOnly: readonly { date: string; day: Day }[],
  plan: readonly Dot[] | undefined,
  value: (v: number) => string,
  words: Translator,
): string {
  const byDay = new Map<Day, number>();
  for (const m of measured) {
    const day = yearLater(m.date);
    if (day !== undefined) byDay.set(day, m.value);
  }
  const dated: { date: string; day: Day; value?: number; note?: string }[] = [...measured, ...planOnly].sort((a, b) => a.day - b.day);
  const rows = dated.map((m) => {
    const ago = byDay.get(m.day);
    const cells = [
      `<th scope="row">${htmlText(m.date)}</th>`,
      `<td class="num">${m.value === undefined ? '' : htmlText(value(m.value))}</td>`,
      `<td class="num">${plan && m.day >= plan[0].day ? htmlText(value(plannedOn(plan, m.day))) : ''}</td>`,
      `<td class="num">${ago === undefined ? '' : htmlText(value(ago))}</td>`,
      `<td>${m.note === undefined ? '' : htmlText(m.note)}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const heads = (
    ['report.chart.column.date', 'report.chart.column.value', 'report.chart.column.plan', 'report.chart.column.last-year', 'report.chart.column.note'] as const
  )
    .map((key) => `<th scope="col">${escapeHtml(words.t(key))}</th>`)
    .join('');
  const caption = words.t('report.chart.table-caption', { name: plainText(kpi.name) });
  return `<table class="chart-table"><caption>${htmlText(caption)}</caption><thead><tr>${heads}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
