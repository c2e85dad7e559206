import { imageProblems, parseImage } from '../../../src/operator/model/image';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImage', () => {
  test.each([
    ['ghcr.io/acme/op:v1.2.3', { repository: 'ghcr.io/acme/op', tag: 'v1.2.3', digest: undefined }],
    ['localhost:5000/op', { repository: 'localhost:5000/op', tag: undefined, digest: undefined }],
    ['localhost:5000/op:1.0', { repository: 'localhost:5000/op', tag: '1.0', digest: undefined }],
    [`op@${DIGEST}`, { repository: 'op', tag: undefined, digest: DIGEST }],
    [`op:v1@${DIGEST}`, { repository: 'op', tag: 'v1', digest: DIGEST }],
  ])('%s', (image, expected) => {
    expect(parseImage(image)).toEqual(expected);
  });
});

describe('imageProblems', () => {
  test.each([
    'ghcr.io/acme/backup-operator:v0.3.1',
    'registry.example.com:5000/team/op:2024.06.01-rc.1',
    `ghcr.io/acme/op@${DIGEST}`,
    `ghcr.io/acme/op:latest@${DIGEST}`,
  ])('accepts the pinned image %s', (image) => {
    expect(imageProblems('image', image)).toEqual([]);
  });

  test.each([
    ['an untagged image', 'ghcr.io/acme/op', 'must be pinned to a version tag or a digest'],
    ['the latest tag', 'ghcr.io/acme/op:latest', 'must not use the tag "latest"'],
    ['an uppercase repository', 'ghcr.io/Acme/op:v1', 'must be a valid image reference'],
    ['a short digest', 'ghcr.io/acme/op@sha256:abc', 'must have a valid digest'],
    ['an empty string', '', 'must be a container image reference'],
    ['a bad tag', 'op:.v1', 'must have a valid tag'],
  ])('rejects %s', (_name, image, expected) => {
    // WHEN
    const problems = imageProblems('image', image);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('image');
    expect(problems[0].expected).toContain(expected);
  });
});
