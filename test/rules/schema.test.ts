import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { found, GOOD_FILE, lintFixture, messages, REPO, spans, yaml } from '../helpers';

/** Words of the JSON Schema validator that a message must never show. */
const VALIDATOR_WORDING = /must NOT have|must match|must have required|must be equal to|additionalProperties|instancePath|schemaPath|\$defs|#\//;

/**
 * The schema diagnostics of one file `a.kpi.yaml`: where they are, the text
 * they underline, what they say. Every message is checked for validator wording.
 */
function schemaOf(text: string) {
  const result = lintFixture({ 'a.kpi.yaml': text }, { rule: 'schema' });
  for (const message of messages(result)) assert.doesNotMatch(message, VALIDATOR_WORDING, message);
  return { found: found(result), texts: spans(result).map((s) => s.text), messages: messages(result) };
}

/** `{ file, line, code }` of schema diagnostics in `a.kpi.yaml`. */
function at(...lines: number[]) {
  return lines.map((line) => ({ file: 'a.kpi.yaml', line, code: 'schema' }));
}

/** A file with one valid KPI (lines 1–5) followed by `more` lines of it, indented by four spaces. */
function kpiWith(more: string): string {
  return (
    yaml`
    kpi: 1
    kpis:
      - id: churn
        name: Churn
        category: customer
  ` + more.replace(/^(?=.)/gm, '    ')
  );
}

const KPI_KEYS =
  'id, name, description, category, goals, owner, rationale, unit, direction, frequency, baseline, target, thresholds, plan, source, measurements, tags';

