import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { goalsFile, kpiFile } from '../../bench/generate';
import { parseCalendarDay } from '../../server/src/core/dates';
import { Project } from '../../server/src/lsp/project';
import { TestClient, uriOf } from './client';

const AS_OF = '2026-11-27';
/** More files than two of the server's publishing batches (20 files each), with findings in each. */
const FILES = 45;

/** Diagnostics as compared here: code and message. */
const shown = (list: readonly Diagnostic[]) => list.map((d) => `${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`);

/** Every file's diagnostic codes and messages from a fresh reading of `texts` (path → text), by path. */
function fresh(root: string, texts: ReadonlyMap<string, string>): Map<string, string[]> {
  const project = new Project(root);
  project.loadConfig();
  for (const [file, text] of texts) project.set(file, text);
  const result = project.lint(parseCalendarDay(AS_OF)!, true);
  return new Map(result.files.map((f) => [f.file.path, f.diagnostics.map((d) => `${d.code} ${d.message}`)]));
}

function workspace(): { root: string; texts: Map<string, string> } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-paced-')));
  const texts = new Map<string, string>();
  texts.set(path.join(root, 'goals.kpi.yaml'), goalsFile(20));
  for (let i = 0; i < FILES; i++) texts.set(path.join(root, `team-${String(i).padStart(2, '0')}.kpi.yaml`), kpiFile(`t${i}`, 3, i * 3, i + 1, true));
  for (const [file, text] of texts) fs.writeFileSync(file, text);
  return { root, texts };
}

describe('language server: diagnostics published in batches after indexing', () => {
  const clients: TestClient[] = [];
  after(async () => Promise.all(clients.map((c) => c.shutdown())));

  it('publishes every file once, each with the diagnostics of a fresh reading', async () => {
    const { root, texts } = workspace();
    const expected = fresh(root, texts);
    assert.ok([...expected.values()].filter((list) => list.length > 0).length > 40, 'most files have findings');
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings: { asOf: AS_OF } });
    await client.until(() => (client.diagnostics.size >= texts.size ? true : undefined), 'diagnostics of every file');
    for (const [file, messages] of expected) {
      const sent = client.diagnostics.get(uriOf(file)) ?? [];
      assert.equal(sent.length, 1, `${file} published once`);
      assert.deepEqual(shown(sent[0].diagnostics), messages);
    }
  });

  it('an edit while the batches are sent: every file ends with the diagnostics of a fresh reading, and is published at most once more', async () => {
    const { root, texts } = workspace();
    const file = path.join(root, 'team-00.kpi.yaml');
    const uri = uriOf(file);
    const client = TestClient.inProcess();
    clients.push(client);
    await client.initialize(root, { settings: { asOf: AS_OF, debounce: 0 } });
    // Opened and edited as soon as the first file's diagnostics arrive, while later batches are still to be sent.
    await client.until(() => (client.diagnostics.size > 0 ? true : undefined), 'the first diagnostics');
    const text = texts.get(file)!;
    await client.open(uri, text);
    // The first KPI's id made that of the last file's first KPI: the last file's diagnostics change (a duplicate id), its batch not yet sent.
    const line = text.split('\n').findIndex((l) => l.startsWith('  - id: '));
    const lastId = /^ {2}- id: (\S+)$/m.exec(texts.get(path.join(root, `team-${FILES - 1}.kpi.yaml`))!)![1];
    const firstId = /^ {2}- id: (\S+)$/m.exec(text)![1];
    const version = await client.edit(uri, [line, 8], [line, 8 + firstId.length], lastId);
    const edited = new Map(texts).set(file, text.replace(`  - id: ${firstId}\n`, `  - id: ${lastId}\n`));
    const expected = fresh(root, edited);
    await client.until(() => client.diagnostics.get(uri)?.find((p) => p.version === version), 'diagnostics of the edit');
    const current = () =>
      [...expected].every(([each, messages]) => {
        const last = client.diagnostics.get(uriOf(each))?.at(-1);
        return last !== undefined && JSON.stringify(shown(last.diagnostics)) === JSON.stringify(messages);
      });
    // Notifications arrive in the order written, not all at once: wait until the last has come, then a while longer for any stale one.
    await client.until(() => (current() ? true : undefined), 'every file as a fresh reading', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const [each, messages] of expected) {
      const sent = client.diagnostics.get(uriOf(each)) ?? [];
      if (each !== file) assert.ok(sent.length <= 2, `${each} published at most twice`);
      assert.deepEqual(shown(sent.at(-1)!.diagnostics), messages, each);
    }
    assert.ok(shown(client.diagnostics.get(uriOf(path.join(root, `team-${FILES - 1}.kpi.yaml`)))!.at(-1)!.diagnostics)[0].startsWith('duplicate-id'));
  });
});
