import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../server/src/core/config';
import { RULE_METAS } from '../../server/src/core/rules';
import { GOOD_FILE, lintFixture, lintRule, yaml } from '../helpers';

describe('kpi.config.yaml', () => {
  it('reads severities, options and ignore patterns', () => {
    const { config, problems } = parseConfig(
      yaml`
        ignore: [drafts/**]
        rules:
          too-many-kpis: { severity: error, perGoal: 7 }
          missing-rationale: off
      `,
      RULE_METAS,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.ignore, ['drafts/**']);
    assert.deepEqual(config.rules.get('too-many-kpis'), { severity: 'error', options: { perGoal: 7 } });
    assert.deepEqual(config.rules.get('missing-rationale'), { severity: 'off', options: {} });
  });

  it('names every problem with the key and what is allowed', () => {
    const { problems } = parseConfig(
      yaml`
        rules:
          missing-ownr: off
          no-data: loud
          too-many-kpis: { perGoal: -1, perKpi: 3 }
        colour: true
      `,
      RULE_METAS,
    );
    assert.deepEqual(problems, [
      'unknown key `colour`; allowed: rules, ignore, status, locale, title, fiscalYearStart, connections',
      'unknown rule `missing-ownr` (did you mean `missing-owner`?)',
      '`rules.no-data`: severity must be one of error, warning, info, hint, off, not "loud"',
      '`rules.too-many-kpis.perGoal` must be a whole number of 0 or more, not -1',
      '`rules.too-many-kpis` has no option `perKpi`; allowed: severity, perGoal, perFile',
    ]);
  });

  it('reads the status bands, and names a bad one while keeping its default', () => {
    assert.deepEqual(parseConfig('status: { atRiskBand: 0.1, nearTarget: 0.05 }\n', RULE_METAS), {
      config: { rules: new Map(), ignore: [], status: { atRiskBand: 0.1, nearTarget: 0.05 }, fiscalYearStart: 1, connections: new Map() },
      problems: [],
    });
    assert.deepEqual(parseConfig('rules: {}\n', RULE_METAS).config.status, { atRiskBand: 0.25, nearTarget: 0.1 });
    const { config, problems } = parseConfig('status: { atRiskBand: 25, nearTarget: "10%", band: 0.2 }\n', RULE_METAS);
    assert.deepEqual(config.status, { atRiskBand: 0.25, nearTarget: 0.1 });
    assert.deepEqual(problems, [
      '`status.atRiskBand` must be a number from 0 to 1 (a share: 0.25 is a quarter), not 25',
      '`status.nearTarget` must be a number from 0 to 1 (a share: 0.25 is a quarter), not "10%"',
      '`status` has no setting `band`; allowed: atRiskBand, nearTarget',
    ]);
    assert.deepEqual(parseConfig('status: 0.2\n', RULE_METAS).problems, ['`status` must be a mapping with `atRiskBand` and `nearTarget`']);
  });

  it('reads the title and the month the fiscal year starts, and names bad ones while keeping the defaults', () => {
    assert.deepEqual(parseConfig('title: " Acme AB — scorecard 2026 "\nfiscalYearStart: 5\n', RULE_METAS), {
      config: {
        rules: new Map(),
        ignore: [],
        status: { atRiskBand: 0.25, nearTarget: 0.1 },
        fiscalYearStart: 5,
        connections: new Map(),
        title: 'Acme AB — scorecard 2026',
      },
      problems: [],
    });
    assert.equal(parseConfig('rules: {}\n', RULE_METAS).config.fiscalYearStart, 1);
    for (const [text, value] of [
      ['0', '0'],
      ['13', '13'],
      ['4.5', '4.5'],
      ['May', '"May"'],
    ]) {
      const { config, problems } = parseConfig(`fiscalYearStart: ${text}\n`, RULE_METAS);
      assert.equal(config.fiscalYearStart, 1);
      assert.deepEqual(problems, [
        `\`fiscalYearStart\` must be the month the fiscal year starts, a whole number from 1 (January) to 12 (December), not ${value}`,
      ]);
    }
    const { config, problems } = parseConfig('title: ""\n', RULE_METAS);
    assert.equal(config.title, undefined);
    assert.deepEqual(problems, ['`title` must be the scorecard\'s title as text, not ""']);
  });

  it('names each ignore entry that is not a glob pattern, and keeps the others', () => {
    const { config, problems } = parseConfig(`ignore: ["", drafts/**, 7, "${'*'.repeat(70_000)}"]\n`, RULE_METAS);
    assert.deepEqual(config.ignore, ['drafts/**']);
    assert.deepEqual(problems, [
      '`ignore[0]`: an empty pattern matches nothing: remove it',
      '`ignore[2]`: must be a glob pattern, not 7',
      '`ignore[3]`: is not a glob pattern (Input length: 70000, exceeds maximum allowed length: 65536)',
    ]);
    assert.deepEqual(parseConfig('ignore: drafts/**\n', RULE_METAS).problems, ['`ignore` must be a list of glob patterns']);
  });

  it('accepts an empty file and reports broken YAML', () => {
    assert.deepEqual(parseConfig('', RULE_METAS).problems, []);
    assert.match(parseConfig('rules: [', RULE_METAS).problems[0], /^invalid YAML: /);
  });

  it("changes a rule's severity, turns it off, and sets its options", () => {
    const noOwner = GOOD_FILE.replace(/^ *owner: .*\n/m, '');
    const severity = (config?: string) => lintFixture({ 'a.kpi.yaml': noOwner }, { config }).files[0].diagnostics.map((d) => `${d.code} ${d.severity}`);
    assert.deepEqual(severity(), ['missing-owner warning']);
    assert.deepEqual(severity('rules:\n  missing-owner: error\n'), ['missing-owner error']);
    assert.deepEqual(severity('rules:\n  missing-owner: { severity: hint }\n'), ['missing-owner hint']);
    assert.deepEqual(severity('rules:\n  missing-owner: off\n'), []);
    const threeKpis = yaml`
      kpi: 1
      goals:
        - id: g
          title: G
      kpis:
        - { id: a, name: A, category: hr, goals: [g] }
        - { id: b, name: B, category: hr, goals: [g] }
        - { id: c, name: C, category: hr, goals: [g] }
    `;
    assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': threeKpis }), []);
    assert.deepEqual(lintRule('too-many-kpis', { 'a.kpi.yaml': threeKpis }, { config: 'rules:\n  too-many-kpis: { perGoal: 2 }\n' }), [
      { file: 'a.kpi.yaml', line: 3, code: 'too-many-kpis' },
    ]);
  });

  it('reads connections (SPEC §8): ${NAME} references kept as written, defaults, a DuckDB file', () => {
    const { config, problems } = parseConfig(
      [
        'connections:',
        '  warehouse: { type: postgres, url: "${KPI_WAREHOUSE_URL}", timeout: 10, maxRows: 500 }',
        '  erp: { type: postgres, url: "postgres://kpi_reader@db.example/erp", password: "${ERP_PASSWORD}" }',
        '  local: { type: duckdb, path: data/metrics.duckdb }',
        '  memory: { type: duckdb, x-note: for tests }',
        '',
      ].join('\n'),
      RULE_METAS,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.fromEntries(config.connections), {
      warehouse: { type: 'postgres', url: '${KPI_WAREHOUSE_URL}', timeout: 10, maxRows: 500 },
      erp: { type: 'postgres', url: 'postgres://kpi_reader@db.example/erp', password: '${ERP_PASSWORD}', timeout: 30, maxRows: 100000 },
      local: { type: 'duckdb', path: 'data/metrics.duckdb', timeout: 30, maxRows: 100000 },
      memory: { type: 'duckdb', timeout: 30, maxRows: 100000 },
    });
  });

  it('refuses a secret written in the file, without repeating it, and names every other mistake of a connection', () => {
    const { config, problems } = parseConfig(
      [
        'connections:',
        '  literal-url: { type: postgres, url: "postgres://kpi:hunter2@db/erp" }',
        '  literal-password: { type: postgres, url: "${URL}", password: hunter2 }',
        '  literal-parameter: { type: postgres, url: "postgres://kpi@db/erp?sslmode=require&password=hunter2" }',
        '  no-url: { type: postgres }',
        '  mysql: { type: mysql, url: x }',
        '  odd: { type: duckdb, path: 5, timeout: -1, maxRows: 1.5, host: x }',
        '  text: warehouse',
        '',
      ].join('\n'),
      RULE_METAS,
    );
    assert.deepEqual(problems, [
      'connection `literal-url`: the `url` holds a password written in the file; use `${NAME}` for the URL or its password, and set it in the environment or in .env',
      'connection `literal-password`: the `password` is written in the file; use `${NAME}`, and set it in the environment or in .env',
      'connection `literal-parameter`: the `url` holds a password written in the file; use `${NAME}` for the URL or its password, and set it in the environment or in .env',
      'connection `no-url`: a postgres connection needs `url`, such as `url: "${KPI_WAREHOUSE_URL}"`',
      'connection `mysql`: `type` must be postgres or duckdb, not "mysql"',
      'connection `odd`: unknown key `host`; allowed: type, path, timeout, maxRows',
      'connection `odd`: `timeout` must be a whole number above 0, not -1',
      'connection `odd`: `maxRows` must be a whole number above 0, not 1.5',
      'connection `odd`: `path` must be text',
      'connection `text` must be a mapping such as `warehouse: { type: postgres, url: "${KPI_WAREHOUSE_URL}" }`',
    ]);
    assert.ok(
      problems.every((p) => !p.includes('hunter2')),
      'the secret is not repeated',
    );
    assert.deepEqual([...config.connections.keys()], ['odd']);
  });
});
