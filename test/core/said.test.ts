import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_CONFIG } from '../../server/src/core/config';
import { parseCalendarDay } from '../../server/src/core/dates';
import { translator, type MessageData } from '../../server/src/core/l10n/catalogue';
import { lintWorkspace } from '../../server/src/core/lint';
import { parseKpiFile } from '../../server/src/core/parse';
import { readableMessage } from '../../server/src/core/readable';
import { RULES } from '../../server/src/core/rules';
import type { Rule } from '../../server/src/core/rule';
import { memoryReader, ROOT } from '../helpers';

/**
 * kpi lint says a message once for the same rule, message and data, and
 * reuses it: data that differs only where JSON would not tell (NaN, the
 * infinities, -0, a number or its text) must still get its own words.
 */

const meta = RULES.find((rule) => rule.meta.id === 'unrealistic-target')!.meta;

const FACTORS = [1, 1, NaN, Infinity, -Infinity, 0, -0, 1.5, 1];

/** Data with parts in words (said without the memo)… */
const NESTED: MessageData[] = FACTORS.map((factor) => ({
  target: '84 %',
  due: '2026-12',
  required: { key: 'rules.unrealistic-target.per-month', data: { amount: '1 %' } },
  factor,
  best: { key: 'rules.unrealistic-target.per-month', data: { amount: String(factor) } },
}));

/** …and texts and numbers only (said once, then found in the memo). */
const FLAT: MessageData[] = FACTORS.map((factor) => ({ target: '84 %', due: '2026-12', required: '1 % a month', factor, best: `${factor} a month` }));

const DATA: MessageData[] = [...NESTED, ...FLAT];

/** A rule that says its message with each of DATA, on the KPI's target. */
const saying: Rule = {
  scope: 'file',
  meta,
  check({ workspace, report }) {
    for (const kpi of workspace.kpis)
      for (const messageData of DATA) report({ file: kpi.file, at: { path: [...kpi.path, 'target'] }, messageId: 'faster', messageData });
  },
};

describe('the messages of findings', () => {
  for (const locale of ['en', 'sv'] as const) {
    it(`are the words of their own data, said once or again (${locale})`, () => {
      const file = parseKpiFile(
        `${ROOT}/a.kpi.yaml`,
        'kpi: 1\nkpis:\n  - id: a\n    name: A\n    category: financial\n    target: { value: 1, date: 2026-12 }\n',
      );
      const options = { root: ROOT, asOf: parseCalendarDay('2026-11-27')!, config: EMPTY_CONFIG, reader: memoryReader({}), rules: [saying], locale };
      const words = translator(locale);
      const expected = DATA.map((data) => readableMessage(words.t('rules.unrealistic-target.faster', data)));
      // Twice: the second run finds every message said before.
      for (let run = 0; run < 2; run++) {
        const [result] = lintWorkspace([file], options).files;
        assert.deepEqual(
          result.diagnostics.map((d) => d.message),
          expected,
        );
      }
      // The infinities, NaN and -0 are said as themselves, not as one another.
      assert.equal(new Set(expected.slice(2, 7)).size, 5);
      assert.equal(new Set(expected.slice(FACTORS.length + 2, FACTORS.length + 7)).size, 5);
    });
  }
});

