import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers';
import { SALES, STRATEGY } from '../lsp/fixture';
import { workspaceFolder } from '../lsp/client';
import { provideDebianPackage } from '../provision';

const NVIM = '/usr/bin/nvim';

describe('Neovim as a second LSP client', () => {
  it('receives the diagnostics of a KPI file from kpi-language-server --stdio', (t) => {
    if (!provideDebianPackage(t, NVIM, 'neovim')) return;
    const root = workspaceFolder({ 'strategy.kpi.yaml': STRATEGY, 'sales.kpi.yaml': SALES });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-nvim-'));
    const out = path.join(home, 'diagnostics.json');
    const result = spawnSync(NVIM, ['--headless', '--clean', '-u', path.join(REPO, 'test/editors/neovim-init.lua'), path.join(root, 'sales.kpi.yaml')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_STATE_HOME: path.join(home, 'state'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        KPI_NODE: process.execPath,
        KPI_SERVER: path.join(REPO, 'bin/kpi-language-server.js'),
        KPI_ROOT: root,
        KPI_OUT: out,
      },
    });
    assert.equal(result.error, undefined);
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${result.status}): ${result.stderr}`);
    const written = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      error?: string;
      diagnostics?: { line: number; col: number; severity: number; code: string; source: string }[];
    };
    assert.equal(written.error, undefined);
    assert.deepEqual(written.diagnostics!.map((d) => `${d.line}:${d.col} ${d.severity} ${d.code} ${d.source}`).sort(), [
      '17:8 2 missing-owner kpi',
      '20:12 1 unknown-goal kpi',
    ]);
  });
});
