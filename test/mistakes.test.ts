import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHURN_FILE as CHURN, lintFixture, SALES_FILE as SALES } from './helpers';

/**
 * The mistakes people make typing a KPI file by hand, in English and Swedish
 * habits (SPEC §4, "Messages for the mistakes people make"): each one, put
 * into an otherwise clean file, gives exactly one diagnostic, and its
 * message names the fix. docs/mistakes.md lists the same catalogue.
 */

interface Expected {
  readonly code: string;
  readonly line: number;
  readonly message: string;
}

interface Mistake {
  /** The mistake, as a person would describe it. */
  readonly name: string;
  /** The clean file it is made in (default SALES). */
  readonly base?: string;
  /** The text of the clean file that the mistake replaces, and what is typed instead. */
  readonly typed: readonly [from: string, to: string];
  readonly expected: Expected;
}

const KPI = 'KPI `sales-growth`';
const DATE_SHAPES = 'a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY';
const KPI_KEYS =
  'id, name, description, category, goals, owner, rationale, unit, direction, frequency, baseline, target, thresholds, plan, source, measurements, tags';
const unknownKey = (key: string, where: string, guess: string, allowed: string) =>
  `Unknown property \`${key}\` in ${where}. Did you mean \`${guess}\`? Allowed: ${allowed}; custom data goes in keys starting with \`x-\`.`;
const schema = (line: number, message: string): Expected => ({ code: 'schema', line, message });
const syntax = (line: number, message: string): Expected => ({ code: 'yaml-syntax', line, message });
const FOURTH = '- { date: 2026-10, value: 5.9 }';
const FIRST = '- { date: 2026-07, value: 5.3 }';

