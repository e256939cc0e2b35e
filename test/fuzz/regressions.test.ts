import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFixture, messages, REPO, spans } from '../helpers';
import { loadCorpus } from './corpus';
import { checkEngine } from './engine';
import { inEnglish } from '../machine';

/** Inputs the fuzzer found a bug with, kept as files in test/fuzz/regressions/ (also part of the fuzz corpus). */
const REGRESSIONS = path.join(REPO, 'test/fuzz/regressions');

/** What `kpi lint --format json` reports for each, as `line:column-endLine:endColumn code message`. */
const EXPECTED: Record<string, string[]> = {
  // A backtick in the value defeated the shortening of the quoted value: a message of 8,000 characters.
  'backtick-in-long-id.kpi.yaml': [
    '3:9-3:13 missing-target KPI `csat` has no target: add `target: { value, date }` so its status can be judged.',
    '6:13-6:4025 schema The 1st entry of `goals` of KPI `csat` must be a lower-case slug (letters a-z, digits and single hyphens, like `sales-growth`), not `"long-long-long-long-long-long-long-l...`.',
    '6:13-6:4025 unknown-goal Goal `long-long-long-long-long-long-long-long-long-long-long-long-…long-long-`quoted`-id-id-id-id-id-id-id-id-id-id-id-id-id-id-id-id-id-id-id-id…-id-id-end` is not defined in any KPI file of the workspace: define the goal.',
  ],
  // yaml printed "Keys with collection values will be stringified" on stderr.
  'collection-as-key.kpi.yaml': [],
  // The error's span ended between the two halves of the emoji.
  'emoji-before-error.kpi.yaml': ['4:12-4:14 yaml-syntax A value with `: ` in it needs quotes: write `title: "😀 Happy: customers"`.'],
  // `: - - - …` escaped the nesting bound: yaml ran out of stack and said so, at a place that changed with the stack left.
  'explicit-value-nesting.kpi.yaml': ['4:2005-4:2006 yaml-syntax The YAML nests more than 200 levels deep: flatten it.'],
  // One line, no line break: the span of "not a mapping" was the first half of the emoji.
  'emoji-only.kpi.yaml': ['1:1-1:3 schema A KPI file must be a mapping with `kpi: 1`, `goals` and `kpis`, not a list or a single value.'],
  // A lone CR ends a line in every editor: the error is on line 7 there, the CLI said 6.
  'lone-carriage-return.kpi.yaml': ['7:1-7:1 yaml-syntax Flow sequence in block collection must be sufficiently indented and end with a ].'],
  // The message quoted all 10,000 characters of the id.
  'long-goal-id.kpi.yaml': [
    '3:9-3:12 missing-target KPI `nps` has no target: add `target: { value, date }` so its status can be judged.',
    '6:13-6:10017 unknown-goal Goal `very-very-very-very-very-very-very-very-very-very-very-very-…-very-long` is not defined in any KPI file of the workspace: define the goal.',
  ],
  // The message carried a raw escape sequence, which clears the terminal `kpi lint` prints to.
  'terminal-escape-in-id.kpi.yaml': [
    '3:9-3:14 missing-target KPI `churn` has no target: add `target: { value, date }` so its status can be judged.',
    '6:13-6:33 schema The 1st entry of `goals` of KPI `churn` must be a lower-case slug (letters a-z, digits and single hyphens, like `sales-growth`), not `"keep\\u001b[2Jcustomers"`.',
    '6:13-6:33 unknown-goal Goal `keep\\u001b[2Jcustomers` is not defined in any KPI file of the workspace: define the goal.',
  ],
};

interface Reported {
  files: { path: string; diagnostics: { line: number; column: number; endLine: number; endColumn: number; code: string; message: string }[] }[];
}

describe('fuzz regressions', () => {
  it('kpi lint reports each input that once failed as a user should see it, and nothing on stderr', () => {
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), 'lint', '--format', 'json', '--as-of', '2026-11-27'], {
      cwd: REGRESSIONS,
      encoding: 'utf8',
      env: inEnglish(),
      timeout: 60_000,
    });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as Reported;
    const byFile = Object.fromEntries(
      report.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.code} ${d.message}`)]),
    );
    assert.deepEqual(byFile, EXPECTED);
  });

  it('each passes every check of the fuzzer: ranges where the editor shows them, whole characters, printable one-line messages', () => {
    const corpus = loadCorpus();
    const workspace = corpus.find((w) => w.root === REGRESSIONS)!;
    assert.deepEqual([...workspace.kpiFiles.keys()].map((f) => path.basename(f)).sort(), Object.keys(EXPECTED).sort());
    for (const [target, text] of workspace.kpiFiles) {
      const outcome = checkEngine(corpus, { runSeed: 0, index: 0, workspace: workspace.name, target, edits: [], text }, { differential: true });
      assert.deepEqual(outcome.problems, [], path.basename(target));
    }
  });

  it(
    'reads a mapping of 60,000 keys outside the fast parser without comparing every key with every other (40,000 keys took 17 s)',
    { timeout: 30_000 }, // a hang guard: it takes about a second
    () => {
      const keys = Array.from({ length: 60_000 }, (_, i) => `  k${i}: ${i}`);
      keys.push('  k17: again');
      // A tag takes the file outside the fast parser's subset, to yaml itself.
      const text = `kpi: 1\ntitle: !!str Big\nx-table:\n${keys.join('\n')}\n`;
      const result = lintFixture({ 'big.kpi.yaml': text });
      assert.deepEqual(messages(result), ['The key `k17` is already set above in this mapping: remove this one or rename it.']);
      assert.deepEqual(spans(result), [{ code: 'yaml-syntax', text: 'k17' }]);
      assert.equal(result.files[0].lines.lineOf(result.files[0].diagnostics[0].span.start) + 1, 60_004);
    },
  );
});
