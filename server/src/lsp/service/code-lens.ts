import * as path from 'node:path';
import type { CodeLens } from 'vscode-languageserver';
import { translator, type Translator } from '../../core/l10n/catalogue';
import type { LineIndex } from '../../core/lines';
import { scorecardKpi } from '../../core/scorecard';
import type { KpiFile } from '../../core/types';
import type { Workspace } from '../../core/workspace';
import { plainText } from '../../report/plain-text';
import { latestOfTarget, statusLabel, trendArrow } from '../../report/words';
import { comparedText } from './hover';

/** VS Code draws `$(name)` in a CodeLens title as an icon; a backslash before it keeps it text. */
function lensText(text: string): string {
  return plainText(text).replace(/\$\(/g, '\\$(');
}

/**
 * "at risk · 5.6 % of 6.0 % · ▲ +0.3 pp vs 2026-09 (better)" above each KPI,
 * the same figures as the scorecard, with the reason for the status as its
 * tooltip (and in the title of an invalid KPI, which has no figures to show).
 */
export function codeLenses(file: KpiFile, lines: LineIndex, workspace: Workspace, words: Translator = translator('en')): CodeLens[] {
  if (file.syntaxErrors.length > 0) return [];
  return file.kpis
    .filter((kpi) => workspace.kpi(kpi.id) === kpi)
    .map((kpi) => {
      const k = scorecardKpi(workspace, kpi, (f) => path.basename(f), 0, words.locale);
      const why = k.status === 'invalid' ? lensText(k.reason) : '';
      // The change since the previous period when there is one (SPEC §5.10), else the trend's arrow.
      const previous = comparedText(k, 'previous', words);
      const change = previous !== null ? lensText(previous) : trendArrow(k);
      const title = [statusLabel(k.status, words), lensText(latestOfTarget(k, words)), change, k.stale ? words.t('lsp.lens.stale') : '', why]
        .filter((p) => p !== '')
        .join(' · ');
      const line = lines.position(file.locate(kpi.path).start).line;
      return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, tooltip: plainText(k.reason), command: '' } };
    });
}
