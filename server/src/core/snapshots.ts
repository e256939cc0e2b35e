/**
 * SPEC §8: the snapshots of SQL sources. `kpi refresh` runs each query and
 * writes `.kpi/snapshots/<kpi id>.csv` (columns `date,value`) under the
 * workspace root, and records in `.kpi/snapshots/manifest.json` what it ran:
 * the connection, a fingerprint of the query and the connection's settings
 * (never a secret: the settings as written, `${NAME}` references and all),
 * the time and the row count. Everything else reads these files only.
 */
import type { ConnectionSetting } from './config';
import { resolve } from './paths';
import type { SourceQuery } from './types';

/** The folder of the snapshots, relative to the workspace root. */
export const SNAPSHOT_FOLDER = '.kpi/snapshots';
export const MANIFEST_NAME = 'manifest.json';

/** What the manifest says of one snapshot. */
export interface SnapshotEntry {
  readonly connection: string;
  /** `fingerprint` of what was run: a snapshot taken with another query or connection is outdated. */
  readonly fingerprint: string;
  /** When the query ran, as an ISO 8601 time in UTC. */
  readonly taken: string;
  readonly rows: number;
}

export interface Manifest {
  readonly version: 1;
  /** By KPI id. */
  readonly snapshots: Readonly<Record<string, SnapshotEntry>>;
}

/** A KPI id that can name a file: the ASCII slugs of SPEC §3. Another id (a schema error) has no snapshot. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Where the snapshot of a KPI is, or undefined for an id that is no slug. */
export function snapshotPath(root: string, kpiId: string): string | undefined {
  return SLUG.test(kpiId) ? resolve(root, `${SNAPSHOT_FOLDER}/${kpiId}.csv`) : undefined;
}

export function manifestPath(root: string): string {
  return resolve(root, `${SNAPSHOT_FOLDER}/${MANIFEST_NAME}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEntry(value: unknown): value is SnapshotEntry {
  return (
    isRecord(value) &&
    typeof value.connection === 'string' &&
    typeof value.fingerprint === 'string' &&
    typeof value.taken === 'string' &&
    !Number.isNaN(Date.parse(value.taken)) &&
    typeof value.rows === 'number'
  );
}

/** The manifest from its text; entries that are not well formed are left out (their snapshots count as outdated). */
export function parseManifest(text: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { version: 1, snapshots: {} };
  }
  const snapshots: Record<string, SnapshotEntry> = {};
  if (isRecord(data) && isRecord(data.snapshots)) {
    for (const [id, entry] of Object.entries(data.snapshots)) if (isEntry(entry)) snapshots[id] = entry;
  }
  return { version: 1, snapshots };
}

/** The manifest's text: stable (ids in order, two-space indent, a final newline), so that a committed manifest diffs well. */
export function manifestText(manifest: Manifest): string {
  const snapshots = Object.fromEntries(
    Object.keys(manifest.snapshots)
      .sort()
      .map((id) => [id, manifest.snapshots[id]]),
  );
  return `${JSON.stringify({ version: 1, snapshots }, null, 2)}\n`;
}

/** FNV-1a, 64 bits, over the UTF-16 code units: stable across hosts, and enough to tell two queries apart (not a security hash). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * What a snapshot was taken with: the query text, the result columns, and
 * the connection's settings as written (its `${NAME}` references, not their
 * values). A change to any of them makes the snapshot outdated.
 */
export function fingerprint(name: string, connection: ConnectionSetting, source: Pick<SourceQuery, 'date' | 'value'>, query: string): string {
  const settings = [connection.type, connection.url ?? '', connection.password ?? '', connection.path ?? '', connection.maxRows];
  return fnv1a64(JSON.stringify([name, ...settings, source.date, source.value, query.replace(/\r\n?/g, '\n').trim()]));
}
