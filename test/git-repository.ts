/**
 * Real git repositories in temporary folders for the tests of `kpi diff`
 * and its git layer: no global or system git configuration is read, and
 * none of the caller's GIT_ variables leaks in.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import type { GitOptions } from '../server/src/node/git';

/** Every folder the tests make, under one temporary folder removed at the end. */
export const TEMP = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-git-')));
after(() => fs.rmSync(TEMP, { recursive: true, force: true }));

let folders = 0;
/** A fresh empty folder. */
export function freshFolder(name = 'folder'): string {
  const made = path.join(TEMP, `${name}-${++folders}`);
  fs.mkdirSync(made);
  return made;
}

/** No global or system git configuration, and none of the caller's GIT_ variables (a hook's GIT_DIR would point elsewhere). */
const EMPTY_GIT_CONFIG = path.join(TEMP, 'gitconfig');
fs.writeFileSync(EMPTY_GIT_CONFIG, '');
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_'))),
  GIT_CONFIG_GLOBAL: EMPTY_GIT_CONFIG,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};
export const OPTIONS: GitOptions = { env: GIT_ENV };

/** Runs the test's own git in `cwd`, returning its output without the last end of line. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: 'pipe' }).replace(/\n$/, '');
}

/** Who commits and tags in the tests, given on the command line as no configuration is read. */
export const IDENTITY = ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false'];

/** Commits what is staged, returning the commit's id. */
export function commit(cwd: string, text: string): string {
  git(cwd, ...IDENTITY, 'commit', '-q', '-m', text);
  return git(cwd, 'rev-parse', 'HEAD');
}

/** Commits everything in the working tree. */
export function commitAll(cwd: string, text: string): string {
  git(cwd, 'add', '-A');
  return commit(cwd, text);
}

/** Writes files (path → text) under `root`, making their folders. */
export function writeFiles(root: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

/** A new repository on branch main with `files` in its first commit. */
export function repository(files: Readonly<Record<string, string | Uint8Array>>): string {
  const top = freshFolder('repo');
  git(top, 'init', '-q');
  // Whatever the git version's default branch, the tests speak of main.
  git(top, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  writeFiles(top, files);
  commitAll(top, 'first');
  return top;
}
