import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * File system faults for the tests of the CLI and the language server,
 * made the same way for both.
 */

/**
 * How a file was made unreadable: `chmod` 000 where that stops reads; as
 * root, where it does not, the file is replaced by a folder of the same name
 * (reading it fails with EISDIR, as an unreadable file fails with EACCES).
 */
export type Unreadable = { readonly how: 'chmod'; readonly reason: 'permission denied' } | { readonly how: 'folder'; readonly reason: 'it is a directory' };

export function makeUnreadable(file: string): Unreadable {
  fs.chmodSync(file, 0o000);
  try {
    fs.readFileSync(file);
  } catch {
    return { how: 'chmod', reason: 'permission denied' };
  }
  fs.rmSync(file);
  fs.mkdirSync(file);
  return { how: 'folder', reason: 'it is a directory' };
}

/** Undoes makeUnreadable, giving the file `text`. */
export function makeReadable(file: string, unreadable: Unreadable, text: string): void {
  if (unreadable.how === 'chmod') fs.chmodSync(file, 0o644);
  else fs.rmSync(file, { recursive: true });
  fs.writeFileSync(file, text);
}

/** Makes a named pipe (FIFO) at `file`, with coreutils' mkfifo: reading it waits until something writes to it. */
export function mkfifo(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const made = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo ${file} failed: ${made.error?.message ?? made.stderr}`);
}

/** The bytes of a KPI file saved as Latin-1 (ISO 8859-1), as old editors on Windows do. */
export function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** The bytes of a KPI file saved as UTF-16 little-endian with a byte order mark, as Notepad's "Unicode" does. */
export function utf16WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/**
 * A folder that makes a walk work: 20,000 other files in 20 folders, a
 * chain of 200 nested folders with a KPI file at the bottom, and KPI files
 * (broken ones) in `node_modules` and dot-folders, which must be skipped.
 * Returns the KPI file at the bottom, relative to `root`.
 */
export function crowdedFolder(root: string, deepKpiFile: string): string {
  for (let folder = 0; folder < 20; folder++) {
    const dir = path.join(root, 'exports', `batch-${folder}`);
    fs.mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, `row-${i}.csv`), 'month,value\n');
  }
  const deep = path.join(...Array.from({ length: 200 }, () => 'd'), 'deep.kpi.yaml');
  fs.mkdirSync(path.join(root, path.dirname(deep)), { recursive: true });
  fs.writeFileSync(path.join(root, deep), deepKpiFile);
  for (const hidden of [
    'node_modules/some-package/broken.kpi.yaml',
    '.git/broken.kpi.yaml',
    '.archive/2019/broken.kpi.yml',
    'd/d/node_modules/broken.kpi.yaml',
  ]) {
    fs.mkdirSync(path.dirname(path.join(root, hidden)), { recursive: true });
    fs.writeFileSync(path.join(root, hidden), 'kpi: [\n');
  }
  return deep;
}

/**
 * Symbolic links a walk must survive: a folder linking to its parent, one to
 * itself, a link to itself, a link out of the workspace (to the folder above
 * it), a dangling link, and a second name for a KPI file.
 */
export function symlinkMaze(root: string, team: string, kpiFile: string): void {
  fs.symlinkSync('..', path.join(root, team, 'parent'));
  fs.symlinkSync('.', path.join(root, team, 'itself'));
  fs.symlinkSync('loop', path.join(root, 'loop'));
  fs.symlinkSync('..', path.join(root, 'up'));
  fs.symlinkSync('missing.kpi.yaml', path.join(root, 'dangling.kpi.yaml'));
  fs.symlinkSync(path.join('..', kpiFile), path.join(root, team, 'alias.kpi.yaml'));
}
