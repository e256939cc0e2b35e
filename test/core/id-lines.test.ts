import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/core/lines';
import { parseKpiFile } from '../../server/src/core/parse';
import { sampleAndBenchmarkFiles } from '../helpers';

/** Every `.kpi.yaml` under the samples (the pitfalls included), with its text. */

const CORNERS = [
  // The id not first, a flow item, a quoted id, spaces after the dash (on the fast path, with an outline).
  'kpi: 1\nkpis:\n  - name: A\n    id: a\n  - { id: c, name: C }\n  - id: "d"\n  -   id: e\n',
  // A comment after `id:` and the value on the next line: the file leaves the fast path, and has no outline.
  'kpi: 1\nkpis:\n  - id: # later\n      b\n  - id: f\n',
  'kpi: 1\r\ngoals:\r\n  - id: g\r\n    title: G\r\nkpis:\r\n  - id: k\r\n    goals: [g]\r\n',
];

describe('the line of a goal or KPI id, told from the outline', () => {
  it('is the line locate gives, for every goal and KPI of the samples, the benchmark files and the corners', () => {
    let fast = 0;
    let all = 0;
    const files = [...sampleAndBenchmarkFiles(), ...CORNERS.map((text, i) => ({ name: `corner ${i}`, text }))];
    for (const { name, text } of files) {
      const file = parseKpiFile(path.join('/ws', name), text);
      const lines = new LineIndex(text);
      for (const item of [...file.goals, ...file.kpis]) {
        all++;
        const told = file.idLineStart?.(item.path);
        if (told === undefined) continue;
        fast++;
        assert.equal(lines.lineOf(told), lines.lineOf(file.locate([...item.path, 'id']).start), `${name} ${item.id}`);
      }
    }
    // Most ids are told without reading the item; the corners that cannot be are left to locate.
    assert.ok(fast > all * 0.9, `${fast} of ${all}`);
  });

  it('leaves to locate what the first line does not tell', () => {
    const file = parseKpiFile('/ws/corner.kpi.yaml', CORNERS[0]);
    assert.deepEqual(
      file.kpis.map((k) => [k.id, file.idLineStart?.(k.path) !== undefined]),
      [
        ['a', false],
        ['c', false],
        ['d', true],
        ['e', true],
      ],
    );
    const noOutline = parseKpiFile('/ws/comment.kpi.yaml', CORNERS[1]);
    assert.deepEqual(
      noOutline.kpis.map((k) => [k.id, noOutline.idLineStart?.(k.path)]),
      [
        ['b', undefined],
        ['f', undefined],
      ],
    );
  });
});
