import type { ScorecardResult } from '../../../server/src/lsp/protocol';
import { translator } from '../../../server/src/core/l10n/catalogue';
import type { LocaleOrPseudo } from '../../../server/src/core/l10n/locale';
import { renderScorecardHtml, type HtmlOptions } from '../../../server/src/report/html';

/** Why KPIs with CSV sources show no data in an untrusted workspace, in a language. */
export function untrustedNotice(locale: LocaleOrPseudo = 'en'): string {
  return translator(locale).t('client.preview.untrusted');
}

export const UNTRUSTED_NOTICE = untrustedNotice();

/**
 * The options the preview renders with, in the extension and in the webview
 * alike, in the language the server chose; `compare`: whether "Compare with
 * last commit" is on (its button pressed, and the changes shown).
 */
export function previewOptions(result: ScorecardResult, compare = false): Omit<HtmlOptions, 'nonce'> {
  // The heading is the scorecard's own title (SPEC §6): kpi.config.yaml's, the one file's, or the server's default in its language.
  return {
    theme: 'vscode',
    sourceLines: true,
    locale: result.locale,
    notice: result.csvRead ? undefined : untrustedNotice(result.locale),
    compareToggle: compare,
    refreshButtons: true,
    chartsOnOpen: true,
    diff: !compare || result.comparison === undefined ? undefined : 'diff' in result.comparison ? result.comparison.diff : result.comparison.problem,
  };
}

/** The preview page: the scorecard renderer with VS Code's theme, the webview's CSP source and the preview script. */
export function previewHtml(result: ScorecardResult, webview: { nonce: string; cspSource: string; scriptUri: string }, compare = false): string {
  return renderScorecardHtml(result.scorecard, {
    ...previewOptions(result, compare),
    nonce: webview.nonce,
    cspSource: webview.cspSource,
    scriptUri: webview.scriptUri,
  });
}
