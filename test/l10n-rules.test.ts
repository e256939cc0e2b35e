import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintPaths } from '../server/src/cli/workspace';
import { EMPTY_CONFIG, parseConfig } from '../server/src/core/config';
import { parseCalendarDay } from '../server/src/core/dates';
import type { FileReader } from '../server/src/core/host';
import { lintWorkspace } from '../server/src/core/lint';
import type { LocaleOrPseudo } from '../server/src/core/l10n/locale';
import { parseKpiFile } from '../server/src/core/parse';
import { RULES, RULE_METAS } from '../server/src/core/rules';
import { nodeFileReader } from '../server/src/node/files';
import { memoryReader, REPO, ROOT, yaml, type FixtureContent } from './helpers';

const PITFALLS = path.join(REPO, 'samples', 'pitfalls');

/** The rules whose messages are the rule catalog's own: the schema's and the YAML parser's come from their own areas. */
const OWN = new Set(RULES.map((r) => r.meta.id).filter((id) => id !== 'schema' && id !== 'yaml-syntax'));

interface Shown {
  readonly at: string;
  readonly code: string;
  readonly message: string;
}

/** The pitfalls workspace linted as `kpi lint` does, in a language: `file:line`, rule and message of each diagnostic. */
function pitfalls(locale: LocaleOrPseudo): Shown[] {
  const { result, root, asOf } = lintPaths({ paths: ['.'], cwd: PITFALLS, asOf: '2026-11-27', config: 'kpi.config.yaml' });
  const { config } = parseConfig(fs.readFileSync(path.join(PITFALLS, 'kpi.config.yaml'), 'utf8'), RULE_METAS);
  const linted = lintWorkspace(result.workspace.files, { root, asOf, config, reader: nodeFileReader, locale });
  return linted.files.flatMap(({ file, lines, diagnostics }) =>
    diagnostics.map((d) => ({ at: `${path.relative(PITFALLS, file.path)}:${lines.lineOf(d.span.start) + 1}`, code: d.code, message: d.message })),
  );
}

/** The messages of one rule over in-memory files, in a language (as of 2026-11-27 unless told). */
function said(
  locale: LocaleOrPseudo,
  rule: string,
  files: Readonly<Record<string, FixtureContent>>,
  options: { asOf?: string; reader?: FileReader } = {},
): string[] {
  const asOf = parseCalendarDay(options.asOf ?? '2026-11-27')!;
  const kpiFiles = Object.entries(files)
    .filter(([name]) => name.endsWith('.kpi.yaml'))
    .map(([name, content]) => parseKpiFile(path.join(ROOT, name), Buffer.from(content).toString('utf8')));
  const rules = RULES.filter((r) => r.meta.id === rule);
  const result = lintWorkspace(kpiFiles, { root: ROOT, asOf, config: EMPTY_CONFIG, reader: options.reader ?? memoryReader(files), rules, locale });
  return result.files.flatMap((f) => f.diagnostics.map((d) => d.message));
}

/** A KPI file of one KPI with the given lines after its id, name and category (indented as its properties). */
function kpi(...lines: string[]): string {
  return ['kpi: 1', 'kpis:', '  - id: sales', '    name: Sales', '    category: financial', ...lines.map((l) => `    ${l}`), ''].join('\n');
}

