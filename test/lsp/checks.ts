import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { ScorecardRequest } from '../../server/src/lsp/protocol';
import { TestClient, uriOf, workspaceFolder } from './client';
import { SALES, SETTINGS, STRATEGY } from './fixture';

/** Diagnostics as `line:character-line:character code` strings. */
export const brief = (list: Diagnostic[]) =>
  list.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)}`);

export interface Session {
  client: TestClient;
  root: string;
  strategy: string;
  sales: string;
}

/** A fresh client on a fresh copy of the two-file workspace, initialized. */
export async function session(make: () => TestClient, extra: Record<string, string> = {}): Promise<Session> {
  const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES, ...extra });
  const client = make();
  await client.initialize(root, { settings: SETTINGS });
  return { client, root, strategy: uriOf(path.join(root, 'strategy.kpi.yaml')), sales: uriOf(path.join(root, 'sales.kpi.yaml')) };
}

const pos = (line: number, character: number) => ({ line, character });
const labels = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : (result?.items ?? [])).map((i) => i.label);

/** The checks every client must pass, in-process and against the spawned binary. */
export const CHECKS: Record<string, (s: Session) => Promise<void>> = {
  async 'indexes closed files and publishes their diagnostics with code, link, source and range'({ client, strategy, sales }) {
    const salesDiagnostics = await client.diagnosticsOf(sales);
    assert.deepEqual(brief(salesDiagnostics), ['17:8-17:11 missing-owner', '20:12-20:26 unknown-goal']);
    const unknown = salesDiagnostics[1];
    assert.equal(unknown.source, 'kpi');
    assert.equal(unknown.severity, 1);
    assert.equal(unknown.codeDescription?.href, 'https://github.com/kpi-as-code/kpi-as-code/blob/main/docs/rules/unknown-goal.md');
    assert.deepEqual(unknown.data, { goalId: 'happy-customer', suggestion: 'happy-customers' });
    assert.equal(salesDiagnostics[0].severity, 2);
    assert.deepEqual(brief(await client.diagnosticsOf(strategy)), ['4:8-4:23 unmeasured-goal']);
  },

  async 'revalidates every dependent file after an edit, as you type'({ client, strategy, sales }) {
    await client.diagnosticsOf(strategy, (d) => d.length === 1);
    await client.open(sales, SALES);
    // Fix the goal id: the error goes here, and the warning in the other file goes too.
    await client.edit(sales, [20, 26], [20, 26], 's');
    assert.deepEqual(brief(await client.diagnosticsOf(sales, (d) => d.length === 1)), ['17:8-17:11 missing-owner']);
    assert.deepEqual(await client.diagnosticsOf(strategy, (d) => d.length === 0), []);
    // Break it again: both come back.
    const version = await client.edit(sales, [20, 12], [20, 27], 'nowhere');
    assert.deepEqual(brief(await client.diagnosticsOf(sales, (d) => d.some((x) => x.code === 'unknown-goal'))), [
      '17:8-17:11 missing-owner',
      '20:12-20:19 unknown-goal',
    ]);
    assert.equal(client.diagnostics.get(sales)!.at(-1)!.version, version);
    assert.deepEqual(brief(await client.diagnosticsOf(strategy, (d) => d.length === 1)), ['4:8-4:23 unmeasured-goal']);
  },

  async 'completes keys not yet present, enum values and goal ids from other files, with docs'({ client, sales }) {
    await client.diagnosticsOf(sales);
    const text = SALES.replace('    owner: Erik Lund\n', '    ow\n');
    await client.open(sales, text);
    const keys = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: sales }, position: pos(6, 6) });
    const keyLabels = labels(keys);
    assert.ok(keyLabels.includes('owner') && keyLabels.includes('direction') && keyLabels.includes('tags'), keyLabels.join());
    assert.ok(!keyLabels.includes('name') && !keyLabels.includes('unit'), 'keys already present are not offered');
    const owner = (keys as CompletionItem[]).find((i) => i.label === 'owner')!;
    assert.equal((owner.documentation as MarkupContent).value, 'The person accountable for the KPI.');
    await client.edit(sales, [4, 14], [4, 23], 'f');
    const values = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: sales }, position: pos(4, 15) });
    assert.deepEqual(labels(values), ['financial', 'operational', 'customer', 'hr']);
    const hr = (values as CompletionItem[])[3];
    assert.match((hr.documentation as MarkupContent).value, /staff turnover/);
    const goals = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: sales }, position: pos(5, 12) });
    assert.deepEqual(labels(goals), ['grow-revenue', 'happy-customers']);
    assert.equal((goals as CompletionItem[])[1].detail, 'Happy customers');
  },

  async 'offers snippets for a new KPI and a new goal'({ client, sales, strategy }) {
    await client.diagnosticsOf(sales);
    await client.open(sales, `${SALES}  - `);
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: sales }, position: pos(28, 4) })) as CompletionItem[];
    const kpi = items.find((i) => i.label === 'New KPI');
    assert.ok(kpi, items.map((i) => i.label).join());
    assert.match((kpi.textEdit as { newText: string }).newText, /^id: \$\{1:new-kpi\}\nname: .*\ncategory: \$\{3\|financial,operational,customer,hr\|\}/);
    await client.open(strategy, `${STRATEGY}  - `);
    const goalItems = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: strategy },
      position: pos(7, 4),
    })) as CompletionItem[];
    assert.ok(goalItems.some((i) => i.label === 'New goal'));
  },

  async 'hovers keys with the schema, KPIs with their status and goals with their KPIs'({ client, sales, strategy }) {
    await client.diagnosticsOf(sales);
    const key = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: sales }, position: pos(9, 6) });
    assert.match((key!.contents as MarkupContent).value, /^How often the KPI is measured\. Data older than two periods is stale\.\n\n- `daily`/);
    assert.deepEqual(key!.range, { start: pos(9, 4), end: pos(9, 13) });
    const kpi = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: sales }, position: pos(2, 10) });
    assert.equal(
      (kpi!.contents as MarkupContent).value,
      '**Sales growth** `sales-growth` — financial\n\nStatus: **on track** · 5\\.6 % of 6\\.0 % · ▲ improving\n\nWhy: at or above the at\\-risk threshold 5\\.5\n\n' +
        'latest 2026\\-10 · target date 2026\\-12 · planned 5\\.67 % · progress 80 % · owner Erik Lund\n\n' +
        // The comparisons of the scorecard (SPEC §5.10), in the cards' words: no last year's figure, no year to date (aggregation: last).
        '- ▲ \\+0\\.2 pp vs 2026\\-09 \\(better\\)\n- ▼ \\-0\\.07 pp vs plan \\(worse\\)\n- ▼ \\-0\\.4 pp vs target \\(worse\\)',
    );
    const goal = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: strategy }, position: pos(2, 12) });
    assert.equal(
      (goal!.contents as MarkupContent).value,
      '**Grow recurring revenue** `grow-revenue` — goal, **on track**\n\nMeasured by:\n- Sales growth — on track: at or above the at\\-risk threshold 5\\.5',
    );
    const reference = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: strategy }, position: pos(6, 14) });
    assert.match((reference!.contents as MarkupContent).value, /^\*\*Grow recurring revenue\*\*/);
  },

  async 'goes to definitions, finds references and renames across files'({ client, sales, strategy }) {
    await client.diagnosticsOf(sales);
    const definition = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: sales }, position: pos(5, 15) });
    assert.deepEqual(definition, [{ uri: strategy, range: { start: pos(2, 8), end: pos(2, 20) } }]);
    const refs = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: strategy },
      position: pos(2, 10),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(refs, [
      { uri: sales, range: { start: pos(5, 12), end: pos(5, 24) } },
      { uri: strategy, range: { start: pos(2, 8), end: pos(2, 20) } },
      { uri: strategy, range: { start: pos(6, 12), end: pos(6, 24) } },
    ]);
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: strategy }, position: pos(2, 10) });
    assert.deepEqual(prepared, { range: { start: pos(2, 8), end: pos(2, 20) }, placeholder: 'grow-revenue' });
    assert.equal(await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: strategy }, position: pos(3, 12) }), null);
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: strategy }, position: pos(2, 10), newName: 'grow-arr' });
    assert.deepEqual(edit, {
      changes: {
        [sales]: [{ range: { start: pos(5, 12), end: pos(5, 24) }, newText: 'grow-arr' }],
        [strategy]: [
          { range: { start: pos(2, 8), end: pos(2, 20) }, newText: 'grow-arr' },
          { range: { start: pos(6, 12), end: pos(6, 24) }, newText: 'grow-arr' },
        ],
      },
    });
    await assert.rejects(
      client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: strategy }, position: pos(2, 10), newName: 'Grow ARR' }),
      /"Grow ARR" is not a valid id/,
    );
    await assert.rejects(
      client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: strategy }, position: pos(2, 10), newName: 'happy-customers' }),
      /A goal with the id happy-customers already exists/,
    );
  },

  async 'lists goals and KPIs in the outline and the workspace symbols'({ client, sales, strategy, root }) {
    await client.diagnosticsOf(sales);
    const outline = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: sales } })) as {
      name: string;
      detail: string;
      selectionRange: unknown;
    }[];
    assert.deepEqual(
      outline.map((s) => `${s.name} (${s.detail})`),
      ['Sales growth (financial sales-growth)', 'Net promoter score (customer nps)'],
    );
    assert.deepEqual(outline[1].selectionRange, { start: pos(17, 8), end: pos(17, 11) });
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'GROW' })) as { name: string; location: { uri: string } }[];
    assert.deepEqual(
      symbols.map((s) => `${s.name} ${path.basename(s.location.uri)}`),
      ['Grow recurring revenue strategy.kpi.yaml', 'Sales growth sales.kpi.yaml'],
    );
    assert.equal(symbols[0].location.uri, strategy);
    assert.ok(root);
  },

  async 'offers quick fixes from the diagnostics, and fix-all'({ client, sales }) {
    const diagnostics = await client.diagnosticsOf(sales);
    const [missingOwner, unknownGoal] = diagnostics;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: sales },
      range: unknownGoal.range,
      context: { diagnostics: [unknownGoal] },
    })) as { title: string; edit?: { changes: Record<string, unknown[]> }; command?: { command: string; arguments: string[] }; isPreferred?: boolean }[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to `happy-customers`', 'Create goal `happy-customer` in this file', 'Disable unknown-goal for this line', 'Show documentation for unknown-goal'],
    );
    assert.deepEqual(actions[0].edit!.changes[sales], [{ range: unknownGoal.range, newText: 'happy-customers' }]);
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[1].edit!.changes[sales], [
      { range: { start: pos(1, 0), end: pos(1, 0) }, newText: 'goals:\n  - id: happy-customer\n    title: TODO\n' },
    ]);
    assert.deepEqual(actions[2].edit!.changes[sales], [
      { range: { start: pos(20, 0), end: pos(20, 0) }, newText: '    # kpi-disable-next-line unknown-goal\n' },
    ]);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: actions[3].command!.command, arguments: actions[3].command!.arguments });
    await client.until(() => client.shownDocuments[0], 'the documentation to be shown');
    assert.equal(client.shownDocuments[0], 'https://github.com/kpi-as-code/kpi-as-code/blob/main/docs/rules/unknown-goal.md');

    const ownerActions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: sales },
      range: missingOwner.range,
      context: { diagnostics: [missingOwner] },
    })) as { title: string; edit?: { changes: Record<string, unknown[]> } }[];
    assert.equal(ownerActions[0].title, 'Add `owner`');
    assert.deepEqual(ownerActions[0].edit!.changes[sales], [{ range: { start: pos(18, 0), end: pos(18, 0) }, newText: '    owner: TODO\n' }]);

    const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: sales },
      range: { start: pos(0, 0), end: pos(0, 0) },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as { kind: string; edit: { changes: Record<string, unknown[]> } }[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.kpi');
    assert.deepEqual(fixAll[0].edit.changes[sales], [
      { range: { start: pos(18, 0), end: pos(18, 0) }, newText: '    owner: TODO\n' },
      { range: unknownGoal.range, newText: 'happy-customers' },
    ]);
  },

  async 'shows a CodeLens with status, latest of target and the change since the previous period (else the trend) above each KPI'({ client, sales }) {
    await client.diagnosticsOf(sales);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: sales } })) as {
      range: { start: { line: number } };
      command: { title: string };
    }[];
    assert.deepEqual(
      lenses.map((l) => `${l.range.start.line}: ${l.command.title}`),
      ['2: on track · 5.6 % of 6.0 % · ▲ +0.2 pp vs 2026-09 (better)', '17: at risk · 45 score of 50 score'],
    );
  },

  async 'returns the scorecard model for the preview'({ client, sales, strategy }) {
    await client.diagnosticsOf(sales);
    const result = await client.connection.sendRequest(ScorecardRequest.type, { uri: sales });
    assert.ok(result);
    assert.equal(result.scorecard.asOf, '2026-11-27');
    assert.deepEqual(
      result.scorecard.goals.map((g) => `${g.id} ${g.status}`),
      ['grow-revenue on-track', 'happy-customers unmeasured'],
    );
    assert.deepEqual(
      result.scorecard.kpis.map((k) => `${k.id} ${k.status} ${k.file}:${k.line}`),
      ['sales-growth on-track sales.kpi.yaml:3', 'nps at-risk sales.kpi.yaml:18'],
    );
    assert.deepEqual(result.uris, { 'sales.kpi.yaml': sales, 'strategy.kpi.yaml': strategy });
    assert.deepEqual([result.errors, result.warnings, result.csvRead], [1, 2, true]);
  },
};
