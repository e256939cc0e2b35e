import * as path from 'node:path';

/** Is `file` the folder `root` or inside it? (`..sales.csv` is inside; `../sales.csv` is not.) */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  const leaves = relative === '..' || relative.startsWith(`..${path.sep}`);
  return !leaves && !path.isAbsolute(relative);
}

/** A path as people read it: relative to `base` when inside it, with `/` separators. */
export function shownPath(base: string, file: string): string {
  return (isInside(base, file) ? path.relative(base, file) || '.' : file).split(path.sep).join('/');
}
