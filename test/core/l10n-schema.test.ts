import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EMPTY_CONFIG, parseConfig, type Config } from '../../server/src/core/config';
import { correctedDate, dayInWords, parseCalendarDay } from '../../server/src/core/dates';
import type { FileReader } from '../../server/src/core/host';
import { translator } from '../../server/src/core/l10n/catalogue';
import type { LocaleOrPseudo } from '../../server/src/core/l10n/locale';
import { lintWorkspace, type LintResult } from '../../server/src/core/lint';
import { parseKpiFile, parserError } from '../../server/src/core/parse';
import { ordinal } from '../../server/src/core/readable';
import { RULE_METAS } from '../../server/src/core/rules';
import { SourceReader } from '../../server/src/core/sources';
import { nodeFileReader } from '../../server/src/node/files';
import { CHURN_FILE as CHURN, GOOD_FILE, memoryReader, REPO, ROOT, SALES_FILE as SALES, type FixtureContent } from '../helpers';
import { outsideMarks } from '../pseudo';

/**
 * The messages of the schema check, the YAML syntax and the CSV sources in
 * Swedish, exactly as a user reads them, and in the pseudo-locale, where
 * every text of the catalogue is marked ⟦like this⟧ so that any word that
 * did not come from the catalogue shows.
 */

const AS_OF = parseCalendarDay('2026-11-27')!;
const sv = translator('sv');

/** Lints files in a language, as test/helpers.ts's lintFixture does in English. */
function lintIn(
  locale: LocaleOrPseudo,
  files: Readonly<Record<string, FixtureContent>>,
  root = ROOT,
  reader: FileReader = memoryReader(files),
  config: Config = EMPTY_CONFIG,
): LintResult {
  const kpiFiles = Object.entries(files)
    .filter(([name]) => /\.kpi\.ya?ml$/.test(name))
    .map(([name, content]) => parseKpiFile(path.join(root, name), Buffer.from(content).toString('utf8')));
  return lintWorkspace(kpiFiles, { root, asOf: AS_OF, config, reader, locale });
}

interface Said {
  readonly code: string;
  readonly line: number;
  readonly message: string;
}

function said(result: LintResult): Said[] {
  return result.files.flatMap(({ lines, diagnostics }) => diagnostics.map((d) => ({ code: d.code, line: lines.lineOf(d.span.start) + 1, message: d.message })));
}

const FOURTH = '- { date: 2026-10, value: 5.9 }';
const FIRST = '- { date: 2026-07, value: 5.3 }';

function made(base: string, from: string, to: string): string {
  assert.equal(base.split(from).length, 2, `"${from}" is in the clean file once`);
  return base.replace(from, to);
}

/** A mistake made in a clean file: the file, the text replaced and what is typed instead. */
type Typed = readonly [base: string, from: string, to: string];

const KPI = 'nyckeltalet `sales-growth`';
const DATUM = 'ett datum ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM, ÅÅÅÅ-Qn eller ÅÅÅÅ';
const KPI_KEYS =
  'id, name, description, category, goals, owner, rationale, unit, direction, frequency, baseline, target, thresholds, plan, source, measurements, tags';
const unknownKey = (key: string, where: string, guess: string, allowed: string) =>
  `Okänd egenskap \`${key}\` i ${where}. Menade du \`${guess}\`? Tillåtna: ${allowed}; egna data läggs i nycklar som börjar med \`x-\`.`;
const schema = (line: number, message: string): Said => ({ code: 'schema', line, message });
const syntax = (line: number, message: string): Said => ({ code: 'yaml-syntax', line, message });

