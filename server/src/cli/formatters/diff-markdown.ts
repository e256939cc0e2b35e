import type { ScorecardDiff } from '../../core/diff';
import { translator, type Translator } from '../../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../../core/l10n/locale';
import { diffBlocks, type Cell, type DiffBlock } from '../../report/diff-blocks';
import { diffHeadline, sidesText } from '../../report/diff-words';
import { markdownText, statusIcon } from './status-markdown';

/** The first line of the comment: a CI step finds its earlier comment by it and updates it in place. */
export const DIFF_MARKER = '<!-- kpi-diff -->';

/** GitHub refuses a comment over 65,536 characters; this leaves room for what a workflow adds around it. */
export const MARKDOWN_LIMIT = 60_000;

const cell = (text: string) => markdownText(text);

/** A cell in Markdown: text escaped, 🟢/🔴 beside the word that says it, a status's icon, a code in backticks. */
function markdownCell(pieces: Cell): string {
  return pieces
    .map((piece) => {
      if (typeof piece === 'string') return cell(piece);
      if ('signal' in piece) return piece.signal === 'bad' ? '🔴' : '🟢';
      if ('status' in piece) return statusIcon(piece.status);
      if ('code' in piece) return `\`${piece.code.replace(/`/g, '')}\``;
      if ('file' in piece) return `${cell(piece.file)}:${piece.line}`;
      return '<br>';
    })
    .join('');
}

function table(block: DiffBlock, words: Translator, maxRows: number): string {
  const rows = block.rows.slice(0, maxRows);
  const header = block.header.map((key) => cell(words.t(key)));
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`)];
  if (block.rows.length > rows.length) lines.push('', `_${cell(words.t('diff.rows-dropped', { count: block.rows.length - rows.length }))}_`);
  const body = [...(block.lead ? [cell(block.lead), ''] : []), ...lines].join('\n');
  return block.detail
    ? `<details><summary>${cell(words.t(block.title))} (${block.rows.length})</summary>\n\n${body}\n\n</details>`
    : `### ${cell(words.t(block.title))}\n\n${body}`;
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
  const all = diffBlocks(diff, words);
  const render = (shown: readonly DiffBlock[], maxRows: number, note?: string) =>
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
