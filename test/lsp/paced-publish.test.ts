import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { Message, PublishDiagnosticsNotification, type Diagnostic, type MessageWriter } from 'vscode-languageserver/node';
import { goalsFile, kpiFile } from '../../bench/generate';
import { parseCalendarDay } from '../../server/src/core/dates';
import { Project } from '../../server/src/lsp/project';
import { StatusCountsRequest } from '../../server/src/lsp/protocol';
import { TestClient, uriOf } from './client';

const AS_OF = '2026-11-27';
/** The files in one of the server's publishing batches (its PUBLISH_BATCH). */
const BATCH = 20;
/** More files than two of the server's publishing batches, with findings in each. */
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

/**
 * The server's writer, which holds back the news that a diagnostics
 * notification was written (not the notification: the client receives it) from
 * the first one until released. The server's paced publishing waits for that
 * news between its batches, so the test decides what happens in between.
 */
class HeldWriter implements MessageWriter {
  private readonly waiting: (() => void)[] = [];
  private released = false;

  constructor(private readonly writer: MessageWriter) {}

  get onError() {
    return this.writer.onError;
  }

  get onClose() {
    return this.writer.onClose;
  }

  write(message: Message): Promise<void> {
    const written = this.writer.write(message);
    if (this.released || !Message.isNotification(message) || message.method !== PublishDiagnosticsNotification.method) return written;
    return new Promise((resolve, reject) => {
      this.waiting.push(() => void written.then(resolve, reject));
    });
  }

  release(): void {
    this.released = true;
    for (const resume of this.waiting.splice(0)) resume();
  }

  end(): void {
    this.writer.end();
  }

  dispose(): void {
    this.writer.dispose();
  }
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

  it('a document opened while the batches are sent: the newer validation takes over, and nothing older is published after it', async () => {
    const { root, texts } = workspace();
    let held: HeldWriter | undefined;
    const client = TestClient.inProcess((writer) => (held = new HeldWriter(writer)));
    clients.push(client);
    await client.initialize(root, { settings: { asOf: AS_OF, debounce: 0 } });
    // The first batch is sent; the server waits to hear it was written, which the test holds back.
    await client.until(() => (client.diagnostics.size >= BATCH ? true : undefined), 'the first batch');
    const firstBatch = new Set(client.diagnostics.keys());
    assert.equal(firstBatch.size, BATCH);
    // A new document with the KPIs of a file of the second batch, before it in the files' order: that file now has duplicate ids.
    const twin = path.join(root, 'team-30.kpi.yaml');
    const added = path.join(root, 'added.kpi.yaml');
    assert.equal(firstBatch.has(uriOf(twin)), false, 'team-30 is not in the first batch');
    await client.open(uriOf(added), texts.get(twin)!);
    const before = fresh(root, texts);
    const expected = fresh(root, new Map(texts).set(added, texts.get(twin)!));
    assert.ok(expected.get(twin)!.some((message) => message.startsWith('duplicate-id')));
    // The newer validation publishes the new document and every file not published yet, the second batch's file with its duplicates.
    await client.until(
      () => (client.latest(uriOf(added)) && client.latest(uriOf(twin))?.some((d) => d.code === 'duplicate-id') ? true : undefined),
      'the newer validation',
    );
    // Now the first batch is written: the older validation must stop, neither publishing its second batch nor clearing the new document.
    held!.release();
    // The status counts wait for the indexing, the older validation included: all it sends comes before the answer.
    await client.connection.sendRequest(StatusCountsRequest.type, { uri: uriOf(added) });
    for (const [file, messages] of expected) {
      const sent = (client.diagnostics.get(uriOf(file)) ?? []).map((p) => shown(p.diagnostics));
      assert.deepEqual(sent.at(-1), messages, `${file}: the last diagnostics published are not those of the newer validation`);
      // Once, and once more by the newer validation when in the first batch with diagnostics changed by the new document.
      const again = firstBatch.has(uriOf(file)) && JSON.stringify(before.get(file)) !== JSON.stringify(messages);
      assert.equal(sent.length, again ? 2 : 1, `${file}: published ${sent.length} times`);
    }
  });
});
