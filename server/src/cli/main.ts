import type * as DiffCommand from './diff-command';
import type * as InitCommand from './init-command';
import type * as LintCommand from './lint-command';
import type * as RefreshCommand from './refresh-command';
import type * as StatusCommand from './status-command';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { describeIoError, UsageError } from '../node/files';
import { GitError } from '../node/git';
import type { Io } from './io';
import { cliLocale, environmentLocale, optionValue } from './locale';
import { plainText } from '../report/plain-text';
import { VERSION } from '../version';

/*
 * Each command's module is loaded when that command runs: `kpi lint` does
 * not load the scorecard's HTML, git or the database drivers (~5 MB of a
 * run's memory). The requires are literal, so the bundle still holds every
 * command and runs each module's code only when it is asked for.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loading a command on demand is what these are for */
const lint = () => require('./lint-command') as typeof LintCommand;
const status = () => require('./status-command') as typeof StatusCommand;
const diff = () => require('./diff-command') as typeof DiffCommand;
const init = () => require('./init-command') as typeof InitCommand;
const refresh = () => require('./refresh-command') as typeof RefreshCommand;
/* eslint-enable @typescript-eslint/no-require-imports */

/** `kpi --help`: the commands, then each command's usage. */
export function usage(locale: LocaleOrPseudo = 'en'): string {
  return [
    translator(locale).t('cli.usage'),
    lint().lintUsage(locale),
    status().statusUsage(locale),
    diff().diffUsage(locale),
    init().initUsage(locale),
    refresh().refreshUsage(locale),
  ].join('\n\n');
}

/** `kpi --locale sv lint`: the option may come before the command too. */
function leadingLocale(args: readonly string[]): readonly string[] {
  if (args[0] === '--locale') return [...args.slice(2), ...args.slice(0, 2)];
  if (args[0]?.startsWith('--locale=')) return [...args.slice(1), args[0]];
  return args;
}

/** Runs the CLI and returns its exit code. Errors become one line on stderr, never a stack trace. `kpi refresh`, which waits for databases, is `runAsync`'s. */
export function run(given: readonly string[], io: Io, locale: LocaleOrPseudo = cliLocale(leadingLocale(given), io)): number {
  const args = leadingLocale(given);
  const words = translator(locale);
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'lint':
        return lint().lintCommand(rest, io, locale);
      case 'status':
        return status().statusCommand(rest, io, locale);
      case 'diff':
        return diff().diffCommand(rest, io, locale);
      case 'init':
        return init().initCommand(rest, io, locale);
      case '--version':
      case '-v':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case '--help':
      case '-h':
      case undefined:
        (command === undefined ? io.stderr : io.stdout).write(`${usage(locale)}\n`);
        return command === undefined ? 2 : 0;
      default:
        // `kpi --locale sv` alone asks for the usage, as `kpi` does.
        if (command.startsWith('--locale') && rest.length <= (command === '--locale' ? 1 : 0)) {
          io.stderr.write(`${usage(locale)}\n`);
          return 2;
        }
        throw new UsageError(words.t('cli.unknown-command', { command }));
    }
  } catch (error) {
    return failed(error, io, locale, command);
  }
}

/** Runs the CLI as `run` does, `kpi refresh` included, which waits for its queries. */
export async function runAsync(given: readonly string[], io: Io, locale: LocaleOrPseudo = cliLocale(leadingLocale(given), io)): Promise<number> {
  const [command, ...rest] = leadingLocale(given);
  if (command !== 'refresh') return run(given, io, locale);
  try {
    return await refresh().refreshCommand(rest, io, locale);
  } catch (error) {
    return failed(error, io, locale, command);
  }
}

/** What a command threw, said in one line on stderr; the exit code, 2. */
function failed(error: unknown, io: Io, locale: LocaleOrPseudo, command: string | undefined): number {
  const words = translator(locale);
  if (error instanceof GitError) {
    // git's own first line may be quoted: no escape sequence reaches the terminal.
    io.stderr.write(`kpi: ${plainText(words.text(error.reason))}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    // It may quote a file's text (a key of kpi.config.yaml): no escape sequence reaches the terminal.
    io.stderr.write(`kpi: ${plainText(error.message)}\n`);
    return 2;
  }
  const argument = argumentError(error, locale);
  if (argument !== undefined) {
    io.stderr.write(`kpi: ${words.t('cli.run-help', { problem: argument, command: command ?? '' })}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`kpi: ${words.t('cli.internal-error', { message })}\n`);
  if (io.env.KPI_DEBUG) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
  return 2;
}

/** parseArgs' errors, reworded as one short sentence. */
function argumentError(error: unknown, locale: LocaleOrPseudo): string | undefined {
  const { code, message } = error as { code?: string; message?: string };
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') return undefined;
  const words = translator(locale);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return words.t('cli.unknown-option', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/^(-\w), /, '');
    // `--max-warnings -1`: a value that starts with a dash reads as an option.
    if (message.includes('ambiguous')) return words.t('cli.option-dash-value', { option: name });
    // `--quiet=yes`: a switch given a value.
    if (message.includes('does not take an argument')) return words.t('cli.option-takes-no-value', { option: name });
    return words.t('cli.option-needs-value', { option: name });
  }
  return words.t('cli.bad-arguments', { detail: message.split('.')[0] });
}

export function main(): void {
  const args = process.argv.slice(2);
  // Until the configuration is found, the language comes from the option and the environment.
  let locale = environmentLocale(process.env, optionValue(args, '--locale'));
  // The output cannot be written (the reader went away, as `| head -1` does; a full disk): one line, exit code 2.
  process.stdout.on('error', (error) => {
    const words = translator(locale);
    const reason = (error as NodeJS.ErrnoException).code === 'EPIPE' ? words.t('cli.output-closed') : describeIoError(error, locale);
    process.stderr.write(`kpi: ${words.t('cli.cannot-write-output', { reason })}\n`);
    process.exit(2);
  });
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    process.stderr.write(`kpi: ${translator(locale).t('cli.cwd-gone')}\n`);
    process.exitCode = 2;
    return;
  }
  const io: Io = { stdout: process.stdout, stderr: process.stderr, cwd, env: process.env };
  locale = cliLocale(leadingLocale(args), io);
  void runAsync(args, io, locale).then((code) => {
    process.exitCode = code;
  });
}
