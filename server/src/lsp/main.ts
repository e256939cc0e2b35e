import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { KpiLanguageServer } from './server';

/** `kpi-language-server --stdio` (or `--node-ipc`, `--socket=N`, as vscode-languageserver reads them). */
export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  new KpiLanguageServer(connection).listen();
}
