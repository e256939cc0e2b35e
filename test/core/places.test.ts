import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { kpiFile } from '../../bench/generate';
import { fastParseData } from '../../server/src/core/fast-yaml';
import { locate, type Anchor } from '../../server/src/core/locate';
import { parseKpiFile } from '../../server/src/core/parse';
import type { DataPath } from '../../server/src/core/types';
import { sampleAndBenchmarkFiles } from '../helpers';

/**
 * A finding in a list item is placed by the places of the item read alone
 * (fastParseItemPlaces, locatePlace), not by `yaml` nodes: every path must
 * land where `locate` on `yaml`'s own document puts it.
 */

const CORNERS = [
  // Empty values, a comment after a value, a block scalar holding a line that looks like a key, quoted keys.
  'kpi: 1\nkpis:\n  - id: a\n    name:\n    description: |\n      owner: not a key\n    "unit": "%" # a comment\n    tags: []\n',
  // Keys that are the same text but not the same key (`1` and `"1"`): the first one is found.
  'kpi: 1\nkpis:\n  - id: b\n    x-map: { 1: one, "1": two }\n    1: number\n    "1": text\n',
  // A list at the column of its key, a nested list, a flow item, an item that is not a mapping.
  'kpi: 1\nkpis:\n- id: c\n  measurements:\n  - { date: 2026-01, value: 1 }\n  - - nested\n    - list\n- { id: d, name: D }\n- just text\n',
  // Blank and comment lines between items and after the last one.
  'kpi: 1\ngoals:\n  - id: g\n\n    # a comment\n    title: G\n\n  # before the next item\n  - id: h\n    title: H\n# the end\n',
  // Measurements with comments and blank lines between them and after the last, a block mapping among them, a key after them.
  'kpi: 1\nkpis:\n  - id: f\n    measurements:\n      - { date: 2026-01, value: 1 }\n\n      # the second\n      - date: 2026-02\n        value: 2\n        note: |\n          - not an item\n      # trailing\n\n    tags: [a]\n  - id: g\n    plan:\n    - { date: 2026-03, value: 3 } # a comment\n# at column 0\n    - { date: 2026-04, value: 4 }\n',
  // Dates on an entry's line in every form: quoted, a quoted key, after another key, not a scalar, in a nested collection, a block scalar, an entry of a nested list.
  'kpi: 1\nkpis:\n  - id: h\n    measurements:\n      - date: "2026-01" # a comment\n        value: 1\n      - { "date": 2026-02, value: 2 }\n      - { value: 3, date: \'2026-03\' }\n      - { date: [2026], value: 4 }\n      - { x-a: { date: 2026-05 }, value: 5 }\n      - x-b: { date: 2026-06 }\n        date: 2026-06\n      - date: |\n          2026-07\n      - - { date: 2026-08 }\n    plan:\n      - value: 9\n        date: 2026-09\n',
  // Not on the fast path (a tab, CRLF): yaml places the findings.
  'kpi: 1\r\nkpis:\r\n  - id: e\r\n    name: E\r\n',
];

/** Every path into `data`, with a missing key and an index past the end at each level. */
function paths(data: unknown, prefix: DataPath, out: DataPath[]): DataPath[] {
  out.push(prefix);
  if (Array.isArray(data)) {
    data.forEach((item, i) => paths(item, [...prefix, i], out));
    out.push([...prefix, data.length], [...prefix, 'missing']);
  } else if (typeof data === 'object' && data !== null) {
    for (const [key, value] of Object.entries(data)) paths(value, [...prefix, key], out);
    out.push([...prefix, 'missing'], [...prefix, 0]);
  }
  return out;
}

const ANCHORS: readonly Anchor[] = ['value', 'key', 'first-key'];

describe('the places of a list item', () => {
  it('place every finding where locate puts it on the yaml document: samples, benchmark files, corners', () => {
    const files = [...sampleAndBenchmarkFiles(), ...CORNERS.map((text, i) => ({ name: `corner ${i}`, text }))];
    let compared = 0;
    for (const { name, text } of files) {
      const file = parseKpiFile(path.join('/ws', name), text);
      const document = parseDocument(text, { uniqueKeys: false });
      for (const at of paths(document.toJS(), [], [])) {
        // Paths into items: the top-level ones never reach the places.
        if (at.length < 2) continue;
        for (const anchor of ANCHORS) {
          compared++;
          assert.deepEqual(file.locate(at, anchor), locate(document, at, anchor), `${name} ${JSON.stringify(at)} ${anchor}`);
        }
      }
    }
    assert.ok(compared > 30_000, `${compared} compared`);
  });

  it("keep the span of each measurement's and plan entry's date on the entry's line, as locate finds it", () => {
    let kept = 0;
    for (const { name, text } of [...sampleAndBenchmarkFiles(), ...CORNERS.map((text, i) => ({ name: `corner ${i}`, text }))]) {
      const outline = fastParseData(text)?.outline;
      const document = parseDocument(text, { uniqueKeys: false });
      const data = document.toJS() as { kpis?: Record<string, unknown>[] };
      const kpis = outline?.keys.find((key) => key.name === 'kpis');
      if (!kpis?.inner || !Array.isArray(data.kpis)) continue;
      data.kpis.forEach((kpi, i) => {
        for (const list of ['measurements', 'plan']) {
          const entries = kpi?.[list];
          const key = kpis.inner!.key(i, list);
          if (!Array.isArray(entries) || key < 0) continue;
          entries.forEach((_, j) => {
            const span = kpis.inner!.listItemDate(i, key, j);
            if (span === undefined) return;
            kept++;
            assert.deepEqual(span, locate(document, ['kpis', i, list, j, 'date']), `${name} kpis ${i} ${list} ${j}`);
          });
        }
      });
    }
    assert.ok(kept > 1_000, `${kept} kept`);
  });

  it('keep the dates written on the line of each entry, and no other', () => {
    const text = CORNERS.find((corner) => corner.includes('date: "2026-01"'))!;
    const outline = fastParseData(text)!.outline;
    const inner = outline.keys[1].inner!;
    const measurements = inner.key(0, 'measurements');
    const kept = Array.from({ length: 9 }, (_, j) => inner.listItemDate(0, measurements, j));
    const dateAt = (date: string) => ({ start: text.indexOf(date), end: text.indexOf(date) + date.length });
    assert.deepEqual(kept, [dateAt('"2026-01"'), dateAt('2026-02'), dateAt("'2026-03'"), undefined, undefined, undefined, undefined, undefined, undefined]);
    assert.equal(inner.listItemDate(0, inner.key(0, 'plan'), 0), undefined);
  });

  it('place the same findings in a file read again after an edit', () => {
    const text = kpiFile('c', 20, 0, 3, true);
    const before = parseKpiFile('/ws/c.kpi.yaml', text, undefined, true);
    const edited = text.replace('name: ', 'name: Renamed ');
    const after = parseKpiFile('/ws/c.kpi.yaml', edited, before);
    const document = parseDocument(edited);
    for (const kpi of after.kpis) {
      for (const at of [
        [...kpi.path, 'name'],
        [...kpi.path, 'measurements', 1, 'date'],
        [...kpi.path, 'target', 'value'],
      ]) {
        assert.deepEqual(after.locate(at), locate(document, at), JSON.stringify(at));
      }
    }
    // The first file's places are not the second's, though both were placed last.
    assert.deepEqual(before.locate(['kpis', 0, 'name']), locate(parseDocument(text), ['kpis', 0, 'name']));
  });
});
