import type { Translator } from '../core/l10n/catalogue';
import type { GoalStatusWord, KpiStatusWord } from '../core/status';
import { plainText } from './plain-text';
import { statusLabel } from './words';

/**
 * The pieces of markup every part of the page writes the same way: the cards
 * (html.ts), the history chart (chart.ts) and the table view (table-view.ts).
 */

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
export function htmlText(value: string): string {
  return escapeHtml(plainText(value));
}

/** A status as a badge: the word, and a class for its colour. */
export function statusBadge(status: KpiStatusWord | GoalStatusWord, words: Translator): string {
  return `<span class="badge status-${escapeHtml(status)}">${escapeHtml(statusLabel(status, words))}</span>`;
}

/** `data-file` and `data-line` for click-to-source in the preview, when asked for. */
export function sourceAttributes(item: { file: string; line: number }, options: { readonly sourceLines?: boolean }): string {
  return options.sourceLines ? ` data-file="${escapeHtml(item.file)}" data-line="${item.line}"` : '';
}
