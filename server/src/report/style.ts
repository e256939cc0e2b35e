/**
 * The scorecard's CSS. Colours are variables: the standalone file defines
 * light and dark sets, the editor preview maps them to VS Code's theme.
 * Status colours always come with the status word, never alone.
 */
export const SCORECARD_STYLE = `
:root {
  --bg: #f7f8fa; --card: #ffffff; --fg: #1d2330; --muted: #5b6476; --border: #dde1e8; --accent: #2f6fde;
  --achieved: #1a7f37; --on-track: #2d8a6e; --at-risk: #b35c00; --off-track: #c62828; --no-data: #6b7280;
  --achieved-bg: #e6f4ea; --on-track-bg: #e3f3ee; --at-risk-bg: #fff1df; --off-track-bg: #fde7e7; --no-data-bg: #eef0f3;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  body.theme-standalone {
    --bg: #14171c; --card: #1d2128; --fg: #e6e8ec; --muted: #9aa3b2; --border: #313743; --accent: #6ea0ff;
    --achieved: #5cc87a; --on-track: #4fc3a1; --at-risk: #f0a24a; --off-track: #ff6b6b; --no-data: #9aa3b2;
    --achieved-bg: #16301f; --on-track-bg: #123028; --at-risk-bg: #3a2710; --off-track-bg: #3b1717; --no-data-bg: #262b33;
  }
}
body.theme-vscode {
  --bg: var(--vscode-editor-background); --card: var(--vscode-editorWidget-background, var(--vscode-editor-background));
  --fg: var(--vscode-editor-foreground); --muted: var(--vscode-descriptionForeground); --border: var(--vscode-widget-border, var(--vscode-panel-border));
  --accent: var(--vscode-focusBorder); --font: var(--vscode-font-family);
  --achieved: var(--vscode-testing-iconPassed, #1a7f37); --on-track: var(--vscode-charts-green, #2d8a6e);
  --at-risk: var(--vscode-editorWarning-foreground, #b35c00); --off-track: var(--vscode-editorError-foreground, #c62828);
  --no-data: var(--vscode-disabledForeground, #6b7280);
  --achieved-bg: transparent; --on-track-bg: transparent; --at-risk-bg: transparent; --off-track-bg: transparent; --no-data-bg: transparent;
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; background: var(--bg); color: var(--fg); font: 14px/1.45 var(--font); }
h1 { font-size: 24px; margin: 0 0 4px; }
h2, h3, h4, h5, h6 { margin: 0; }
.muted, .meta { color: var(--muted); }
.meta { margin: 2px 0 0; font-size: 12px; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 16px 0; }
.count { border: 1px solid var(--border); border-left: 6px solid var(--status); background: var(--card); border-radius: 8px; padding: 8px 14px; min-width: 110px; }
.count-number { display: block; font-size: 22px; font-weight: 700; color: var(--status); }
.filters { display: flex; flex-wrap: wrap; gap: 16px; margin-bottom: 20px; }
.filter { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
.filter-label { font-weight: 600; margin-right: 4px; }
.filter button { font: inherit; font-size: 12px; color: var(--fg); background: var(--card); border: 1px solid var(--border); border-radius: 999px; padding: 3px 12px; cursor: pointer; text-transform: capitalize; }
/* Capitalising every word suits English labels ("On Track"); Swedish capitalises only the first ("I fas"). */
.filter button:not(:lang(en)) { text-transform: none; }
.filter button:not(:lang(en))::first-letter { text-transform: uppercase; }
.filter button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.filter button:focus-visible, .kpi:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.notice { border: 1px solid var(--at-risk); border-radius: 6px; padding: 6px 10px; margin: 10px 0 0; }
.goal { margin: 0 0 20px; }
.goal .goal { margin: 16px 0 0 18px; padding-left: 14px; border-left: 2px solid var(--border); }
.goal-title { display: flex; align-items: center; gap: 8px; font-size: 17px; }
.goal .goal .goal-title { font-size: 15px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 12px; margin-top: 10px; }
.kpi { background: var(--card); border: 1px solid var(--border); border-top: 4px solid var(--status); border-radius: 10px; padding: 12px 14px; display: flex; flex-direction: column; gap: 8px; break-inside: avoid; }
.kpi h3 { font-size: 15px; margin-top: 6px; }
.kpi p { margin: 0; }
.figures .value { font-size: 20px; font-weight: 700; }
.summary-line { font-size: 12px; color: var(--muted); }
.badge { display: inline-block; font-size: 11px; font-weight: 700; letter-spacing: .02em; text-transform: uppercase; color: var(--status); background: var(--status-bg); border: 1px solid var(--status); border-radius: 4px; padding: 1px 6px; }
.badge.stale { --status: var(--at-risk); --status-bg: transparent; border-style: dashed; }
.trend { font-weight: 600; }
.trend-improving { color: var(--achieved); } .trend-worsening { color: var(--off-track); } .trend-flat { color: var(--muted); }
.progress { display: block; width: 100%; height: 8px; margin-top: 6px; }
.progress-track { fill: var(--border); } .progress-fill { fill: var(--status); }
.progress-text { font-size: 11px; }
.spark { width: 100%; height: 40px; }
.spark-line { fill: none; stroke: var(--accent); stroke-width: 2; vector-effect: non-scaling-stroke; }
.spark-target { stroke: var(--status); stroke-width: 1; stroke-dasharray: 4 3; vector-effect: non-scaling-stroke; }
.spark-dot { stroke: var(--status); stroke-width: 7; stroke-linecap: round; vector-effect: non-scaling-stroke; }
.spark-empty { font-size: 12px; color: var(--muted); }
.status-achieved { --status: var(--achieved); --status-bg: var(--achieved-bg); }
.status-on-track { --status: var(--on-track); --status-bg: var(--on-track-bg); }
.status-at-risk { --status: var(--at-risk); --status-bg: var(--at-risk-bg); }
.status-off-track { --status: var(--off-track); --status-bg: var(--off-track-bg); }
.status-invalid { --status: var(--off-track); --status-bg: transparent; }
.status-invalid .badge { border-style: dashed; }
.reason { margin: 2px 0 0; font-size: 12px; }
.snapshot { margin: 2px 0 0; font-size: 12px; }
.snapshot-missing, .snapshot-outdated { color: var(--at-risk); }
.status-no-data, .status-no-target, .status-unmeasured { --status: var(--no-data); --status-bg: var(--no-data-bg); }
[hidden] { display: none !important; }
.compare { list-style: none; margin: 0; padding: 0; font-size: 12px; display: flex; flex-direction: column; gap: 2px; }
.compare .verdict { font-size: 11px; font-weight: 600; }
.verdict-better .verdict { color: var(--achieved); } .verdict-worse .verdict { color: var(--off-track); } .verdict-same .verdict { color: var(--muted); }
.compare .partial { color: var(--muted); font-style: italic; }
.refresh-button { font: inherit; font-size: 12px; color: var(--accent); background: transparent; border: 1px solid var(--border); border-radius: 4px; padding: 0 6px; margin-left: 4px; cursor: pointer; }
.history-button { align-self: flex-start; font: inherit; font-size: 12px; color: var(--accent); background: transparent; border: 1px solid var(--border); border-radius: 4px; padding: 2px 8px; cursor: pointer; }
dialog.history { color: var(--fg); background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 12px 16px; width: min(720px, 94vw); max-height: 90vh; }
dialog.history::backdrop { background: rgba(0, 0, 0, .4); }
dialog.history > header { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
dialog.history h4 { margin: 0; font-size: 15px; }
.chart { width: 100%; height: auto; display: block; margin-top: 8px; }
.chart .grid { stroke: var(--border); stroke-width: 1; }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart .tick, .chart .value-label, .chart .line-label, .chart .note-text { fill: var(--muted); font-size: 11px; font-family: var(--font); }
.chart .y-tick { text-anchor: end; } .chart .x-tick, .chart .value-label { text-anchor: middle; } .chart .line-label { text-anchor: end; }
.chart .value-label { fill: var(--fg); font-weight: 600; }
.chart .measured-line { fill: none; stroke: var(--accent); stroke-width: 2.5; }
.chart .dot { fill: var(--accent); }
.chart .last-year-line { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 2 3; opacity: .6; }
.chart .plan-line { fill: none; stroke: var(--on-track); stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart .target-line { stroke: var(--achieved); stroke-width: 1.5; stroke-dasharray: 2 2; }
.chart .band-at-risk { fill: var(--at-risk); opacity: .12; } .chart .band-off-track { fill: var(--off-track); opacity: .12; }
.chart .note-mark { fill: var(--card); stroke: var(--at-risk); stroke-width: 2; } .chart .note-stem { stroke: var(--at-risk); stroke-width: 1; stroke-dasharray: 1 3; }
.chart .note-text { display: none; fill: var(--fg); font-weight: 600; paint-order: stroke; stroke: var(--card); stroke-width: 4px; }
.chart .note:hover .note-text, .chart .note:focus .note-text { display: inline; }
.chart .note:focus { outline: none; } .chart .note:focus .note-mark { stroke-width: 4; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 4px 0 8px; padding: 0; font-size: 12px; color: var(--muted); }
.legend li::before { content: ''; display: inline-block; width: 16px; height: 0; margin-right: 5px; vertical-align: middle; border-top: 2px solid var(--accent); }
.legend .legend-plan::before { border-top: 2px dashed var(--on-track); } .legend .legend-target::before { border-top: 2px dotted var(--achieved); }
.legend .legend-last-year::before { border-top: 2px dotted var(--muted); }
.chart-table { border-collapse: collapse; font-size: 12px; width: 100%; }
.chart-table caption { text-align: left; font-weight: 600; padding: 4px 0; }
.chart-table th, .chart-table td { border-bottom: 1px solid var(--border); padding: 2px 8px; text-align: left; }
.chart-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.kpi.highlight { outline: 2px solid var(--accent); }
/* A card of a large file before it is built: about the height it will have, so the page does not jump as cards are built. */
.kpi.stub { min-height: 240px; }
/* A large file's goals off screen, and the preview's, are neither styled nor laid out (Ctrl+F still finds their text, and printing shows them). */
.built-as-shown .goal, body.theme-vscode .goal { content-visibility: auto; contain-intrinsic-size: auto 600px; }
body.theme-vscode .kpi[data-line], body.theme-vscode .goal-title { cursor: pointer; }
@media (forced-colors: active) { .badge, .kpi, .count { border-color: CanvasText; } }
@media print {
  body { background: #fff; color: #000; padding: 0; }
  .filters, .history-button, .refresh-button, dialog.history { display: none; }
  .kpi, .count { box-shadow: none; }
  .goal { break-inside: avoid-page; }
  .built-as-shown .goal, body.theme-vscode .goal { content-visibility: visible; }
}
`;
