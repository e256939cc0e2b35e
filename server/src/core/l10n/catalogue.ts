import { type Formatters, IntlMessageFormat } from 'intl-messageformat';
import { languageTag, type Locale, type LocaleOrPseudo, PSEUDO_LOCALE } from './locale';
import enCli from './en/cli.json';
import enClient from './en/client.json';
import enConfig from './en/config.json';
import enData from './en/data.json';
import enDiff from './en/diff.json';
import enDuckdb from './en/duckdb.json';
import enGit from './en/git.json';
import enInit from './en/init.json';
import enLsp from './en/lsp.json';
import enPostgres from './en/postgres.json';
import enRefresh from './en/refresh.json';
import enReport from './en/report.json';
import enRules from './en/rules.json';
import enSchema from './en/schema.json';
import enStatus from './en/status.json';
import svCli from './sv/cli.json';
import svClient from './sv/client.json';
import svConfig from './sv/config.json';
import svData from './sv/data.json';
import svDiff from './sv/diff.json';
import svDuckdb from './sv/duckdb.json';
import svGit from './sv/git.json';
import svInit from './sv/init.json';
import svLsp from './sv/lsp.json';
import svPostgres from './sv/postgres.json';
import svRefresh from './sv/refresh.json';
import svReport from './sv/report.json';
import svRules from './sv/rules.json';
import svSchema from './sv/schema.json';
import svStatus from './sv/status.json';

/**
 * The message catalogue: every text the product shows a person, in English
 * and Swedish, as ICU MessageFormat (intl-messageformat): named
 * placeholders (`{goal}`), plurals (`{count, plural, one {# KPI} other {# KPIs}}`),
 * numbers in the locale's form (`{value, number}`). A literal `{` or `}` is
 * written `'{'`; a YAML example with braces is better passed as a value.
 *
 * The texts live in one JSON file per area and language (`en/rules.json`,
 * `sv/rules.json`…); a key is `<area>.<key in the file>`, e.g.
 * `rules.unknown-goal.unknown`. test/core/l10n.test.ts checks that both
 * languages have the same keys with the same placeholders, and that every key
 * is used.
 */
const EN = {
  cli: enCli,
  client: enClient,
  config: enConfig,
  data: enData,
  diff: enDiff,
  duckdb: enDuckdb,
  git: enGit,
  init: enInit,
  lsp: enLsp,
  postgres: enPostgres,
  refresh: enRefresh,
  report: enReport,
  rules: enRules,
  schema: enSchema,
  status: enStatus,
};

type Area = keyof typeof EN;

/** Every key of the catalogue, checked by the compiler. */
export type MessageKey = { [A in Area]: `${A}.${keyof (typeof EN)[A] & string}` }[Area];

const SV: Record<Area, Record<string, string>> = {
  cli: svCli,
  client: svClient,
  config: svConfig,
  data: svData,
  diff: svDiff,
  duckdb: svDuckdb,
  git: svGit,
  init: svInit,
  lsp: svLsp,
  postgres: svPostgres,
  refresh: svRefresh,
  report: svReport,
  rules: svRules,
  schema: svSchema,
  status: svStatus,
};

/** The texts of one language, by full key: the tests read them. */
export function catalogueTexts(locale: Locale): ReadonlyMap<string, string> {
  const texts = new Map<string, string>();
  const bundles: Record<Area, Record<string, string>> = locale === 'sv' ? SV : EN;
  for (const [area, bundle] of Object.entries(bundles)) for (const [key, text] of Object.entries(bundle)) texts.set(`${area}.${key}`, text);
  return texts;
}

/**
 * A text of the catalogue not yet put in words: the core says what it means
 * (`{ key: 'schema.decimal-comma', data: { fixed: '5.6' } }`) and the host
 * that shows it picks the language. A value may itself be a message, put in
 * words in the same language first (a place, a list of suggestions).
 */
export interface Message {
  readonly key: MessageKey;
  readonly data?: MessageData;
}

