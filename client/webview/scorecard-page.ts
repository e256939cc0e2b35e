/**
 * The script of a scorecard file too large to write whole (more KPIs than
 * report/html.ts BUILT_UP_FRONT). The file holds the goals, a card per KPI
 * with its name only (so Ctrl+F finds every goal and KPI), and the model,
 * packed. This script builds from the model, with the renderer that wrote
 * the file:
 *
 * - the cards of a goal when they come near the screen;
 * - a history chart when its button is pressed;
 * - the table view when it is shown;
 * - every card before printing (and the table, when it is the view shown).
 *
 * The filters need none of it: the style hides what does not match
 * (report/filters.ts), and a card carries its status and category from the
 * start.
 */
import { kpiCard, pageRender, type PageModel } from '../../server/src/report/html';
import { renderTableView } from '../../server/src/report/table-view';
import { goalTree } from '../../server/src/report/words';
import { drawChartsWhenOpened, type ScorecardKpi } from './charts';
import { fragment } from './patch';

/** The model, unpacked: base64 of gzip of JSON (node/scorecard-page.ts packs it). */
async function unpack(text: string): Promise<PageModel> {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as PageModel;
}

function start(model: PageModel): void {
  // A card built here has the History button alone: its chart is drawn when pressed, as the card itself was built when shown.
  const render = pageRender({ ...model.options, chartsOnOpen: true });
  const kpis = new Map<string, ScorecardKpi>(model.scorecard.kpis.map((k) => [k.id, k]));

  /** A card built from its stub; the stub's heading is kept, so a match Ctrl+F found there stays where it is. */
  function build(stub: HTMLElement): void {
    const kpi = kpis.get(stub.dataset.kpi ?? '');
    const card = kpi && fragment(kpiCard(kpi, render)).querySelector('article.kpi');
    const heading = stub.querySelector('h3');
    if (!card) return;
    if (heading) card.querySelector('h3')?.replaceWith(heading);
    stub.replaceWith(card);
  }
  function buildIn(container: Element): void {
    container.querySelectorAll<HTMLElement>(':scope > article.kpi.stub').forEach(build);
  }

  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        near.unobserve(entry.target);
        buildIn(entry.target);
      }
    },
    { rootMargin: '800px 0px' },
  );
  document.querySelectorAll('#scorecard .kpis').forEach((list) => near.observe(list));

  drawChartsWhenOpened(
    (id) => kpis.get(id),
    () => render.words,
  );

  /** The table view, built the first time it is shown. */
  function buildTable(): void {
    const placeholder = document.getElementById('table-view');
    if (!placeholder || placeholder.querySelector('table')) return;
    const table = fragment(renderTableView(goalTree(model.scorecard), render)).querySelector('#table-view');
    if (!(table instanceof HTMLElement)) return;
    table.hidden = placeholder.hidden;
    placeholder.replaceWith(table);
  }
  const tableShown = () => document.body.classList.contains('view-table');
  document.addEventListener('kpi:view', () => tableShown() && buildTable());
  if (tableShown()) buildTable();

  // Paper has no scrolling: everything the view shows is built first.
  window.addEventListener('beforeprint', () => {
    if (tableShown()) buildTable();
    else document.querySelectorAll('#scorecard .kpis').forEach(buildIn);
  });
}

const packed = document.getElementById('kpi-model')?.textContent;
if (packed) void unpack(packed).then(start);