const MISTAKES: readonly Mistake[] = [
  // Numbers
  {
    name: 'a decimal comma in a flow mapping (reads as `value: 5` and a key `6`)',
    typed: [FOURTH, '- { date: 2026-10, value: 5,9 }'],
    expected: schema(22, `\`value\` of the 4th measurement (2026-10) of ${KPI} has a decimal comma: write \`5.9\`.`),
  },
  {
    name: 'a decimal comma in block style (reads as the text "6,5")',
    typed: ['target: { value: 6.0, date: 2026-12 }', 'target:\n      value: 6,5\n      date: 2026-12'],
    expected: schema(17, `\`target.value\` of ${KPI} has a decimal comma: write \`6.5\`.`),
  },
  {
    name: 'a decimal comma in the baseline, written with a zero decimal',
    typed: ['baseline: { value: 4.0,', 'baseline: { value: 4,0,'],
    expected: schema(15, `\`baseline.value\` of ${KPI} has a decimal comma: write \`4.0\`.`),
  },
  {
    name: 'a negative number with a decimal comma',
    typed: [FOURTH, '- { date: 2026-10, value: -0,4 }'],
    expected: schema(22, `\`value\` of the 4th measurement (2026-10) of ${KPI} has a decimal comma: write \`-0.4\`.`),
  },
  {
    name: 'a percent sign in the value: `12%`',
    typed: [FOURTH, '- { date: 2026-10, value: 5.9% }'],
    expected: schema(22, `\`value\` of the 4th measurement (2026-10) of ${KPI} must be a number without its unit: write \`5.9\`; \`unit\` already says \`%\`.`),
  },
  {
    name: 'a percent sign after a space: `12 %` (Swedish typography)',
    typed: [FOURTH, '- { date: 2026-10, value: 5,9 % }'],
    expected: schema(22, `\`value\` of the 4th measurement (2026-10) of ${KPI} must be a number without its unit: write \`5.9\`; \`unit\` already says \`%\`.`),
  },
  {
    name: 'a currency after the number: `5.9 SEK`',
    typed: [FOURTH, '- { date: 2026-10, value: 5.9 SEK }'],
    expected: schema(22, `\`value\` of the 4th measurement (2026-10) of ${KPI} must be a number without its unit: write \`5.9\` and put \`SEK\` in \`unit\`.`),
  },
  {
    name: 'a currency before the number: `kr 6`',
    typed: ['target: { value: 6.0,', 'target: { value: kr 6,'],
    expected: schema(16, `\`target.value\` of ${KPI} must be a number without its unit: write \`6\` and put \`kr\` in \`unit\`.`),
  },
  {
    name: 'a number in quotes: `"12"`',
    typed: [FOURTH, '- { date: 2026-10, value: "5.9" }'],
    expected: schema(22, `\`value\` of the 4th measurement (2026-10) of ${KPI} is text because of its quotes: write \`5.9\` without them.`),
  },
  {
    name: 'a space between thousands: `1 000`',
    typed: ['target: { value: 6.0,', 'target: { value: 1 000,'],
    expected: schema(16, `\`target.value\` of ${KPI} has a thousands separator: write \`1000\`.`),
  },
  {
    name: 'a space between thousands and a decimal comma: `1 000,5`',
    typed: ['target: { value: 6.0, date: 2026-12 }', 'target:\n      value: 1 000,5\n      date: 2026-12'],
    expected: schema(17, `\`target.value\` of ${KPI} has a thousands separator: write \`1000.5\`.`),
  },
  {
    name: 'English thousands commas: `1,250,000`',
    typed: ['target: { value: 6.0, date: 2026-12 }', 'target:\n      value: 1,250,000\n      date: 2026-12'],
    expected: schema(17, `\`target.value\` of ${KPI} has a thousands separator: write \`1250000\`.`),
  },
  {
    name: 'a comma that could be either: `1,000`',
    typed: ['target: { value: 6.0,', 'target: { value: 1,000,'],
    expected: schema(
      16,
      `\`target.value\` of ${KPI} must be a number, not \`1,000\`: write \`1.000\` if the comma is a decimal comma, \`1000\` if it separates thousands.`,
    ),
  },
  {
    name: 'a typographic minus pasted from a spreadsheet: `−0.4`',
    typed: [FOURTH, '- { date: 2026-10, value: −0.4 }'],
    expected: schema(22, `\`value\` of the 4th measurement (2026-10) of ${KPI} has a typographic minus sign: write \`-0.4\`.`),
  },
  {
    name: 'an empty value: `value:`',
    typed: [FOURTH, '- date: 2026-10\n        value:'],
    expected: schema(23, `\`value\` of the 4th measurement (2026-10) of ${KPI} is empty: write a number after \`value:\`.`),
  },
  {
    name: 'a placeholder for a value not known yet: `n/a`',
    typed: [FOURTH, '- { date: 2026-10, value: n/a }'],
    expected: schema(
      22,
      `\`value\` of the 4th measurement (2026-10) of ${KPI} must be a number, not \`"n/a"\`: write the number, or leave the measurement out until it is known.`,
    ),
  },
  {
    name: 'a target written as a bare number',
    typed: ['target: { value: 6.0, date: 2026-12 }', 'target: 6.0'],
    expected: schema(16, `\`target\` of ${KPI} must be a mapping of a value and its date, not \`6\`: write \`{ value: 6, date: YYYY-MM }\`.`),
  },
  // Dates
  {
    name: 'a month without its leading zero: `2026-7`',
    typed: [FIRST, '- { date: 2026-7, value: 5.3 }'],
    expected: schema(19, `\`date\` of the 1st measurement of ${KPI} must be ${DATE_SHAPES}, not \`"2026-7"\`: write \`2026-07\`.`),
  },
  {
    name: 'an English month name: `Jul 2026`',
    typed: [FIRST, '- { date: Jul 2026, value: 5.3 }'],
    expected: schema(19, `\`date\` of the 1st measurement of ${KPI} must be ${DATE_SHAPES}, not \`"Jul 2026"\`: write \`2026-07\`.`),
  },
  {
    name: 'a Swedish month name: `juli 2026`',
    typed: [FIRST, '- { date: juli 2026, value: 5.3 }'],
    expected: schema(19, `\`date\` of the 1st measurement of ${KPI} must be ${DATE_SHAPES}, not \`"juli 2026"\`: write \`2026-07\`.`),
  },
  {
    name: 'slashes: `2025/12/31`',
    typed: ['date: 2025-12 }', 'date: 2025/12/31 }'],
    expected: schema(15, `\`baseline.date\` of ${KPI} must be ${DATE_SHAPES}, not \`"2025/12/31"\`: write \`2025-12-31\`.`),
  },
  {
    name: 'day first with dots (Swedish and German habit): `31.10.2026`',
    typed: [FOURTH, '- { date: 31.10.2026, value: 5.9 }'],
    expected: schema(22, `\`date\` of the 4th measurement of ${KPI} must be ${DATE_SHAPES}, not \`"31.10.2026"\`: write \`2026-10-31\`.`),
  },
  {
    name: 'day first with slashes, unambiguous because the day is over 12: `31/12/2026`',
    typed: ['target: { value: 6.0, date: 2026-12 }', 'target: { value: 6.0, date: 31/12/2026 }'],
    expected: schema(16, `\`target.date\` of ${KPI} must be ${DATE_SHAPES}, not \`"31/12/2026"\`: write \`2026-12-31\`.`),
  },
  {
    name: 'day and month that could be either way round: `05/06/2026`',
    typed: [FIRST, '- { date: 05/06/2026, value: 5.3 }'],
    expected: schema(
      19,
      `\`date\` of the 1st measurement of ${KPI} must be ${DATE_SHAPES}, not \`"05/06/2026"\`: write \`2026-06-05\` (5 June) or \`2026-05-06\` (6 May).`,
    ),
  },
  {
    name: 'a day that does not exist: `2026-06-31`',
    typed: [FIRST, '- { date: 2026-06-31, value: 5.3 }'],
    expected: schema(
      19,
      `\`date\` of the 1st measurement of ${KPI} is \`"2026-06-31"\`, not a real date: June 2026 has 30 days; for the whole month write \`2026-06\`.`,
    ),
  },
  {
    name: 'year, day, month: `2026-31-12`',
    typed: ['date: 2026-12 }', 'date: 2026-31-12 }'],
    expected: schema(
      16,
      `\`target.date\` of ${KPI} is \`"2026-31-12"\`, not a real date: months run from 01 to 12; for 31 December 2026 write \`2026-12-31\`.`,
    ),
  },
  {
    name: 'a quarter written the other way round: `Q4 2026`',
    typed: ['date: 2026-12 }', 'date: Q4 2026 }'],
    expected: schema(16, `\`target.date\` of ${KPI} must be ${DATE_SHAPES}, not \`"Q4 2026"\`: write \`2026-Q4\`.`),
  },
  {
    name: 'a Swedish quarter: `2026 K4` (kvartal)',
    typed: ['date: 2026-12 }', 'date: 2026 K4 }'],
    expected: schema(16, `\`target.date\` of ${KPI} must be ${DATE_SHAPES}, not \`"2026 K4"\`: write \`2026-Q4\`.`),
  },
  {
    name: 'a date without separators: `20261231` (YAML reads a number)',
    typed: ['date: 2026-12 }', 'date: 20261231 }'],
    expected: schema(16, `\`target.date\` of ${KPI} must be ${DATE_SHAPES}, not \`20261231\`: write \`2026-12-31\`.`),
  },
  {
    name: 'a date with a time of day: `2026-12-31 17:00`',
    typed: ['date: 2026-12 }', 'date: 2026-12-31 17:00 }'],
    expected: schema(16, `\`target.date\` of ${KPI} must be ${DATE_SHAPES}, not \`"2026-12-31 17:00"\`: write \`2026-12-31\`.`),
  },
  {
    name: 'a goal due date in the American order: `12/31/2026`',
    typed: ['    title: Grow recurring revenue 20% in 2026\n', '    title: Grow recurring revenue 20% in 2026\n    due: 12/31/2026\n'],
    expected: schema(5, `\`due\` of goal \`grow-revenue\` must be ${DATE_SHAPES}, not \`"12/31/2026"\`: write \`2026-12-31\`.`),
  },
  // Allowed values
  {
    name: '`direction: lower` for a KPI where lower is better',
    base: CHURN,
    typed: ['direction: decrease', 'direction: lower'],
    expected: schema(13, '`direction` of KPI `churn` must be one of increase, decrease, not `"lower"`. Did you mean `decrease`?'),
  },
  {
    name: '`direction: lägre` (Swedish: lower)',
    base: CHURN,
    typed: ['direction: decrease', 'direction: lägre'],
    expected: schema(13, '`direction` of KPI `churn` must be one of increase, decrease, not `"lägre"`. Did you mean `decrease`?'),
  },
  {
    name: '`direction: högre` (Swedish: higher)',
    typed: ['direction: increase', 'direction: högre'],
    expected: schema(13, `\`direction\` of ${KPI} must be one of increase, decrease, not \`"högre"\`. Did you mean \`increase\`?`),
  },
  {
    name: '`direction: higher`',
    typed: ['direction: increase', 'direction: higher'],
    expected: schema(13, `\`direction\` of ${KPI} must be one of increase, decrease, not \`"higher"\`. Did you mean \`increase\`?`),
  },
  {
    name: '`category: finansiell` (Swedish)',
    typed: ['category: financial', 'category: finansiell'],
    expected: schema(8, `\`category\` of ${KPI} must be one of financial, operational, customer, hr, not \`"finansiell"\`. Did you mean \`financial\`?`),
  },
  {
    name: '`category: ekonomi` (Swedish: finance)',
    typed: ['category: financial', 'category: ekonomi'],
    expected: schema(8, `\`category\` of ${KPI} must be one of financial, operational, customer, hr, not \`"ekonomi"\`. Did you mean \`financial\`?`),
  },
  {
    name: '`category: Financial` with a capital',
    typed: ['category: financial', 'category: Financial'],
    expected: schema(8, `\`category\` of ${KPI} must be one of financial, operational, customer, hr, not \`"Financial"\`. Did you mean \`financial\`?`),
  },
  {
    name: '`category: kund` (Swedish: customer)',
    base: CHURN,
    typed: ['category: customer', 'category: kund'],
    expected: schema(8, '`category` of KPI `churn` must be one of financial, operational, customer, hr, not `"kund"`. Did you mean `customer`?'),
  },
  {
    name: '`frequency: månadsvis` (Swedish: monthly)',
    typed: ['frequency: monthly', 'frequency: månadsvis'],
    expected: schema(14, `\`frequency\` of ${KPI} must be one of daily, weekly, monthly, quarterly, yearly, not \`"månadsvis"\`. Did you mean \`monthly\`?`),
  },
  {
    name: '`frequency: monthy` (a typo)',
    typed: ['frequency: monthly', 'frequency: monthy'],
    expected: schema(14, `\`frequency\` of ${KPI} must be one of daily, weekly, monthly, quarterly, yearly, not \`"monthy"\`. Did you mean \`monthly\`?`),
  },
  {
    name: '`frequency: kvartalsvis` (Swedish: quarterly)',
    typed: ['frequency: monthly', 'frequency: kvartalsvis'],
    expected: schema(
      14,
      `\`frequency\` of ${KPI} must be one of daily, weekly, monthly, quarterly, yearly, not \`"kvartalsvis"\`. Did you mean \`quarterly\`?`,
    ),
  },
  {
    name: 'a goal `status: klar` (Swedish: done)',
    typed: ['    title: Grow recurring revenue 20% in 2026\n', '    title: Grow recurring revenue 20% in 2026\n    status: klar\n'],
    expected: schema(5, '`status` of goal `grow-revenue` must be one of active, achieved, dropped, not `"klar"`. Did you mean `achieved`?'),
  },
  // Keys
  {
    name: 'a misspelt key: `treshold`',
    typed: ['    source: CRM', '    treshold: { atRisk: 5.0, offTrack: 4.5 }\n    source: CRM'],
    expected: schema(17, unknownKey('treshold', KPI, 'thresholds', KPI_KEYS)),
  },
  {
    name: 'a misspelt key: `mesurements`',
    typed: ['    measurements:', '    mesurements:'],
    expected: schema(18, unknownKey('mesurements', KPI, 'measurements', KPI_KEYS)),
  },
  {
    name: 'a misspelt key: `targte`',
    typed: ['    target:', '    targte:'],
    expected: schema(16, unknownKey('targte', KPI, 'target', KPI_KEYS)),
  },
  {
    name: 'a key with a capital: `Owner`',
    typed: ['    owner: Erik', '    Owner: Erik'],
    expected: schema(10, unknownKey('Owner', KPI, 'owner', KPI_KEYS)),
  },
  {
    name: 'a Swedish key for a required one: `kategori`',
    typed: ['    category: financial', '    kategori: financial'],
    expected: schema(8, unknownKey('kategori', KPI, 'category', KPI_KEYS)),
  },
  {
    name: 'a Swedish key in a measurement: `datum`',
    typed: [FOURTH, '- { datum: 2026-10, value: 5.9 }'],
    expected: schema(22, unknownKey('datum', `the 4th measurement of ${KPI}`, 'date', 'date, value, note')),
  },
  {
    name: 'a Swedish key in a goal: `titel`',
    typed: ['    title: Grow', '    titel: Grow'],
    expected: schema(4, unknownKey('titel', 'goal `grow-revenue`', 'title', 'id, title, description, strategy, parent, owner, due, status')),
  },
  {
    name: 'a Swedish key for the unit: `enhet`',
    typed: ['    unit: "%"', '    enhet: "%"'],
    expected: schema(12, unknownKey('enhet', KPI, 'unit', KPI_KEYS)),
  },
  // Structure and ids
  {
    name: '`goals: grow-revenue` without brackets',
    typed: ['goals: [grow-revenue]', 'goals: grow-revenue'],
    expected: schema(9, `\`goals\` of ${KPI} must be a list, not \`"grow-revenue"\`: write \`[grow-revenue]\`.`),
  },
  {
    name: 'a KPI written under `goals:`',
    typed: [
      '    title: Grow recurring revenue 20% in 2026\n',
      '    title: Grow recurring revenue 20% in 2026\n  - id: nps\n    name: Net promoter score\n    category: customer\n',
    ],
    expected: schema(5, 'Goal `nps` is a KPI (it has `name`, `category`): move it under `kpis:`.'),
  },
  {
    name: 'a goal written under `kpis:`',
    typed: [FOURTH, `${FOURTH}\n  - id: keep-customers\n    title: Keep more of our customers`],
    expected: schema(23, 'KPI `keep-customers` is a goal (it has `title` and no `name` or `category`): move it under `goals:`.'),
  },
  {
    name: 'the format version in quotes: `kpi: "1"`',
    typed: ['kpi: 1\n', 'kpi: "1"\n'],
    expected: schema(1, '`kpi` must be 1 (the format version), not `"1"`: write `kpi: 1`.'),
  },
  {
    name: 'the format version left out',
    typed: ['kpi: 1\n', 'title: Sales scorecard\n'],
    expected: schema(1, 'The file is missing the required property `kpi` (the format version: `kpi: 1`).'),
  },
  {
    name: 'Swedish letters in an id: `försäljning-tillväxt`',
    typed: ['id: sales-growth', 'id: försäljning-tillväxt'],
    expected: schema(
      6,
      '`id` of KPI `försäljning-tillväxt` must be a lower-case slug (letters a-z, digits and single hyphens, like `sales-growth`), not `"försäljning-tillväxt"`: write `forsaljning-tillvaxt`.',
    ),
  },
  {
    name: 'an id written as a title: `Sales Growth`',
    typed: ['id: sales-growth', 'id: Sales Growth'],
    expected: schema(
      6,
      '`id` of KPI `Sales Growth` must be a lower-case slug (letters a-z, digits and single hyphens, like `sales-growth`), not `"Sales Growth"`: write `sales-growth`.',
    ),
  },
  // YAML
  {
    name: 'a tab in the indentation',
    typed: ['    owner: Erik Lund\n    rationale', '\towner: Erik Lund\n\trationale'],
    expected: syntax(10, 'A tab in the indentation: indent with spaces, not tabs.'),
  },
  {
    name: 'a percent sign as the unit without quotes: `unit: %`',
    typed: ['unit: "%"', 'unit: %'],
    expected: syntax(12, 'A value cannot start with `%` in YAML: put it in quotes, `"%"`.'),
  },
  {
    name: 'no space after the colon: `owner:Erik Lund`',
    typed: ['owner: Erik Lund', 'owner:Erik Lund'],
    expected: syntax(10, 'Put a space after the colon: `owner: Erik Lund`.'),
  },
  {
    name: 'a colon in a text value: `rationale: Decides one thing: the hiring plan`',
    typed: ['rationale: Decides the sales hiring plan.', 'rationale: Decides one thing: the hiring plan'],
    expected: syntax(11, 'A value with `: ` in it needs quotes: write `rationale: "Decides one thing: the hiring plan"`.'),
  },
  {
    name: 'a key written twice',
    typed: ['    unit: "%"\n', '    unit: "%"\n    unit: percent\n'],
    expected: syntax(13, 'The key `unit` is already set above in this mapping: remove this one or rename it.'),
  },
  {
    name: 'a target without a date',
    typed: ['target: { value: 6.0, date: 2026-12 }', 'target: { value: 6.0 }'],
    expected: {
      code: 'missing-target',
      line: 6,
      message: `KPI \`sales-growth\` has a target without a date: add by when it should be reached, \`target: { value: 6, date: YYYY-MM }\`.`,
    },
  },
];