/** The mistakes of test/mistakes.test.ts (and a few more), with the one diagnostic each gives in Swedish. */
const SWEDISH: readonly (readonly [name: string, typed: Typed, expected: readonly Said[]])[] = [
  [
    'decimalkomma i en flödesmappning',
    [SALES, FOURTH, '- { date: 2026-10, value: 5,9 }'],
    [schema(22, `\`value\` i det 4:e mätvärdet (2026-10) i ${KPI} har decimalkomma: skriv \`5.9\` (YAML vill ha decimalpunkt).`)],
  ],
  [
    'decimalkomma i blockform',
    [SALES, 'target: { value: 6.0, date: 2026-12 }', 'target:\n      value: 6,5\n      date: 2026-12'],
    [schema(17, `\`target.value\` i ${KPI} har decimalkomma: skriv \`6.5\` (YAML vill ha decimalpunkt).`)],
  ],
  [
    'procenttecken efter ett mellanslag',
    [SALES, FOURTH, '- { date: 2026-10, value: 5,9 % }'],
    [schema(22, `\`value\` i det 4:e mätvärdet (2026-10) i ${KPI} måste vara ett tal utan enhet: skriv \`5.9\`; \`unit\` säger redan \`%\`.`)],
  ],
  [
    'valuta efter talet',
    [SALES, FOURTH, '- { date: 2026-10, value: 5.9 SEK }'],
    [schema(22, `\`value\` i det 4:e mätvärdet (2026-10) i ${KPI} måste vara ett tal utan enhet: skriv \`5.9\` och ange \`SEK\` i \`unit\`.`)],
  ],
  [
    'ett tal inom citattecken',
    [SALES, FOURTH, '- { date: 2026-10, value: "5.9" }'],
    [schema(22, `\`value\` i det 4:e mätvärdet (2026-10) i ${KPI} är text på grund av citattecknen: skriv \`5.9\` utan dem.`)],
  ],
  [
    'mellanslag mellan tusental',
    [SALES, 'target: { value: 6.0,', 'target: { value: 1 000,'],
    [schema(16, `\`target.value\` i ${KPI} har tusentalsavgränsare: skriv \`1000\`.`)],
  ],
  [
    'ett komma som kan läsas på två sätt',
    [SALES, 'target: { value: 6.0,', 'target: { value: 1,000,'],
    [schema(16, `\`target.value\` i ${KPI} måste vara ett tal, inte \`1,000\`: skriv \`1.000\` om kommat är decimalkomma, \`1000\` om det skiljer tusental.`)],
  ],
  [
    'ett typografiskt minustecken',
    [SALES, FOURTH, '- { date: 2026-10, value: −0.4 }'],
    [schema(22, `\`value\` i det 4:e mätvärdet (2026-10) i ${KPI} har ett typografiskt minustecken: skriv \`-0.4\`.`)],
  ],
  [
    'ett tomt värde',
    [SALES, FOURTH, '- date: 2026-10\n        value:'],
    [schema(23, `\`value\` i det 4:e mätvärdet (2026-10) i ${KPI} saknar värde: skriv ett tal efter \`value:\`.`)],
  ],
  [
    'ett målvärde som ett ensamt tal: talet att skriva står som i YAML, med punkt',
    [SALES, 'target: { value: 6.0, date: 2026-12 }', 'target: 6.5'],
    [schema(16, `\`target\` i ${KPI} måste vara en mappning av ett värde och dess datum, inte \`6.5\`: skriv \`{ value: 6.5, date: YYYY-MM }\`.`)],
  ],
  [
    'ett svenskt månadsnamn',
    [SALES, FIRST, '- { date: juli 2026, value: 5.3 }'],
    [schema(19, `\`date\` i det 1:a mätvärdet i ${KPI} måste vara ${DATUM}, inte \`"juli 2026"\`: skriv \`2026-07\`.`)],
  ],
  [
    'dag först med punkter',
    [SALES, FOURTH, '- { date: 31.10.2026, value: 5.9 }'],
    [schema(22, `\`date\` i det 4:e mätvärdet i ${KPI} måste vara ${DATUM}, inte \`"31.10.2026"\`: skriv \`2026-10-31\`.`)],
  ],
  [
    'dag och månad som kan vara åt båda hållen',
    [SALES, FIRST, '- { date: 05/06/2026, value: 5.3 }'],
    [
      schema(
        19,
        `\`date\` i det 1:a mätvärdet i ${KPI} måste vara ${DATUM}, inte \`"05/06/2026"\`: skriv \`2026-06-05\` (5 juni) eller \`2026-05-06\` (6 maj).`,
      ),
    ],
  ],
  [
    'en dag som inte finns',
    [SALES, FIRST, '- { date: 2026-06-31, value: 5.3 }'],
    [
      schema(
        19,
        `\`date\` i det 1:a mätvärdet i ${KPI} är \`"2026-06-31"\`, som inte är något verkligt datum: juni 2026 har 30 dagar; för hela månaden, skriv \`2026-06\`.`,
      ),
    ],
  ],
  [
    'år, dag, månad',
    [SALES, 'date: 2026-12 }', 'date: 2026-31-12 }'],
    [
      schema(
        16,
        `\`target.date\` i ${KPI} är \`"2026-31-12"\`, som inte är något verkligt datum: månaderna går från 01 till 12; för 31 december 2026, skriv \`2026-12-31\`.`,
      ),
    ],
  ],
  [
    'ett femte kvartal',
    [SALES, 'date: 2026-12 }', 'date: 2026-Q5 }'],
    [schema(16, `\`target.date\` i ${KPI} är \`"2026-Q5"\`, som inte är något verkligt datum: kvartalen går från Q1 till Q4.`)],
  ],
  [
    'ett svenskt kvartal',
    [SALES, 'date: 2026-12 }', 'date: 2026 K4 }'],
    [schema(16, `\`target.date\` i ${KPI} måste vara ${DATUM}, inte \`"2026 K4"\`: skriv \`2026-Q4\`.`)],
  ],
  ['ett tomt datum', [SALES, 'date: 2026-12 }', 'date: }'], [schema(16, `\`target.date\` i ${KPI} saknar värde: skriv ${DATUM}.`)]],
  [
    '`direction: lower`',
    [CHURN, 'direction: decrease', 'direction: lower'],
    [schema(13, '`direction` i nyckeltalet `churn` måste vara något av increase, decrease, inte `"lower"`. Menade du `decrease`?')],
  ],
  [
    '`direction: lägre`',
    [CHURN, 'direction: decrease', 'direction: lägre'],
    [schema(13, '`direction` i nyckeltalet `churn` måste vara något av increase, decrease, inte `"lägre"`. Menade du `decrease`?')],
  ],
  [
    '`frequency: månadsvis`',
    [SALES, 'frequency: monthly', 'frequency: månadsvis'],
    [schema(14, `\`frequency\` i ${KPI} måste vara något av daily, weekly, monthly, quarterly, yearly, inte \`"månadsvis"\`. Menade du \`monthly\`?`)],
  ],
  [
    'ett mål med `status: klar`',
    [SALES, '    title: Grow recurring revenue 20% in 2026\n', '    title: Grow recurring revenue 20% in 2026\n    status: klar\n'],
    [schema(5, '`status` i målet `grow-revenue` måste vara något av active, achieved, dropped, inte `"klar"`. Menade du `achieved`?')],
  ],
  [
    'en felstavad nyckel: `mesurements`',
    [SALES, '    measurements:', '    mesurements:'],
    [schema(18, unknownKey('mesurements', KPI, 'measurements', KPI_KEYS))],
  ],
  [
    'en svensk nyckel: `kategori`',
    [SALES, '    category: financial', '    kategori: financial'],
    [schema(8, unknownKey('kategori', KPI, 'category', KPI_KEYS))],
  ],
  [
    'en svensk nyckel i ett mätvärde: `datum`',
    [SALES, FOURTH, '- { datum: 2026-10, value: 5.9 }'],
    [schema(22, unknownKey('datum', `det 4:e mätvärdet i ${KPI}`, 'date', 'date, value, note'))],
  ],
  [
    'en svensk nyckel i ett mål: `titel`',
    [SALES, '    title: Grow', '    titel: Grow'],
    [schema(4, unknownKey('titel', 'målet `grow-revenue`', 'title', 'id, title, description, strategy, parent, owner, due, status'))],
  ],
  [
    'okända nycklar på översta nivån',
    [SALES, 'kpi: 1\n', 'kpi: 1\nx: 1\nmål: []\n'],
    [
      schema(2, 'Okänd egenskap `x` på översta nivån. Tillåtna: kpi, title, goals, kpis; egna data läggs i nycklar som börjar med `x-`.'),
      schema(3, unknownKey('mål', 'XX', 'goals', 'kpi, title, goals, kpis').replace(' i XX', ' på översta nivån')),
    ],
  ],
  [
    '`goals: grow-revenue` utan hakparenteser',
    [SALES, 'goals: [grow-revenue]', 'goals: grow-revenue'],
    [schema(9, `\`goals\` i ${KPI} måste vara en lista, inte \`"grow-revenue"\`: skriv \`[grow-revenue]\`.`)],
  ],
  [
    'ett nyckeltal under `goals:`',
    [
      SALES,
      '    title: Grow recurring revenue 20% in 2026\n',
      '    title: Grow recurring revenue 20% in 2026\n  - id: nps\n    name: Net promoter score\n    category: customer\n',
    ],
    [schema(5, 'Målet `nps` är ett nyckeltal, inte ett mål (det har `name`, `category`): flytta det till `kpis:`.')],
  ],
  [
    'ett mål under `kpis:`',
    [SALES, FOURTH, `${FOURTH}\n  - id: keep-customers\n    title: Keep more of our customers`],
    [schema(23, 'Nyckeltalet `keep-customers` är ett mål, inte ett nyckeltal (det har `title` men varken `name` eller `category`): flytta det till `goals:`.')],
  ],
  ['formatversionen inom citattecken', [SALES, 'kpi: 1\n', 'kpi: "1"\n'], [schema(1, '`kpi` måste vara 1 (formatversionen), inte `"1"`: skriv `kpi: 1`.')]],
  [
    'formatversionen saknas',
    [SALES, 'kpi: 1\n', 'title: Sales scorecard\n'],
    [schema(1, 'Filen saknar den obligatoriska egenskapen `kpi` (formatversionen: `kpi: 1`).')],
  ],
  [
    'å, ä och ö i ett id',
    [SALES, 'id: sales-growth', 'id: försäljning-tillväxt'],
    [
      schema(
        6,
        '`id` i nyckeltalet `försäljning-tillväxt` måste vara ett id av små bokstäver a–z, siffror och enkla bindestreck (som `lojala-kunder`), inte `"försäljning-tillväxt"`: skriv `forsaljning-tillvaxt`.',
      ),
    ],
  ],
  [
    'ett id skrivet som en rubrik',
    [SALES, 'id: sales-growth', 'id: Lojala kunder åäö'],
    [
      schema(
        6,
        '`id` i nyckeltalet `Lojala kunder åäö` måste vara ett id av små bokstäver a–z, siffror och enkla bindestreck (som `lojala-kunder`), inte `"Lojala kunder åäö"`: skriv `lojala-kunder-aao`.',
      ),
    ],
  ],
  ['en lista där text ska stå', [SALES, 'owner: Erik Lund', 'owner: [Erik, Anna]'], [schema(10, `\`owner\` i ${KPI} måste vara text, inte en lista.`)]],
  ['ett nyckeltal som är ett tal', [SALES, 'kpis:\n', 'kpis:\n  - 12\n'], [schema(6, 'Nyckeltal nr 1 måste vara en mappning av egenskaper, inte `12`.')]],
  [
    'en tabb i indraget',
    [SALES, '    owner: Erik Lund\n    rationale', '\towner: Erik Lund\n\trationale'],
    [syntax(10, 'En tabb i indraget: dra in med mellanslag, inte tabbar.')],
  ],
  ['`unit: %` utan citattecken', [SALES, 'unit: "%"', 'unit: %'], [syntax(12, 'Ett värde kan inte börja med `%` i YAML: sätt det inom citattecken, `"%"`.')]],
  ['inget mellanslag efter kolonet', [SALES, 'owner: Erik Lund', 'owner:Erik Lund'], [syntax(10, 'Skriv ett mellanslag efter kolonet: `owner: Erik Lund`.')]],
  [
    'ett kolon i en text',
    [SALES, 'rationale: Decides the sales hiring plan.', 'rationale: Decides one thing: the hiring plan'],
    [syntax(11, 'Ett värde med `: ` i sig behöver citattecken: skriv `rationale: "Decides one thing: the hiring plan"`.')],
  ],
  [
    'en nyckel två gånger',
    [SALES, '    unit: "%"\n', '    unit: "%"\n    unit: percent\n'],
    [syntax(13, 'Nyckeln `unit` finns redan ovanför i samma mappning: ta bort den här eller byt namn på den.')],
  ],
  [
    'fel indrag: parserns engelska når inte en svensk användare',
    [SALES, '    owner: Erik Lund\n', '      owner: Erik Lund\n'],
    [syntax(10, 'Fel indrag: det som står på samma nivå måste börja i samma kolumn.')],
  ],
  [
    'ett alias utan ankare',
    [SALES, 'source: CRM monthly export', 'source: *crm'],
    [syntax(17, 'Aliaset `*crm` hänvisar inte till något ankare: definiera `&crm` före det, eller skriv ut värdet.')],
  ],
  [
    'två YAML-dokument',
    [SALES, 'kpi: 1\n', 'kpi: 1\n---\nkpi: 1\n'],
    [syntax(2, 'Filen innehåller mer än ett YAML-dokument (en rad `---` efter innehåll): en KPI-fil är ett dokument; dela upp den i två filer.')],
  ],
];

