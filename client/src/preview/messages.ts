import type { ScorecardResult } from '../../../server/src/lsp/protocol';
import { KPI_ID } from '../refresh/invocation';

/** What a preview remembers across a window reload (the webview's state). */
export interface PreviewState {
  /** The KPI document whose workspace the preview shows. */
  readonly uri: string;
  readonly locked: boolean;
  /** The view the page shows, cards or the table; the webview adds it to the state the extension posts. */
  readonly view?: ScorecardView;
  /** "Compare with last commit" is on (SPEC §7). */
  readonly compare?: boolean;
}

/** The two views of the scorecard page. */
export type ScorecardView = 'cards' | 'table';

/** Messages from the extension to the preview's webview. */
export type HostMessage =
  { readonly type: 'update'; readonly result: ScorecardResult; readonly state: PreviewState } | { readonly type: 'highlight'; readonly kpi: string | null };

/** Messages from the preview's webview to the extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly file: string; readonly line: number }
  | { readonly type: 'compare'; readonly on: boolean }
  /** A SQL KPI's Refresh button: run KPI: Refresh Data for it. */
  | { readonly type: 'refresh'; readonly kpi: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a message from the webview on receipt: the webview runs page content, so it is not trusted. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return Object.keys(value).length === 1;
    case 'compare':
      return Object.keys(value).length === 2 && typeof value.on === 'boolean';
    case 'refresh':
      return Object.keys(value).length === 2 && typeof value.kpi === 'string' && value.kpi.length <= 200 && KPI_ID.test(value.kpi);
    case 'reveal':
      return (
        Object.keys(value).length === 3 &&
        typeof value.file === 'string' &&
        value.file.length > 0 &&
        value.file.length < 4096 &&
        typeof value.line === 'number' &&
        Number.isInteger(value.line) &&
        value.line >= 1
      );
    default:
      return false;
  }
}

export function isPreviewState(value: unknown): value is PreviewState {
  return (
    isRecord(value) && typeof value.uri === 'string' && typeof value.locked === 'boolean' && (value.compare === undefined || typeof value.compare === 'boolean')
  );
}

function isView(value: unknown): value is ScorecardView {
  return value === 'cards' || value === 'table';
}

/** The view a saved webview state names; the cards when it names none (a first open, or a state from before the table view). */
export function viewOf(state: unknown): ScorecardView {
  return isRecord(state) && isView(state.view) ? state.view : 'cards';
}

/** The state the webview keeps: the extension's (the document, the lock, the comparison) with the view the page shows. */
export function withView(state: PreviewState, view: ScorecardView): PreviewState {
  return { uri: state.uri, locked: state.locked, ...(state.compare ? { compare: true } : {}), view };
}

/** Checks a message from the extension in the webview. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  if (value.type === 'update') return isRecord(value.result) && isRecord(value.result.scorecard) && isPreviewState(value.state);
  if (value.type === 'highlight') return value.kpi === null || typeof value.kpi === 'string';
  return false;
}
