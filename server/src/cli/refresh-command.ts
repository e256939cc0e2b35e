import { parseArgs } from 'node:util';
import { translator } from '../core/l10n/catalogue';
import type { LocaleOrPseudo } from '../core/l10n/locale';
import { plainText } from '../report/plain-text';
import { UsageError } from '../node/files';
import { refreshSnapshots, RefreshUsageError, type Drivers } from '../node/refresh';
import type { Io } from './io';
import { readPaths } from './workspace';

/** `kpi refresh --help`. */
export function refreshUsage(locale: LocaleOrPseudo = 'en'): string {
  return translator(locale).t('refresh.usage');
}

/**
 * `kpi refresh` (SPEC §6, §8): runs the queries of the SQL sources and
 * writes their snapshots. A line per KPI as it starts on a terminal, a line
 * per failure on stderr, a summary; exit 0 when every snapshot was written,
 * 1 when a query failed, 2 for usage, configuration and I/O problems.
 */
export async function refreshCommand(args: readonly string[], io: Io, locale: LocaleOrPseudo = 'en', drivers?: Drivers): Promise<number> {
  const words = translator(locale);
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      kpi: { type: 'string', multiple: true },
      connection: { type: 'string', multiple: true },
      config: { type: 'string' },
      locale: { type: 'string' },
      progress: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(`${refreshUsage(locale)}\n`);
    return 0;
  }
  const workspace = readPaths({ paths: positionals, cwd: io.cwd, config: values.config, locale });
  if (workspace.unreadable.length > 0) throw new UsageError(workspace.unreadable[0]);
  // The progress lines are for a person watching (or the editor, which asks with --progress); a CI log gets the results only.
  const progress = values.progress || io.stdout.isTTY === true;
  let results;
  // DuckDB tries a relative path in a query against the working directory before the workspace root (node/sql/duckdb.ts): from another
  // folder `read_csv('data/x.csv')` would be refused, or read that folder's file. SPEC §8 reads it from the root, so the run works there.
  const started = process.cwd();
  process.chdir(workspace.root);
  try {
    results = await refreshSnapshots({
      root: workspace.root,
      config: workspace.config,
      files: workspace.files,
      kpis: values.kpi,
      connections: values.connection,
      env: io.env,
      locale,
      drivers,
      onStart: (kpi, connection, index, total) => {
        if (progress) io.stdout.write(`${words.t('refresh.progress', { index: index + 1, total, kpi: plainText(kpi), connection: plainText(connection) })}\n`);
      },
      onDone: (result) => {
        if (result.ok) io.stdout.write(`${words.t('refresh.done', { kpi: plainText(result.kpi), rows: result.rows, snapshot: plainText(result.snapshot) })}\n`);
        // The database's own words may be quoted: no escape sequence reaches the terminal.
        else
          io.stderr.write(
            `${words.t('refresh.failure', { kpi: plainText(result.kpi), connection: plainText(result.connection), problem: plainText(result.problem) })}\n`,
          );
      },
    });
  } catch (error) {
    if (error instanceof RefreshUsageError) throw new UsageError(error.message);
    throw error;
  } finally {
    process.chdir(started);
  }
  if (results.length === 0) {
    io.stdout.write(`${words.t('refresh.none')}\n`);
    return 0;
  }
  const failed = results.filter((r) => !r.ok).length;
  io.stdout.write(`${words.t('refresh.summary', { refreshed: results.length - failed, failed })}\n`);
  return failed > 0 ? 1 : 0;
}