/** The values a message's placeholders take. Numbers are formatted by the message (`{n, number}`) or shown as they are. */
export type MessageData = Readonly<Record<string, string | number | Message>>;

/** A message, for short: `message('schema.decimal-comma', { fixed: '5.6' })`. */
export function message(key: MessageKey, data?: MessageData): Message {
  return data === undefined ? { key } : { key, data };
}

/** Texts in one language. */
export interface Translator {
  readonly locale: LocaleOrPseudo;
  /** The BCP 47 tag for Intl and `<html lang>`. */
  readonly tag: string;
  /** The catalogue's text for `key`, its placeholders filled. */
  t(key: MessageKey, data?: MessageData): string;
  /** A message in words. */
  text(message: Message): string;
  /** A number for people: `1 234,5` in Swedish, `1,234.5` in English. The options are read once per object: pass a constant, never change one after. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
}

const translators = new Map<LocaleOrPseudo, Translator>();

/** The translator for a locale, made once. */
export function translator(locale: LocaleOrPseudo): Translator {
  let made = translators.get(locale);
  if (made === undefined) {
    made = makeTranslator(locale);
    translators.set(locale, made);
  }
  return made;
}

function makeTranslator(locale: LocaleOrPseudo): Translator {
  // Said for every finding: a plain loop, not entries mapped into a new object.
  const inWords = (data: MessageData): Record<string, string | number> => {
    const values: Record<string, string | number> = {};
    for (const name in data) {
      const value = data[name];
      values[name] = typeof value === 'object' ? made.text(value) : value;
    }
    return values;
  };
  const language: Locale = locale === 'sv' ? 'sv' : 'en';
  const tag = languageTag(locale);
  const texts = catalogueTexts(language);
  /** Each text's format, and its direct fill where it has one (null: none), made when first said. */
  const formats = new Map<string, { readonly format: IntlMessageFormat; readonly fill: Fill | null }>();
  const intl = intlFormats(tag);
  const made: Translator = {
    locale,
    tag,
    t(key, data) {
      let known = formats.get(key);
      if (known === undefined) {
        const text = texts.get(key);
        if (text === undefined) throw new Error(`no text for ${key} in ${language}`);
        const format = new IntlMessageFormat(text, tag, undefined, { formatters: intl });
        known = { format, fill: directFill(format.getAst(), tag, intl) ?? null };
        formats.set(key, known);
      }
      const values = data === undefined ? undefined : inWords(data);
      const shown = known.fill?.(values) ?? String(known.format.format(values));
      return locale === PSEUDO_LOCALE ? `⟦${shown}⟧` : shown;
    },
    text(message) {
      return this.t(message.key, message.data);
    },
    number(value, options) {
      return intl.getNumberFormat(tag, options).format(value);
    },
  };
  return made;
}

/** A message's elements as intl-messageformat parses it (getAst). */
type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/**
 * The element types and the number skeleton type of the parser's enums
 * (`TYPE`, `SKELETON_TYPE` of @formatjs/icu-messageformat-parser, which
 * intl-messageformat does not export).
 */
const LITERAL = 0;
const ARGUMENT = 1;
const NUMBER = 2;
const NUMBER_SKELETON = 0;

/** One piece of a text filled directly: words, or a placeholder, as it is or as a number. */
type Piece = string | { readonly name: string; readonly number?: Intl.NumberFormat };

/** A text filled with values; undefined where the library must say what happens (it throws for a missing value). */
export type Fill = (values: Readonly<Record<string, string | number>> | undefined) => string | undefined;

/**
 * How a text made only of words, plain placeholders (`{kpi}`) and numbers
 * (`{n, number}`, `{factor, number, ::.0}`) is filled, as
 * IntlMessageFormat.format fills it, without it: the library makes an
 * object for every part and merges them again, which cost more than all the
 * rest of a finding's message (10,000 unrealistic targets each say three
 * amounts of their own). A placeholder is written as the library writes
 * it: a text as it is, a number with String (`{kpi}`) or with the number
 * format the library would ask `formatters` for. Undefined for any other
 * text (plurals, selects, dates, named number styles, scaled skeletons):
 * the library fills it. A test compares the two on every catalogue text.
 */
export function directFill(elements: readonly Element[], tag: string, formatters: Formatters): Fill | undefined {
  const pieces: Piece[] = [];
  for (const element of elements) {
    // Only the `#` of a plural has no value.
    if (!('value' in element)) return undefined;
    const type: number = element.type;
    if (type === LITERAL) pieces.push(element.value);
    else if (type === ARGUMENT) pieces.push({ name: element.value });
    else if (type === NUMBER) {
      const style = 'style' in element ? element.style : undefined;
      const skeleton = typeof style === 'object' && style !== null && (style.type as number) === NUMBER_SKELETON ? style.parsedOptions : undefined;
      if (style === null || style === undefined) pieces.push({ name: element.value, number: formatters.getNumberFormat(tag) });
      else if (skeleton !== undefined && !('scale' in skeleton && skeleton.scale))
        pieces.push({ name: element.value, number: formatters.getNumberFormat(tag, skeleton) });
      else return undefined;
    } else return undefined;
  }
  return (values) => {
    let text = '';
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        text += piece;
        continue;
      }
      // Missing: the library throws its own error.
      if (values === undefined || !(piece.name in values)) return undefined;
      const value = values[piece.name];
      if (piece.number !== undefined) {
        if (typeof value !== 'number') return undefined;
        text += piece.number.format(value);
      } else if (typeof value === 'string') text += value;
      else if (typeof value === 'number') text += String(value);
      else return undefined;
    }
    return text;
  };
}

