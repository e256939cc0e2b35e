import { closest, distance } from 'fastest-levenshtein';
import { THOUSANDS_SPACE } from './numbers';

/**
 * What a person most likely meant by a value the format does not allow: the
 * ASCII slug of an id, the number in a text, the allowed word for a word in
 * English or Swedish, the key for a misspelt one. Pure functions of the text;
 * the schema messages say them in words.
 */

/** Goal and KPI ids: lower-case ASCII slugs. */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isSlug(text: string): boolean {
  return SLUG.test(text);
}

/** Letters that decomposing does not take apart. */
const ASCII_LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ð: 'd', þ: 'th', ł: 'l', đ: 'd' };

/**
 * The slug a person most likely meant by an id (`lojala-kunder-åäö` →
 * `lojala-kunder-aao`, `Sales Growth` and `salesGrowth` → `sales-growth`),
 * or undefined when no letter or digit is left of it.
 */
export function slugFor(text: string): string | undefined {
  // Words, digits and the separators people type; anything else (a control character, markup) is no id to guess from.
  if (!/^[\p{L}\p{M}\p{N} ._\-\u2013/&+]+$/u.test(text)) return undefined;
  const slug = text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1-$2')
    .toLowerCase()
    .replace(/[ßæøœðþłđ]/g, (c) => ASCII_LETTERS[c])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return isSlug(slug) ? slug : undefined;
}

/** A number as written in the file, corrected, and why it was not read as one. */
export type NumberCorrection =
  | { readonly kind: 'decimal-comma' | 'thousands' | 'minus' | 'quoted'; readonly number: string }
  /** `1,000`: a decimal comma or a thousands separator. */
  | { readonly kind: 'comma'; readonly decimal: string; readonly thousands: string }
  | { readonly kind: 'unit'; readonly number: string; readonly unit: string };

const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The number in a text that holds only a number, written as people write numbers. */
function numberIn(text: string): NumberCorrection | undefined {
  if (PLAIN_NUMBER.test(text)) return { kind: 'quoted', number: text.replace(/^\+/, '') };
  // A typographic minus (U+2212) or an en dash, as word processors and Excel write it.
  if (/^[\u2212\u2013]/.test(text)) {
    const rest = numberIn(text.slice(1));
    return rest && 'number' in rest && rest.kind !== 'unit' ? { kind: 'minus', number: `-${rest.number}` } : undefined;
  }
  const sign = /^[-+]/.test(text) ? text.charAt(0).replace('+', '') : '';
  const digits = text.replace(/^[-+]/, '');
  if (/^\d{1,3},\d{3}$/.test(digits)) return { kind: 'comma', decimal: sign + digits.replace(',', '.'), thousands: sign + digits.replace(',', '') };
  if (/^\d+,\d+$/.test(digits)) return { kind: 'decimal-comma', number: sign + digits.replace(',', '.') };
  if (new RegExp(`^\\d{1,3}(${THOUSANDS_SPACE}\\d{3})+([.,]\\d+)?$`).test(digits)) {
    return { kind: 'thousands', number: sign + digits.replace(new RegExp(THOUSANDS_SPACE, 'g'), '').replace(',', '.') };
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(digits)) return { kind: 'thousands', number: sign + digits.replace(/,/g, '') };
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(digits)) return { kind: 'thousands', number: sign + digits.replace(/\./g, '').replace(',', '.') };
  return undefined;
}

/**
 * The number a text value was meant to be (`"5,6"`, `"12%"`, `"1 000"`,
 * `"12"` in quotes, `"−5"`), and why YAML read it as text; undefined when it
 * holds no number.
 */
export function correctedNumber(text: string): NumberCorrection | undefined {
  const trimmed = text.trim();
  const alone = numberIn(trimmed);
  if (alone) return alone;
  const unitAfter = new RegExp(`^([-+\\u2212\\u2013]?\\d[\\d.,]*(?:${THOUSANDS_SPACE}\\d{3})*(?:[.,]\\d+)?)\\s*([^\\d\\s.,].*)$`).exec(trimmed);
  const unitBefore = /^([^\d\s.,+\-\u2212\u2013][^\d]*?)\s*([-+\u2212\u2013]?\d[\d.,\s\u00a0\u202f\u2009]*)$/.exec(trimmed);
  const [numberText, unit] = unitAfter ? [unitAfter[1], unitAfter[2]] : unitBefore ? [unitBefore[2], unitBefore[1]] : [];
  if (numberText === undefined || unit === undefined) return undefined;
  const number = numberIn(numberText.trim());
  // `1,000 SEK` could be either reading: no guess.
  if (!number || !('number' in number)) return undefined;
  return { kind: 'unit', number: number.number, unit: unit.trim() };
}

