import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { translator, type MessageKey, type Translator } from '../core/l10n/catalogue';
import { pickLocale, type LocaleOrPseudo } from '../core/l10n/locale';
import { VERSION } from '../version';
import { KpiLanguageServer } from './server';

/** The usage text in a language; the server's own words, not LSP's. */
export function serverUsage(words: Translator = translator('en')): string {
  return words.t('lsp.usage');
}

/** The usage in English (the tests compare with it). */
export const SERVER_USAGE = serverUsage();

/**
 * The language of the command line's texts: as the CLI chooses it without a
 * flag or a configuration (SPEC §9): `KPI_LOCALE`, `LC_ALL`, `LC_MESSAGES`, `LANG`.
 */
export function commandLineLocale(env: NodeJS.ProcessEnv = process.env): LocaleOrPseudo {
  return pickLocale([env.KPI_LOCALE, env.LC_ALL, env.LC_MESSAGES, env.LANG]);
}

/** What the command line asks for: to run the server, or to print a text and exit with a code. */
export type ServerCommand = { readonly run: true } | { readonly run: false; readonly code: 0 | 2; readonly stdout?: string; readonly stderr?: string };

/** The options vscode-languageserver reads from process.argv itself, and whether each names the transport. */
const TRANSPORT = new Set(['--stdio', '--node-ipc']);
const WITH_VALUE: Readonly<Record<string, { readonly transport: boolean; readonly valid: (value: string) => boolean; readonly needs: MessageKey }>> = {
  '--socket': { transport: true, valid: (v) => /^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536, needs: 'lsp.command-line.needs-port' },
  '--pipe': { transport: true, valid: (v) => v !== '', needs: 'lsp.command-line.needs-pipe' },
  '--clientProcessId': { transport: false, valid: (v) => /^\d+$/.test(v), needs: 'lsp.command-line.needs-process-id' },
};

/**
 * Reads `kpi-language-server`'s arguments before vscode-languageserver does:
 * it would throw "Connection input stream is not set" for anything it does
 * not know. A wrong command line is one line and the usage on stderr, exit 2.
 */
export function serverCommand(args: readonly string[], words: Translator = translator('en')): ServerCommand {
  const usage = serverUsage(words);
  if (args.includes('--help') || args.includes('-h')) return { run: false, code: 0, stdout: `${usage}\n` };
  if (args.includes('--version') || args.includes('-v')) return { run: false, code: 0, stdout: `${VERSION}\n` };
  const wrong = (problem: string): ServerCommand => ({ run: false, code: 2, stderr: `kpi-language-server: ${problem}\n\n${usage}\n` });
  if (args.length === 0) return { run: false, code: 2, stderr: `${usage}\n` };
  const transports: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (TRANSPORT.has(arg)) {
      transports.push(arg);
      continue;
    }
    const [name, ...rest] = arg.split('=');
    const option = Object.hasOwn(WITH_VALUE, name) ? WITH_VALUE[name] : undefined;
    if (option === undefined) return wrong(words.t('lsp.command-line.unknown-option', { option: JSON.stringify(arg) }));
    // `--socket=N` or `--socket N`, as vscode-languageserver reads them.
    const value = rest.length > 0 ? rest.join('=') : args[++i];
    if (value === undefined || !option.valid(value)) return wrong(words.t(option.needs, { option: name }));
    if (option.transport) transports.push(name);
  }
  if (transports.length === 0) return wrong(words.t('lsp.command-line.no-transport'));
  if (transports.length > 1) return wrong(words.t('lsp.command-line.two-transports', { transports: transports.join(words.t('lsp.command-line.and')) }));
  return { run: true };
}

/** `kpi-language-server --stdio` (or `--node-ipc`, `--socket=N`, `--pipe=NAME`, which vscode-languageserver reads). */
export function main(): void {
  const command = serverCommand(process.argv.slice(2), translator(commandLineLocale()));
  if (!command.run) {
    // Exit when written: vscode-languageserver, once loaded, keeps the process alive to watch a --clientProcessId.
    const stream = command.stdout !== undefined ? process.stdout : process.stderr;
    stream.write(command.stdout ?? command.stderr ?? '', () => process.exit(command.code));
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  new KpiLanguageServer(connection).listen();
}
