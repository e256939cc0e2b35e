import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCalendarDay } from '../../server/src/core/dates';
import { codeActions } from '../../server/src/lsp/service/code-actions';
import { completions } from '../../server/src/lsp/service/completion';
import { cursorContext } from '../../server/src/lsp/service/context';
import { toLspDiagnostic } from '../../server/src/lsp/service/diagnostics';
import { escapeMarkdown, inlineCode } from '../../server/src/lsp/service/markdown';
import { lintFixture, yaml } from '../helpers';

const DOC = yaml`
  kpi: 1
  goals:
    - id: g1
      title: T
      st
  kpis:
    - id: k
      name: N
      direction: d
      frequency:
      target:
        va
      thresholds: { atRisk: 1, offTrack: 0 }
      measurements:
        - date: 2026-01
          no
      source:
        fi
  ti
`;

describe('language service', () => {
  it('reads where the cursor is from the lines around it', () => {
    const at = (line: number) => cursorContext(DOC, line, DOC.split('\n')[line].length);
    assert.deepEqual(at(4), { kind: 'key', place: 'goal', prefix: 'st', present: ['title', 'id'], newItem: false, listOf: 'goals' });
    assert.deepEqual(at(8), { kind: 'value', place: 'kpi', key: 'direction', prefix: 'd' });
    assert.deepEqual(at(9), { kind: 'value', place: 'kpi', key: 'frequency', prefix: '' });
    assert.deepEqual(at(11), { kind: 'key', place: 'point', prefix: 'va', present: [], newItem: false, listOf: undefined });
    assert.deepEqual(at(15), { kind: 'key', place: 'measurement', prefix: 'no', present: ['date'], newItem: false, listOf: undefined });
    assert.deepEqual(at(17), { kind: 'key', place: 'source', prefix: 'fi', present: [], newItem: false, listOf: undefined });
    assert.deepEqual(at(18), { kind: 'key', place: 'root', prefix: 'ti', present: ['kpis', 'goals', 'kpi'], newItem: false, listOf: undefined });
    assert.deepEqual(cursorContext('kpi: 1\n# a comment ', 1, 12), { kind: 'none' });
  });

  it('completes the values of every enum with their meaning', () => {
    const values = (text: string, line: number) => completions(text, line, text.split('\n')[line].length, undefined).map((i) => i.label);
    assert.deepEqual(values(DOC, 8), ['increase', 'decrease']);
    assert.deepEqual(values(DOC, 9), ['daily', 'weekly', 'monthly', 'quarterly', 'yearly']);
    assert.deepEqual(values('kpi: 1\ngoals:\n  - id: a\n    status: ', 3), ['active', 'achieved', 'dropped']);
    assert.deepEqual(values(DOC, 11), ['value', 'date']);
    assert.deepEqual(values(DOC, 15), ['value', 'note']);
    assert.deepEqual(values(DOC, 17), ['file', 'sheet', 'date', 'value', 'connection', 'query', 'queryFile']);
  });

  it('inserts each missing field with a placeholder under the KPI id', () => {
    const text = 'kpi: 1\ngoals:\n  - { id: g, title: G }\nkpis:\n  - id: bare\n    name: Bare\n    category: hr\n    goals: [g]\n';
    const result = lintFixture({ 'a.kpi.yaml': text });
    const { file, lines, diagnostics } = result.files[0];
    const inserted = diagnostics
      .map((d) => toLspDiagnostic(d, lines))
      .map((d) => codeActions(file, lines, 'file:///a.kpi.yaml', [d], parseCalendarDay('2026-11-27')!)[0])
      .map((a) => `${a.title} → ${JSON.stringify(a.edit!.changes!['file:///a.kpi.yaml'][0].newText)}`);
    assert.deepEqual(inserted, [
      'Add `frequency` → "    frequency: monthly\\n"',
      'Add `owner` → "    owner: TODO\\n"',
      'Add `rationale` → "    rationale: TODO\\n"',
      'Add `source` → "    source: TODO\\n"',
      'Add `target` → "    target: { value: 0, date: 2026-12 }\\n"',
      'Add `unit` → "    unit: TODO\\n"',
    ]);
  });

  it('offers no change to a goal id that is not a slug, whatever data a diagnostic brings back', () => {
    const text = 'kpi: 1\nkpis:\n  - id: churn\n    name: Churn\n    category: customer\n    goals: [lojala-kunder]\n';
    const { file, lines } = lintFixture({ 'a.kpi.yaml': text }).files[0];
    const range = { start: { line: 5, character: 12 }, end: { line: 5, character: 25 } };
    const titles = (suggestion: string) =>
      codeActions(
        file,
        lines,
        'file:///a.kpi.yaml',
        [{ range, message: 'm', source: 'kpi', code: 'unknown-goal', data: { goalId: 'lojala-kunder', suggestion } }],
        parseCalendarDay('2026-11-27')!,
      ).map((a) => a.title);
    assert.equal(titles('lojala-kunder-aao')[0], 'Change to `lojala-kunder-aao`');
    assert.ok(!titles('lojala-kunder-åäö').some((t) => t.startsWith('Change to')), titles('lojala-kunder-åäö').join('; '));
  });

  it('escapes KPI text in hover Markdown', () => {
    assert.equal(escapeMarkdown('[x](javascript:alert(1)) <img src=x> *b* `c`'), '\\[x\\]\\(javascript\\:alert\\(1\\)\\) &lt;img src=x&gt; \\*b\\* \\`c\\`');
    assert.equal(inlineCode('a`b'), '``a`b``');
  });
});
