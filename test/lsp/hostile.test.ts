import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeLensRequest,
  CompletionRequest,
  HoverRequest,
  InsertTextFormat,
  ShutdownRequest,
  type CompletionItem,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { parse } from 'yaml';
import { parseCalendarDay } from '../../server/src/core/dates';
import { codeActions } from '../../server/src/lsp/service/code-actions';
import { toLspDiagnostic } from '../../server/src/lsp/service/diagnostics';
import { GOOD_FILE, lintFixture } from '../helpers';
import { FILE_NAME_GOAL, HOSTILE_CONFIG, HOSTILE_FILE_NAME, hostileWorkspace, invalidReason, PAYLOADS, shown } from '../hostile-content';
import { elementTexts, renderMarkdown, textOf, unsafeTags, vscodeLabel, vscodeNotificationLinks } from '../rendered';
import { TestClient, uriOf, workspaceFolder } from './client';
import { SETTINGS } from './fixture';

const fileOf = (i: number) => `p${String(i).padStart(2, '0')}.kpi.yaml`;

/** 0-based line and the character just inside the value of the first line starting with `prefix` after line `from`. */
function valueAt(text: string, prefix: string, from = 0): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i >= from && l.startsWith(prefix));
  assert.ok(line >= 0, `a line starting with ${JSON.stringify(prefix)}`);
  return { line, character: prefix.length + 1 };
}

/**
 * Ends an in-process session without the exit notification, on which the
 * server ends the process (and with it the tests after this one); the last
 * session of the file ends with TestClient.shutdown().
 */
async function close(client: TestClient): Promise<void> {
  await client.connection.sendRequest(ShutdownRequest.type);
  client.connection.dispose();
}

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * The payloads of test/hostile-content.ts in every string field, through
 * the language server: what hover, CodeLens, completion, diagnostics and
 * notifications send must show the KPI text as text, never as Markdown,
 * HTML, links, images or icons.
 */
