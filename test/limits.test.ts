import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ALIAS_EXPANSIONS, MAX_FILE_BYTES, MAX_KPIS_PER_FILE } from '../server/src/core/parse';
import { MAX_CSV_ROWS } from '../server/src/core/sources';
import { GOOD_FILE, lintFixture, yaml } from './helpers';

/**
 * The documented limits (docs/reliability.md, Limits): beyond each, one clear diagnostic
 * (code, line and message) and the rest of the workspace still linted.
 */

/** A clean file and a file with two known problems, linted beside the file over a limit. */
const BESIDE = {
  'good.kpi.yaml': GOOD_FILE,
  'unlinked.kpi.yaml': GOOD_FILE.replace(/^ *goals: .*\n/m, '')
    .replace(/grow-revenue\n/, 'grow-margin\n')
    .replace('sales-growth', 'gross-margin'),
};
const BESIDE_FOUND = { 'good.kpi.yaml': [], 'unlinked.kpi.yaml': ['3 unmeasured-goal', '6 unlinked-kpi'] };

/** Each file's diagnostics as `line code` (and, with `withMessages`, `line code message`). */
function lint(files: Record<string, string>, config?: string): Record<string, string[]> {
  const result = lintFixture({ ...files, ...BESIDE }, config === undefined ? {} : { config });
  return Object.fromEntries(
    result.files.map(({ file, lines, diagnostics }) => [
      file.path.split('/').pop()!,
      diagnostics.map(
        (d) =>
          `${lines.lineOf(d.span.start) + 1} ${d.code}${file.path.endsWith('good.kpi.yaml') || file.path.endsWith('unlinked.kpi.yaml') ? '' : ` ${d.message}`}`,
      ),
    ]),
  );
}

/**
 * A file of `count` complete KPIs (no rule fires on them), ids prefixed
 * `prefix`, five per goal for the first 5,000 (the goals first: `kpis` is on
 * line 1,003); KPIs beyond the limit link to the last goal.
 */
function manyKpis(prefix: string, count: number): string[] {
  const categories = ['financial', 'operational', 'customer', 'hr'];
  const goalCount = Math.ceil(Math.min(count, MAX_KPIS_PER_FILE) / 5);
  const goals = Array.from({ length: goalCount }, (_, g) => `  - { id: ${prefix}-g${g}, title: Goal ${g} }`);
  const kpis = Array.from(
    { length: count },
    (_, i) =>
      `  - { id: ${prefix}-k${i}, name: Measure ${i}, category: ${categories[i % 4]}, goals: [${prefix}-g${Math.min(Math.floor(i / 5), goalCount - 1)}], owner: Ann, rationale: Decides the plan., ` +
      'unit: "%", frequency: monthly, baseline: { value: 1, date: 2025-12 }, target: { value: 2, date: 2026-12 }, source: Warehouse, measurements: [{ date: 2026-10, value: 1.9 }] }',
  );
  return ['kpi: 1', 'goals:', ...goals, 'kpis:', ...kpis];
}