describe('the rule catalog in Swedish', () => {
  it('says each rule of the pitfalls workspace in Swedish, at the same places as in English', () => {
    const sv = pitfalls('sv');
    const en = pitfalls('en');
    assert.deepEqual(
      sv.map((d) => `${d.at} ${d.code}`),
      en.map((d) => `${d.at} ${d.code}`),
    );
    const first = (at: string, code: string) => sv.find((d) => d.at === at && d.code === code)?.message;
    const expected: Readonly<Record<string, readonly [string, string]>> = {
      'duplicate-id': ['sustainability.kpi.yaml:9', 'Mål-id:t `pf-green` finns redan i goals.kpi.yaml på rad 46: ge det här målet ett annat id.'],
      'unlinked-kpi': ['linked.kpi.yaml:7', 'Nyckeltalet `pf-instagram-followers` är inte kopplat till något mål: lista målen det mäter under `goals`.'],
      'unknown-goal': ['goals.kpi.yaml:66', 'Målet `pf-gren` finns inte i någon KPI-fil i arbetsytan: menade du `pf-green`? Annars definiera målet.'],
      'unmeasured-goal': [
        'goals.kpi.yaml:58',
        'Målet `pf-green-transport` mäts inte av något nyckeltal: koppla ett nyckeltal till det (eller till ett delmål), eller markera det som uppnått (`achieved`) eller slopat (`dropped`).',
      ],
      'goal-cycle': [
        'goals.kpi.yaml:73',
        'Målens `parent`-länkar bildar en cirkel (pf-brand-love → pf-market-reach → pf-brand-love): ta bort eller ändra en `parent`.',
      ],
      'missing-target': [
        'measurable.kpi.yaml:8',
        'Nyckeltalet `pf-average-order-value` saknar målvärde: lägg till `target: { value, date }` så att statusen kan bedömas.',
      ],
      'missing-unit': ['measurable.kpi.yaml:22', 'Nyckeltalet `pf-picking-errors` saknar enhet: lägg till `unit` (till exempel "%", SEK, st, dagar).'],
      'missing-frequency': [
        'measurable.kpi.yaml:37',
        'Nyckeltalet `pf-review-rating` saknar frekvens: lägg till `frequency` (`daily`, `weekly`, `monthly`, `quarterly` eller `yearly`).',
      ],
      'missing-source': [
        'measurable.kpi.yaml:52',
        'Nyckeltalet `pf-sick-leave` saknar både källa och mätvärden: lägg till `source` (källsystemet eller en CSV-fil) eller `measurements`.',
      ],
      'vague-kpi': [
        'measurable.kpi.yaml:81',
        'Nyckeltalets namn "Öka kundnöjdheten" uttrycker en avsikt ("öka"), inte ett mått: döp det efter det som mäts, till exempel "Försäljningstillväxt" i stället för "Öka försäljningen".',
      ],
      'irrelevant-kpi': [
        'relevant.kpi.yaml:38',
        'Nyckeltalet `pf-campaign-signups` mäter inget aktivt mål (`pf-summer-campaign` skulle ha nåtts 2026-08-31, per 2026-11-27): koppla det till ett aktuellt mål eller ta bort det.',
      ],
      'missing-owner': ['relevant.kpi.yaml:53', 'Nyckeltalet `pf-discount-share` saknar ansvarig: lägg till `owner`, den person som ansvarar för det.'],
      'missing-rationale': [
        'relevant.kpi.yaml:68',
        'Nyckeltalet `pf-overtime-hours` saknar motivering: lägg till `rationale`, det beslut nyckeltalet ger underlag för.',
      ],
      'target-direction': [
        'realistic.kpi.yaml:18',
        'Målvärdet 2 ligger under utgångsvärdet 2,4 trots att riktningen är `increase`: rätta målvärdet eller riktningen.',
      ],
      'threshold-order': [
        'realistic.kpi.yaml:35',
        'Tröskelvärdena står i fel ordning för riktningen `increase`: det krävs `offTrack` 95 ≤ `atRisk` 90 ≤ målvärdet 98.',
      ],
      'date-order': ['realistic.kpi.yaml:52', 'Måldatumet 2026-12 ligger inte efter utgångsvärdets datum 2026-12: välj ett senare måldatum.'],
      'unrealistic-target': [
        'realistic.kpi.yaml:70',
        'Målvärdet 12 % senast 2026-12 kräver 3,393 % per månad, 11,7 gånger den bästa takten hittills (0,29 % per månad): sätt ett nåbart målvärde eller ett senare datum.',
      ],
      'target-overdue': [
        'realistic.kpi.yaml:88',
        'Målvärdet 8 % skulle ha nåtts 2026-09 och det senaste utfallet är 6,9 % (per 2026-11-27): sätt ett nytt målvärde och datum.',
      ],
      'too-many-kpis': ['scorecard.kpi.yaml:9', 'Målet `pf-warehouse-flow` har 6 kopplade nyckeltal, fler än 5: behåll de få som ger underlag för beslut.'],
      'unbalanced-scorecard': [
        'scorecard.kpi.yaml:24',
        'Alla 16 nyckeltal i filen hör till kategorin verksamhet: lägg till nyckeltal i andra kategorier för att se helheten.',
      ],
      'stale-data': [
        'data.kpi.yaml:8',
        'Nyckeltalet `pf-stock-accuracy` mäts månadsvis men dess senaste mätvärde är från 2026-06, mer än två månader före 2026-11-27: lägg till aktuella mätvärden.',
      ],
      'no-data': [
        'data.kpi.yaml:23',
        'Nyckeltalet `pf-wholesale-orders` har ett målvärde men inga mätvärden fram till statusdatumet: lägg till `measurements` eller en CSV-fil som `source`.',
      ],
      'duplicate-measurement': [
        'data.kpi.yaml:48',
        'Nyckeltalet `pf-support-tickets` har redan ett mätvärde daterat 2026-10: ta bort ett av dem eller rätta datumet.',
      ],
      'future-measurement': [
        'data.kpi.yaml:64',
        'Mätvärdet daterat 2026-11 ligger efter statusdatumet 2026-11-27: rätta datumet; mätvärdet räknas inte med i statusen.',
      ],
      'source-column-missing': [
        'data.kpi.yaml:97',
        'Kolumnen `return_rate` finns inte i data/returns-export.csv (filens kolumner: `month`, `orders`, `returns`, `returned_share`): ange en av filens kolumner i `source.value`.',
      ],
      'source-outside-workspace': [
        'data.kpi.yaml:129',
        'Källfilen `../data/web-shop-sales.csv` ligger utanför arbetsytan och lästes inte: flytta filen in i arbetsytan.',
      ],
      'plan-order': [
        'data.kpi.yaml:148',
        'Planens 2:a post (2027-01) är daterad efter måldatumet 2026-12: datera den senast på måldatumet, eller ta bort den.',
      ],
      'unknown-connection': [
        'data.kpi.yaml:164',
        'Anslutningen `shopp` är inte deklarerad i kpi.config.yaml: menade du `shop`? Annars lägg till den under `connections`.',
      ],
      'snapshot-missing': [
        'data.kpi.yaml:179',
        'Nyckeltalet `pf-web-visits` har ingen ögonblicksbild än (`.kpi/snapshots/pf-web-visits.csv`): kör `kpi refresh --kpi pf-web-visits` för att köra frågan.',
      ],
      'snapshot-outdated': [
        'data.kpi.yaml:196',
        'Ögonblicksbilden för nyckeltalet `pf-web-returns` togs 2026-11-02 06:30 UTC med en annan fråga, andra kolumner eller en annan anslutning: kör `kpi refresh --kpi pf-web-returns`.',
      ],
    };
    for (const [code, [at, message]] of Object.entries(expected)) assert.equal(first(at, code), message, `${code} at ${at}`);
    // The reason why a row or a file cannot be read is the CSV reader's (core/sources.ts, core/csv.ts): the rule says the rest.
    assert.match(first('data.kpi.yaml:79', 'source-bad-row') ?? '', /^Rad 4 i data\/courier-costs\.csv hoppas över: .+; rätta raden\.$/);
    assert.match(
      first('data.kpi.yaml:113', 'source-not-found') ?? '',
      /^Källfilen `data\/supplier-otif\.csv` kan inte läsas \(.+\): rätta sökvägen, som är relativ till den här filens mapp\.$/,
    );
    const checked = new Set([...Object.keys(expected), 'source-bad-row', 'source-not-found']);
    assert.deepEqual(
      [...OWN].filter((id) => !checked.has(id)),
      [],
      'every rule of the catalog has a Swedish message checked here',
    );
  });

  it('leaves no English part in a Swedish message: places, lists, suggestions, ordinals and numbers come in Swedish', () => {
    const english = /\b(line|more|none|did you mean|is achieved|is dropped|was due|as of|a month|plan entry|the same|KPIs|\d+(st|nd|rd|th))\b/;
    for (const d of pitfalls('sv').filter((d) => OWN.has(d.code))) {
      if (d.code === 'source-bad-row' || d.code === 'source-not-found' || d.code === 'vague-kpi') continue;
      assert.doesNotMatch(d.message, english, `${d.at} ${d.code}`);
      assert.doesNotMatch(d.message, /\d\.\d/, `${d.at} ${d.code}: a decimal point in a Swedish number`);
    }
  });

  it('takes every word of its messages from the catalogue (pseudo-locale: each message wholly marked)', () => {
    const shown = pitfalls('qps-ploc').filter((d) => OWN.has(d.code));
    assert.deepEqual(new Set(shown.map((d) => d.code)), OWN);
    for (const d of shown) {
      assert.ok(d.message.startsWith('⟦') && d.message.endsWith('⟧'), `${d.at} ${d.code}: ${d.message}`);
      // What is left outside the marked parts, outermost first, must have no letter.
      let outside = '';
      let depth = 0;
      for (const c of d.message) {
        if (c === '⟦') depth++;
        else if (c === '⟧') depth--;
        else if (depth === 0) outside += c;
      }
      assert.equal(depth, 0, `${d.at} ${d.code}: unbalanced marks`);
      assert.doesNotMatch(outside, /\p{L}/u, `${d.at} ${d.code}: ${d.message}`);
    }
    // The parts put in words separately are marked too, inside their message.
    const parts = shown.map((d) => d.message).join('\n');
    assert.match(parts, /⟦The 2nd plan entry \(2027-01\)⟧/);
    assert.match(parts, /⟦`pf-closed-store` is dropped⟧/);
    assert.match(parts, /⟦3\.393 % a month⟧/);
  });
});

