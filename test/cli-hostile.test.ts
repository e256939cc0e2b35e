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
    // Goal rows and KPI rows: nine cells each, so no pipe or line break from a KPI split a row.
    assert.ok(
      rows.every((cells) => cells.length === 9),
      JSON.stringify(rows.find((cells) => cells.length !== 9)),
    );
    const kpiRows = rows.filter((cells) => cells[1] !== '');
    // Every field the status needs is hostile: each KPI is invalid, and a target with a bad date is not shown.
    assert.deepEqual(
      kpiRows.map((cells) => cells.slice(1, 5).concat(cells[8])),
      PAYLOADS.map((p, i) => [shown(p), '⛔ invalid', invalidReason(i), `5 ${shown(p)}${i % 2 === 0 ? ` of 10 ${shown(p)}` : ''}`, shown(p)]),
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
    for (const [i, payload] of PAYLOADS.entries()) {
      const figures = `5 ${shown(payload)}${i % 2 === 0 ? ` of 10 ${shown(payload)}` : ''}`;
      assert.ok(
        table.some((line) => line.endsWith(`invalid    ${shown(payload)}  ${figures} · ${invalidReason(i)}`)),
        shown(payload),
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