describe('schema', () => {
  it('stays silent for a complete file', () => {
    assert.deepEqual(schemaOf(GOOD_FILE).found, []);
  });

  it('accepts keys starting with x- everywhere', () => {
    const text = yaml`
      kpi: 1
      x-reviewed: 2026-11-01
      goals:
        - id: grow-revenue
          title: Grow revenue
          x-jira: SALES-12
      kpis:
        - id: churn
          name: Churn
          category: customer
          x-dashboard: { url: https://example.com, panel: 3 }
          target: { value: 2, date: 2026-12, x-source: board }
          thresholds: { atRisk: 3, offTrack: 4, x-why: history }
          source: { file: churn.csv, date: month, value: churn, x-sheet: 1 }
          measurements:
            - { date: 2026-01, value: 2.5, x-checked: true }
    `;
    assert.deepEqual(schemaOf(text).found, []);
  });

  it('reports an unknown property on its key, listing the allowed keys and x- keys', () => {
    const { found, texts, messages } = schemaOf(kpiWith('colour: blue\nownr: Erik Lund\n'));
    assert.deepEqual(found, at(6, 7));
    assert.deepEqual(texts, ['colour', 'ownr']);
    assert.equal(messages[0], `Unknown property \`colour\` in KPI \`churn\`. Allowed: ${KPI_KEYS}; custom data goes in keys starting with \`x-\`.`);
    assert.match(messages[1], /^Unknown property `ownr` in KPI `churn`\. Did you mean `owner`\? Allowed: id, name, /);
  });

  it('lists the keys allowed where the unknown property is: top level, goal, target, measurement', () => {
    const text = yaml`
      kpi: 1
      sheet: Sales
      goals:
        - id: grow-revenue
          titel: Grow revenue
          title: Grow revenue
      kpis:
        - id: churn
          name: Churn
          category: customer
          target: { value: 2, when: 2026-12 }
          measurements:
            - { date: 2026-01, value: 2.5, notes: new CRM }
    `;
    const { found, texts, messages } = schemaOf(text);
    assert.deepEqual(found, at(2, 5, 11, 13));
    assert.deepEqual(texts, ['sheet', 'titel', 'when', 'notes']);
    assert.deepEqual(
      messages.map((m) => /Allowed: ([^;]*);/.exec(m)?.[1]),
      ['kpi, title, goals, kpis', 'id, title, description, strategy, parent, owner, due, status', 'value, date', 'date, value, note'],
    );
  });

  it('reports a value outside an enum on the value, listing the allowed values', () => {
    const { found, texts, messages } = schemaOf(kpiWith('frequency: monthy\ndirection: up\n').replace('category: customer', 'category: money'));
    assert.deepEqual(found, at(5, 6, 7));
    assert.deepEqual(texts, ['money', 'monthy', 'up']);
    assert.deepEqual(messages, [
      '`category` of KPI `churn` must be one of financial, operational, customer, hr, not `"money"`. Did you mean `financial`?',
      '`frequency` of KPI `churn` must be one of daily, weekly, monthly, quarterly, yearly, not `"monthy"`. Did you mean `monthly`?',
      '`direction` of KPI `churn` must be one of increase, decrease, not `"up"`. Did you mean `increase`?',
    ]);
  });

  it('reports a value with its unit on the value, with the number to write and the unit to put in `unit`', () => {
    const { found, texts, messages } = schemaOf(kpiWith('target: { value: "12%", date: 2026-12 }\nmeasurements:\n  - { date: 2026-01, value: 12 SEK }\n'));
    assert.deepEqual(found, at(6, 8));
    assert.deepEqual(texts, ['"12%"', '12 SEK']);
    assert.deepEqual(messages, [
      '`target.value` of KPI `churn` must be a number without its unit: write `12` and put `%` in `unit`.',
      '`value` of the 1st measurement (2026-01) of KPI `churn` must be a number without its unit: write `12` and put `SEK` in `unit`.',
    ]);
  });

  it('reports a decimal comma once, on the number as typed, at the path of the value (flow and block style)', () => {
    const text = kpiWith(yaml`
      thresholds:
        atRisk: 5,5
        offTrack: 4
      measurements:
        - { date: 2026-01, value: 4.4 }
        - { date: 2026-02, value: 5,6, note: campaign started }
    `);
    const { found, texts, messages } = schemaOf(text);
    assert.deepEqual(found, at(7, 11));
    assert.deepEqual(texts, ['5,5', '5,6']);
    assert.deepEqual(messages, [
      '`thresholds.atRisk` of KPI `churn` has a decimal comma: write `5.5`.',
      '`value` of the 2nd measurement (2026-02) of KPI `churn` has a decimal comma: write `5.6`.',
    ]);
    const file = lintFixture({ 'a.kpi.yaml': text }).workspace.files[0];
    assert.deepEqual(
      file.schemaErrors.map((p) => p.path),
      [
        ['kpis', 0, 'thresholds', 'atRisk'],
        ['kpis', 0, 'measurements', 1, 'value'],
      ],
    );
  });

  it('gives the path of the value for a number written as text', () => {
    const file = lintFixture({ 'a.kpi.yaml': kpiWith('target: { value: "12%", date: 2026-12 }\n') }).workspace.files[0];
    assert.deepEqual(
      file.schemaErrors.map((p) => p.path),
      [['kpis', 0, 'target', 'value']],
    );
  });

  it('tells a misspelt key once, not also as the required key it stands for', () => {
    const { found, texts, messages } = schemaOf(kpiWith('measurements:\n  - { datum: 2026-01, värde: 4.4 }\n'));
    assert.deepEqual(found, at(7, 7));
    assert.deepEqual(texts, ['datum', 'värde']);
    assert.deepEqual(
      messages.map((m) => /Did you mean `(\w+)`/.exec(m)?.[1]),
      ['date', 'value'],
    );
  });

  it('reports an impossible or malformed date once, on the value, with the date to write where it can be told', () => {
    const text = kpiWith(yaml`
      baseline: { value: 3, date: 2026-02-30 }
      target: { value: 2, date: 2026-13 }
      measurements:
        - { date: Jan 2026, value: 2.5 }
        - { date: 26, value: 2.4 }
    `);
    const { found, texts, messages } = schemaOf(text);
    assert.deepEqual(found, at(6, 7, 9, 10));
    assert.deepEqual(texts, ['2026-02-30', '2026-13', 'Jan 2026', '26']);
    assert.deepEqual(messages, [
      '`baseline.date` of KPI `churn` is `"2026-02-30"`, not a real date: February 2026 has 28 days; for the whole month write `2026-02`.',
      '`target.date` of KPI `churn` is `"2026-13"`, not a real date: months run from 01 to 12.',
      '`date` of the 1st measurement of KPI `churn` must be a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY, not `"Jan 2026"`: write `2026-01`.',
      '`date` of the 2nd measurement of KPI `churn` must be a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY, not `26`.',
    ]);
  });

  it('accepts every date shape, a bare year as a number included', () => {
    const text = kpiWith(yaml`
      baseline: { value: 3, date: 2025 }
      target: { value: 2, date: "2026" }
      measurements:
        - { date: 2026-Q1, value: 2.9 }
        - { date: 2026-04, value: 2.8 }
        - { date: 2024-02-29, value: 2.7 }
    `);
    assert.deepEqual(schemaOf(text).found, []);
  });

  it('reports a KPI or goal missing a required property on the first key of the list item', () => {
    const text = yaml`
      kpi: 1
      goals:
        - id: grow-revenue
      kpis:
        - name: Churn
          id: churn
        - id: nps
          name: Net promoter score
          category: customer
          measurements:
            - { value: 31 }
    `;
    const { found, texts, messages } = schemaOf(text);
    assert.deepEqual(found, at(3, 5, 11));
    assert.deepEqual(texts, ['id', 'name', 'value']);
    assert.deepEqual(messages, [
      'Goal `grow-revenue` is missing the required property `title`.',
      'KPI `churn` is missing the required property `category`.',
      'The 1st measurement of KPI `nps` is missing the required property `date`.',
    ]);
  });

  it('reports a mapping missing a required property on the key holding it', () => {
    const text = kpiWith(yaml`
      target:
        date: 2026-12
      thresholds: { atRisk: 3 }
      source: { file: churn.csv, value: churn }
    `);
    const { found, texts, messages } = schemaOf(text);
    assert.deepEqual(found, at(6, 8, 9));
    assert.deepEqual(texts, ['target', 'thresholds', 'source']);
    assert.deepEqual(messages, [
      '`target` of KPI `churn` is missing the required property `value`.',
      '`thresholds` of KPI `churn` is missing the required property `offTrack`.',
      '`source` of KPI `churn` is missing the required property `date`.',
    ]);
  });

  it('judges a source mapping with a `connection` as a SQL source: exactly one of `query` and `queryFile`, no `file`', () => {
    const both = schemaOf(kpiWith('source: { connection: erp, query: select 1, queryFile: q.sql, date: d, value: v }\n'));
    const neither = schemaOf(kpiWith('source: { connection: erp, date: d, value: v }\n'));
    const withFile = schemaOf(kpiWith('source: { connection: erp, query: select 1, file: x.csv, date: d, value: v }\n'));
    assert.deepEqual(
      [both.messages, neither.messages, withFile.messages],
      [
        ['`source` of KPI `churn` takes exactly one of `query` and `queryFile`, not both: keep the one that holds the query.'],
        ['`source` of KPI `churn` needs the query: `query` with the SQL text, or `queryFile` naming a file that holds it.'],
        [
          'Unknown property `file` in `source` of KPI `churn`. Allowed: connection, query, queryFile, date, value; custom data goes in keys starting with `x-`.',
        ],
      ],
    );
    assert.deepEqual([both.texts, neither.texts, withFile.texts], [['source'], ['source'], ['file']]);
  });

  it('reports a file without `kpi` on its first key', () => {
    const { found, texts, messages } = schemaOf('title: Sales scorecard\ngoals: []\n');
    assert.deepEqual(found, at(1));
    assert.deepEqual(texts, ['title']);
    assert.deepEqual(messages, ['The file is missing the required property `kpi` (the format version: `kpi: 1`).']);
  });

  it('reports a format version other than 1 on the value', () => {
    const { found, texts, messages } = schemaOf('title: Sales\nkpi: 2\n');
    assert.deepEqual(found, at(2));
    assert.deepEqual(texts, ['2']);
    assert.deepEqual(messages, ['`kpi` must be 1 (the format version), not `2`: write `kpi: 1`.']);
  });

  it('reports an empty file, or one holding only comments, once on its first line', () => {
    for (const text of ['', '\n\n', '# Sales scorecard\n']) {
      const { found, messages } = schemaOf(text);
      assert.deepEqual(found, at(1));
      assert.deepEqual(messages, ['The file is empty: start it with `kpi: 1` and add goals or KPIs.']);
    }
  });

  it('reports a top-level list or a single value once on its first line', () => {
    for (const text of ['- kpi: 1\n- kpi: 1\n', 'just some text\n']) {
      const { found, messages } = schemaOf(text);
      assert.deepEqual(found, at(1));
      assert.deepEqual(messages, ['A KPI file must be a mapping with `kpi: 1`, `goals` and `kpis`, not a list or a single value.']);
    }
  });

  it('reports wrong types in words, on the value', () => {
    const text = yaml`
      kpi: 1
      title: [Sales]
      goals: grow-revenue
      kpis:
        - id: Sales_Growth
          name: Sales growth
          category: financial
          source: 5
          tags: board
    `;
    const { found, texts, messages } = schemaOf(text);
    assert.deepEqual(found, at(2, 3, 5, 8, 9));
    assert.deepEqual(texts, ['[Sales]', 'grow-revenue', 'Sales_Growth', '5', 'board']);
    assert.deepEqual(messages, [
      '`title` must be text, not a list.',
      '`goals` must be a list, not `"grow-revenue"`.',
      '`id` of KPI `Sales_Growth` must be a lower-case slug (letters a-z, digits and single hyphens, like `sales-growth`), not `"Sales_Growth"`: write `sales-growth`.',
      "`source` of KPI `Sales_Growth` must be text naming the system of record, a mapping { file, date, value } reading a CSV file, or a mapping { connection, query, date, value } reading a SQL query's snapshot; not `5`.",
      '`tags` of KPI `Sales_Growth` must be a list, not `"board"`: write `[board]`.',
    ]);
  });

  it('reports a property left empty on its key', () => {
    const { found, texts, messages } = schemaOf(kpiWith('target:\n'));
    assert.deepEqual(found, at(6));
    assert.deepEqual(texts, ['target']);
    assert.deepEqual(messages, ['`target` of KPI `churn` must be a mapping of properties, not nothing.']);
  });
});

describe('the validator compiled at build time', () => {
  it('is the one schemas/kpi.schema.json gives now (run `npm run build` after changing the schema)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS, loaded by its path
    const generator = require(path.join(REPO, 'scripts/schema-validator.js')) as { OUTPUT: string; validatorSource(): string };
    assert.equal(fs.readFileSync(generator.OUTPUT, 'utf8'), generator.validatorSource());
  });
});