describe('the rule catalog in Swedish, message by message', () => {
  it('unknown-goal: without a goal to suggest', () => {
    const text = kpi('goals: [grow]');
    assert.deepEqual(said('sv', 'unknown-goal', { 'a.kpi.yaml': text }), ['Målet `grow` finns inte i någon KPI-fil i arbetsytan: definiera målet.']);
  });

  it('duplicate-id: a KPI id, with its place', () => {
    assert.deepEqual(said('sv', 'duplicate-id', { 'a.kpi.yaml': kpi(), 'b.kpi.yaml': kpi() }), [
      'KPI-id:t `sales` finns redan i a.kpi.yaml på rad 3: ge det här nyckeltalet ett annat id.',
    ]);
  });

  it('irrelevant-kpi: several reasons, each in Swedish', () => {
    const text = yaml`
      kpi: 1
      goals:
        - { id: old, title: Old, status: achieved }
        - { id: gone, title: Gone, status: dropped }
      kpis:
        - { id: sales, name: Sales, category: financial, goals: [old, gone] }
    `;
    assert.deepEqual(said('sv', 'irrelevant-kpi', { 'a.kpi.yaml': text }), [
      'Nyckeltalet `sales` mäter inget aktivt mål (`old` är uppnått; `gone` är slopat, per 2026-11-27): koppla det till ett aktuellt mål eller ta bort det.',
    ]);
  });

  it('missing-target: a target without a date, its value left as YAML is written', () => {
    assert.deepEqual(said('sv', 'missing-target', { 'a.kpi.yaml': kpi('target: { value: 1234.5 }') }), [
      'Nyckeltalet `sales` har ett målvärde utan datum: ange när det ska nås, `target: { value: 1234.5, date: YYYY-MM }`.',
    ]);
  });

  it('target-direction and threshold-order: numbers with a decimal comma and spaces between thousands', () => {
    const text = kpi('direction: decrease', 'baseline: { value: 1200.5, date: 2025-12 }', 'target: { value: 1234.5, date: 2026-12 }');
    assert.deepEqual(said('sv', 'target-direction', { 'a.kpi.yaml': text }), [
      'Målvärdet 1\u00a0234,5 ligger över utgångsvärdet 1\u00a0200,5 trots att riktningen är `decrease`: rätta målvärdet eller riktningen.',
    ]);
    const thresholds = kpi('direction: decrease', 'target: { value: 10, date: 2026-12 }', 'thresholds: { atRisk: 12.5, offTrack: 11 }');
    assert.deepEqual(said('sv', 'threshold-order', { 'a.kpi.yaml': thresholds }), [
      'Tröskelvärdena står i fel ordning för riktningen `decrease`: det krävs `offTrack` 11 ≥ `atRisk` 12,5 ≥ målvärdet 10.',
    ]);
  });

  it('plan-order: Swedish ordinals, the period of the frequency, a plan without a target', () => {
    const plan = (frequency: string, ...entries: string[]) =>
      kpi(
        `frequency: ${frequency}`,
        'baseline: { value: 1, date: 2025-12 }',
        'target: { value: 2, date: 2026-12 }',
        'plan:',
        ...entries.map((e) => `  - ${e}`),
      );
    assert.deepEqual(
      said('sv', 'plan-order', {
        'a.kpi.yaml': plan('monthly', '{ date: 2025-11, value: 1 }', '{ date: 2026-05, value: 1 }', '{ date: 2026-05-15, value: 1 }'),
      }),
      [
        'Planens 1:a post (2025-11) är daterad före utgångsvärdets datum 2025-12: datera den på eller efter utgångsvärdets datum, eller ta bort den.',
        'Planens 3:e post (2026-05-15) ligger i samma månad som den 2:a (2026-05): behåll en post per period.',
      ],
    );
    assert.deepEqual(said('sv', 'plan-order', { 'a.kpi.yaml': plan('quarterly', '{ date: 2026-04, value: 1 }', '{ date: 2026-05, value: 1 }') }), [
      'Planens 2:a post (2026-05) ligger i samma kvartal som den 1:a (2026-04): behåll en post per period.',
    ]);
    assert.deepEqual(said('sv', 'plan-order', { 'a.kpi.yaml': kpi('plan:', '  - { date: 2026-05, value: 1 }') }), [
      'Nyckeltalet `sales` har en `plan` men inget `target`: lägg till målvärdet som planen leder fram till, eller ta bort planen.',
    ]);
  });

  it('stale-data: each frequency and its period in words', () => {
    const text = kpi('frequency: weekly', 'measurements:', '  - { date: 2026-10-01, value: 1 }');
    assert.deepEqual(said('sv', 'stale-data', { 'a.kpi.yaml': text }), [
      'Nyckeltalet `sales` mäts veckovis men dess senaste mätvärde är från 2026-10-01, mer än 14 dagar före 2026-11-27: lägg till aktuella mätvärden.',
    ]);
  });

  it('unrealistic-target: a KPI that never improved, or never moved', () => {
    const text = (values: readonly number[]) =>
      kpi(
        'unit: "%"',
        'direction: decrease',
        'target: { value: 0, date: 2026-11 }',
        'measurements:',
        ...values.map((v, i) => `  - { date: ${['2026-08', '2026-09', '2026-10'][i]}, value: ${v} }`),
      );
    assert.deepEqual(said('sv', 'unrealistic-target', { 'a.kpi.yaml': text([5.2, 5.6, 5.9]) }, { asOf: '2026-10-31' }), [
      'Målvärdet 0 % senast 2026-11 kräver 5,9 % per månad, men nyckeltalet har aldrig förbättrats och har rört sig som mest 0,4 % per månad: sätt ett nåbart målvärde eller ett senare datum.',
    ]);
    assert.deepEqual(said('sv', 'unrealistic-target', { 'a.kpi.yaml': text([5.9, 5.9, 5.9]) }, { asOf: '2026-10-31' }), [
      'Målvärdet 0 % senast 2026-11 kräver 5,9 % per månad, men nyckeltalet har aldrig förbättrats eller rört sig: sätt ett nåbart målvärde eller ett senare datum.',
    ]);
  });

  it('source-column-missing: a file without columns, and one with more columns than a message lists', () => {
    const files = (csv: string) => ({ 'a.kpi.yaml': kpi('source: { file: data/s.csv, date: month, value: growth }'), 'data/s.csv': csv });
    assert.deepEqual(said('sv', 'source-column-missing', files('')), [
      'Kolumnen `month` finns inte i data/s.csv (filens kolumner: inga): ange en av filens kolumner i `source.date`.',
      'Kolumnen `growth` finns inte i data/s.csv (filens kolumner: inga): ange en av filens kolumner i `source.value`.',
    ]);
    const header = Array.from({ length: 12 }, (_, i) => `c${i + 1}`).join(',');
    assert.deepEqual(said('sv', 'source-column-missing', files(`month,${header}\n`)), [
      'Kolumnen `growth` finns inte i data/s.csv (filens kolumner: `month`, `c1`, `c2`, `c3`, `c4`, `c5`, `c6`, `c7`, `c8`, `c9` och 3 till): ange en av filens kolumner i `source.value`.',
    ]);
  });

  it('source-bad-row: the rows past the first twenty, summed up with a Swedish plural', () => {
    const rows = (n: number) => ['month,growth', ...Array.from({ length: n }, () => 'someday,1'), ''].join('\n');
    const files = (n: number) => ({ 'a.kpi.yaml': kpi('source: { file: data/s.csv, date: month, value: growth }'), 'data/s.csv': rows(n) });
    assert.equal(
      said('sv', 'source-bad-row', files(21)).at(-1),
      '1 rad till i data/s.csv hoppas över eftersom dess datum eller värde inte går att tolka: rätta den.',
    );
    assert.equal(
      said('sv', 'source-bad-row', files(1256)).at(-1),
      '1\u00a0236 rader till i data/s.csv hoppas över eftersom deras datum eller värde inte går att tolka: rätta dem.',
    );
    assert.equal(said('en', 'source-bad-row', files(22)).at(-1), '2 more rows of data/s.csv are skipped because their date or value does not parse: fix them.');
  });

  it('future-measurement: a CSV row after the as-of date', () => {
    const files = { 'a.kpi.yaml': kpi('source: { file: data/s.csv, date: month, value: growth }'), 'data/s.csv': 'month,growth\n2026-10,1\n2026-12,2\n' };
    assert.deepEqual(said('sv', 'future-measurement', files), [
      'Rad 3 i data/s.csv är daterad 2026-12, efter statusdatumet 2026-11-27: rätta datumet; raden räknas inte med i statusen.',
    ]);
  });

  it('too-many-kpis: a file over the limit, its numbers with spaces between thousands', () => {
    const many = ['kpi: 1', 'kpis:', ...Array.from({ length: 5001 }, (_, i) => `  - { id: k${i}, name: K, category: hr }`), ''].join('\n');
    assert.deepEqual(said('sv', 'too-many-kpis', { 'a.kpi.yaml': many }), [
      'Filen innehåller 5\u00a0001 nyckeltal, över gränsen på 5\u00a0000: dela upp den i mindre filer (bara de första 5\u00a0000 kontrolleras).',
    ]);
  });
});
