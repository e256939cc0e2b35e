import { lintCommand, LINT_USAGE } from './lint-command';
import { UsageError } from './files';
import type { Io } from './io';
import { VERSION } from '../version';

const USAGE = `Usage: kpi <command> [options]

Commands:
  lint [PATH...]     check KPI files against the schema and the rule catalog

Run "kpi <command> --help" for a command's options.

${LINT_USAGE}`;

/** Runs the CLI and returns its exit code. Errors become one line on stderr, never a stack trace. */
export function run(args: readonly string[], io: Io): number {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'lint':
        return lintCommand(rest, io);
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
    if (error instanceof UsageError || isArgumentError(error)) {
      io.stderr.write(`kpi: ${(error as Error).message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`kpi: internal error: ${message}\n`);
    if (io.env.KPI_DEBUG) io.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 2;
  }
}

function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

export function main(): void {
  const code = run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
  process.exitCode = code;
}
