import * as path from 'path';
import { artifactPathProblems, outputFolderProblems, stackIdProblems, stackPropsProblems } from '../../src/app/app-props';
import { describeProblem } from '../../src/core/problem';

const cwd = path.resolve('/work/project');
const folders = (outdir: unknown, terraformOutdir: unknown) => outputFolderProblems({
  outdir, outdirField: 'outdir', terraformOutdir, terraformOutdirField: 'terraformOutdir', cwd,
}).map(describeProblem);

describe('outputFolderProblems', () => {
  test.each([
    ['the defaults', 'dist', 'cdktf.out'],
    ['sibling folders under a build folder', 'build/k8s', 'build/tf'],
    ['absolute folders elsewhere', '/tmp/out/dist', '/tmp/out/cdktf.out'],
    ['a folder whose name starts like the other', 'dist', 'dist-tf'],
  ])('accepts %s', (_name, outdir, tf) => {
    expect(folders(outdir, tf)).toEqual([]);
  });

  test.each([
    ['an empty outdir', '', 'cdktf.out', 'outdir must be a non-empty folder path, got "" — use a dedicated folder such as "dist"'],
    ['a blank terraformOutdir', 'dist', '  ', 'terraformOutdir must be a non-empty folder path, got "  " — use a dedicated folder such as "cdktf.out"'],
    ['a non-string outdir', 42, 'cdktf.out', 'outdir must be a non-empty folder path, got 42 — use a dedicated folder such as "dist"'],
    ['outdir "." (the working directory)', '.', 'cdktf.out', 'outdir must not be the working directory or one of its parents (synth replaces the whole folder), got "." — use a dedicated folder such as "dist"'],
    ['outdir ".." (a parent of the working directory)', '..', 'cdktf.out', 'outdir must not be the working directory or one of its parents (synth replaces the whole folder), got ".." — use a dedicated folder such as "dist"'],
    ['terraformOutdir "/" (the file system root)', 'dist', '/', 'terraformOutdir must not be the working directory or one of its parents (synth replaces the whole folder), got "/" — use a dedicated folder such as "cdktf.out"'],
    ['the same folder twice', 'out', './out/', 'terraformOutdir must differ from outdir (each folder is replaced on its own at synth), got "./out/" — use separate folders such as "dist" and "cdktf.out"'],
    ['terraformOutdir inside outdir', 'out', 'out/tf', 'terraformOutdir must not be inside outdir "out" (each folder is replaced on its own at synth), got "out/tf" — use sibling folders such as "dist" and "cdktf.out"'],
    ['outdir inside terraformOutdir', '/work/project/tf/k8s', 'tf', 'outdir must not be inside terraformOutdir "tf" (each folder is replaced on its own at synth), got "/work/project/tf/k8s" — use sibling folders such as "dist" and "cdktf.out"'],
  ])('fails for %s', (_name, outdir, tf, message) => {
    expect(folders(outdir, tf)).toEqual([message]);
  });

  test('names the environment variable a folder came from', () => {
    // GIVEN / WHEN
    const found = outputFolderProblems({ outdir: '', outdirField: 'outdir (from CDK8S_OUTDIR)', terraformOutdir: 'cdktf.out', terraformOutdirField: 'terraformOutdir', cwd });
    // THEN
    expect(found.map((p) => p.field)).toEqual(['outdir (from CDK8S_OUTDIR)']);
  });
});

describe('stackIdProblems', () => {
  test.each(['aws', 'observability-prod', 'eu.west_1', 'A1'])('accepts %j', (id) => {
    expect(stackIdProblems(id, ['other'])).toEqual([]);
  });

  test.each(['..', '.', '.hidden', 'a\\b', 'x:y', '-lead', 'a/b'])('fails for %j, which is no portable folder name', (id) => {
    expect(stackIdProblems(id, []).map(describeProblem)).toEqual([
      `id must start with a letter or digit and contain only letters, digits, ".", "_" and "-" (it names the folder stacks/<id>), got ${JSON.stringify(id)} — use an id such as "aws" or "observability-prod"`,
    ]);
  });

  test('fails when a sibling stack differs only in letter case', () => {
    expect(stackIdProblems('AWS', ['aws']).map(describeProblem)).toEqual([
      'id must differ from the stack "aws" in more than letter case (their folders collide on case-insensitive file systems), got "AWS" — rename one of the stacks',
    ]);
  });
});