/** Words people write for an allowed value, in English and Swedish, lower-case. */
const VALUE_WORDS: Readonly<Record<string, readonly string[]>> = {
  increase: ['higher', 'högre', 'up', 'upp', 'öka', 'ökande', 'ökning', 'increasing', 'more', 'mer', 'higher is better', 'högre är bättre'],
  decrease: ['lower', 'lägre', 'down', 'ner', 'minska', 'minskande', 'minskning', 'decreasing', 'less', 'mindre', 'lower is better', 'lägre är bättre'],
  daily: ['dagligen', 'daglig', 'dag', 'dagsvis', 'per dag', 'varje dag', 'day', 'every day'],
  weekly: ['veckovis', 'vecka', 'veckor', 'per vecka', 'varje vecka', 'week', 'every week'],
  monthly: ['månadsvis', 'månad', 'månatlig', 'månatligen', 'per månad', 'varje månad', 'month', 'every month'],
  quarterly: ['kvartalsvis', 'kvartal', 'per kvartal', 'varje kvartal', 'quarter', 'every quarter'],
  yearly: ['årligen', 'årsvis', 'årlig', 'år', 'per år', 'varje år', 'year', 'annual', 'annually', 'every year'],
  financial: ['ekonomi', 'ekonomisk', 'finansiell', 'finans', 'finance', 'finances', 'money', 'pengar'],
  operational: ['operativ', 'drift', 'verksamhet', 'process', 'operations', 'operation'],
  customer: ['kund', 'kunder', 'customers', 'client', 'clients', 'marknad', 'market'],
  hr: ['personal', 'medarbetare', 'anställda', 'people', 'staff', 'employees', 'human resources'],
  active: ['aktiv', 'pågående', 'öppen', 'ongoing', 'open'],
  achieved: ['uppnådd', 'uppnått', 'klar', 'klart', 'nådd', 'done', 'reached', 'met'],
  dropped: ['avbruten', 'struken', 'nedlagd', 'stoppad', 'cancelled', 'canceled', 'abandoned'],
};

const MEANING: ReadonlyMap<string, string> = new Map(Object.entries(VALUE_WORDS).flatMap(([value, words]) => words.map((w): [string, string] => [w, value])));

/** The closest spelling, when it is close enough to be a slip of the keyboard rather than another word. */
function nearest(word: string, allowed: readonly string[], most: number): string | undefined {
  if (allowed.length === 0) return undefined;
  const guess = closest(word, [...allowed]);
  return distance(word, guess) <= most ? guess : undefined;
}

/**
 * The allowed value a person meant by a value outside an enum: the same in
 * other letter case (`Monthly`), the word for it in English or Swedish
 * (`lower`, `lägre` → `decrease`; `månadsvis` → `monthly`), or the closest
 * spelling (`monthy` → `monthly`).
 */
export function enumGuess(value: string, allowed: readonly string[]): string | undefined {
  const word = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (allowed.includes(word)) return word;
  const meant = MEANING.get(word);
  if (meant !== undefined && allowed.includes(meant)) return meant;
  return nearest(word, allowed, Math.min(3, word.length - 1));
}

/** Keys people write for an allowed key, mostly in Swedish, by where they stand. */
const KEY_WORDS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '': { title: ['titel', 'rubrik'], goals: ['mål'], kpis: ['nyckeltal', 'kpier', 'metrics'] },
  goal: {
    title: ['titel', 'namn', 'name', 'rubrik'],
    owner: ['ägare', 'ansvarig'],
    parent: ['förälder', 'överordnat'],
    due: ['slutdatum', 'deadline', 'datum'],
    strategy: ['strategi'],
    description: ['beskrivning'],
  },
  kpi: {
    name: ['namn', 'title', 'titel'],
    unit: ['enhet'],
    owner: ['ägare', 'ansvarig'],
    frequency: ['frekvens', 'intervall'],
    direction: ['riktning'],
    category: ['kategori'],
    measurements: ['mätningar', 'mätvärden', 'värden', 'values', 'data'],
    source: ['källa'],
    rationale: ['motivering', 'syfte', 'why'],
    description: ['beskrivning'],
    goals: ['mål'],
    target: ['målvärde'],
    baseline: ['utgångsläge', 'utgångsvärde', 'baslinje', 'start'],
    thresholds: ['tröskelvärden', 'gränsvärden', 'gränser'],
    tags: ['taggar', 'etiketter'],
  },
  point: { value: ['värde'], date: ['datum'] },
  measurement: { value: ['värde'], date: ['datum'], note: ['notering', 'kommentar', 'anteckning', 'comment'] },
  source: { file: ['fil'], date: ['datum'], value: ['värde'] },
};

/** A key without case and word separators: `At-Risk` and `at_risk` are `atrisk`. */
const folded = (key: string) => key.toLowerCase().replace(/[-_ ]/g, '');

/**
 * The allowed key a person meant by an unknown one, in the kind of object
 * `place` names: the same in other case or with other separators
 * (`Owner`, `at_risk`), the word for it (`enhet` → `unit`), or the closest
 * spelling (`treshold` → `thresholds`, `mesurements` → `measurements`).
 */
export function keyGuess(key: string, place: string, allowed: readonly string[]): string | undefined {
  const same = allowed.find((k) => folded(k) === folded(key));
  if (same) return same;
  const words = KEY_WORDS[place] ?? {};
  const meant = Object.keys(words).find((k) => words[k].includes(key.toLowerCase()));
  if (meant && allowed.includes(meant)) return meant;
  return nearest(key, allowed, Math.max(2, Math.floor(key.length / 3)));
}