/** What the files say besides the mistakes: an empty file, one that is no mapping, one in the wrong encoding. */
const WHOLE_FILES: readonly (readonly [FixtureContent, Said])[] = [
  ['', schema(1, 'Filen är tom: börja den med `kpi: 1` och lägg till mål eller nyckeltal.')],
  ['- 1\n', schema(1, 'En KPI-fil måste vara en mappning med `kpi: 1`, `goals` och `kpis`, inte en lista eller ett enskilt värde.')],
  ['kpi: 1\x00\x00', syntax(1, 'Filen innehåller binära data (en NUL-byte): en KPI-fil måste vara UTF-8-text.')],
  [
    'kpi: 1\n# \ufffd\n',
    syntax(2, 'Filen är inte UTF-8-text (\ufffd markerar en byte som UTF-8 inte tillåter, till exempel ett ö i Latin-1): spara den som UTF-8.'),
  ],
  [Buffer.from('\ufeffkpi: 1\n', 'utf16le'), syntax(1, 'Filen är UTF-16-text: spara den som UTF-8.')],
];

/** A KPI reading its measurements from `data.csv`. */
const FROM_CSV = GOOD_FILE.replace('source: CRM monthly export', 'source: { file: data.csv, date: månad, value: utfall }').replace(
  / {4}measurements:\n(.*\n)*/,
  '',
);