describe('hostile KPI text through the language server', () => {
  const files = hostileWorkspace();
  let client: TestClient;
  let root = '';
  const uri = (name: string) => uriOf(path.join(root, name));

  before(async () => {
    root = workspaceFolder(files);
    client = TestClient.inProcess();
    await client.initialize(root, { settings: SETTINGS });
    await client.diagnosticsOf(uri(fileOf(PAYLOADS.length - 1)));
    for (let i = 0; i < PAYLOADS.length; i++) await client.open(uri(fileOf(i)), files[fileOf(i)]);
  });
  after(async () => client?.shutdown());

  it('hovers a KPI id with its name, id, category, unit and owner as text', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const text = files[fileOf(i)];
      const at = valueAt(text, '  - id: ', text.split('\n').indexOf('kpis:'));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(fileOf(i)) }, position: at });
      const markdown = (hover!.contents as MarkupContent).value;
      const what = `hover of KPI ${JSON.stringify(payload)}: ${JSON.stringify(markdown)}`;
      assert.equal((hover!.contents as MarkupContent).kind, 'markdown');
      // The template's lines, and no more: KPI text starts no block of its own.
      assert.equal(markdown.split(/\r\n|\r|\n/).length, 7, what);
      const html = renderMarkdown(markdown);
      assert.deepEqual(unsafeTags(html), [], what);
      assert.equal(elementTexts(html, 'strong')[0], shown(payload), what);
      assert.deepEqual(elementTexts(html, 'code'), [shown(payload)], what);
      const paragraphs = elementTexts(html, 'p');
      assert.deepEqual(
        paragraphs,
        [
          `${shown(payload)} ${shown(payload)} — ${shown(payload)}`,
          // Every field the status needs is hostile, so the KPI is invalid: no progress or trend, and no target with a bad date.
          `Status: invalid · 5 ${shown(payload)}${i % 2 === 0 ? ` of 10 ${shown(payload)}` : ''}`,
          `Why: ${invalidReason(i)}`,
          `latest 2026-10 · ${i % 2 === 0 ? 'target date 2026-12 · ' : ''}owner ${shown(payload)}`,
        ],
        what,
      );
    }
  });

  it('hovers a goal id and a goal reference with the title, owner and measuring KPI as text', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const text = files[fileOf(i)];
      for (const at of [valueAt(text, '  - id: '), valueAt(text, '    goals: [')]) {
        const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(fileOf(i)) }, position: at });
        const markdown = (hover!.contents as MarkupContent).value;
        const what = `hover of goal ${JSON.stringify(payload)} at ${at.line}:${at.character}: ${JSON.stringify(markdown)}`;
        // Goal i is the parent of goal i + 1: the KPIs of goals i and after measure it.
        const measuring = PAYLOADS.slice(i);
        assert.equal(markdown.split(/\r\n|\r|\n/).length, 5 + measuring.length, what);
        const html = renderMarkdown(markdown);
        assert.deepEqual(unsafeTags(html), [], what);
        assert.deepEqual(elementTexts(html, 'p'), [`${shown(payload)} ${shown(payload)} — goal, invalid`, `owner ${shown(payload)}`, 'Measured by:'], what);
        assert.deepEqual(
          elementTexts(html, 'li'),
          measuring.map((name, j) => `${shown(name)} — invalid: ${invalidReason(i + j)}`),
          what,
        );
        assert.equal(elementTexts(html, 'code')[0], shown(payload), what);
      }
    }
  });

  it('shows the unit in a CodeLens as text, never as a VS Code icon', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri(fileOf(i)) } })) as { command: { title: string } }[];
      assert.equal(lenses.length, 1);
      const { title } = lenses[0].command;
      const shownByVsCode = vscodeLabel(title);
      assert.deepEqual(shownByVsCode.icons, [], `no icon in ${JSON.stringify(title)}`);
      assert.equal(shownByVsCode.text, `invalid · 5 ${shown(payload)}${i % 2 === 0 ? ` of 10 ${shown(payload)}` : ''} · ${invalidReason(i)}`);
      assert.doesNotMatch(title, CONTROL);
    }
  });

  it('completes goal ids as plain text, with their title and hostile file name as text', async () => {
    const text = files[fileOf(0)];
    const at = valueAt(text, '    goals: [');
    const items = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uri(fileOf(0)) },
      position: { line: at.line, character: at.character - 1 },
    })) as CompletionItem[];
    assert.deepEqual(items.map((item) => item.label).sort(), [...PAYLOADS, FILE_NAME_GOAL].sort());
    for (const item of items) {
      // Snippet syntax (`${1}`, `$0`) in an id must not be expanded: the id is inserted as written.
      assert.notEqual(item.insertTextFormat, InsertTextFormat.Snippet);
      assert.equal((item.textEdit as { newText: string }).newText, item.label);
      const html = renderMarkdown((item.documentation as MarkupContent).value);
      assert.deepEqual(unsafeTags(html), []);
      const file = item.label === FILE_NAME_GOAL ? HOSTILE_FILE_NAME : fileOf(PAYLOADS.indexOf(item.label));
      assert.equal(textOf(html).trim(), `Goal defined in ${file}`);
      assert.deepEqual(elementTexts(html, 'code'), [file]);
    }
    assert.equal(items.find((item) => item.label === PAYLOADS[3])!.detail, PAYLOADS[3], 'the title, as plain text');
  });

  it('publishes diagnostics whose messages are one line without control or bidi characters', async () => {
    let count = 0;
    for (const name of Object.keys(files).filter((f) => f.endsWith('.kpi.yaml'))) {
      const diagnostics: Diagnostic[] = await client.diagnosticsOf(uri(name));
      for (const d of diagnostics) {
        assert.equal(typeof d.message, 'string');
        assert.doesNotMatch(d.message as string, CONTROL, d.message as string);
        assert.doesNotMatch(d.message as string, /[\r\n\u2028\u2029\u0085]/, d.message as string);
        count++;
      }
    }
    assert.ok(count > 400, `${count} diagnostics`);
    const escapes = PAYLOADS.findIndex((p) => p.includes('\u001b'));
    const messages = (await client.diagnosticsOf(uri(fileOf(escapes)))).map((d) => d.message as string);
    // A message shows the characters it quotes escaped, so the reader sees exactly what the file holds.
    const escaped = PAYLOADS[escapes].replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    assert.ok(
      messages.includes(
        `\`category\` of KPI \`${escaped}\` must be one of financial, operational, customer, hr, not \`"\\u001b]8;;http://attacker.invalid/\\u...\`.`,
      ),
      messages.join('\n'),
    );
  });

  describe('hostile kpi.config.yaml', () => {
    it('reports its problems in a notification without links or icons from the file', async () => {
      const root = workspaceFolder({ 'kpi.config.yaml': HOSTILE_CONFIG, 'sales.kpi.yaml': GOOD_FILE });
      const client = TestClient.inProcess();
      try {
        await client.initialize(root, { settings: SETTINGS });
        await client.until(() => (client.messages.length > 0 ? true : undefined), 'the notification');
        assert.equal(client.messages.length, 1);
        const message = client.messages[0];
        assert.deepEqual(vscodeNotificationLinks(message), [], message);
        assert.deepEqual(vscodeLabel(message).icons, [], message);
        assert.equal(
          vscodeLabel(message).text,
          `${path.join(root, 'kpi.config.yaml')}: unknown key \`<img src=x onerror=alert(1)>[y] (file:///etc/passwd)\`; allowed: rules, ignore, status, locale, title, fiscalYearStart, connections; ` +
            'unknown rule `[Fix the config] (command:workbench.action.terminal.new)` (did you mean `missing-rationale`?); ' +
            'unknown rule `[docs] (https://attacker.invalid/) $(alert)` (did you mean `missing-rationale`?); ' +
            '`rules.missing-owner`: severity must be one of error, warning, info, hint, off, not "[x] (command:workbench.action.terminal.new)"',
        );
      } finally {
        await close(client);
      }
    });
  });

  describe('quick fix: create an unknown hostile goal', () => {
    it('writes the id as one YAML string, so no text of the file becomes YAML structure', () => {
      for (const payload of PAYLOADS) {
        const text = ['kpi: 1', 'kpis:', '  - id: k', '    name: K', '    category: hr', `    goals: [${JSON.stringify(payload)}]`, ''].join('\n');
        const { file, lines, diagnostics } = lintFixture({ 'a.kpi.yaml': text }).files[0];
        const unknown = diagnostics.filter((d) => d.code === 'unknown-goal').map((d) => toLspDiagnostic(d, lines));
        assert.equal(unknown.length, 1, JSON.stringify(payload));
        const create = codeActions(file, lines, 'file:///a.kpi.yaml', unknown, parseCalendarDay('2026-11-27')!).find((a) => a.title.startsWith('Create goal'));
        const edit = create!.edit!.changes!['file:///a.kpi.yaml'][0];
        const at = lines.offset(edit.range.start.line, edit.range.start.character);
        const fixed = parse(text.slice(0, at) + edit.newText + text.slice(at)) as { goals: { id: string; title: string }[]; kpis: unknown[] };
        assert.deepEqual(fixed.goals, [{ id: payload, title: 'TODO' }], JSON.stringify(payload));
        assert.equal(fixed.kpis.length, 1);
      }
    });
  });
});
