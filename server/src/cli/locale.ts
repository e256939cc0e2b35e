import * as path from 'node:path';
import { readConfig } from '../core/config';
import { parseLocale, pickLocale, type LocaleOrPseudo } from '../core/l10n/locale';
import { RULE_METAS } from '../core/rules';
import { readTextFile } from '../node/files';
import { findConfig } from '../node/root';
import type { Io } from './io';

/** An option's value as parseArgs reads it (`--locale sv`, `--locale=sv`), before a `--` that ends the options. */
export function optionValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return undefined;
    if (arg === name) return args[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/** The `locale` of a configuration file; none when it cannot be read (its problems are told later, in the language chosen without it). */
function configLocale(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readConfig(readTextFile(file), RULE_METAS).config.locale;
  } catch {
    return undefined;
  }
}

/** The locale of the environment alone: `KPI_LOCALE`, `LC_ALL`, `LC_MESSAGES`, `LANG` (when no configuration can be read). */
export function environmentLocale(env: NodeJS.ProcessEnv, flag?: string): LocaleOrPseudo {
  return pickLocale([flag, env.KPI_LOCALE, env.LC_ALL, env.LC_MESSAGES, env.LANG]);
}

/**
 * SPEC §9, the CLI's language, first match wins: `--locale`, `KPI_LOCALE`,
 * `locale` in the configuration (`--config FILE`, else the nearest
 * kpi.config.yaml), `LC_ALL`, `LC_MESSAGES`, `LANG`; else English.
 * `C`/`POSIX` and unknown names mean English; `qps-ploc` is the pseudo-locale.
 */
export function cliLocale(args: readonly string[], io: Pick<Io, 'cwd' | 'env'>): LocaleOrPseudo {
  const { env } = io;
  const chosen = [optionValue(args, '--locale'), env.KPI_LOCALE];
  // The configuration is read only when it decides.
  if (chosen.some((name) => parseLocale(name) !== undefined)) return pickLocale(chosen);
  const given = optionValue(args, '--config');
  const file = given !== undefined ? path.resolve(io.cwd, given) : findConfig(io.cwd);
  return pickLocale([configLocale(file), env.LC_ALL, env.LC_MESSAGES, env.LANG]);
}
