import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { parseWithSnapshot, restoreKpiFile, type FileSnapshot } from '../core/parse';
import type { KpiFile } from '../core/types';
import { VERSION } from '../version';

interface CacheData {
  readonly version: string;
  readonly files: Record<string, { readonly hash: string; readonly snapshot: FileSnapshot }>;
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/**
 * `kpi lint --cache`: each file's parsed model, keyed by the hash of its
 * text. Only parsing is cached — the rules always run over the whole
 * workspace, so a change in one file or in the configuration is seen
 * everywhere. A cache from another version, or one that cannot be read,
 * is ignored.
 */
export class ParseCache {
  private readonly files: Record<string, { hash: string; snapshot: FileSnapshot }>;
  private changed = false;

  constructor(private readonly location: string) {
    let data: CacheData | undefined;
    try {
      data = JSON.parse(fs.readFileSync(location, 'utf8')) as CacheData;
    } catch {
      data = undefined;
    }
    this.files = data?.version === VERSION && typeof data.files === 'object' ? { ...data.files } : {};
  }

  /** The file's model from the cache when its text is unchanged, else parsed (and cached). */
  parse(path: string, text: string): KpiFile {
    const hash = hashOf(text);
    const cached = this.files[path];
    if (cached?.hash === hash) return restoreKpiFile(path, text, cached.snapshot);
    const { file, snapshot } = parseWithSnapshot(path, text);
    this.files[path] = { hash, snapshot };
    this.changed = true;
    return file;
  }

  /** Writes the cache, keeping only the files of this run. Failing to write is not fatal. */
  save(paths: readonly string[]): string | undefined {
    const keep = new Set(paths);
    for (const path of Object.keys(this.files)) {
      if (!keep.has(path)) {
        delete this.files[path];
        this.changed = true;
      }
    }
    if (!this.changed) return undefined;
    try {
      fs.writeFileSync(this.location, JSON.stringify({ version: VERSION, files: this.files } satisfies CacheData));
      return undefined;
    } catch (error) {
      return `cannot write the cache ${this.location}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
