import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { lintWorkspace } from '../../server/src/core/lint';
import { parseDocument } from 'yaml';
import { parseKpiFile, readCounts, useFastParser, yamlData } from '../../server/src/core/parse';
import { EMPTY_CONFIG } from '../../server/src/core/config';
import { parseCalendarDay } from '../../server/src/core/dates';
import { nodeFileReader } from '../../server/src/node/files';
import { goalsFile, kpiFile, random } from '../../bench/generate';
import { nodeAt } from '../../server/src/core/locate';
import type { KpiFile } from '../../server/src/core/types';
import { REPO } from '../helpers';

/** Every diagnostic of a workspace, with its exact span and message. */
function diagnostics(files: Record<string, string>, root: string): string[] {
  const parsed = Object.entries(files).map(([name, text]) => parseKpiFile(path.join(root, name), text));
  const result = lintWorkspace(parsed, { root, asOf: parseCalendarDay('2026-11-27')!, config: EMPTY_CONFIG, reader: nodeFileReader });
  return result.files.flatMap(({ file, diagnostics: list }) =>
    list.map((d) => `${path.basename(file.path)} ${d.span.start}-${d.span.end} ${d.code} ${d.message}`),
  );
}

function both(files: Record<string, string>, root: string): { fast: string[]; full: string[] } {
  useFastParser(true);
  const fast = diagnostics(files, root);
  useFastParser(false);
  const full = diagnostics(files, root);
  useFastParser(true);
  return { fast, full };
}

function workspaceFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) if (name.endsWith('.kpi.yaml')) files[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  return files;
}

/** A seeded random keystroke in an item's line, as someone typing: a character typed or deleted, a number changed, a line copied. */
function typing(text: string, next: () => number): string {
  const lines = text.split('\n');
  const line = Math.floor(next() * lines.length);
  const content = lines[line];
  const at = content.length - Math.floor(next() * Math.max(1, content.length - content.search(/\S|$/)));
  switch (Math.floor(next() * 4)) {
    case 0:
      lines[line] = content.slice(0, at) + 'ax9 .,:-'[Math.floor(next() * 8)] + content.slice(at);
      break;
    case 1:
      lines[line] = content.slice(0, at - 1) + content.slice(at);
      break;
    case 2:
      lines[line] = content.replace(/\d+(\.\d+)?/, String(Math.floor(next() * 200)));
      break;
    default:
      lines.splice(line, 0, content);
  }
  return lines.join('\n');
}

/** A seeded random edit of a text: a deleted, inserted or duplicated character or line. */
function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  const lines = text.split('\n');
  const line = Math.floor(next() * lines.length);
  switch (Math.floor(next() * 6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + ' :-[]{}#&*"\'x1'[Math.floor(next() * 15)] + text.slice(at);
    case 2:
      return [...lines.slice(0, line), lines[line], ...lines.slice(line)].join('\n');
    case 3:
      return [...lines.slice(0, line), ...lines.slice(line + 1)].join('\n');
    case 4:
      return [...lines.slice(0, line), `  ${lines[line]}`, ...lines.slice(line + 1)].join('\n');
    default:
      return text.slice(0, at) + text.slice(at).replace(/\d/, String(Math.floor(next() * 10)));
  }
}

