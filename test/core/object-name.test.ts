import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { multiObjectMetadataProblems, objectName } from '../../src/core/object-name';

describe('objectName', () => {
  const chart = (): Chart => Testing.chart();

  test('defaults to the construct id, never a hash', () => {
    // GIVEN
    const c = new Construct(new Construct(chart(), 'team'), 'checkout');
    // WHEN / THEN
    expect(objectName(c, undefined)).toEqual({ name: 'checkout', problems: [] });
  });

  test('metadata.name wins', () => {
    expect(objectName(new Construct(chart(), 'Checkout'), 'checkout-monitor').name).toBe('checkout-monitor');
  });

  test('fails when the id is no valid name, suggesting one', () => {
    // WHEN
    const { problems } = objectName(new Construct(chart(), 'Checkout_Monitor'), undefined);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ field: 'metadata.name', got: '"Checkout_Monitor"', fix: expect.stringContaining('"checkout-monitor"') })]);
  });

  test('labels are stricter than subdomains', () => {
    const c = new Construct(chart(), 'a.b');
    expect(objectName(c, undefined).problems).toEqual([]);
    expect(objectName(c, undefined, 'label').problems).toHaveLength(1);
  });
});

describe('multiObjectMetadataProblems', () => {
  test.each<[string, unknown, string[]]>([
    ['no metadata', undefined, []],
    ['a name, namespace, labels and annotations', { name: 'x', namespace: 'y', labels: { team: 'a' }, annotations: { 'example.com/owner': 'b' } }, []],
    ['finalizers', { finalizers: ['x'] }, ['metadata.finalizers is not supported on Thing (it emits many objects; the field belongs to one)']],
    ['owner references', { ownerReferences: [] }, ['metadata.ownerReferences is not supported on Thing (it emits many objects; the field belongs to one)']],
    ['labels that are not strings', { labels: { a: 1 } }, ['metadata.labels must be a map of strings']],
    ['an invalid label value', { labels: { a: 'b c' } }, ['metadata.labels.a must be a label value']],
    ['an invalid annotation key', { annotations: { 'a b': 'x' } }, ['metadata.annotations["a b"]']],
  ])('%s', (_name, metadata, expected) => {
    const problems = multiObjectMetadataProblems(metadata, 'Thing', 'thing.apiObject').map((p) => `${p.field} ${p.expected}`);
    expect(problems.length).toBe(expected.length);
    expected.forEach((e, i) => expect(problems[i]).toContain(e));
  });

  test('the fix points to the main object', () => {
    expect(multiObjectMetadataProblems({ finalizers: ['x'] }, 'Thing', 'thing.apiObject')[0].fix)
      .toBe('remove it, and set it on the one object, e.g. thing.apiObject.metadata (cdk8s ApiObjectMetadataDefinition)');
  });
});
