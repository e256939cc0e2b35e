import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { VERSION } from '../version';
import { KpiLanguageServer } from './server';

export const SERVER_USAGE = `Usage: kpi-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The KPI as Code language server, for any Language Server Protocol client
(Neovim, Helix, Emacs, VS Code). It reads the kpi.* settings (asOf, readCsv,
debounce) through workspace/configuration, and works without them.

Options:
  --stdio                talk over standard input and output (what editors start)
  --node-ipc             talk over the IPC channel of the Node process that started it
  --socket=PORT          talk over a socket to this port on this machine
  --pipe=NAME            talk over this named pipe
  --clientProcessId=PID  exit when the client's process ends
  -h, --help             show this help
  -v, --version          print the version

Exit codes: 0 after the client's shutdown and exit, 1 when the client goes
away without them, 2 for a wrong command line.`;

/** What the command line asks for: to run the server, or to print a text and exit with a code. */
export type ServerCommand = { readonly run: true } | { readonly run: false; readonly code: 0 | 2; readonly stdout?: string; readonly stderr?: string };

/** The options vscode-languageserver reads from process.argv itself, and whether each names the transport. */
const TRANSPORT = new Set(['--stdio', '--node-ipc']);
const WITH_VALUE: Readonly<Record<string, { readonly transport: boolean; readonly valid: (value: string) => boolean; readonly what: string }>> = {
  '--socket': { transport: true, valid: (v) => /^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536, what: 'a port number' },
  '--pipe': { transport: true, valid: (v) => v !== '', what: 'a pipe name' },
  '--clientProcessId': { transport: false, valid: (v) => /^\d+$/.test(v), what: 'a process id' },
};

/**
 * Reads `kpi-language-server`'s arguments before vscode-languageserver does:
 * it would throw "Connection input stream is not set" for anything it does
 * not know. A wrong command line is one line and the usage on stderr, exit 2.
 */
export function serverCommand(args: readonly string[]): ServerCommand {
  if (args.includes('--help') || args.includes('-h')) return { run: false, code: 0, stdout: `${SERVER_USAGE}\n` };
  if (args.includes('--version') || args.includes('-v')) return { run: false, code: 0, stdout: `${VERSION}\n` };
  const wrong = (problem: string): ServerCommand => ({ run: false, code: 2, stderr: `kpi-language-server: ${problem}\n\n${SERVER_USAGE}\n` });
  if (args.length === 0) return { run: false, code: 2, stderr: `${SERVER_USAGE}\n` };
  const transports: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (TRANSPORT.has(arg)) {
      transports.push(arg);
      continue;
    }
    const [name, ...rest] = arg.split('=');
    const option = Object.hasOwn(WITH_VALUE, name) ? WITH_VALUE[name] : undefined;
    if (option === undefined) return wrong(`unknown option ${JSON.stringify(arg)}`);
    // `--socket=N` or `--socket N`, as vscode-languageserver reads them.
    const value = rest.length > 0 ? rest.join('=') : args[++i];
    if (value === undefined || !option.valid(value)) return wrong(`${name} needs ${option.what}`);
    if (option.transport) transports.push(name);
  }
  if (transports.length === 0) return wrong('choose how to talk to the client: --stdio, --node-ipc, --socket=PORT or --pipe=NAME');
  if (transports.length > 1) return wrong(`choose one way to talk to the client, not ${transports.join(' and ')}`);
  return { run: true };
}

/** `kpi-language-server --stdio` (or `--node-ipc`, `--socket=N`, `--pipe=NAME`, which vscode-languageserver reads). */
export function main(): void {
  const command = serverCommand(process.argv.slice(2));
  if (!command.run) {
    // Exit when written: vscode-languageserver, once loaded, keeps the process alive to watch a --clientProcessId.
    const stream = command.stdout !== undefined ? process.stdout : process.stderr;
    stream.write(command.stdout ?? command.stderr ?? '', () => process.exit(command.code));
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  new KpiLanguageServer(connection).listen();
}
