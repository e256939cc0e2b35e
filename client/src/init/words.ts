/**
 * What KPI: Set Up Repository for CI shows and runs, apart from the command
 * (no `vscode` import), so that the editor tests can assert on the same words.
 */

/**
 * What the terminal runs, in the workspace folder. `--no`: only a `kpi`
 * installed in the repository runs; npx never fetches a package of that name
 * from the registry (the CI workflow that `kpi init` writes needs the
 * repository's own `kpi` anyway).
 */
export const KPI_INIT_COMMAND_LINE = 'npx --no kpi init';

export const KPI_INIT_TERMINAL_NAME = 'kpi init';

/** Why nothing runs in Restricted Mode (a warning). */
export const KPI_INIT_UNTRUSTED =
  'KPI: Set Up Repository for CI runs the `kpi` program installed in this folder, so it runs only in a trusted workspace. Trust the folder, then run it again.';

export const KPI_INIT_NO_FOLDER = 'Open the folder of your repository to set it up for CI with `kpi init`.';

export const KPI_INIT_PICK_FOLDER = 'The folder to set up for CI with `kpi init`';
