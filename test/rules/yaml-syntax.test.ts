import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fastParseData } from '../../server/src/core/fast-yaml';
import { useFastParser } from '../../server/src/core/parse';
import { found, type Found, GOOD_FILE, lintFixture, lintRule, messages, spans, yaml } from '../helpers';

interface Run {
  readonly found: Found[];
  readonly messages: string[];
  readonly spans: { code: string; text: string }[];
}

/**
 * Lints `text` with the whole catalog `times` times in a fresh Node process.
 * Deep nesting can take V8 down with a fatal error no `try` can catch, so it
 * runs apart from the test runner, where a crash fails the test instead.
 */
function lintApart(text: string, times = 1): Run[] {
  const script = `
    const h = require(${JSON.stringify(path.join(__dirname, '..', 'helpers.js'))});
    const text = require('node:fs').readFileSync(0, 'utf8');
    const runs = [];
    for (let i = 0; i < ${times}; i++) {
      const result = h.lintFixture({ 'a.kpi.yaml': text });
      runs.push({ found: h.found(result), messages: h.messages(result), spans: h.spans(result) });
    }
    process.stdout.write(JSON.stringify(runs));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8', timeout: 60_000 });
  const fatal = child.stderr.split('\n').find((line) => /error/i.test(line)) ?? child.stderr.slice(0, 300);
  assert.equal(child.status, 0, `the linting process died (${child.signal ?? `exit ${child.status}`}): ${fatal}`);
  return JSON.parse(child.stdout) as Run[];
}

/** `length` bytes of deterministic junk (a linear congruential generator), as the characters U+0000–U+00FF. */
function junk(seed: number, length: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += String.fromCharCode(state >> 23);
  }
  return text;
}

const NESTED_TOO_DEEPLY = 'The YAML nests more than 200 levels deep: flatten it.';

describe('yaml-syntax', () => {
  it('stays silent for valid YAML, anchors and aliases included', () => {
    const file = yaml`
      kpi: 1
      x-system: &crm CRM monthly export
      kpis:
        - id: churn
          name: Churn
          category: customer
          source: *crm
    `;
    assert.deepEqual(lintRule('yaml-syntax', { 'sales.kpi.yaml': GOOD_FILE, 'churn.kpi.yaml': file }), []);
  });

  it('reports broken YAML on the offending token, and nothing else for that file', () => {
    const files = {
      'a.kpi.yaml': 'kpi: 1\nkpis:\n\t- id: churn\n',
      'b.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: churn
            goals: [keep-customers
            name: Churn
      `,
    };
    const result = lintFixture(files);
    assert.deepEqual(
      result.files.flatMap((f) => f.diagnostics.map((d) => d.code)),
      ['yaml-syntax', 'yaml-syntax'],
    );
    assert.deepEqual(lintRule('yaml-syntax', files), [
      { file: 'a.kpi.yaml', line: 3, code: 'yaml-syntax' },
      { file: 'b.kpi.yaml', line: 5, code: 'yaml-syntax' },
    ]);
    assert.deepEqual(spans(result)[0], { code: 'yaml-syntax', text: '\t' });
    assert.equal(messages(result)[0], 'A tab in the indentation: indent with spaces, not tabs.');
  });

  it('reports tabs in the indentation once per file, on the first tab, with either parser', () => {
    const text = GOOD_FILE.replace('    owner: Erik Lund\n    rationale', '\towner: Erik Lund\n\trationale').replace(
      '      - { date: 2026-09',
      '\t  - { date: 2026-09',
    );
    for (const fast of [true, false]) {
      useFastParser(fast);
      try {
        const result = lintFixture({ 'a.kpi.yaml': text });
        assert.deepEqual(found(result), [{ file: 'a.kpi.yaml', line: 10, code: 'yaml-syntax' }]);
        assert.deepEqual(spans(result), [{ code: 'yaml-syntax', text: '\t' }]);
        assert.deepEqual(messages(result), ['A tab in the indentation: indent with spaces, not tabs.']);
      } finally {
        useFastParser(true);
      }
    }
  });

  it('says what to write for the YAML mistakes people make by hand', () => {
    const cases: [string, string, string][] = [
      ['unit: "%"', 'unit: %', 'A value cannot start with `%` in YAML: put it in quotes, `"%"`.'],
      ['owner: Erik Lund', 'owner:Erik Lund', 'Put a space after the colon: `owner: Erik Lund`.'],
      [
        'rationale: Decides the sales hiring plan.',
        'rationale: Decides one thing: hiring',
        'A value with `: ` in it needs quotes: write `rationale: "Decides one thing: hiring"`.',
      ],
    ];
    for (const [from, to, message] of cases) {
      assert.deepEqual(messages(lintFixture({ 'a.kpi.yaml': GOOD_FILE.replace(from, to) })), [message], to);
    }
  });

  it('still lints the other files of the workspace', () => {
    const files = {
      'a.kpi.yaml': 'kpi: 1\nkpis:\n\t- id: churn\n',
      'b.kpi.yaml': yaml`
        kpi: 1
        kpis:
          - id: nps
            name: Net promoter score
            category: customer
      `,
    };
    assert.deepEqual(lintRule('yaml-syntax', files), [{ file: 'a.kpi.yaml', line: 3, code: 'yaml-syntax' }]);
    assert.deepEqual(lintRule('missing-owner', files), [{ file: 'b.kpi.yaml', line: 3, code: 'missing-owner' }]);
  });

  it('reports a second YAML document on its `---` line, in words of this tool, not of the YAML library', () => {
    const text = `${GOOD_FILE}---\n${GOOD_FILE}`;
    const result = lintFixture({ 'a.kpi.yaml': text });
    assert.deepEqual(found(result), [{ file: 'a.kpi.yaml', line: GOOD_FILE.split('\n').length, code: 'yaml-syntax' }]);
    assert.deepEqual(messages(result), [
      'The file holds more than one YAML document (a `---` line after content): a KPI file is one document; split it into two files.',
    ]);
  });

  it('reports each duplicate key on the later key', () => {
    const text = yaml`
      kpi: 1
      title: Sales
      title: Sales 2026
      goals:
        - id: grow-revenue
          id: grow-sales
          title: Grow revenue
    `;
    const result = lintFixture({ 'a.kpi.yaml': text });
    assert.deepEqual(lintRule('yaml-syntax', { 'a.kpi.yaml': text }), [
      { file: 'a.kpi.yaml', line: 3, code: 'yaml-syntax' },
      { file: 'a.kpi.yaml', line: 6, code: 'yaml-syntax' },
    ]);
    assert.deepEqual(
      result.files[0].diagnostics.map((d) => [d.code, d.span.start]),
      [
        ['yaml-syntax', text.indexOf('title: Sales 2026')],
        ['yaml-syntax', text.indexOf('id: grow-sales')],
      ],
    );
    assert.deepEqual(messages(result), [
      'The key `title` is already set above in this mapping: remove this one or rename it.',
      'The key `id` is already set above in this mapping: remove this one or rename it.',
    ]);
  });

  it('reports an alias bomb once, without expanding it', () => {
    const lines = ['kpi: 1', 'x-0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++)
      lines.push(
        `x-${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const result = lintFixture({ 'a.kpi.yaml': `${lines.join('\n')}\n` });
    // Ten billion nodes have no single offending token: the diagnostic marks the first alias.
    assert.deepEqual(found(result), [{ file: 'a.kpi.yaml', line: 3, code: 'yaml-syntax' }]);
    assert.deepEqual(messages(result), ['Remove the aliases: expanding them would exceed 1000 nodes (an alias bomb).']);
  });

  it('reports an alias to an undefined anchor on the alias, not as an alias bomb', () => {
    const text = 'kpi: 1\ntitle: *scorecard\n';
    const result = lintFixture({ 'a.kpi.yaml': text });
    assert.deepEqual(lintRule('yaml-syntax', { 'a.kpi.yaml': text }), [{ file: 'a.kpi.yaml', line: 2, code: 'yaml-syntax' }]);
    assert.deepEqual(spans(result), [{ code: 'yaml-syntax', text: '*scorecard' }]);
    assert.doesNotMatch(messages(result)[0], /bomb/);
  });

  it('reports 20,000 nested brackets, closed or not, once and without an exception', () => {
    for (const text of ['['.repeat(20_000), `${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, `kpi: 1\ntitle: ${'['.repeat(20_000)}\n`]) {
      const [run] = lintApart(text);
      const line = text.startsWith('kpi') ? 2 : 1;
      assert.deepEqual(run, {
        found: [{ file: 'a.kpi.yaml', line, code: 'yaml-syntax' }],
        messages: [NESTED_TOO_DEEPLY],
        spans: [{ code: 'yaml-syntax', text: '[' }],
      });
    }
  });

  it('bounds the nesting of a file the fast parser reads as it bounds it when yaml reads the file', () => {
    const cases: { text: string; line: number; span: string }[] = [
      // A comment and a block scalar's line indented beyond the bound.
      { text: `kpi: 1\nnotes:\n  a: 1\n${' '.repeat(201)}# far right\n`, line: 4, span: '#' },
      { text: `kpi: 1\ntitle: |\n  a\n${' '.repeat(202)}b\n`, line: 4, span: 'b' },
      // Indentation, compact sequences and brackets adding up on one line.
      { text: `kpi: 1\nnotes:\n${' '.repeat(100)}${'- '.repeat(101)}x\n`, line: 3, span: 'x' },
      { text: `kpi: 1\nnotes:\n${' '.repeat(150)}b: ${'['.repeat(60)}${']'.repeat(60)}\n`, line: 3, span: '[' },
      // Brackets the bound counts in plain scalars and after a quoted `\\`, never closed.
      { text: `kpi: 1\nnotes:\n${'  - see [n\n'.repeat(201)}`, line: 202, span: '[' },
      { text: `kpi: 1\nnotes:\n${'  - ["a\\\\", b]\n'.repeat(201)}`, line: 202, span: '[' },
    ];
    for (const { text, line, span } of cases) {
      assert.ok(fastParseData(text), `the fast parser reads ${JSON.stringify(text.slice(0, 60))}`);
      for (const fast of [true, false]) {
        useFastParser(fast);
        try {
          const result = lintFixture({ 'a.kpi.yaml': text });
          assert.deepEqual(found(result), [{ file: 'a.kpi.yaml', line, code: 'yaml-syntax' }]);
          assert.deepEqual(messages(result), [NESTED_TOO_DEEPLY]);
          assert.deepEqual(spans(result), [{ code: 'yaml-syntax', text: span }]);
        } finally {
          useFastParser(true);
        }
      }
    }
  });

  it('survives linting a deeply nested file again in the same process, as the editor does on every edit', () => {
    const runs = lintApart('['.repeat(20_000), 2);
    assert.deepEqual(
      runs.map((r) => r.messages),
      [[NESTED_TOO_DEEPLY], [NESTED_TOO_DEEPLY]],
    );
  });

  it('reports binary junk once, on its first NUL byte', () => {
    const text = `kpi: 1\ntitle: Sales\n\u0000${junk(42, 512)}\u0000${junk(7, 512)}`;
    const result = lintFixture({ 'a.kpi.yaml': text });
    assert.deepEqual(found(result), [{ file: 'a.kpi.yaml', line: 3, code: 'yaml-syntax' }]);
    assert.deepEqual(spans(result), [{ code: 'yaml-syntax', text: '\u0000' }]);
    assert.equal(messages(result)[0], 'The file contains binary data (a NUL byte): a KPI file must be UTF-8 text.');
  });
});
