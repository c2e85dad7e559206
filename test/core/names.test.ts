import {
  isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName, labelProblems, NameFormat, nameProblems, namespaceProblems,
} from '../../src/core/names';

// Verdicts of k8s.io/apimachinery/pkg/util/validation v0.37.2 (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label,
// IsQualifiedName, IsValidLabelValue); test/core/primitives.oracle.test.ts checks the same functions differentially.
describe('names', () => {
  test.each([
    ['a simple name', 'my-name', true],
    ['digits only', '123', true],
    ['one character', 'a', true],
    ['63 characters', 'a'.repeat(63), true],
    ['64 characters', 'a'.repeat(64), false],
    ['a dot', 'a.b', false],
    ['uppercase', 'My-name', false],
    ['a leading dash', '-a', false],
    ['a trailing dash', 'a-', false],
    ['an underscore', 'a_b', false],
    ['empty', '', false],
    ['non-ASCII', 'é', false],
  ])('DNS-1123 label: %s', (_name, value, ok) => {
    // GIVEN / WHEN / THEN
    expect(isDns1123Label(value)).toBe(ok);
  });

  test.each([
    ['a domain', 'example.com', true],
    ['a label', 'my-name', true],
    ['two dots in a row', 'a..b', false],
    ['a leading dot', '.a', false],
    ['a trailing dot', 'a.', false],
    ['a dash next to a dot', 'a-.b', false],
    ['a 64-character part (parts are not limited)', `${'a'.repeat(64)}.com`, true],
    ['253 characters', `${'a'.repeat(63)}.`.repeat(3) + 'a'.repeat(61), true],
    ['254 characters', `${'a'.repeat(63)}.`.repeat(3) + 'a'.repeat(62), false],
    ['uppercase', 'Example.com', false],
    ['empty', '', false],
  ])('DNS-1123 subdomain: %s', (_name, value, ok) => {
    expect(isDns1123Subdomain(value)).toBe(ok);
  });

  test.each([
    ['a name', 'v1', true],
    ['a leading digit', '1v', false],
    ['a dash inside', 'my-name', true],
    ['64 characters', 'a'.repeat(64), false],
    ['a dot', 'a.b', false],
  ])('DNS-1035 label: %s', (_name, value, ok) => {
    expect(isDns1035Label(value)).toBe(ok);
  });

  test.each([
    ['a plain name', 'app', true],
    ['a prefixed name', 'app.kubernetes.io/name', true],
    ['uppercase and underscores in the name', 'My_Name.x', true],
    ['an empty prefix', '/name', false],
    ['an invalid prefix', 'a..b/name', false],
    ['two slashes', 'a/b/c', false],
    ['an empty name', 'example.com/', false],
    ['a 63-character name', 'a'.repeat(63), true],
    ['a 64-character name', 'a'.repeat(64), false],
    ['a leading dash', '-a', false],
  ])('qualified name: %s', (_name, value, ok) => {
    expect(isQualifiedName(value)).toBe(ok);
  });

  test.each([
    ['empty', '', true],
    ['a value', 'v1.2_3-x', true],
    ['a trailing dot', 'a.', false],
    ['a slash', 'a/b', false],
    ['64 characters', 'a'.repeat(64), false],
  ])('label value: %s', (_name, value, ok) => {
    expect(isLabelValue(value)).toBe(ok);
  });

  test('non-strings are no names', () => {
    // GIVEN / WHEN / THEN
    const verdicts = [isDns1123Label(1), isDns1123Subdomain(undefined), isDns1035Label(null), isQualifiedName({}), isLabelValue(0)];
    expect(verdicts).toEqual([false, false, false, false, false]);
  });

  test('nameProblems names the field, the value and the format', () => {
    // WHEN
    const problems = nameProblems('metadata.name', 'a..b', NameFormat.DNS1123_SUBDOMAIN);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ field: 'metadata.name', got: '"a..b"', expected: expect.stringContaining('must be a DNS-1123 subdomain') })]);
    expect(nameProblems('metadata.name', undefined, NameFormat.DNS1123_LABEL)).toEqual([]);
  });

  test('namespaceProblems accepts labels only', () => {
    expect(namespaceProblems('namespace', 'kube-system')).toEqual([]);
    expect(namespaceProblems('namespace', 'a.b')).toEqual([expect.objectContaining({ field: 'namespace', got: '"a.b"' })]);
  });

  test('labelProblems checks keys and values', () => {
    // WHEN
    const problems = labelProblems('metadata.labels', { 'ok': 'fine', 'bad key!': 'x', 'app': 'bad value!' });
    // THEN
    expect(problems.map((p) => p.field)).toEqual(['metadata.labels["bad key!"]', 'metadata.labels.app']);
  });
});
