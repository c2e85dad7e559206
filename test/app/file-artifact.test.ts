import { FileArtifact } from '../../src/app/file-artifact';
import { OpsTesting } from '../../src/app/testing';
import { Artifacts } from '../../src/core/artifact';

describe('FileArtifact', () => {
  test('defaults: writes the content with LF endings and exactly one trailing newline', () => {
    // GIVEN
    const app = OpsTesting.app();
    const a = new FileArtifact(app.chart('c'), 'a', { path: 'a.txt', content: 'one\r\ntwo' });
    new FileArtifact(app.chart('d'), 'b', { path: 'dir/b.txt', content: 'done\n' });
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect(Artifacts.isArtifact(a)).toBe(true);
    expect(out.file('a.txt')).toBe('one\ntwo\n');
    expect(out.file('dir/b.txt')).toBe('done\n');
  });

  test('works inside a Terraform stack too', () => {
    const app = OpsTesting.app();
    new FileArtifact(app.stack('s'), 'a', { path: 'tf-notes.md', content: '# notes' });
    expect(OpsTesting.synth(app).file('tf-notes.md')).toBe('# notes\n');
  });

  test('fails when the path is empty, naming the field and the construct path', () => {
    const app = OpsTesting.app();
    expect(() => new FileArtifact(app.chart('c'), 'a', { path: ' ', content: 'x' })).toThrow(/path must be a non-empty relative path, got " " — .*\n    at path \[c\/a\]/);
  });

  test('fails when the path is the index opskit writes itself', () => {
    const app = OpsTesting.app();
    expect(() => new FileArtifact(app.chart('c'), 'a', { path: 'opskit.json', content: '{}' }))
      .toThrow(/path must not be opskit.json, which opskit writes itself, got "opskit.json" — choose another file name\n    at path \[c\/a\]/);
  });

  test.each([
    ['escapes the output folder', '../outside.txt', /path must be a relative path with "\/" separators and no "." or ".." segments, got "..\/outside.txt"/],
    ['is a Windows path', 'docs\\runbook.md', /path must be a relative path with "\/" separators/],
    ['uses characters Windows rejects', 'docs/run:book.md', /path must use characters every file system accepts/],
  ])('fails at construction when the path %s, naming the construct path', (_name, filePath, message) => {
    // GIVEN
    const app = OpsTesting.app();
    // WHEN / THEN
    expect(() => new FileArtifact(app.chart('c'), 'a', { path: filePath, content: 'x' })).toThrow(message);
    expect(() => new FileArtifact(app.chart('d'), 'a', { path: filePath, content: 'x' })).toThrow(/\n    at path \[d\/a\]/);
  });

  test('Artifacts.findAll finds the artifacts of a tree, in tree order, and none in a tree without one', () => {
    // GIVEN
    const app = OpsTesting.app();
    const b = new FileArtifact(app.chart('c'), 'b', { path: 'b.txt', content: 'b' });
    const a = new FileArtifact(app.stack('s'), 'a', { path: 'a.txt', content: 'a' });
    const nested = new FileArtifact(b, 'nested', { path: 'n.txt', content: 'n' });
    // THEN
    expect(Artifacts.findAll(app.k8s)).toEqual([b, nested]);
    expect(Artifacts.findAll(b)).toEqual([b, nested]);
    expect(Artifacts.findAll(a.node.root)).toEqual([a]);
    expect(Artifacts.findAll(OpsTesting.app().k8s)).toEqual([]);
  });

  test('Artifacts.isArtifact is false for other values', () => {
    expect(Artifacts.isArtifact({})).toBe(false);
    expect(Artifacts.isArtifact(null)).toBe(false);
  });
});