function sourceRead(files: Readonly<Record<string, FixtureContent>>, reader: FileReader = memoryReader(files)) {
  const kpi = lintIn('en', files).workspace.kpis[0];
  return new SourceReader(ROOT, reader).read(kpi, AS_OF);
}

describe('schema and YAML messages in Swedish', () => {
  it('starts from clean files', () => {
    assert.deepEqual(said(lintIn('sv', { 'a.kpi.yaml': SALES })), []);
    assert.deepEqual(said(lintIn('sv', { 'a.kpi.yaml': CHURN })), []);
  });

  for (const [name, [base, from, to], expected] of SWEDISH) {
    it(`${name}: ${expected.length === 1 ? 'one diagnostic' : 'its diagnostics'} in Swedish`, () => {
      assert.deepEqual(said(lintIn('sv', { 'a.kpi.yaml': made(base, from, to) })), expected);
    });
  }

  it('says what is wrong with a whole file in Swedish', () => {
    for (const [text, expected] of WHOLE_FILES) assert.deepEqual(said(lintIn('sv', { 'a.kpi.yaml': text })), [expected], JSON.stringify(text));
  });

  it('gives the same problems, in English, whatever language the file is linted in: the parsed file does not depend on it', () => {
    const text = made(SALES, FOURTH, '- { date: 2026-10, value: 5,9 }');
    const english = parseKpiFile('/ws/a.kpi.yaml', text).schemaErrors;
    assert.equal(english[0].message, '`value` of the 4th measurement (2026-10) of KPI `sales-growth` has a decimal comma: write `5.9`.');
    assert.equal(sv.text(english[0].said), `\`value\` i det 4:e mätvärdet (2026-10) i ${KPI} har decimalkomma: skriv \`5.9\` (YAML vill ha decimalpunkt).`);
    assert.deepEqual(said(lintIn('en', { 'a.kpi.yaml': text }))[0].message, english[0].message);
  });

  it('says why rows of a CSV source are skipped, in Swedish', () => {
    const read = sourceRead({ 'a.kpi.yaml': FROM_CSV, 'data.csv': 'månad;utfall\n2026-09;5,5\nsept 2026;5,6\n2026-10;x\n' });
    assert.equal(read?.kind, 'read');
    if (read?.kind !== 'read') return;
    assert.deepEqual(
      read.badRows.map((row) => [row.line, sv.text(row.why)]),
      [
        [3, 'datumet "sept 2026" är inget datum ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM, ÅÅÅÅ-Qn eller ÅÅÅÅ'],
        [4, 'värdet "x" är inget tal'],
      ],
    );
    // The English reasons stay as they were, for the rule that still reads them.
    assert.deepEqual(
      read.badRows.map((row) => row.reason),
      ['date "sept 2026" is not a date YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY', 'value "x" is not a number'],
    );
    const percent = sourceRead({ 'a.kpi.yaml': FROM_CSV.replace('unit: "%"', 'unit: SEK'), 'data.csv': 'månad;utfall\n2026-09;12 %\n' });
    assert.deepEqual(percent?.kind === 'read' && percent.badRows.map((row) => sv.text(row.why)), [
      'värdet "12 %" är inget tal (ett % efter talet läses bara när nyckeltalets enhet är "%")',
    ]);
  });

  it('says why a CSV source cannot be read, in Swedish and without the English of the CSV parser or the host', () => {
    const missing = sourceRead({ 'a.kpi.yaml': FROM_CSV });
    assert.deepEqual(missing?.kind === 'not-found' && [missing.reason, sv.text(missing.why)], ['it does not exist', 'den finns inte']);
    // The host's English for an I/O failure is kept for English; Swedish gets a sentence of ours.
    const files = { 'a.kpi.yaml': FROM_CSV, 'data.csv': 'månad;utfall\n' };
    const denied = sourceRead(files, { ...memoryReader(files), readBytes: () => new Error('permission denied') });
    assert.deepEqual(denied?.kind === 'not-found' && [denied.reason, sv.text(denied.why)], ['permission denied', 'den kunde inte läsas']);
    const broken = sourceRead({ 'a.kpi.yaml': FROM_CSV, 'data.csv': 'månad;utfall\n"2026-09;5\n' });
    assert.ok(broken?.kind === 'not-found');
    assert.match(broken.reason, /^it is not valid CSV \(Quote Not Closed/);
    assert.equal(sv.text(broken.why), 'den är ingen giltig CSV-fil');
  });

  it('counts places in the language: 1:a, 2:a, 3:e, 4:e, 11:e, 21:a, 22:a', () => {
    const places = [1, 2, 3, 4, 11, 12, 21, 22, 101, 111, 1234];
    assert.deepEqual(
      places.map((n) => ordinal(n, 'sv')),
      ['1:a', '2:a', '3:e', '4:e', '11:e', '12:e', '21:a', '22:a', '101:a', '111:e', '1234:e'],
    );
    assert.deepEqual(
      places.map((n) => ordinal(n)),
      ['1st', '2nd', '3rd', '4th', '11th', '12th', '21st', '22nd', '101st', '111th', '1234th'],
    );
    // The catalogue's Swedish follows Intl's ordinal rules: `one` is :a, the rest :e.
    const rules = new Intl.PluralRules('sv', { type: 'ordinal' });
    for (const n of places) assert.equal(ordinal(n, 'sv').endsWith(':a'), rules.select(n) === 'one', String(n));
  });

  it('keeps the English words of dates for the existing callers', () => {
    assert.equal(dayInWords('2026-06-05'), '5 June');
    assert.deepEqual(correctedDate('2026-Q7'), { kind: 'impossible', why: 'quarters run from Q1 to Q4' });
  });

  it('has a Swedish sentence of its own for every error code of the YAML parser, and a general one for any other', () => {
    // The codes as the installed yaml declares them, so that a new one in an update shows here.
    const declared = fs.readFileSync(path.join(REPO, 'node_modules', 'yaml', 'dist', 'errors.d.ts'), 'utf8');
    const codes = [...(/export type ErrorCode = ([^;]+);/.exec(declared)?.[1] ?? '').matchAll(/'([A-Z_0-9]+)'/g)].map((m) => m[1]);
    assert.ok(codes.length >= 20, `${codes.length} codes`);
    const general = parserError('NO_SUCH_CODE', 'Some English of the parser.');
    assert.equal(translator('en').text(general), 'Some English of the parser.');
    assert.equal(sv.text(general), 'YAML-texten är felaktig här.');
    for (const code of codes) {
      const error = parserError(code, 'Some English of the parser.');
      assert.notEqual(error.key, general.key, `${code} has its own message`);
      assert.equal(translator('en').text(error), 'Some English of the parser.', code);
      const swedish = sv.text(error);
      assert.doesNotMatch(swedish, /English/, code);
      assert.notEqual(swedish, sv.text(general), code);
    }
  });
});

/**
 * The pseudo-locale test's rule: every catalogue text comes out marked
 * ⟦like this⟧ (nested messages inside their own marks). With the marked
 * parts taken out, a message has no letter left, except inside backticks or
 * double quotes when that very text is in the linted file (an id, a key or a
 * value quoted back to the user).
 */
function unmarked(message: string, input: string): string[] {
  const quoted = outsideMarks(message).replace(/`([^`]*)`|"([^"]*)"/g, (all, a: string | undefined, b: string | undefined) =>
    input.includes(a ?? b ?? '') ? '' : all,
  );
  return quoted.match(/\p{L}+/gu) ?? [];
}

const AREA = /^(schema|yaml-syntax|source-.*)$/;

describe('schema and YAML messages in the pseudo-locale', () => {
  it('the pitfalls workspace: every schema and yaml-syntax message comes from the catalogue', () => {
    const root = path.join(REPO, 'samples', 'pitfalls');
    const names = fs.readdirSync(root).filter((name) => /\.kpi\.yaml$/.test(name));
    const files = Object.fromEntries(names.map((name) => [name, fs.readFileSync(path.join(root, name), 'utf8')]));
    const { config, problems } = parseConfig(fs.readFileSync(path.join(root, 'kpi.config.yaml'), 'utf8'), RULE_METAS);
    assert.deepEqual(problems, []);
    const found = said(lintIn('qps-ploc', files, root, nodeFileReader, config)).filter((d) => d.code === 'schema' || d.code === 'yaml-syntax');
    assert.ok(found.length >= 5, `${found.length} diagnostics`);
    const input = Object.values(files).join('\n');
    for (const d of found) assert.deepEqual(unmarked(d.message, input), [], d.message);
  });

  it('the mistakes: every schema and yaml-syntax message comes from the catalogue', () => {
    let checked = 0;
    for (const [, [base, from, to]] of SWEDISH) {
      const text = made(base, from, to);
      for (const d of said(lintIn('qps-ploc', { 'a.kpi.yaml': text })).filter((f) => AREA.test(f.code))) {
        assert.deepEqual(unmarked(d.message, text), [], d.message);
        checked++;
      }
    }
    for (const [content] of WHOLE_FILES) {
      for (const d of said(lintIn('qps-ploc', { 'a.kpi.yaml': content }))) assert.deepEqual(unmarked(d.message, ''), [], d.message);
    }
    assert.ok(checked >= SWEDISH.length, `${checked} messages`);
  });

  it('the reasons of a CSV source come from the catalogue', () => {
    const pseudo = translator('qps-ploc');
    const read = sourceRead({ 'a.kpi.yaml': FROM_CSV, 'data.csv': 'månad;utfall\n2026-09;5,5\nsept 2026;5,6\n2026-10;x\n' });
    const reasons = read?.kind === 'read' ? read.badRows.map((row) => pseudo.text(row.why)) : [];
    assert.equal(reasons.length, 2);
    const missing = sourceRead({ 'a.kpi.yaml': FROM_CSV });
    if (missing?.kind === 'not-found') reasons.push(pseudo.text(missing.why));
    assert.equal(reasons.length, 3);
    for (const reason of reasons) assert.deepEqual(unmarked(reason, 'sept 2026 x'), [], reason);
  });

  it('the source-* rules put those reasons in their own catalogue messages', () => {
    const workspaces: Record<string, string>[] = [
      { 'a.kpi.yaml': FROM_CSV, 'data.csv': 'månad;utfall\n2026-09;5,5\nsept 2026;5,6\n' },
      { 'a.kpi.yaml': FROM_CSV },
    ];
    const checked = workspaces.flatMap((files) => said(lintIn('qps-ploc', files)).filter((f) => /^source-/.test(f.code)));
    assert.deepEqual(checked.map((d) => d.code).sort(), ['source-bad-row', 'source-not-found']);
    for (const d of checked) assert.deepEqual(unmarked(d.message, `${FROM_CSV} sept 2026`), [], d.message);
  });
});
