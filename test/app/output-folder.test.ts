import * as fs from 'fs';
import * as path from 'path';
import { fileNameProblems, resolvedFolderProblems, resolveOutputFolder } from '../../src/app/output-folder';
import { OpsError } from '../../src/core/ops-error';
import { describeProblem } from '../../src/core/problem';
import { tempDir } from '../support/files';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    return (e as OpsError).message;
  }
  throw new Error('expected an OpsError');
}

describe('resolveOutputFolder', () => {
  test('a plain folder is itself; its missing parents are created', () => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    // WHEN
    const f = resolveOutputFolder({ field: 'outdir', dir: 'build/out/dist' }, cwd);
    // THEN
    expect(f).toEqual({ field: 'outdir', dir: 'build/out/dist', real: path.join(cwd, 'build', 'out', 'dist'), parent: path.join(cwd, 'build', 'out'), base: 'dist', link: undefined });
    expect(fs.statSync(path.join(cwd, 'build', 'out')).isDirectory()).toBe(true);
    expect(fs.existsSync(f.real)).toBe(false);
  });

  test.each([
    ['an existing folder', 'elsewhere/out', true],
    ['a missing folder (a dangling link)', 'elsewhere/out', false],
    ['a chain of links', 'hop', true],
  ])('a link to %s is followed: the files go to its target, the link stays', (_name, target, create) => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    fs.mkdirSync(path.join(cwd, 'elsewhere'));
    if (create) fs.mkdirSync(path.join(cwd, 'elsewhere', 'out'));
    if (target === 'hop') fs.symlinkSync(path.join('elsewhere', 'out'), path.join(cwd, 'hop'));
    fs.symlinkSync(target, path.join(cwd, 'dist'));
    // WHEN
    const f = resolveOutputFolder({ field: 'outdir', dir: 'dist' }, cwd);
    // THEN
    expect([f.real, f.parent, f.base, f.link]).toEqual([path.join(cwd, 'elsewhere', 'out'), path.join(cwd, 'elsewhere'), 'out', path.join(cwd, 'dist')]);
  });

  test('a folder below a linked parent resolves through the link', () => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    fs.mkdirSync(path.join(cwd, 'real'));
    fs.symlinkSync('real', path.join(cwd, 'build'));
    // WHEN
    const f = resolveOutputFolder({ field: 'outdir', dir: 'build/dist' }, cwd);
    // THEN
    expect([f.real, f.link]).toEqual([path.join(cwd, 'real', 'dist'), undefined]);
  });

  test.each([
    ['..', 'its parent'],
    ['.', 'the folder that holds it'],
    ['../..', 'a grandparent'],
  ])('fails when the folder is a link to %j (%s), which would replace the folder of the link itself', (target) => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    fs.mkdirSync(path.join(cwd, 'out'));
    fs.symlinkSync(target, path.join(cwd, 'out', 'dist'));
    // WHEN
    const message = messageOf(() => resolveOutputFolder({ field: 'outdir', dir: 'out/dist' }, cwd));
    // THEN
    expect(message).toMatch(/^outdir must not be a symbolic link to a folder that contains the link \(.*\/out\/dist -> .*\): synth replaces the whole folder, got "out\/dist" — point the link at a dedicated folder such as "build\/dist", or remove the link\n {4}at path \[<root>\]$/);
  });

  test('fails when the links form a loop', () => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    fs.symlinkSync('b', path.join(cwd, 'a'));
    fs.symlinkSync('a', path.join(cwd, 'b'));
    // THEN
    expect(messageOf(() => resolveOutputFolder({ field: 'terraformOutdir', dir: 'a' }, cwd))).toMatch(/^terraformOutdir must not be a loop of symbolic links \(more than 40 links followed\), got "a" — fix the symbolic links/);
  });

  test('fails when the folder (or the target of its link) is a file', () => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    fs.writeFileSync(path.join(cwd, 'file'), 'x');
    fs.symlinkSync('file', path.join(cwd, 'dist'));
    // THEN
    expect(messageOf(() => resolveOutputFolder({ field: 'outdir', dir: 'dist' }, cwd))).toMatch(/^outdir must be a folder, but .*\/file is a file, got "dist" — remove the file or choose another folder/);
  });

  test('fails when a parent on the path is a file, naming the path and what to do', () => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    fs.writeFileSync(path.join(cwd, 'build'), 'x');
    // THEN
    expect(messageOf(() => resolveOutputFolder({ field: 'outdir', dir: 'build/dist' }, cwd)))
      .toMatch(/^outdir could not be written: reading the folder failed, a part of the path is a file, not a folder \(ENOTDIR\), got ".*\/build\/dist" — remove or rename the file that stands where a folder is needed, or choose another outdir \[fs\/ENOTDIR\]/);
  });

  test('fails when the folder name is longer than 200 bytes (the staging folder beside it adds to it)', () => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    // THEN
    expect(messageOf(() => resolveOutputFolder({ field: 'outdir', dir: 'd'.repeat(201) }, cwd)))
      .toMatch(/^outdir must have a folder name of at most 200 bytes \(opskit names its staging folder after it\), got 201 bytes, got "d{201}" — choose a shorter folder name/);
  });
});

