/**
 * A `kpi diff` (SPEC §7) in the scorecard page: the editor preview's
 * "Compare with last commit". The same sections, rows and words as the
 * Markdown comment (diff-blocks.ts), and a badge on each card whose status
 * or target changed.
 */
import type { FieldChange, KpiDiff, ScorecardDiff } from '../core/diff';
import type { MessageKey, Translator } from '../core/l10n/catalogue';
import { diffBlocks, type Cell, type DiffBlock } from './diff-blocks';
import { diffHeadline, sidesText } from './diff-words';
import { escapeHtml, htmlText } from './markup';
import { statusLabel } from './words';

function htmlCell(pieces: Cell): string {
  return pieces
    .map((piece) => {
      if (typeof piece === 'string') return htmlText(piece);
      // The word beside it says the same: the mark is for the eye only.
      if ('signal' in piece) return `<span class="signal signal-${piece.signal}" aria-hidden="true"></span>`;
      if ('status' in piece) return `<span class="dot status-${escapeHtml(piece.status)}" aria-hidden="true"></span>`;
      if ('code' in piece) return `<code>${htmlText(piece.code)}</code>`;
      if ('file' in piece) return `<span class="file">${htmlText(piece.file)}:${piece.line}</span>`;
      return '<br>';
    })
    .join('');
}

function blockTable(block: DiffBlock, words: Translator): string {
  const header = block.header.map((key) => `<th scope="col">${escapeHtml(words.t(key))}</th>`).join('');
  const rows = block.rows
    .map((row, i) => {
      const id = block.ids?.[i];
      const attribute = id === null || id === undefined ? '' : ` data-${block.title === 'diff.section.goals' ? 'goal' : 'kpi'}="${escapeHtml(id)}"`;
      return `<tr${attribute}>${row.map((cell) => `<td>${htmlCell(cell)}</td>`).join('')}</tr>`;
    })
    .join('');
  const lead = block.lead ? `<p class="muted">${htmlText(block.lead)}</p>` : '';
  return `${lead}<table class="diff-table"><thead><tr>${header}</tr></thead><tbody>${rows}</tbody></table>`;
}

function blockSection(block: DiffBlock, words: Translator): string {
  const title = escapeHtml(words.t(block.title));
  const section = (block.title.split('.').pop() ?? '').replace(/[^a-z-]/g, '');
  return block.detail
    ? `<details class="diff-block" data-section="${section}"><summary>${title} (${words.number(block.rows.length)})</summary>${blockTable(block, words)}</details>`
    : `<section class="diff-block" data-section="${section}"><h3>${title}</h3>${blockTable(block, words)}</section>`;
}

/** The comparison above the scorecard: headline, the two sides and the as-of date, then only what changed. */
export function renderDiffSection(diff: ScorecardDiff, words: Translator): string {
  const unchanged = diff.summary.kpis.unchanged;
  const foot = unchanged > 0 ? `<p class="muted">${escapeHtml(words.t('diff.unchanged', { count: unchanged }))}</p>` : '';
  return `<section class="diff" aria-labelledby="kpi-diff-title">
  <h2 id="kpi-diff-title">${escapeHtml(words.t('diff.title'))}: <span class="diff-headline">${htmlText(diffHeadline(diff, words))}</span></h2>
  <p class="muted diff-sides">${htmlText(sidesText(diff, words))} · ${escapeHtml(words.t('diff.as-of', { asOf: diff.asOf }))}</p>
  ${diffBlocks(diff, words)
    .map((block) => blockSection(block, words))
    .join('\n  ')}
  ${foot}
</section>`;
}

/** Why the comparison could not be made (no repository, no commit yet, git missing), where it would be. */
export function renderDiffProblem(problem: string): string {
  return `<section class="diff"><p class="notice" role="status">${htmlText(problem)}</p></section>`;
}

/** The figures whose change earns a card its target badge: what the status is judged against. */
const JUDGING: readonly FieldChange['group'][] = ['target', 'thresholds', 'plan'];

/**
 * The badges of a KPI's card while the comparison is on: new, its target
 * (or thresholds, or plan) loosened, tightened or changed, and the status it
 * had at the base. None for a KPI the change left alone.
 */
export function diffBadges(kpi: KpiDiff | undefined, words: Translator): string {
  if (kpi === undefined) return '';
  const badge = (kind: string, key: MessageKey, data?: Record<string, string>) =>
    ` <span class="badge diff-badge diff-${kind}" data-diff="${kind}">${escapeHtml(words.t(key, data))}</span>`;
  if (kpi.change === 'added') return badge('added', 'diff.badge.added');
  const judging = kpi.fields.filter((f) => JUDGING.includes(f.group));
  let badges = '';
  if (judging.some((f) => f.verdict === 'loosened' || f.verdict === 'later')) badges += badge('loosened', 'diff.badge.loosened');
  else if (judging.some((f) => f.verdict === 'tightened' || f.verdict === 'earlier')) badges += badge('tightened', 'diff.badge.tightened');
  else if (judging.length > 0) badges += badge('target', 'diff.badge.target');
  const { from, to, verdict } = kpi.status;
  if (from !== null && to !== null && from !== to) {
    const arrow = verdict === 'worse' ? '▼' : verdict === 'better' ? '▲' : '';
    badges += badge(`status-${verdict}`, 'diff.badge.status', { arrow, status: statusLabel(from, words) });
  }
  return badges;
}

/** The comparison's CSS, part of every page: the preview turns the comparison on without loading the page again. */
export const DIFF_STYLE = `
.compare-toggle { font: inherit; font-size: 12px; color: var(--fg); background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: 3px 14px; margin: 0 0 16px 8px; cursor: pointer; }
.compare-toggle[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.compare-toggle:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.diff { border: 1px solid var(--border); border-left: 4px solid var(--accent); background: var(--card); border-radius: 8px; padding: 12px 16px; margin: 0 0 20px; }
.diff h2 { font-size: 16px; margin-bottom: 2px; }
.diff h3, .diff summary { font-size: 14px; font-weight: 600; margin: 12px 0 4px; cursor: default; }
.diff summary { cursor: pointer; }
.diff p { margin: 2px 0; }
.diff-table { border-collapse: collapse; width: 100%; font-size: 12px; }
.diff-table th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--border); padding: 3px 8px 3px 0; }
.diff-table td { border-bottom: 1px solid var(--border); padding: 3px 8px 3px 0; vertical-align: top; }
.diff-table code { font-size: 11px; }
.signal, .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; background: var(--status); margin-right: 2px; }
.signal-bad { --status: var(--off-track); } .signal-good { --status: var(--on-track); }
.badge.diff-badge { margin-left: 4px; --status: var(--accent); --status-bg: transparent; }
.badge.diff-loosened, .badge.diff-status-worse { --status: var(--off-track); }
.badge.diff-tightened, .badge.diff-status-better { --status: var(--on-track); }
@media print { .compare-toggle { display: none; } }
@media (forced-colors: active) { .signal, .dot { forced-color-adjust: none; border: 1px solid CanvasText; } }
`;
