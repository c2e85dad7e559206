import { pathMayExist, resolveDataPath, splitJsonPath, walkSchema } from '../../../src/operator/model/schema-walk';

describe('schema-walk', () => {
  test.each([
    ['.spec.replicas', ['spec', 'replicas']],
    [".spec['a.b']", ['spec', 'a.b']],
    ['.status.conditions[0].type', ['status', 'conditions', '[]', 'type']],
    ['spec.replicas', undefined],
    ['.spec..x', undefined],
  ])('splitJsonPath(%j)', (path, names) => {
    expect(splitJsonPath(path)).toEqual(names);
  });

  test('resolves properties, items and map values', () => {
    const schema = { properties: { a: { items: { additionalProperties: { type: 'integer' } } } } };
    expect(resolveDataPath(schema, ['a', '[]', 'anything'])).toEqual({ type: 'integer' });
    expect(resolveDataPath(schema, ['b'])).toBeUndefined();
  });

  test('tracks junctors, resource metadata and uncorrelatable paths', () => {
    // GIVEN
    const schema = {
      type: 'object',
      properties: {
        metadata: { type: 'object' },
        atomicList: { type: 'array', items: { type: 'object', properties: { x: { type: 'string' } } } },
        mapList: { 'type': 'array', 'x-kubernetes-list-type': 'map', 'items': { type: 'object' } },
        atomicObj: { 'type': 'object', 'x-kubernetes-map-type': 'atomic', 'properties': { y: { type: 'string' } } },
        choice: { type: 'object', anyOf: [{ required: ['a'] }] },
      },
    };
    const seen: { [path: string]: string } = {};
    // WHEN
    walkSchema(schema, 'root', (ctx) => {
      seen[ctx.path] = [ctx.isRoot && 'root', ctx.inJunctor && 'junctor', ctx.inResourceMetadata && 'meta', ctx.uncorrelatable && 'uncorrelatable'].filter(Boolean).join(',');
    });
    // THEN
    expect(seen).toEqual({
      'root': 'root',
      'root.properties.metadata': 'meta',
      'root.properties.atomicList': '',
      'root.properties.atomicList.items': 'uncorrelatable',
      'root.properties.atomicList.items.properties.x': 'uncorrelatable',
      'root.properties.mapList': '',
      'root.properties.mapList.items': '',
      'root.properties.atomicObj': '',
      'root.properties.atomicObj.properties.y': 'uncorrelatable',
      'root.properties.choice': '',
      'root.properties.choice.anyOf[0]': 'junctor',
    });
  });

  const root = {
    type: 'object',
    properties: {
      spec: { type: 'object', properties: { replicas: { type: 'integer' }, raw: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      status: { type: 'object', properties: { conditions: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' } } } } } },
    },
  };

  test.each<[string, boolean]>([
    ['.spec.replicas', true],
    ['.status.conditions[0].type', true],
    ['.spec.raw.anything.below', true],
    ['.metadata.creationTimestamp', true],
    ['.status.conditions[?(@.type=="Ready")].status', true],
    ['.spec.replica', false],
    ['.status.replicas', false],
    ['.spec.replicas.x', false],
  ])('pathMayExist(%j) is %j', (path, expected) => {
    expect(pathMayExist(root, path)).toBe(expected);
  });
});
