import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Formatters, IntlMessageFormat } from 'intl-messageformat';
import { catalogueTexts, directFill, type MessageKey, translator } from '../../server/src/core/l10n/catalogue';
import { languageTag, type LocaleOrPseudo, PSEUDO_LOCALE } from '../../server/src/core/l10n/locale';

/**
 * The translator fills a text of words, plain placeholders and numbers
 * itself (directFill) instead of asking intl-messageformat: its words must
 * be the library's, for every text of the catalogue, in every language.
 */

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/** Each placeholder of a text, and what it takes: a number (numbers, plurals), one of the options of a select, or any value. */
function placeholders(elements: readonly Element[], found = new Map<string, 'number' | 'any' | string[]>()): Map<string, 'number' | 'any' | string[]> {
  for (const element of elements) {
    const node = element as { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };
    if (node.type === 0 || typeof node.value !== 'string') continue;
    if (node.type === 5) found.set(node.value, Object.keys(node.options ?? {}));
    else if (node.type === 2 || node.type === 6) found.set(node.value, 'number');
    else if (!found.has(node.value)) found.set(node.value, 'any');
    for (const option of Object.values(node.options ?? {})) placeholders(option.value, found);
  }
  return found;
}

/** Values to fill a text with: numbers of every kind a message may show, texts, and numbers where a text may stand. */
const NUMBERS = [1234.5678, 0, -0, -1.25, 0.05, 1e21, NaN, Infinity, -Infinity];
const TEXTS = ['x', '', 'a `quoted` {value}', 'grow-revenue', '1 234,5 %'];

function samples(text: string): Record<string, string | number>[] {
  const wanted = placeholders(new IntlMessageFormat(text, 'en').getAst());
  const count = Math.max(NUMBERS.length, TEXTS.length);
  const data: Record<string, string | number>[] = [];
  for (let i = 0; i < count; i++) {
    const values: Record<string, string | number> = {};
    for (const [name, kind] of wanted) {
      if (kind === 'number') values[name] = NUMBERS[i % NUMBERS.length];
      else if (kind === 'any') values[name] = i % 2 === 0 ? TEXTS[i % TEXTS.length] : NUMBERS[i % NUMBERS.length];
      else values[name] = kind[i % kind.length];
    }
    data.push(values);
  }
  return data;
}

/** The library's words for a text, as the translator shows them (the pseudo-locale marks each text). */
function libraryWords(text: string, locale: LocaleOrPseudo, data: Record<string, unknown> | undefined): string {
  const shown = String(new IntlMessageFormat(text, languageTag(locale)).format(data as Record<string, string>));
  return locale === PSEUDO_LOCALE ? `⟦${shown}⟧` : shown;
}

/** What the library throws for a text and data, or undefined when it does not. */
function libraryError(text: string, locale: LocaleOrPseudo, data: Record<string, unknown> | undefined): string | undefined {
  try {
    libraryWords(text, locale, data);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Intl's formats as intl-messageformat would make them. */
const PLAIN_FORMATTERS: Formatters = {
  getNumberFormat: (locales, options) => new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions),
  getDateTimeFormat: (locales, options) => new Intl.DateTimeFormat(locales, options),
  getPluralRules: (locales, options) => new Intl.PluralRules(locales, options),
};

const LANGUAGES: readonly LocaleOrPseudo[] = ['en', 'sv', PSEUDO_LOCALE];

describe('filling a catalogue text directly', () => {
  for (const locale of LANGUAGES) {
    it(`gives the library's words for every text of the catalogue (${locale})`, () => {
      const words = translator(locale);
      let filled = 0;
      for (const [key, text] of catalogueTexts(locale === 'sv' ? 'sv' : 'en')) {
        if (directFill(new IntlMessageFormat(text, 'en').getAst(), languageTag(locale), PLAIN_FORMATTERS)) filled++;
        for (const data of samples(text))
          assert.equal(words.t(key as MessageKey, data), libraryWords(text, locale, data), `${key} with ${JSON.stringify(data)}`);
      }
      // Most texts are words and placeholders only: the direct fill is no rare path.
      assert.ok(filled > 300, `${filled} texts filled directly`);
    });

    it(`throws what the library throws for a missing value, and writes other values as it does (${locale})`, () => {
      const words = translator(locale);
      const en = catalogueTexts(locale === 'sv' ? 'sv' : 'en');
      for (const key of ['rules.missing-rationale.missing', 'rules.unrealistic-target.faster', 'rules.future-measurement.inline'] as const) {
        const text = en.get(key)!;
        const [data] = samples(text);
        const [first, ...others] = Object.keys(data);
        const lacking = Object.fromEntries(others.map((name) => [name, data[name]]));
        const expected = libraryError(text, locale, lacking);
        assert.ok(expected?.includes(first), `${key}: the library names the missing value`);
        assert.throws(() => words.t(key, lacking), { message: expected });
        assert.throws(() => words.t(key), { message: libraryError(text, locale, undefined) });
        // A value that is neither a text nor a number (a caller's mistake) is left to the library: it writes none.
        const odd = { ...data, [first]: undefined } as unknown as Record<string, string>;
        assert.equal(words.t(key, odd), libraryWords(text, locale, odd));
      }
    });
  }

  it('is made for words, placeholders and numbers, and left to the library for anything else', () => {
    const fills = (text: string) => directFill(new IntlMessageFormat(text, 'en').getAst(), 'en', PLAIN_FORMATTERS) !== undefined;
    assert.equal(fills('KPI `{kpi}` has no rationale'), true);
    assert.equal(fills('{factor, number, ::.0}× the best pace ({best})'), true);
    assert.equal(fills("{n, number} KPIs, literal '{'braces'}'"), true);
    assert.equal(fills('{n, plural, one {# KPI} other {# KPIs}}'), false);
    assert.equal(fills('{kind, select, goal {a goal} other {a KPI}}'), false);
    assert.equal(fills('{share, number, percent}'), false);
    assert.equal(fills('{share, number, ::percent scale/100}'), false);
    assert.equal(fills('{day, date, short}'), false);
    const fill = directFill(new IntlMessageFormat("{n, number} KPIs, literal '{'braces'}'", 'sv-SE').getAst(), 'sv-SE', PLAIN_FORMATTERS)!;
    assert.equal(fill({ n: -1234.5 }), '\u22121\u00a0234,5 KPIs, literal {braces}');
    assert.equal(fill({}), undefined);
    assert.equal(fill({ n: '12' }), undefined);
  });
});
