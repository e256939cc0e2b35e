import { pickLocale, type LocaleOrPseudo } from '../../server/src/core/l10n/locale';

/**
 * The extension's language (SPEC §9): the `kpi.locale` setting, where `auto`
 * (or nothing) means VS Code's display language. VS Code has no Swedish
 * language pack, so Swedish users set `kpi.locale: sv`.
 */
export function extensionLocale(setting: string | undefined, displayLanguage: string): LocaleOrPseudo {
  return pickLocale([setting === 'auto' ? undefined : setting, displayLanguage]);
}
