/**
 * The scorecard preview's script, in the webview. When the extension posts a new model it replaces
 * the pieces of the page that changed (patch.ts), keeping the scroll position, the filters, the view
 * — cards or table — and the page's language; it draws a history chart when its button is pressed,
 * reports clicks on goals and KPIs, and highlights the KPI under the cursor.
 */
import { isHostMessage, isPreviewState, viewOf, withView, type PreviewState, type ScorecardView, type WebviewMessage } from '../src/preview/messages';
import { previewOptions as hostOptions } from '../src/preview/webview-html';
import { parseLocale } from '../../server/src/core/l10n/locale';
import { translator } from '../../server/src/core/l10n/catalogue';
import { scorecardPieces, type HtmlOptions, type PageModel } from '../../server/src/report/html';
import { RenderMemo } from '../../server/src/report/memo';
import { drawChartsWhenOpened, type ScorecardKpi } from './charts';
import { updateChildren, type Mounted } from './patch';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: unknown): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
/** The language the extension rendered the page in (`<html data-locale>`): the re-rendered body speaks it too. */
const pageLocale = parseLocale(document.documentElement.dataset.locale) ?? 'en';

/** The extension's options for the preview, in the page's language unless they name one. */
function previewOptions(result: Parameters<typeof hostOptions>[0], compare: boolean): Omit<HtmlOptions, 'nonce'> {
  const options = hostOptions(result, compare);
  return { ...options, locale: options.locale ?? pageLocale };
}

/** The pieces the page shows (none until the first update: the extension's first page is replaced whole), and the KPIs they show. */
let mounted: Mounted[] = [];
/** The cards and rows rendered last: a keystroke renders again only those of the KPIs it changed. */
const memo = new RenderMemo();
let shown = { kpis: new Map<string, ScorecardKpi>(), locale: pageLocale as HtmlOptions['locale'] };
// The extension's first page carries its model: its charts can be drawn before the first update.
const first = document.getElementById('kpi-model')?.textContent;
if (first) shown = { ...shown, kpis: new Map((JSON.parse(first) as PageModel).scorecard.kpis.map((k) => [k.id, k])) };
drawChartsWhenOpened(
  (id) => shown.kpis.get(id),
  () => translator(shown.locale ?? 'en'),
);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  if (message.type === 'highlight') {
    highlight(message.kpi);
    return;
  }
  if (!root) return;
  const highlighted = document.querySelector<HTMLElement>('article.kpi.highlight, tr.tv-kpi.highlight')?.dataset.kpi ?? null;
  const { scrollX, scrollY } = window;
  const options = { ...previewOptions(message.result, message.state.compare === true), memo };
  // A chart drawn from the model before goes: its button draws it again from this one.
  root.querySelectorAll('dialog.history:not([open])').forEach((dialog) => dialog.remove());
  mounted = updateChildren(root, mounted, scorecardPieces(message.result.scorecard, options));
  shown = { kpis: new Map(message.result.scorecard.kpis.map((k) => [k.id, k])), locale: options.locale };
  document.dispatchEvent(new Event('kpi:rendered'));
  window.scrollTo(scrollX, scrollY);
  if (highlighted) highlight(highlighted);
  hostState = message.state;
  vscode.setState(withView(hostState, view));
});

/** Highlights the KPI's first card and first table row, and scrolls the one of the view shown into sight. */
function highlight(kpi: string | null): void {
  document.querySelectorAll('article.kpi.highlight, tr.tv-kpi.highlight').forEach((item) => item.classList.remove('highlight'));
  if (kpi === null) return;
  const first = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector)).find((c) => c.dataset.kpi === kpi);
  const items = [first('article.kpi'), first('tr.tv-kpi')].filter((item): item is HTMLElement => item !== undefined);
  items.forEach((item) => item.classList.add('highlight'));
  items.find((item) => item.closest('[hidden]') === null)?.scrollIntoView({ block: 'nearest' });
}

/** The state the webview keeps across a window reload: the extension's (document, lock), and the view chosen here. */
const saved = vscode.getState();
let hostState: PreviewState | null = isPreviewState(saved) ? saved : null;
let view: ScorecardView = viewOf(saved);
// The page script (the table view's part) shows the cards until told otherwise.
if (view === 'table') document.dispatchEvent(new CustomEvent('kpi:set-view', { detail: view }));
document.addEventListener('kpi:view', (event) => {
  view = viewOf({ view: (event as CustomEvent<unknown>).detail });
  if (hostState) vscode.setState(withView(hostState, view));
});

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  // "Compare with last commit": the extension asks the server and posts the page again.
  const toggle = target?.closest<HTMLButtonElement>('button.compare-toggle');
  if (toggle) {
    vscode.postMessage({ type: 'compare', on: toggle.getAttribute('aria-pressed') !== 'true' });
    return;
  }
  // A SQL KPI's Refresh button: the extension runs KPI: Refresh Data for it (it checks the id again).
  const refresh = target?.closest<HTMLButtonElement>('button.refresh-button');
  if (refresh?.dataset.refresh) {
    vscode.postMessage({ type: 'refresh', kpi: refresh.dataset.refresh });
    return;
  }
  if (!target || target.closest('button, dialog')) return;
  const item = target.closest<HTMLElement>('[data-line]');
  const file = item?.dataset.file;
  const line = Number(item?.dataset.line);
  if (file && Number.isInteger(line) && line >= 1) vscode.postMessage({ type: 'reveal', file, line });
});

vscode.postMessage({ type: 'ready' });
