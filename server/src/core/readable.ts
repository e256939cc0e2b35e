import { message, translator, type Message } from './l10n/catalogue';
import type { LocaleOrPseudo } from './l10n/locale';
import type { Span } from './types';

/**
 * What a user reads of a diagnostic, whatever the file holds: a span of whole
 * characters and a message of one short, printable line.
 */

/**
 * Line breaks, control characters a terminal would obey (an escape sequence
 * in a KPI id must not recolour `kpi lint`'s output) and the bidirectional
 * controls that reorder the text after them.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** UNPRINTABLE without `g`: a test that keeps no place between calls. */
const HAS_UNPRINTABLE = new RegExp(UNPRINTABLE.source);
const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

/** A value quoted from a file longer than this is shortened in a message. */
const MAX_QUOTED = 80;
/** A message still longer than this after that has a backtick in a value: every long part is shortened. */
const MAX_MESSAGE = 400;

/** A long value quoted in a message: its start and its end. */
export function shortened(value: string): string {
  return value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 20)}…${value.slice(-10)}` : value;
}

/**
 * Whether a message quotes, between a pair of backticks, a value that
 * `shortened` would shorten: most quote none, and are kept as they are
 * without splitting them.
 */
function quotesLongValue(message: string): boolean {
  for (let open = message.indexOf('`'); open >= 0;) {
    const close = message.indexOf('`', open + 1);
    if (close < 0) return false;
    if (close - open - 1 > MAX_QUOTED) return true;
    open = message.indexOf('`', close + 1);
  }
  return false;
}

/**
 * A diagnostic message as one short, printable line: a long value in
 * backticks keeps its start and end, and line breaks and control characters
 * are shown escaped (`\r`, `\u001b`).
 */
export function readableMessage(message: string): string {
  let short = message;
  // A message no longer than a quoted value may be has nothing to shorten.
  if (message.length > MAX_QUOTED) {
    // Messages quote values from the file in backticks: every second part is one...
    if (quotesLongValue(message)) {
      const parts = message.split('`');
      short = parts.map((part, i) => (i % 2 === 1 && i < parts.length - 1 ? shortened(part) : part)).join('`');
    }
    // ...unless a value holds a backtick itself.
    if (short.length > MAX_MESSAGE) short = message.split('`').map(shortened).join('`');
  }
  return HAS_UNPRINTABLE.test(short) ? short.replace(UNPRINTABLE, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : short;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** A span widened to whole characters: a parser may point between the two halves of an emoji. */
export function wholeCharacters(text: string, span: Span): Span {
  const splits = (at: number) => at > 0 && isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at));
  return splits(span.start) || splits(span.end)
    ? { start: splits(span.start) ? span.start - 1 : span.start, end: splits(span.end) ? span.end + 1 : span.end }
    : span;
}

/**
 * A place as people count it, from one: 1st, 2nd, 3rd, 4th, 11th, 21st in
 * English, 1:a, 2:a, 3:e, 4:e, 11:e, 21:a in Swedish (ICU `selectordinal`
 * in the catalogue). The digits are not grouped: the 1234th measurement.
 */
export function ordinalMessage(n: number): Message {
  return message('schema.ordinal', { n, digits: String(n) });
}

/** ordinalMessage in words, in English unless told. */
export function ordinal(n: number, locale: LocaleOrPseudo = 'en'): string {
  return translator(locale).text(ordinalMessage(n));
}

/** The text with its first letter capitalised: a phrase as the start of a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "1 error", "3 errors": a count and its noun. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
