/** The languages every word of the product exists in (SPEC §9). */
export const LOCALES = ['en', 'sv'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The pseudo-locale: English with every catalogue text marked ⟦like this⟧,
 * so that a test can see any text that did not come from the catalogue.
 */
export const PSEUDO_LOCALE = 'qps-ploc';
export type LocaleOrPseudo = Locale | typeof PSEUDO_LOCALE;

/**
 * The language a locale name means: `sv`, `sv-SE`, `sv_SE.UTF-8` → Swedish;
 * `C`, `POSIX`, English and every other name → English. Empty: undefined.
 */
export function parseLocale(name: string | undefined): LocaleOrPseudo | undefined {
  const trimmed = name?.trim();
  if (!trimmed) return undefined;
  if (trimmed.toLowerCase() === PSEUDO_LOCALE) return PSEUDO_LOCALE;
  return /^sv(?:[-_.@]|$)/i.test(trimmed) ? 'sv' : 'en';
}

/**
 * The first locale given, in the caller's order of precedence (SPEC §9: for
 * the CLI `--locale`, `KPI_LOCALE`, the configuration, `LC_ALL`,
 * `LC_MESSAGES`, `LANG`); English when none is.
 */
export function pickLocale(candidates: readonly (string | undefined)[]): LocaleOrPseudo {
  for (const candidate of candidates) {
    const locale = parseLocale(candidate);
    if (locale !== undefined) return locale;
  }
  return 'en';
}

/** The BCP 47 tag for Intl and `<html lang>`. */
export function languageTag(locale: LocaleOrPseudo): string {
  return locale === 'sv' ? 'sv-SE' : 'en';
}
