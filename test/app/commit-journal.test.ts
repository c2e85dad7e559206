import * as fs from 'fs';
import * as path from 'path';
import { CommitPhase, FolderNames, leftoverKind, parseJournal, readJournal, removeJournal, renderJournal, writeJournal } from '../../src/app/commit-journal';
import { tempDir } from '../support/files';

const JOURNAL = { id: '0123456789ab', phase: CommitPhase.COMMIT, folders: [{ field: 'outdir', target: 'dist' }, { field: 'terraformOutdir', target: 'cdktf.out' }] };

describe('FolderNames', () => {
  test('every name beside the folder starts with a dot and the folder name', () => {
    expect([FolderNames.lock('dist'), FolderNames.journal('dist'), FolderNames.staging('dist', 'abc'), FolderNames.old('dist', 'abc')])
      .toEqual(['.dist.opskit-lock', '.dist.opskit-journal.json', '.dist.opskit-new-abc', '.dist.opskit-old-abc']);
  });
});

describe('leftoverKind', () => {
  test.each([
    ['.dist.opskit-new-0123456789ab', { kind: 'staging', id: '0123456789ab' }],
    ['.dist.opskit-old-0123456789ab', { kind: 'old', id: '0123456789ab' }],
    ['.dist.opskit-new-0123456789ab.old', { kind: 'legacy-old' }],
    ['.dist.opskit-journal.json.0123456789ab1.tmp', { kind: 'temp' }],
    ['.dist.opskit-lock.0123456789abcdef.tmp', { kind: 'temp' }],
    ['.dist.opskit-lock.stale-0123456789ab', { kind: 'temp' }],
    ['.dist.opskit-lock', undefined],
    ['.dist.opskit-journal.json', undefined],
    ['.dist.opskit-new-xyz', undefined],
    ['.dist2.opskit-new-0123456789ab', undefined],
    ['.cdktf.out.opskit-new-0123456789ab', undefined],
    ['dist', undefined],
  ])('%s is %j beside dist', (name, kind) => {
    expect(leftoverKind('dist', name)).toEqual(kind);
  });
});

describe('journal text', () => {
  test('round-trips', () => {
    expect(parseJournal(renderJournal(JOURNAL))).toEqual(JOURNAL);
    expect(renderJournal(JOURNAL)).toBe('{"format":"opskit-commit-journal/v1","id":"0123456789ab","phase":"commit","folders":[{"field":"outdir","target":"dist"},{"field":"terraformOutdir","target":"cdktf.out"}]}\n');
  });

  test.each([
    ['not JSON', '{"format":'],
    ['another format', renderJournal(JOURNAL).replace('/v1', '/v2')],
    ['an unknown phase', renderJournal(JOURNAL).replace('"commit"', '"done"')],
    ['a bad id', renderJournal(JOURNAL).replace('0123456789ab', '../x')],
    ['no folders', renderJournal({ ...JOURNAL, folders: [] })],
    ['an empty target', renderJournal({ ...JOURNAL, folders: [{ field: 'outdir', target: '' }] })],
  ])('is not read when it is %s', (_name, text) => {
    expect(parseJournal(text)).toBeUndefined();
  });
});

describe('journal files', () => {
  test('written complete with no temporary file left, read back, removed', () => {
    // GIVEN
    const dir = tempDir('opskit-journal-');
    const file = path.join(dir, FolderNames.journal('dist'));
    // WHEN
    writeJournal(file, { ...JOURNAL, phase: CommitPhase.PREPARE }, 'outdir');
    writeJournal(file, JOURNAL, 'outdir');
    // THEN
    expect(fs.readdirSync(dir)).toEqual(['.dist.opskit-journal.json']);
    expect(readJournal(file, 'outdir')).toEqual(JOURNAL);
    // WHEN
    removeJournal(file, 'outdir');
    // THEN
    expect(readJournal(file, 'outdir')).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a file that is not a journal reads as null', () => {
    // GIVEN
    const dir = tempDir('opskit-journal-');
    fs.writeFileSync(path.join(dir, 'j'), 'garbage');
    // THEN
    expect(readJournal(path.join(dir, 'j'), 'outdir')).toBeNull();
  });
});
