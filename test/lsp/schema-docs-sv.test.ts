import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest, type CompletionItem, type MarkupContent } from 'vscode-languageserver/node';
import { TestClient, uriOf, workspaceFolder } from './client';
import { SALES, SETTINGS, STRATEGY } from './fixture';

const pos = (line: number, character: number) => ({ line, character });

/** The documentation of keys and values, from the schema, in the language the server speaks (SPEC §9). */
describe('language server: the schema documentation in Swedish', () => {
  let client: TestClient;
  let sales: string;

  before(async () => {
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES });
    client = TestClient.inProcess();
    await client.initialize(root, { sendProcessId: false, settings: { ...SETTINGS, locale: 'sv' } });
    sales = uriOf(path.join(root, 'sales.kpi.yaml'));
    await client.diagnosticsOf(sales);
  });

  after(async () => {
    await client.shutdown({ exit: false });
  });

  const hover = async (line: number, character: number) =>
    ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: sales }, position: pos(line, character) }))?.contents as MarkupContent)
      ?.value;

  it('hovers a key with its Swedish documentation', async () => {
    assert.equal(await hover(8, 6), 'Värdenas enhet, t.ex. `%`, `SEK`, `count`, `days`, `score`.');
    // `thresholds` shows the words of the definition it refers to.
    assert.equal(
      await hover(12, 6),
      'Tröskelvärden för status: `{ atRisk, offTrack }`, risknivån och nivån för ur fas. Med `increase` gäller offTrack ≤ atRisk ≤ målvärdet.',
    );
  });

  it('hovers a key with a fixed set of values with each value in Swedish, the values as YAML has them', async () => {
    assert.equal(
      await hover(4, 6),
      [
        'Nyckeltalets kategori. Ett balanserat styrkort har nyckeltal i mer än en kategori.',
        '',
        '- `financial`: **Ekonomi** — försäljningstillväxt, lönsamhet, avkastning på investeringar.',
        '- `operational`: **Verksamhet** — produktionstakt, leveransprecision, kundklagomål.',
        '- `customer`: **Kund** — kundnöjdhet, marknadsandel, varumärkeskännedom.',
        '- `hr`: **Medarbetare** — personalomsättning, medarbetarnöjdhet, utbildningsnivå.',
      ].join('\n'),
    );
  });

  it('completes keys and values with their Swedish documentation', async () => {
    await client.open(sales, SALES.replace('    owner: Erik Lund\n', '    ow\n'));
    const keys = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: sales }, position: pos(6, 6) })) as CompletionItem[];
    const documentation = (label: string, items: CompletionItem[]) => (items.find((i) => i.label === label)?.documentation as MarkupContent).value;
    assert.equal(documentation('owner', keys), 'Personen som är ansvarig för nyckeltalet.');
    assert.equal(
      documentation('direction', keys),
      'Riktningen som är bättre: `increase` (öka: högre är bättre, standard) eller `decrease` (minska: lägre är bättre).',
    );
    const direction = keys.find((i) => i.label === 'direction')!;
    assert.equal(direction.command?.title, 'Föreslå värden');

    await client.edit(sales, [4, 14], [4, 23], 'f');
    const values = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: sales }, position: pos(4, 15) })) as CompletionItem[];
    assert.deepEqual(
      values.map((i) => i.label),
      ['financial', 'operational', 'customer', 'hr'],
    );
    assert.equal(documentation('financial', values), '**Ekonomi** — försäljningstillväxt, lönsamhet, avkastning på investeringar.');
    assert.equal(documentation('hr', values), '**Medarbetare** — personalomsättning, medarbetarnöjdhet, utbildningsnivå.');
  });

  it('marks the English of the schema in the pseudo-locale, like every text of the catalogue', async () => {
    const root = workspaceFolder({ 'sales.kpi.yaml': SALES });
    const pseudo = TestClient.inProcess();
    try {
      await pseudo.initialize(root, { sendProcessId: false, settings: { ...SETTINGS, locale: 'qps-ploc' } });
      const uri = uriOf(path.join(root, 'sales.kpi.yaml'));
      await pseudo.diagnosticsOf(uri);
      const shown = await pseudo.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(4, 6) });
      const lines = (shown!.contents as MarkupContent).value.split('\n');
      assert.equal(lines[0], '⟦The kind of KPI. A balanced scorecard has more than one kind.⟧');
      assert.equal(lines[2], '- `financial`: ⟦**Financial** — sales growth, profitability, return on investment.⟧');
    } finally {
      await pseudo.shutdown({ exit: false });
    }
  });
});