describe('the fast parser gives exactly the diagnostics of the full parser', () => {
  after(() => useFastParser(true));

  for (const dir of ['samples', 'samples/pitfalls']) {
    it(`on ${dir}`, () => {
      const root = path.join(REPO, dir);
      for (const [name, text] of Object.entries(workspaceFiles(root))) {
        const reference = parseDocument(text);
        if (reference.errors.length === 0) assert.deepStrictEqual(yamlData(text), reference.toJS(), name);
      }
      const { fast, full } = both(workspaceFiles(root), root);
      assert.ok(full.length > 0 || dir === 'samples');
      assert.deepEqual(fast, full);
    });
  }

  it('reads keys as toJS does: __proto__ an own property, null as "", numbers as text', () => {
    const text = 'kpi: 1\n__proto__: { polluted: true }\nnull: a\n1: b\n0x10: c\ntrue: d\n"x": { constructor: 1 }\n';
    assert.deepStrictEqual(yamlData(text), parseDocument(text).toJS());
    const data = yamlData(text) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(data), Object.prototype);
    assert.deepEqual(Object.keys(data), ['1', '16', 'kpi', '__proto__', '', 'true', 'x']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('on 300 random edits of the samples', () => {
    const root = path.join(REPO, 'samples/pitfalls');
    const files = { ...workspaceFiles(path.join(REPO, 'samples')), ...workspaceFiles(root) };
    const names = Object.keys(files);
    const next = random(20261127);
    let differentFromOriginal = 0;
    for (let i = 0; i < 300; i++) {
      const name = names[Math.floor(next() * names.length)];
      let text = files[name];
      for (let k = 1 + Math.floor(next() * 3); k > 0; k--) text = mutate(text, next);
      if (text !== files[name]) differentFromOriginal++;
      const { fast, full } = both({ ...files, [name]: text }, root);
      assert.deepEqual(fast, full, `edit ${i} of ${name}`);
      const reference = parseDocument(text);
      if (reference.errors.length === 0) assert.deepStrictEqual(yamlData(text), reference.toJS(), `data of edit ${i} of ${name}`);
    }
    assert.ok(differentFromOriginal > 250);
  });

  it('reads an edit inside one KPI from the previous version exactly as a whole parse: diagnostics, places and nodes', (t) => {
    const root = path.join(REPO, 'samples');
    const others = workspaceFiles(root);
    const sources: Record<string, string> = {
      ...others,
      ...workspaceFiles(path.join(REPO, 'samples/pitfalls')),
      'generated.kpi.yaml': kpiFile('g', 40, 0, 3),
      'goals-only.kpi.yaml': goalsFile(30),
      'list-at-key-column.kpi.yaml': kpiFile('c', 5, 0, 4).replace(/^ {2}/gm, ''),
    };
    const lint = (file: KpiFile, name: string) => {
      const files = Object.entries(others)
        .filter(([n]) => n !== name)
        .map(([n, text]) => parseKpiFile(path.join(root, n), text));
      const result = lintWorkspace([...files, file], { root, asOf: parseCalendarDay('2026-11-27')!, config: EMPTY_CONFIG, reader: nodeFileReader });
      return result.files.find((f) => f.file === file)!.diagnostics.map((d) => `${d.span.start}-${d.span.end} ${d.code} ${d.message}`);
    };
    const next = random(7);
    const before = readCounts.oneItem;
    let edits = 0;
    for (const [name, original] of Object.entries(sources)) {
      const file = path.join(root, name);
      let previous = parseKpiFile(file, original, undefined, true);
      let text = original;
      // A chain of edits, each read from the previous version as an editor sends them;
      // once the YAML is broken, the chain starts again from the original.
      for (let i = 0; i < 30; i++) {
        if (previous.syntaxErrors.length > 0) {
          text = original;
          previous = parseKpiFile(file, text, undefined, true);
        }
        text = next() < 0.7 ? typing(text, next) : mutate(text, next);
        edits++;
        const again = parseKpiFile(file, text, previous);
        useFastParser(false);
        const whole = parseKpiFile(file, text);
        const wholeDiagnostics = lint(whole, name);
        const document = parseDocument(text);
        useFastParser(true);
        const label = `edit ${i} of ${name}: ${JSON.stringify(text)}`;
        assert.deepEqual(lint(again, name), wholeDiagnostics, label);
        assert.deepEqual(again.syntaxErrors, whole.syntaxErrors, label);
        for (const kpi of whole.kpis) {
          for (const [property, anchor] of [
            ['id', 'key'],
            ['target', 'value'],
            ['measurements', 'value'],
            ['nothing', 'value'],
          ] as const) {
            assert.deepEqual(again.locate([...kpi.path, property], anchor), whole.locate([...kpi.path, property], anchor), `${label} ${kpi.id}.${property}`);
          }
        }
        assert.deepEqual(again.locate(['kpis'], 'key'), whole.locate(['kpis'], 'key'), label);
        if (whole.syntaxErrors.length === 0 && document.errors.length === 0) {
          for (let k = 0; k < 20; k++) {
            const offset = Math.floor(next() * text.length);
            assert.deepEqual(again.nodeAt(offset), nodeAt(document, offset), `${label} at ${offset}`);
          }
        }
        previous = again;
      }
    }
    const oneItem = readCounts.oneItem - before;
    t.diagnostic(`${oneItem} of ${edits} edits read one item again, the rest the whole text`);
    // Most edits land inside one item and take the short way; the rest are parsed whole.
    assert.ok(oneItem > edits / 3, `${oneItem} of ${edits} edits read one item`);
  });

  it('reads these edits, once misread one item at a time, as a whole parse does', () => {
    const cases: [string, string, string][] = [
      // A line added after a block scalar that ends an item: it is the scalar's content, not a comment before the next item.
      [
        'block scalar content',
        'kpi: 1\ngoals:\n  - id: a\n    title: A\n    description: |\n      one\n  - id: b\n    title: B\n',
        'kpi: 1\ngoals:\n  - id: a\n    title: A\n    description: |\n      one\n         # two\n  - id: b\n    title: B\n',
      ],
      // Two keys with one name in the data: the data holds the last one's list.
      ['"1" and 1', 'kpi: 1\n"1":\n  - id: a\n    x: 1\n1:\n  - id: b\n', 'kpi: 1\n"1":\n  - id: a\n    x: 2\n1:\n  - id: b\n'],
      ['"" and ~', 'kpi: 1\n"":\n  - id: a\n~:\n  - id: b\n', 'kpi: 1\n"":\n  - i: a\n~:\n  - id: b\n'],
      // A comment deeper than a list's items after an item's last value, then the next item.
      [
        'trailing comment',
        'kpi: 1\nkpis:\n  - id: a\n    measurements:\n    - date: 2026-01\n      value: 9\n     # m\n  - id: b\n',
        'kpi: 1\nkpis:\n  - id: a\n    measurements:\n    - date: 2026-01\n      value: 8\n     # m\n  - id: b\n',
      ],
    ];
    for (const [label, old, text] of cases) {
      const previous = parseKpiFile('/ws/a.kpi.yaml', old, undefined, true);
      const again = parseKpiFile('/ws/a.kpi.yaml', text, previous);
      useFastParser(false);
      const whole = parseKpiFile('/ws/a.kpi.yaml', text);
      useFastParser(true);
      assert.deepEqual(
        [again.schemaErrors, again.goals.map((g) => [g.id, g.title]), again.kpis.map((k) => [k.id, k.measurements.map((m) => m.value)])],
        [whole.schemaErrors, whole.goals.map((g) => [g.id, g.title]), whole.kpis.map((k) => [k.id, k.measurements.map((m) => m.value)])],
        label,
      );
      const document = parseDocument(text);
      for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(again.nodeAt(offset), nodeAt(document, offset), `${label} at ${offset}`);
    }
  });

  it("finds the node at the start of an item's line in the item before when its block scalar ends there", () => {
    const text = 'kpi: 1\nkpis:\n  - id: a\n    note: >-\n      alpha\n  - id: b\n    note: >-\n      beta\n';
    const file = parseKpiFile('/ws/a.kpi.yaml', text);
    const offset = text.indexOf('  - id: b');
    assert.deepEqual(file.nodeAt(offset), nodeAt(parseDocument(text), offset));
    assert.deepEqual(file.nodeAt(offset)?.path, ['kpis', 0, 'note']);
  });
});
