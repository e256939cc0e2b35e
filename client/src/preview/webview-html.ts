import type { ScorecardResult } from '../../../server/src/lsp/protocol';
import { renderScorecardHtml, type HtmlOptions } from '../../../server/src/report/html';

export const UNTRUSTED_NOTICE = 'This workspace is not trusted: CSV sources were not read, so KPIs that take their data from CSV files show no data.';

/** The options the preview renders with, in the extension and in the webview alike. */
export function previewOptions(result: ScorecardResult): Omit<HtmlOptions, 'nonce'> {
  return { theme: 'vscode', sourceLines: true, title: 'KPI scorecard', notice: result.csvRead ? undefined : UNTRUSTED_NOTICE };
}

/** The preview page: the scorecard renderer with VS Code's theme, the webview's CSP source and the preview script. */
export function previewHtml(result: ScorecardResult, webview: { nonce: string; cspSource: string; scriptUri: string }): string {
  return renderScorecardHtml(result.scorecard, { ...previewOptions(result), nonce: webview.nonce, cspSource: webview.cspSource, scriptUri: webview.scriptUri });
}
