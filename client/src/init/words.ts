/**
 * What KPI: Set Up Repository for CI shows and runs, apart from the command
 * (no `vscode` import), so that the editor tests can assert on the same words.
 */
import { translator, type Translator } from '../../../server/src/core/l10n/catalogue';

/**
 * What the terminal runs, in the workspace folder. `--no`: only a `kpi`
 * installed in the repository runs; npx never fetches a package of that name
 * from the registry (the CI workflow that `kpi init` writes needs the
 * repository's own `kpi` anyway).
 */
export const KPI_INIT_COMMAND_LINE = 'npx --no kpi init';

/** The terminal is named by the command it runs, in every language. */
export const KPI_INIT_TERMINAL_NAME = 'kpi init';

/** What the command says, in the extension's language. */
export interface KpiInitWords {
  /** Why nothing runs in Restricted Mode (a warning). */
  readonly untrusted: string;
  /** The warning's button. */
  readonly manageTrust: string;
  readonly noFolder: string;
  readonly pickFolder: string;
}

export function kpiInitWords(words: Translator = translator('en')): KpiInitWords {
  return {
    untrusted: words.t('client.init.untrusted'),
    manageTrust: words.t('client.init.manage-trust'),
    noFolder: words.t('client.init.no-folder'),
    pickFolder: words.t('client.init.pick-folder'),
  };
}

const ENGLISH = kpiInitWords();

export const KPI_INIT_UNTRUSTED = ENGLISH.untrusted;

export const KPI_INIT_NO_FOLDER = ENGLISH.noFolder;

export const KPI_INIT_PICK_FOLDER = ENGLISH.pickFolder;
