import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO } from './helpers';
import { invalidReason, PAYLOADS, shown, writeHostileWorkspace } from './hostile-content';
import { elementTexts, renderMarkdown, unsafeTags } from './rendered';
import { inEnglish } from './machine';
import { wrapWords } from '../server/src/cli/formatters/status-table';

/** Control characters a terminal acts on (escape sequences, bell, carriage return) and bidi controls. */
const TERMINAL_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('hostile KPI text in the CLI', () => {
  let cwd = '';
  const kpi = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const clean = inEnglish({ ...process.env, ...env });
    if (!('FORCE_COLOR' in env)) delete clean.FORCE_COLOR;
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/kpi.js'), ...args, '--as-of', '2026-11-27'], {
      cwd,
      encoding: 'utf8',
      env: clean,
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(result.error, undefined);
    return result;
  };

  before(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-hostile-cli-'));
    writeHostileWorkspace(cwd);
  });

  it('writes a Markdown scorecard that renders KPI text as text: no HTML, link, autolink or image', () => {
    const { status, stdout } = kpi(['status', '--format', 'markdown']);
    assert.equal(status, 0);
    const html = renderMarkdown(stdout);
    assert.deepEqual(unsafeTags(html), []);
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => elementTexts(m[1], 'td')).filter((cells) => cells.length > 0);
    // Goal rows and KPI rows: ten cells each, so no pipe or line break from a KPI split a row.
    assert.ok(
      rows.every((cells) => cells.length === 10),
      JSON.stringify(rows.find((cells) => cells.length !== 10)),
    );
    const kpiRows = rows.filter((cells) => cells[1] !== '');
    // Every field the status needs is hostile: each KPI is invalid, with no comparison, and a target with a bad date is not shown.
    assert.deepEqual(
      kpiRows.map((cells) => cells.slice(1)),
      PAYLOADS.map((p, i) => [shown(p), `5 ${shown(p)}`, '', '', '', i % 2 === 0 ? `10 ${shown(p)}` : '', '⛔ invalid', invalidReason(i), shown(p)]),
    );
  });

  it('prints the terminal scorecard and the lint report without escape sequences or bidi controls from KPI files', () => {
    for (const args of [['status'], ['lint']]) {
      const plain = kpi(args);
      assert.equal(plain.stdout.includes('\u001b'), false, `kpi ${args[0]}: no escape sequence at all without colour`);
      assert.doesNotMatch(plain.stdout, TERMINAL_CONTROL, `kpi ${args[0]}`);
      const coloured = kpi(args, { FORCE_COLOR: '1' });
      // With colour, only the formatter's own SGR sequences remain.
      assert.doesNotMatch(coloured.stdout.replace(/\u001b\[\d+m/g, ''), TERMINAL_CONTROL, `kpi ${args[0]} with colour`);
    }
    const table = kpi(['status']).stdout.split('\n');
    const nameWidth = table.find((line) => line.startsWith('KPI ') && line.includes('Latest'))!.indexOf('Latest') - 2;
    for (const [i, payload] of PAYLOADS.entries()) {
      // The KPI's row: its latest value and target, no comparison, the status last; the reason under the figures; the name wrapped in its column.
      const row = table.findIndex((line) => line.includes(`  5 ${shown(payload)}  `) && line.endsWith('  invalid'));
      assert.ok(row > 0, shown(payload));
      assert.equal(table[row].includes(`  10 ${shown(payload)}  `), i % 2 === 0, shown(payload));
      assert.doesNotMatch(table[row], /[▲▼▶✓✗]/);
      assert.ok(table[row + 1].endsWith(`  ${invalidReason(i)}`), table[row + 1]);
      const indent = /^ */.exec(table[row])![0];
      wrapWords(shown(payload), nameWidth - indent.length).forEach((name, k) =>
        assert.ok(table[row + k].startsWith(indent + name), `${table[row + k]} / ${name}`),
      );
    }
  });

  it('reports a hostile kpi.config.yaml on stderr without escape sequences', () => {
    const config = path.join(cwd, 'hostile.config.yaml');
    const key = PAYLOADS.find((p) => p.includes('\u001b'))!;
    fs.writeFileSync(config, `rules:\n  ${JSON.stringify(key)}: off\n`);
    const { status, stdout, stderr } = kpi(['lint', '--config', config]);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, `kpi: ${config}: unknown rule \`${shown(key)}\` (did you mean \`unrealistic-target\`?)\n`);
  });
});
