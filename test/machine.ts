/**
 * The environment for a child process (`kpi`, `kpi-language-server`, `npx`)
 * whose English output a test asserts: this process's environment, with the
 * locale sources SPEC §9 reads after the command line and the configuration
 * saying English (`KPI_LOCALE` dropped, `LC_ALL=C`). Without it the language
 * of the machine the suite runs on (LANG=sv_SE.UTF-8) would choose the
 * language of the output, as it should for a user.
 */
export function inEnglish(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const english: NodeJS.ProcessEnv = { ...env, LC_ALL: 'C' };
  delete english.KPI_LOCALE;
  return english;
}
