import * as fs from 'node:fs';
import * as path from 'node:path';
import { findFiles, KPI_FILE } from '../../server/src/node/files';
import { CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig, type Config } from '../../server/src/core/config';
import type { FileReader } from '../../server/src/core/host';
import { isInside } from '../../server/src/core/paths';
import { RULE_METAS } from '../../server/src/core/rules';
import { REPO } from '../helpers';

/** A workspace the fuzzer edits: its KPI files and the other files (CSV) they read, all in memory. */
export interface FuzzWorkspace {
  /** The folder, relative to the repository, e.g. `samples/pitfalls`. */
  readonly name: string;
  readonly root: string;
  readonly config: Config;
  /** KPI files by absolute path, in path order. */
  readonly kpiFiles: ReadonlyMap<string, string>;
  /** The other files (CSV sources) by absolute path. */
  readonly otherFiles: ReadonlyMap<string, string>;
}

/** The folders whose KPI files seed the fuzzer: the samples, the pitfalls and the crashes found so far. */
export const CORPUS_FOLDERS = ['samples', 'samples/pitfalls', 'test/fuzz/regressions'];

/** Reads one workspace as the language server sees it: a folder below holding its own configuration is not part of it. */
function loadWorkspace(name: string): FuzzWorkspace {
  const root = path.join(REPO, name);
  const configText = fs.existsSync(path.join(root, CONFIG_FILE_NAME)) ? fs.readFileSync(path.join(root, CONFIG_FILE_NAME), 'utf8') : undefined;
  const config = configText === undefined ? EMPTY_CONFIG : parseConfig(configText, RULE_METAS).config;
  const all = findFiles(root, () => true);
  const nested = all.filter((f) => path.basename(f) === CONFIG_FILE_NAME && path.dirname(f) !== root).map((f) => path.dirname(f));
  const own = all.filter((f) => !nested.some((n) => isInside(n, f)));
  const kpiFiles = new Map<string, string>();
  const otherFiles = new Map<string, string>();
  for (const file of own) {
    if (KPI_FILE.test(file)) kpiFiles.set(file, fs.readFileSync(file, 'utf8'));
    else if (path.basename(file) !== CONFIG_FILE_NAME && !file.endsWith('.md')) otherFiles.set(file, fs.readFileSync(file, 'utf8'));
  }
  return { name, root, config, kpiFiles, otherFiles };
}

export function loadCorpus(): FuzzWorkspace[] {
  return CORPUS_FOLDERS.filter((name) => fs.existsSync(path.join(REPO, name)))
    .map(loadWorkspace)
    .filter((w) => w.kpiFiles.size > 0);
}

/** A file reader over a workspace's files in memory, with some files replaced. */
export function memoryReader(workspace: FuzzWorkspace, replaced: ReadonlyMap<string, string> = new Map()): FileReader {
  const text = (file: string) => replaced.get(file) ?? workspace.otherFiles.get(file) ?? workspace.kpiFiles.get(file);
  return {
    realpath: (file) => (file === workspace.root || text(file) !== undefined ? file : undefined),
    readBytes: (file) => {
      const found = text(file);
      return found === undefined ? new Error('it does not exist') : Buffer.from(found);
    },
  };
}