describe('resolvedFolderProblems', () => {
  test('fails when two links lead to the same folder, or one into the other', () => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    fs.mkdirSync(path.join(cwd, 'out', 'tf'), { recursive: true });
    fs.symlinkSync('out', path.join(cwd, 'dist'));
    fs.symlinkSync('out', path.join(cwd, 'same'));
    fs.symlinkSync(path.join('out', 'tf'), path.join(cwd, 'inner'));
    const dist = resolveOutputFolder({ field: 'outdir', dir: 'dist' }, cwd);
    // WHEN
    const same = resolvedFolderProblems([dist, resolveOutputFolder({ field: 'terraformOutdir', dir: 'same' }, cwd)], cwd);
    const nested = resolvedFolderProblems([dist, resolveOutputFolder({ field: 'terraformOutdir', dir: 'inner' }, cwd)], cwd);
    // THEN
    expect(same.map(describeProblem)).toEqual([`terraformOutdir must not be the same folder as outdir once symbolic links are followed (both are ${cwd}/out), got "same" — use separate folders such as "dist" and "cdktf.out"`]);
    expect(nested.map(describeProblem)).toEqual([`terraformOutdir must not be inside outdir or contain it once symbolic links are followed (${cwd}/out/tf, ${cwd}/out), got "inner" — use sibling folders such as "dist" and "cdktf.out"`]);
  });

  test('fails when a link leads to the working directory or one of its parents', () => {
    // GIVEN a link beside the project that points into it
    const root = fs.realpathSync(tempDir('opskit-folder-'));
    const cwd = path.join(root, 'project');
    fs.mkdirSync(cwd);
    fs.mkdirSync(path.join(root, 'out'));
    fs.symlinkSync(cwd, path.join(root, 'out', 'dist'));
    // WHEN
    const found = resolvedFolderProblems([resolveOutputFolder({ field: 'outdir', dir: '../out/dist' }, cwd)], cwd);
    // THEN
    expect(found.map(describeProblem)).toEqual([`outdir must not be a symbolic link to the working directory or one of its parents (${root}/out/dist -> ${cwd}): synth replaces the whole folder, got "../out/dist" — point the link at a dedicated folder such as "build/dist"`]);
  });

  test('separate folders, linked or not, are fine', () => {
    // GIVEN
    const cwd = fs.realpathSync(tempDir('opskit-folder-'));
    fs.mkdirSync(path.join(cwd, 'out'));
    fs.symlinkSync('out', path.join(cwd, 'dist'));
    // THEN
    expect(resolvedFolderProblems([resolveOutputFolder({ field: 'outdir', dir: 'dist' }, cwd), resolveOutputFolder({ field: 'terraformOutdir', dir: 'cdktf.out' }, cwd)], cwd)).toEqual([]);
  });
});

describe('fileNameProblems', () => {
  const folder = { field: 'outdir', dir: 'dist', real: '/work/dist', parent: '/work', base: 'dist' };

  test('a 300-byte name is reported before anything is written, naming the file', () => {
    // WHEN
    const found = fileNameProblems(folder, ['ok.yaml', `${'c'.repeat(300)}.k8s.yaml`], '.dist.opskit-new-0123456789ab');
    // THEN
    expect(found.map(describeProblem)).toEqual([
      `outdir must not receive a file or folder name longer than 255 bytes (most file systems refuse it), got 309 bytes in, got "${'c'.repeat(300)}.k8s.yaml" — shorten the chart id, stack id or artifact path that names it`,
    ]);
  });

  test('a path longer than the system allows is reported', () => {
    // WHEN
    const deep = Array.from({ length: 20 }, () => 'x'.repeat(250)).join('/');
    const found = fileNameProblems(folder, [deep], '.dist.opskit-new-0123456789ab');
    // THEN
    expect(found.map((p) => p.expected)).toEqual(['must not receive a file whose absolute path exceeds 4095 bytes']);
  });
});
