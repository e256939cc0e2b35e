import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { random } from '../../bench/generate';
import { parseCalendarDay } from '../../server/src/core/dates';
import { LineIndex } from '../../server/src/core/lines';
import { readCounts } from '../../server/src/core/parse';
import { Project } from '../../server/src/lsp/project';
import { REPO } from '../helpers';
import { TestClient, uriOf } from './client';

const AS_OF = '2026-11-27';

/** Diagnostics as the editor shows them: place, code and message. */
const shown = (list: readonly Diagnostic[]) =>
  list.map(
    (d) =>
      `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`,
  );

/** What a fresh reading of the workspace on disk, with `file` replaced by `text`, gives for `file`: every file parsed whole. */
function reference(root: string, file: string, text: string): string[] {
  const project = new Project(root);
  project.loadConfig();
  for (const name of fs.readdirSync(root)) {
    const other = path.join(root, name);
    if (project.accepts(other)) project.set(other, other === file ? text : fs.readFileSync(other, 'utf8'));
  }
  const result = project.fileResult(file, parseCalendarDay(AS_OF)!, true)!;
  const lines = new LineIndex(text);
  return result.diagnostics.map((d) => {
    const start = lines.position(d.span.start);
    const end = lines.position(d.span.end);
    return `${start.line}:${start.character}-${end.line}:${end.character} ${d.code} ${d.message}`;
  });
}

describe('language server: diagnostics after every edit are those of a fresh reading (no stale result)', () => {
  const clients: TestClient[] = [];
  after(async () => Promise.all(clients.map((c) => c.shutdown())));

  type Sample = { root: string; file: string; uri: string; text: string; client: TestClient };

  /** A copy of the samples (without the pitfalls) indexed by an in-process server; financial.kpi.yaml not open yet. */
  async function indexedSample(settings: Record<string, unknown> = { asOf: AS_OF, debounce: 0 }): Promise<Sample> {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-edits-')));
    fs.cpSync(path.join(REPO, 'samples'), root, { recursive: true, filter: (source) => !source.includes('pitfalls') });
    const file = path.join(root, 'financial.kpi.yaml');
    const uri = uriOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings });
    await client.diagnosticsOf(uri);
    return { root, file, uri, text, client };
  }

  /** indexedSample, with financial.kpi.yaml opened and its diagnostics out. */
  async function openedSample(): Promise<Sample> {
    const sample = await indexedSample();
    await sample.client.open(sample.uri, sample.text);
    await sample.client.until(() => sample.client.diagnostics.get(sample.uri)?.find((p) => p.version === 1), 'diagnostics after open');
    return sample;
  }

  /** Types `x` into the first KPI's name: the edit is read one KPI again (counted from `before`), its diagnostics those of a fresh reading. */
  async function typeIntoName({ root, file, uri, text, client }: Sample, before: number): Promise<void> {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\s+name: /.test(l));
    const version = await client.edit(uri, [line, 10], [line, 10], 'x');
    await client.until(() => client.diagnostics.get(uri)?.find((p) => p.version === version), 'diagnostics after the edit');
    assert.equal(readCounts.oneItem - before, 1, 'the edit read one KPI again, not the whole file');
    lines[line] = `${lines[line].slice(0, 10)}x${lines[line].slice(10)}`;
    const published = client.diagnostics.get(uri)!.find((p) => p.version === version)!;
    assert.deepEqual(shown(published.diagnostics), reference(root, file, lines.join('\n')));
  }

  it('a file the indexing read, once open and its diagnostics out, takes its first edit by reading one KPI again', async () => {
    const sample = await openedSample();
    await typeIntoName(sample, readCounts.oneItem);
  });

  it('a file the indexing read takes an edit sent as it opens by reading one KPI again', async () => {
    const sample = await indexedSample({ asOf: AS_OF });
    const before = readCounts.oneItem;
    // Within the debounce: the open and the edit are read together, from the data kept when the document opened.
    await sample.client.open(sample.uri, sample.text);
    await typeIntoName(sample, before);
  });

  it('over 60 random keystrokes in the samples, most read again one KPI at a time', async (t) => {
    const opened = await openedSample();
    const { root, file, uri, client } = opened;
    let { text } = opened;
    const next = random(11);
    const before = readCounts.oneItem;
    let undoReads = 0;
    for (let i = 0; i < 60; i++) {
      const lines = text.split('\n');
      // A line inside the KPIs (after the header), a column inside its content.
      const line = 4 + Math.floor(next() * (lines.length - 5));
      const content = lines[line];
      const indent = content.search(/\S|$/);
      const column = indent + Math.floor(next() * (content.length - indent + 1));
      let edit: { start: [number, number]; end: [number, number]; insert: string };
      const digit = /\d/.exec(content.slice(column));
      switch (Math.floor(next() * 3)) {
        case 0:
          edit = { start: [line, column], end: [line, column], insert: 'x7 :-'[Math.floor(next() * 5)] };
          break;
        case 1:
          edit = { start: [line, Math.max(indent, column - 1)], end: [line, column], insert: '' };
          break;
        default:
          edit = digit
            ? { start: [line, column + digit.index], end: [line, column + digit.index + 1], insert: String(Math.floor(next() * 10)) }
            : { start: [line, column], end: [line, column], insert: '1' };
      }
      const index = new LineIndex(text);
      text = text.slice(0, index.offset(...edit.start)) + edit.insert + text.slice(index.offset(...edit.end));
      const version = await client.edit(uri, edit.start, edit.end, edit.insert);
      const published = await client.until(() => client.diagnostics.get(uri)?.find((p) => p.version === version), `diagnostics of version ${version}`);
      const expected = reference(root, file, text);
      assert.deepEqual(shown(published.diagnostics), expected, `edit ${i}: ${JSON.stringify(edit)}`);
      if (expected.some((d) => d.includes(' yaml-syntax ') || d.includes(' schema '))) {
        // Broken YAML or a broken entry (`{ date 2026-06, value: 5 }`): undo, as the writer would, so that the
        // next keystrokes land in a readable file (a file the fast parser cannot read is read whole after every edit).
        const undoStart = readCounts.oneItem;
        const end = new LineIndex(text).position(text.length);
        text = lines.join('\n');
        const undone = await client.edit(uri, [0, 0], [end.line, end.character], text);
        await client.until(() => client.diagnostics.get(uri)?.find((p) => p.version === undone), `diagnostics of version ${undone}`);
        undoReads += readCounts.oneItem - undoStart;
      }
    }
    const oneItem = readCounts.oneItem - before - undoReads;
    t.diagnostic(`${oneItem} of 60 edits read one KPI again`);
    assert.ok(oneItem >= 20, `only ${oneItem} of 60 edits were read one KPI at a time`);
  });
});