describe('stackPropsProblems', () => {
  test.each(['us-east-1', 'eu-west-1', 'us-gov-west-1', 'cn-northwest-1', 'eusc-de-east-1', 'ap-southeast-7'])('accepts region %j', (region) => {
    expect(stackPropsProblems({ aws: { region } })).toEqual([]);
  });

  test.each(['', 'EU-WEST-1', 'eu-west-1a', 'eu-west', 'europe-west1', ' eu-west-1', 42])('fails for region %j', (region) => {
    const found = stackPropsProblems({ aws: { region } });
    expect(found.map((p) => p.field)).toEqual(['aws.region']);
    expect(describeProblem(found[0])).toMatch(/^aws\.region must be an AWS region name .*, got .* — use a region code such as "eu-west-1"/);
  });

  test.each([
    ['an empty profile', { aws: { region: 'eu-west-1', profile: '' } }, 'aws.profile must be a non-empty profile name, got "" — omit it to use the credential chain, or name a profile of ~/.aws/config'],
    ['a reserved tag key', { aws: { region: 'eu-west-1', defaultTags: { 'aws:owner': 'x' } } }, 'aws.defaultTags["aws:owner"] tag key must not start with "aws:" (reserved by AWS), got "aws:owner" — use another prefix, e.g. "platform:"'],
    ['a tag value that is not a string', { aws: { region: 'eu-west-1', defaultTags: { team: 7 } } }, 'aws.defaultTags["team"] tag value must be a string of at most 256 characters, got 7 — use a shorter string value'],
    ['an absolute state path', { localStatePath: '/var/state/net.tfstate' }, 'localStatePath must be a relative path with "/" separators (an absolute path makes the output differ between machines), got "/var/state/net.tfstate" — give the path relative to the stack folder, e.g. "../../../terraform.net.tfstate"'],
    ['a Windows state path', { localStatePath: 'C:\\state\\net.tfstate' }, 'localStatePath must be a relative path with "/" separators (an absolute path makes the output differ between machines), got "C:\\\\state\\\\net.tfstate" — give the path relative to the stack folder, e.g. "../../../terraform.net.tfstate"'],
    ['an empty state path', { localStatePath: '' }, 'localStatePath must be a non-empty relative path, got "" — omit it for "../../../terraform.<id>.tfstate", or use e.g. "state/net.tfstate"'],
  ])('fails for %s', (_name, props, message) => {
    expect(stackPropsProblems(props as any).map(describeProblem)).toEqual([message]);
  });
});

describe('artifactPathProblems', () => {
  test.each(['a.txt', 'prometheus/api.rules.yaml', 'docs/.well-known/x.md', `docs/${'é'.repeat(127)}`])('accepts %j', (p) => {
    expect(artifactPathProblems(p)).toEqual([]);
  });

  test.each([
    ['', 'must be a relative path'],
    ['/etc/passwd', 'must be a relative path'],
    ['../outside.txt', 'must be a relative path'],
    ['a//b.txt', 'must be a relative path'],
    ['C:/out/a.txt', 'must be a relative path'],
    ['docs\\a.txt', 'must be a relative path'],
    ['docs/a?.txt', 'must use characters every file system accepts'],
    ['docs/a:b.txt', 'must use characters every file system accepts'],
    ['docs./a.txt', 'must use characters every file system accepts'],
    ['OPSKIT.json', 'must not be opskit.json'],
    [`docs/${'a'.repeat(300)}.md`, 'must have file and folder names of at most 255 bytes (most file systems refuse longer ones), got 303 bytes in'],
    [`${'é'.repeat(128)}/x.md`, 'must have file and folder names of at most 255 bytes (most file systems refuse longer ones), got 256 bytes in'],
  ])('fails for %j', (p, expected) => {
    const found = artifactPathProblems(p);
    expect(found).toHaveLength(1);
    expect(found[0].field).toBe('path');
    expect(describeProblem(found[0])).toContain(`path ${expected}`);
    expect(describeProblem(found[0])).toContain(`got ${JSON.stringify(p)} — `);
  });
});
