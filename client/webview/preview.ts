/**
 * The scorecard preview's script, in the webview. It re-renders the
 * scorecard in place when the extension posts a new model (keeping the
 * scroll position and the filters, in the page's language), reports clicks
 * on goals and KPIs, and highlights the KPI under the editor's cursor.
 */
import { isHostMessage, type WebviewMessage } from '../src/preview/messages';
import { previewOptions as hostOptions } from '../src/preview/webview-html';
import { parseLocale } from '../../server/src/core/l10n/locale';
import { renderScorecardBody, type HtmlOptions } from '../../server/src/report/html';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
/** The language the extension rendered the page in (`<html data-locale>`): the re-rendered body speaks it too. */
const pageLocale = parseLocale(document.documentElement.dataset.locale) ?? 'en';

/** The extension's options for the preview, in the page's language unless they name one. */
function previewOptions(result: Parameters<typeof hostOptions>[0]): Omit<HtmlOptions, 'nonce'> {
  const options = hostOptions(result);
  return { ...options, locale: options.locale ?? pageLocale };
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) return;
  if (message.type === 'highlight') {
    highlight(message.kpi);
    return;
  }
  if (!root) return;
  const highlighted = document.querySelector<HTMLElement>('article.kpi.highlight')?.dataset.kpi ?? null;
  const { scrollX, scrollY } = window;
  root.innerHTML = renderScorecardBody(message.result.scorecard, previewOptions(message.result));
  document.dispatchEvent(new Event('kpi:rendered'));
  window.scrollTo(scrollX, scrollY);
  if (highlighted) highlight(highlighted);
  vscode.setState(message.state);
});

function highlight(kpi: string | null): void {
  document.querySelectorAll('article.kpi.highlight').forEach((card) => card.classList.remove('highlight'));
  if (kpi === null) return;
  const card = Array.from(document.querySelectorAll<HTMLElement>('article.kpi')).find((c) => c.dataset.kpi === kpi);
  if (!card) return;
  card.classList.add('highlight');
  card.scrollIntoView({ block: 'nearest' });
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target || target.closest('button, dialog')) return;
  const item = target.closest<HTMLElement>('[data-line]');
  const file = item?.dataset.file;
  const line = Number(item?.dataset.line);
  if (file && Number.isInteger(line) && line >= 1) vscode.postMessage({ type: 'reveal', file, line });
});

vscode.postMessage({ type: 'ready' });
