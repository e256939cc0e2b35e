import { initCommand, INIT_USAGE } from './init-command';
import { lintCommand, LINT_USAGE } from './lint-command';
import { statusCommand, STATUS_USAGE } from './status-command';
import { describeIoError, UsageError } from '../node/files';
import type { Io } from './io';
import { plainText } from '../report/plain-text';
import { VERSION } from '../version';

const USAGE = `Usage: kpi <command> [options]

Commands:
  lint [PATH...]     check KPI files against the schema and the rule catalog
  status [PATH...]   show the scorecard: every goal and KPI against its target
  init [FOLDER]      write an example workspace to start from: KPI files, a CSV, a configuration, a CI workflow

Run "kpi <command> --help" for a command's options.

${LINT_USAGE}

${STATUS_USAGE}

${INIT_USAGE}`;

/** Runs the CLI and returns its exit code. Errors become one line on stderr, never a stack trace. */
export function run(args: readonly string[], io: Io): number {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'lint':
        return lintCommand(rest, io);
      case 'status':
        return statusCommand(rest, io);
      case 'init':
        return initCommand(rest, io);
      case '--version':
      case '-v':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case '--help':
      case '-h':
      case undefined:
        (command === undefined ? io.stderr : io.stdout).write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; run "kpi --help"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      // It may quote a file's text (a key of kpi.config.yaml): no escape sequence reaches the terminal.
      io.stderr.write(`kpi: ${plainText(error.message)}\n`);
      return 2;
    }
    const argument = argumentError(error);
    if (argument !== undefined) {
      io.stderr.write(`kpi: ${argument}; run "kpi ${command} --help"\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`kpi: internal error: ${message}\n`);
    if (io.env.KPI_DEBUG) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 2;
  }
}

/** parseArgs' errors, reworded as one short sentence. */
function argumentError(error: unknown): string | undefined {
  const { code, message } = error as { code?: string; message?: string };
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS') || typeof message !== 'string') return undefined;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/^(-\w), /, '');
    // `--max-warnings -1`: a value that starts with a dash reads as an option.
    if (message.includes('ambiguous')) return `option ${name}: write a value that starts with "-" as ${name}=VALUE`;
    return `option ${name} needs a value`;
  }
  return message.split('.')[0];
}

export function main(): void {
  // The output cannot be written (the reader went away, as `| head -1` does; a full disk): one line, exit code 2.
  process.stdout.on('error', (error) => {
    process.stderr.write(
      `kpi: cannot write the output: ${(error as NodeJS.ErrnoException).code === 'EPIPE' ? 'the program reading it has closed it' : describeIoError(error)}\n`,
    );
    process.exit(2);
  });
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    process.stderr.write('kpi: the current folder no longer exists: change to another one\n');
    process.exitCode = 2;
    return;
  }
  process.exitCode = run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd, env: process.env });
}
