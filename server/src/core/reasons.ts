import { formatDay } from './dates';
import { message, translator, type Message, type Translator } from './l10n/catalogue';
import { decimalsOf } from './numbers';
import type { KpiStatus, StatusReason } from './status';
import type { Direction } from './types';

/** The options of the figures, one object each: the translator finds its number format by the object. */
const UP_TO_THREE: Intl.NumberFormatOptions = { maximumFractionDigits: 3 };
const FIXED_PLACES = new Map<number, Intl.NumberFormatOptions>();
function fixedPlaces(places: number): Intl.NumberFormatOptions {
  let options = FIXED_PLACES.get(places);
  if (options === undefined) {
    options = { minimumFractionDigits: places, maximumFractionDigits: places };
    FIXED_PLACES.set(places, options);
  }
  return options;
}

/**
 * A figure as people read it. English keeps the form the scorecard has always
 * shown (JavaScript's, no thousands separator: `1250000`, `3.25`); other
 * languages get Intl's (`1 250 000`, `3,25`). `places` fixes the decimals;
 * without it, up to three.
 */
export function shownFigure(value: number, words: Translator = translator('en'), places?: number): string {
  if (words.tag === 'en') return places === undefined ? String(Number(value.toFixed(3))) : value.toFixed(places);
  // `+ 0` turns a -0 left by rounding into 0, as String() shows it.
  if (places === undefined) return words.number(Number(value.toFixed(3)) + 0, UP_TO_THREE);
  return words.number(value, fixedPlaces(places));
}

/**
 * SPEC §5.8: a KPI status's reason as one phrase in the reader's words, e.g.
 * "3.2 behind plan (plan 38.3 for 2026-10; at risk down to 35.8)". Every
 * view shows this same phrase: JSON `reason`, the table, the scorecard,
 * hover and CodeLens.
 */
export function reasonText(status: Pick<KpiStatus, 'reason' | 'leftOut'>, direction: Direction, words: Translator = translator('en')): string {
  return words.text(reasonMessage(status, direction, words));
}

/** The reason as a catalogue message, its figures already in the form of `words`' language. */
function reasonMessage(status: Pick<KpiStatus, 'reason' | 'leftOut'>, direction: Direction, words: Translator = translator('en')): Message {
  const phrase = reasonPhrase(status.reason, direction, words);
  const { leftOut } = status;
  if (leftOut === 0 || status.reason.kind === 'invalid') return phrase;
  return message('status.reason.left-out', { reason: phrase, count: leftOut });
}

function reasonPhrase(reason: StatusReason, direction: Direction, words: Translator): Message {
  const shown = (n: number) => shownFigure(n, words);
  switch (reason.kind) {
    case 'invalid':
      return message('status.reason.invalid', { errors: reason.errors });
    case 'no-measurement':
      return message('status.reason.no-measurement', { asOf: formatDay(reason.asOf) });
    case 'no-target':
      return message('status.reason.no-target');
    case 'target-met':
      return message('status.reason.target-met', { target: shown(reason.target) });
    case 'threshold': {
      const increase = direction === 'increase';
      const side = reason.met ? (increase ? 'atOrAbove' : 'atOrBelow') : increase ? 'below' : 'above';
      return message('status.reason.threshold', { side, threshold: reason.threshold, value: shown(reason.value) });
    }
    case 'plan': {
      // Computed figures get the decimals of the KPI's own (at most 3); a gap too small for them gets up to three.
      const places = Math.min(Math.max(...reason.figures.map(decimalsOf)), 3);
      const figure = (n: number) => (Math.abs(n) >= 10 ** -places || n === 0 ? shownFigure(n, words, places) : shown(n));
      const plan = message('status.reason.plan', { planned: figure(reason.planned), date: reason.date });
      if (reason.ahead === 0) return message('status.reason.on-plan', { plan });
      if (reason.ahead > 0) return message('status.reason.ahead-of-plan', { ahead: figure(reason.ahead), plan });
      return message('status.reason.behind-plan', { behind: figure(-reason.ahead), plan, direction, limit: figure(reason.atRiskLimit) });
    }
    case 'near-target': {
      const data = { share: shown(reason.share * 100), target: shown(reason.target) };
      return reason.near ? message('status.reason.near-target', data) : message('status.reason.away-from-target', data);
    }
  }
}
