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

const DATA: MessageData[] = [1, 1, NaN, Infinity, -Infinity, 0, -0, 1.5, 1].map((factor) => ({
  target: '84 %',
  due: '2026-12',
  required: { key: 'rules.unrealistic-target.per-month', data: { amount: '1 %' } },
  factor,
  best: { key: 'rules.unrealistic-target.per-month', data: { amount: String(factor) } },
}));

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
    });
  }
});
