import * as fs from 'node:fs';
import * as path from 'node:path';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { describeIoError, makeFolders, UsageError } from '../node/files';

/** What a command needs from the process: streams, directory, environment. Tests pass their own. */
export interface Io {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * `-o FILE`: writes a command's output to `file` (relative to the current
 * folder), making its folders; one that cannot be written is a usage error
 * that says why. Returns the absolute path written.
 */
export function writeOutputFile(io: Io, file: string, text: string, locale: LocaleOrPseudo): string {
  const target = path.resolve(io.cwd, file);
  try {
    makeFolders(path.dirname(target));
    fs.writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(translator(locale).t('cli.cannot-write', { file, reason: describeIoError(error, locale) }));
  }
  return target;
}