function diagnosticsOf(text: string): Expected[] {
  const result = lintFixture({ 'a.kpi.yaml': text }, { asOf: '2026-11-27' });
  return result.files.flatMap(({ lines, diagnostics }) => diagnostics.map((d) => ({ code: d.code, line: lines.lineOf(d.span.start) + 1, message: d.message })));
}

function made(mistake: Mistake): string {
  const base = mistake.base ?? SALES;
  const [from, to] = mistake.typed;
  assert.equal(base.split(from).length, 2, `"${from}" is in the clean file once`);
  return base.replace(from, to);
}

describe('messages for the mistakes people make', () => {
  it('starts from clean files', () => {
    assert.deepEqual(diagnosticsOf(SALES), []);
    assert.deepEqual(diagnosticsOf(CHURN), []);
  });

  it('has a catalogue of at least 40 mistakes, each named once', () => {
    assert.ok(MISTAKES.length >= 40, `${MISTAKES.length} mistakes`);
    assert.equal(new Set(MISTAKES.map((m) => m.name)).size, MISTAKES.length);
  });

  for (const mistake of MISTAKES) {
    it(`${mistake.name}: one diagnostic that names the fix`, () => {
      const found = diagnosticsOf(made(mistake));
      assert.deepEqual(found, [mistake.expected]);
    });
  }
});