/**
 * Intl's formats for one language, each made once. intl-messageformat's
 * own cache writes its arguments out as JSON on every number a message
 * shows; here a format is found by its options object (a message keeps one
 * per placeholder, a caller a constant), and only options met for the
 * first time are written out, so that equal options share one format.
 */
function intlFormats(tag: string): Formatters {
  const byText = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
  const numbers = new WeakMap<object, Intl.NumberFormat>();
  const dates = new WeakMap<object, Intl.DateTimeFormat>();
  // Made when first asked for: the first Intl format of a process costs milliseconds (ICU reads its
  // locale data), and `kpi lint` of a workspace without findings shows no number, nor any date by Intl.
  let plainNumber: Intl.NumberFormat | undefined;
  let plainDate: Intl.DateTimeFormat | undefined;
  const plurals = new Map<string | undefined, Intl.PluralRules>();
  return {
    getNumberFormat(locales, options) {
      if (locales !== tag) return new Intl.NumberFormat(locales, options as Intl.NumberFormatOptions);
      if (options === undefined) return (plainNumber ??= new Intl.NumberFormat(tag));
      let format = numbers.get(options);
      if (format === undefined) {
        const id = `number ${JSON.stringify(options)}`;
        format = (byText.get(id) as Intl.NumberFormat | undefined) ?? new Intl.NumberFormat(tag, options as Intl.NumberFormatOptions);
        byText.set(id, format);
        numbers.set(options, format);
      }
      return format;
    },
    getDateTimeFormat(locales, options) {
      if (locales !== tag) return new Intl.DateTimeFormat(locales, options);
      if (options === undefined) return (plainDate ??= new Intl.DateTimeFormat(tag));
      let format = dates.get(options);
      if (format === undefined) {
        const id = `date ${JSON.stringify(options)}`;
        format = (byText.get(id) as Intl.DateTimeFormat | undefined) ?? new Intl.DateTimeFormat(tag, options);
        byText.set(id, format);
        dates.set(options, format);
      }
      return format;
    },
    // intl-messageformat asks with a new `{ type }` each time: the type is the key.
    getPluralRules(locales, options) {
      const known = Object.keys(options ?? {}).every((name) => name === 'type');
      if (locales !== tag || !known) return new Intl.PluralRules(locales, options);
      let rules = plurals.get(options?.type);
      if (rules === undefined) {
        rules = new Intl.PluralRules(tag, options);
        plurals.set(options?.type, rules);
      }
      return rules;
    },
  };
}
