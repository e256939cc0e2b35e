import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { dirname, isInside, resolve, shownPath } from '../../server/src/core/paths';

/**
 * The core's path arithmetic is its own (the core imports no Node module), so
 * it is checked here against Node's: POSIX paths against `path.posix`,
 * Windows paths against `path.win32`.
 */
const POSIX_ROOTS = ['/srv/kpis', '/srv/kpis/', '/', '/srv//kpis/./sales'];
const POSIX_FILES = ['/srv/kpis', '/srv/kpis/a.csv', '/srv/kpis/..sales.csv', '/srv/kpisx/a.csv', '/srv/a.csv', '/srv/kpis/sub/../b.csv', '/a\\b'];
const WINDOWS_ROOTS = ['C:\\kpis', 'C:\\kpis\\', 'c:/kpis', 'C:\\', '\\\\server\\share\\kpis'];
const WINDOWS_FILES = [
  'C:\\kpis\\a.csv',
  'C:\\KPIS\\Sub\\a.csv',
  'c:\\kpis',
  'C:\\kpisx\\a.csv',
  'D:\\kpis\\a.csv',
  'C:/kpis/sub/../b.csv',
  '\\\\server\\share\\kpis\\a.csv',
  '\\\\server\\other\\a.csv',
];
const RELATIVES = ['sales.csv', './data/sales.csv', '../sales.csv', '../../../../x.csv', 'a/./b//c.csv', '/abs/x.csv', '..sales.csv', ''];

function nodeIsInside(p: typeof path.posix, root: string, file: string): boolean {
  const relative = p.relative(root, file);
  return !(relative === '..' || relative.startsWith(`..${p.sep}`)) && !p.isAbsolute(relative);
}

describe('core paths, without Node', () => {
  it('isInside agrees with Node for POSIX and Windows paths', () => {
    for (const [p, roots, files] of [
      [path.posix, POSIX_ROOTS, POSIX_FILES],
      [path.win32, WINDOWS_ROOTS, WINDOWS_FILES],
    ] as const) {
      for (const root of roots) for (const file of files) assert.equal(isInside(root, file), nodeIsInside(p, root, file), `${root} holds ${file}`);
    }
  });

  it('a POSIX path is never inside a Windows root, nor the other way round', () => {
    assert.equal(isInside('C:\\kpis', '/kpis/a.csv'), false);
    assert.equal(isInside('/kpis', 'C:\\kpis\\a.csv'), false);
  });

  it('resolve and dirname agree with Node', () => {
    for (const base of POSIX_ROOTS)
      for (const relative of RELATIVES) assert.equal(resolve(base, relative), path.posix.resolve(base, relative), `${base} + ${relative}`);
    for (const base of WINDOWS_ROOTS) {
      for (const relative of [...RELATIVES, 'D:\\x.csv', '\\rooted\\x.csv', 'sub\\x.csv']) {
        assert.equal(resolve(base, relative), path.win32.resolve(base, relative), `${base} + ${relative}`);
      }
    }
    for (const file of POSIX_FILES) assert.equal(dirname(file), path.posix.dirname(path.posix.normalize(file)), file);
    for (const file of ['C:\\kpis\\a.csv', 'C:\\kpis', 'C:\\', '\\\\server\\share\\kpis\\a.csv']) assert.equal(dirname(file), path.win32.dirname(file), file);
  });

  it('shownPath is relative with / inside the base, and the whole path outside it', () => {
    assert.equal(shownPath('/srv/kpis', '/srv/kpis/data/sales.csv'), 'data/sales.csv');
    assert.equal(shownPath('/srv/kpis', '/srv/kpis'), '.');
    assert.equal(shownPath('/srv/kpis', '/srv/other/sales.csv'), '/srv/other/sales.csv');
    assert.equal(shownPath('C:\\kpis', 'c:\\KPIS\\data\\sales.csv'), 'data/sales.csv');
    assert.equal(shownPath('C:\\kpis', 'D:\\data\\sales.csv'), 'D:/data/sales.csv');
  });
});