describe('limits', () => {
  it(`a file over ${MAX_FILE_BYTES / 1024 / 1024} MB: one yaml-syntax error on its first line, not parsed further`, () => {
    const huge = `kpi: 1\ntitle: "${'x'.repeat(5 * 1024 * 1024)}"\nkpis: [{ id: Bad Id }]\n`;
    assert.deepEqual(lint({ 'huge.kpi.yaml': huge }), {
      'huge.kpi.yaml': ['1 yaml-syntax The file is 5.0 MB, over the limit of 4 MB: split it into smaller KPI files.'],
      ...BESIDE_FOUND,
    });
  });

  it(`aliases that would expand to more than ${MAX_ALIAS_EXPANSIONS} nodes: one yaml-syntax error on the first alias`, () => {
    const levels = ['kpi: 1', 'x-0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 5; i++)
      levels.push(
        `x-${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    assert.deepEqual(lint({ 'bomb.kpi.yaml': `${levels.join('\n')}\n` }), {
      'bomb.kpi.yaml': ['3 yaml-syntax Remove the aliases: expanding them would exceed 1000 nodes (an alias bomb).'],
      ...BESIDE_FOUND,
    });
  });

  it(`aliases within the limit are read as written`, () => {
    const text = yaml`
      kpi: 1
      x-system: &crm CRM monthly export
      x-more: [*crm, *crm, *crm]
    `;
    assert.deepEqual(lint({ 'aliases.kpi.yaml': text }), { 'aliases.kpi.yaml': [], ...BESIDE_FOUND });
  });

  it(`a CSV source of more than ${MAX_CSV_ROWS} rows: one source-bad-row warning, and only the first rows are read`, () => {
    // Daily rows up to 2026-10-31 on row 100,000; row 100,001 (2026-11-01) would become the latest if it were read.
    // The values move a little (5.8, 5.9, …), so the KPI's pace makes its target reachable.
    const last = Date.UTC(2026, 9, 31);
    const day = (n: number) => new Date(last - (MAX_CSV_ROWS - 1 - n) * 86_400_000).toISOString().slice(0, 10);
    const csv = ['day,share', ...Array.from({ length: MAX_CSV_ROWS + 1 }, (_, n) => `${day(n)},${n % 2 === 0 ? '5.8' : '5.9'}`), ''].join('\n');
    const kpi = GOOD_FILE.replace('sales-growth', 'web-share').replace(
      / *source: .*\n *measurements:\n(.*\n)*/,
      '    source: { file: data/share.csv, date: day, value: share }\n',
    );
    const files = { 'share.kpi.yaml': kpi.replace('grow-revenue', 'grow-share').replace('grow-revenue', 'grow-share'), 'data/share.csv': csv };
    assert.deepEqual(lint(files), {
      'share.kpi.yaml': [`17 source-bad-row data/share.csv has more than 100,000 rows; only the first 100,000 are read: keep the file smaller.`],
      ...BESIDE_FOUND,
    });
    const result = lintFixture({ ...files, ...BESIDE });
    const status = result.workspace.status(result.workspace.kpi('web-share')!);
    assert.equal(status.history.length, MAX_CSV_ROWS);
    assert.equal(status.latest?.date.text, '2026-10-31');
  });

  it(`a file of more than ${MAX_KPIS_PER_FILE} KPIs: one too-many-kpis warning on its kpis key instead of the usual one, and the KPIs after the first ${MAX_KPIS_PER_FILE} are not linted`, () => {
    const atLimit = manyKpis('a', MAX_KPIS_PER_FILE);
    // The KPI after the limit is broken in three ways no rule may report.
    const overLimit = [...manyKpis('o', MAX_KPIS_PER_FILE), '  - { id: Not A Slug, category: nonsense, goals: [nowhere] }'];
    const found = lint({ 'at-limit.kpi.yaml': `${atLimit.join('\n')}\n`, 'over-limit.kpi.yaml': `${overLimit.join('\n')}\n` });
    assert.deepEqual(found, {
      'at-limit.kpi.yaml': ['1003 too-many-kpis This file defines 5,000 KPIs, more than 15: keep the few that matter or split the file.'],
      'over-limit.kpi.yaml': [
        '1003 too-many-kpis This file lists 5,001 KPIs, over the limit of 5,000: split it into smaller files (only the first 5,000 are linted).',
      ],
      ...BESIDE_FOUND,
    });
    const result = lintFixture({ 'over-limit.kpi.yaml': `${overLimit.join('\n')}\n` });
    assert.equal(result.workspace.kpis.length, MAX_KPIS_PER_FILE);
  });

  it('says so even when perFile allows more, or when the file is otherwise clean', () => {
    const overLimit = manyKpis('o', MAX_KPIS_PER_FILE + 1);
    assert.deepEqual(lint({ 'over-limit.kpi.yaml': `${overLimit.join('\n')}\n` }, 'rules:\n  too-many-kpis: { severity: error, perFile: 10000 }\n'), {
      'over-limit.kpi.yaml': [
        '1003 too-many-kpis This file lists 5,001 KPIs, over the limit of 5,000: split it into smaller files (only the first 5,000 are linted).',
      ],
      ...BESIDE_FOUND,
    });
  });
});
