/**
 * History charts drawn when opened: a card has the button only, and pressing
 * it adds the `<dialog>` the renderer would have written (report/html.ts
 * historyDialog) next to it, from the model the page holds. The page's own
 * script (report/script.ts) then opens it as it opens a written one: this
 * listener runs first, in the capture phase on the window.
 */
import type { Translator } from '../../server/src/core/l10n/catalogue';
import { historyDialog, type PageModel } from '../../server/src/report/html';
import { fragment } from './patch';

/** A KPI of the scorecard (the webview imports no more of the server than the renderer). */
export type ScorecardKpi = PageModel['scorecard']['kpis'][number];

export function drawChartsWhenOpened(kpiOf: (id: string) => ScorecardKpi | undefined, words: () => Translator): void {
  window.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button.history-button') : null;
      if (!button || button.nextElementSibling instanceof HTMLDialogElement) return;
      const id = button.closest<HTMLElement>('article.kpi')?.dataset.kpi;
      const kpi = id === undefined ? undefined : kpiOf(id);
      const dialog = kpi && fragment(historyDialog(kpi, words())).querySelector('dialog');
      if (dialog) button.after(dialog);
    },
    true,
  );
}
