import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replaceFolderAtomically } from '../../src/app/output-writer';

function dir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-writer-'));
}

describe('replaceFolderAtomically', () => {
  test('creates the folder with the files, sorted paths, nested folders', () => {
    const target = path.join(dir(), 'out', 'dist');
    replaceFolderAtomically(target, new Map<string, string | Buffer>([['b/c.txt', 'c'], ['a.txt', Buffer.from('a')]]));
    expect(fs.readFileSync(path.join(target, 'a.txt'), 'utf8')).toBe('a');
    expect(fs.readFileSync(path.join(target, 'b', 'c.txt'), 'utf8')).toBe('c');
  });

  test('replaces previous files and keeps only the foreign ones it is told to keep', () => {
    const target = path.join(dir(), 'dist');
    replaceFolderAtomically(target, new Map([['old.yaml', 'old'], ['keep/me.txt', 'mine']]));
    replaceFolderAtomically(target, new Map([['new.yaml', 'new']]), (rel) => rel.startsWith('keep/'));
    expect(fs.readdirSync(target).sort()).toEqual(['keep', 'new.yaml']);
    expect(fs.readFileSync(path.join(target, 'keep', 'me.txt'), 'utf8')).toBe('mine');
  });

  test('a failure while writing leaves the previous folder exactly as it was and no staging folder behind', () => {
    // GIVEN
    const parent = dir();
    const target = path.join(parent, 'dist');
    replaceFolderAtomically(target, new Map([['a.txt', 'previous']]));
    // WHEN a file path collides with a folder of another file
    expect(() => replaceFolderAtomically(target, new Map([['x', 'file'], ['x/y', 'nested']]))).toThrow();
    // THEN
    expect(fs.readdirSync(parent)).toEqual(['dist']);
    expect(fs.readdirSync(target)).toEqual(['a.txt']);
    expect(fs.readFileSync(path.join(target, 'a.txt'), 'utf8')).toBe('previous');
  });
});

describe('permissions', () => {
  test.each([
    [0o022, 0o755, 0o644],
    [0o027, 0o750, 0o640],
  ])('under umask %o the folders are %o and the files %o, as plain cdk8s writes them', (umask, dirMode, fileMode) => {
    // GIVEN
    const target = path.join(dir(), 'dist');
    const saved = process.umask(umask);
    try {
      // WHEN
      replaceFolderAtomically(target, new Map([['a.yaml', 'a'], ['helm/chart/Chart.yaml', 'c']]));
    } finally {
      process.umask(saved);
    }
    // THEN
    const mode = (p: string) => fs.statSync(path.join(target, p)).mode % 0o1000; // the permission bits
    expect(mode('.')).toBe(dirMode);
    expect(mode('helm')).toBe(dirMode);
    expect(mode('helm/chart')).toBe(dirMode);
    expect(mode('a.yaml')).toBe(fileMode);
    expect(mode('helm/chart/Chart.yaml')).toBe(fileMode);
  });
});