describe('the memo of messages said', () => {
  // Pairs a key of joined values would take for one: the text moves between two values, a part in words stands where its text was.
  const PAIRS: MessageData[] = [
    { target: '1', due: '23', required: '5', factor: 2, best: '6' },
    { target: '12', due: '3', required: '5', factor: 2, best: '6' },
    { target: '1', due: '23', required: { key: 'rules.unrealistic-target.per-month', data: { amount: '5' } }, factor: 2, best: '6' },
    { target: '1', due: '23', required: '5 a month', factor: 2, best: '6' },
    { target: '1', due: '23', required: '5', factor: 2, best: '6 s1:x' },
    { target: '1', due: '23', required: '5', factor: 2, best: '6', extra: 's1:x' },
  ];
  const pairing: Rule = {
    scope: 'file',
    meta,
    check({ workspace, report }) {
      for (const kpi of workspace.kpis)
        for (const messageData of PAIRS) report({ file: kpi.file, at: { path: [...kpi.path, 'target'] }, messageId: 'faster', messageData });
    },
  };

  it('tells data apart where only the split between its values differs', () => {
    const file = parseKpiFile(
      `${ROOT}/b.kpi.yaml`,
      'kpi: 1\nkpis:\n  - id: b\n    name: B\n    category: financial\n    target: { value: 1, date: 2026-12 }\n',
    );
    const options = {
      root: ROOT,
      asOf: parseCalendarDay('2026-11-27')!,
      config: EMPTY_CONFIG,
      reader: memoryReader({}),
      rules: [pairing],
      locale: 'en' as const,
    };
    const [result] = lintWorkspace([file], options).files;
    assert.deepEqual(
      result.diagnostics.map((d) => d.message),
      [
        'Target 1 by 23 needs 5, 2.0× the best pace so far (6): set a reachable target or a later date.',
        'Target 12 by 3 needs 5, 2.0× the best pace so far (6): set a reachable target or a later date.',
        'Target 1 by 23 needs 5 a month, 2.0× the best pace so far (6): set a reachable target or a later date.',
        'Target 1 by 23 needs 5 a month, 2.0× the best pace so far (6): set a reachable target or a later date.',
        'Target 1 by 23 needs 5, 2.0× the best pace so far (6 s1:x): set a reachable target or a later date.',
        'Target 1 by 23 needs 5, 2.0× the best pace so far (6): set a reachable target or a later date.',
      ],
    );
  });
});

describe('the messages a rule said last', () => {
  it('are said again only for the same data: a data object the rule changes after a report gets its new words', () => {
    const shared: Record<string, string | number> = { target: '84 %', due: '2026-12', required: '1 % a month', factor: 2, best: '0.5 % a month' };
    const reusing: Rule = {
      scope: 'file',
      meta,
      check({ workspace, report }) {
        for (const kpi of workspace.kpis)
          for (const factor of [2, 3, 2, 3, 3]) {
            shared.factor = factor;
            report({ file: kpi.file, at: { path: [...kpi.path, 'target'] }, messageId: 'faster', messageData: shared });
          }
      },
    };
    const file = parseKpiFile(
      `${ROOT}/c.kpi.yaml`,
      'kpi: 1\nkpis:\n  - id: c\n    name: C\n    category: financial\n    target: { value: 1, date: 2026-12 }\n',
    );
    const options = {
      root: ROOT,
      asOf: parseCalendarDay('2026-11-27')!,
      config: EMPTY_CONFIG,
      reader: memoryReader({}),
      rules: [reusing],
      locale: 'en' as const,
    };
    const said = (factor: string) =>
      `Target 84 % by 2026-12 needs 1 % a month, ${factor}× the best pace so far (0.5 % a month): set a reachable target or a later date.`;
    const [result] = lintWorkspace([file], options).files;
    assert.deepEqual(
      result.diagnostics.map((d) => d.message),
      ['2.0', '3.0', '2.0', '3.0', '3.0'].map(said),
    );
  });
});

describe('readableMessage', () => {
  it('keeps a short message as it is and escapes what a terminal would obey', () => {
    assert.equal(readableMessage('Unknown goal `grow`.'), 'Unknown goal `grow`.');
    assert.equal(readableMessage('Unknown goal `a\u001b[2Jb`\r\n.'), 'Unknown goal `a\\u001b[2Jb`\\r\\n.');
  });

  it('shortens a long quoted value, and a long message without quotes', () => {
    const long = 'x'.repeat(100);
    assert.equal(readableMessage(`Unknown goal \`${long}\`.`), `Unknown goal \`${'x'.repeat(60)}…${'x'.repeat(10)}\`.`);
    assert.equal(readableMessage(`Words ${long}`), `Words ${long}`);
    assert.equal(readableMessage('y'.repeat(401)), `${'y'.repeat(60)}…${'y'.repeat(10)}`);
  });
});
