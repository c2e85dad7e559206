import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { checkProps, constructIdProblems } from '../../src/core/check-props';
import { PropsProblems } from '../../src/core/props-problems';

describe('checkProps', () => {
  test('records the type problems of the props at the construct', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'chart');
    const scope = new Construct(chart, 'thing');
    PropsProblems.setFailFast(chart.node.root, false);
    // WHEN
    const ok = checkProps(scope, 'ArtifactFile', { path: 1, content: 'x' });
    // THEN
    expect(ok).toBe(false);
    expect(PropsProblems.of(scope)).toEqual([expect.objectContaining({ field: 'path', expected: 'must be a string', got: '1' })]);
  });

  test('throws at once in fail-fast mode', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'chart');
    const scope = new Construct(chart, 'thing');
    PropsProblems.setFailFast(chart.node.root, true);
    // THEN
    expect(() => checkProps(scope, 'ArtifactFile', { path: 'a', content: null })).toThrow(/content must be a string or left out|content/);
  });

  test('well-typed props pass', () => {
    // GIVEN
    const scope = new Construct(new Chart(Testing.app(), 'chart'), 'thing');
    // THEN
    expect(checkProps(scope, 'ArtifactFile', { path: 'a', content: 'b' })).toBe(true);
  });

  test.each([[1], [''], [undefined], [{}]])('a construct id %p is a problem', (id) => {
    // THEN
    expect(constructIdProblems(id, 'chart id')).toEqual([expect.objectContaining({ field: 'chart id', expected: 'must be a non-empty string' })]);
  });

  test('a string construct id is fine', () => {
    // THEN
    expect(constructIdProblems('platform', 'chart id')).toEqual([]);
  });
});
