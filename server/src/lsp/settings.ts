import { parseCalendarDay, today, type Day } from '../core/dates';
import { parseLocale, type LocaleOrPseudo } from '../core/l10n/locale';

/** The `kpi.*` settings the server reads through workspace/configuration. */
export interface KpiSettings {
  /** Judge dates as of this day (`YYYY-MM-DD`); empty for today. */
  readonly asOf: string;
  /** Read CSV sources (off in untrusted workspaces). */
  readonly readCsv: boolean;
  /** Milliseconds to wait after the last keystroke before linting. */
  readonly debounce: number;
  /** The language of the texts: `auto` leaves the choice to the next source (SPEC §9). */
  readonly locale: LocaleSetting;
}

/** `auto`, or a language; the pseudo-locale `qps-ploc` too, for tests that look for text not from the catalogue. */
export type LocaleSetting = 'auto' | LocaleOrPseudo;

export const DEFAULT_SETTINGS: KpiSettings = { asOf: '', readCsv: true, debounce: 50, locale: 'auto' };

/** Settings from whatever a client sent, every field checked, defaults for the rest. */
export function readSettings(value: unknown): KpiSettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const asOf = typeof v.asOf === 'string' && parseCalendarDay(v.asOf.trim()) !== undefined ? v.asOf.trim() : '';
  const readCsv = typeof v.readCsv === 'boolean' ? v.readCsv : DEFAULT_SETTINGS.readCsv;
  const debounce = typeof v.debounce === 'number' && v.debounce >= 0 && v.debounce <= 5000 ? v.debounce : DEFAULT_SETTINGS.debounce;
  const locale = (typeof v.locale === 'string' && v.locale.trim() !== 'auto' ? parseLocale(v.locale) : undefined) ?? 'auto';
  return { asOf, readCsv, debounce, locale };
}

export function asOfDay(settings: KpiSettings): Day {
  return settings.asOf === '' ? today() : parseCalendarDay(settings.asOf)!;
}
