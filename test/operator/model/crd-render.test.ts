import { crdNames, renderCrd, rootSchema, validateCustomResource, versionSchema } from '../../../src/operator/model/crd-render';

const schema = rootSchema({ type: 'object', properties: { a: { type: 'string', default: 'x' } } }, undefined, 'd');

describe('crd-render', () => {
  test('names default like controller-gen', () => {
    expect(crdNames({ kind: 'IngressRoute' })).toEqual({ kind: 'IngressRoute', plural: 'ingressroutes', singular: 'ingressroute', listKind: 'IngressRouteList' });
    expect(crdNames({ kind: 'Proxy', plural: 'proxys' }).plural).toBe('proxys');
  });

  test('sorts versions by name and picks the implicit storage version', () => {
    const crd = renderCrd({ group: 'x.example.com', kind: 'Thing', versions: [{ name: 'v2', schema, storage: false }, { name: 'v1', schema }] });
    expect(crd.spec.versions.map((v: any) => [v.name, v.storage, v.served])).toEqual([['v1', true, true], ['v2', false, true]]);
    expect(crd.metadata).toEqual({ name: 'things.x.example.com' });
    expect(crd.spec.scope).toBe('Namespaced');
  });

  test('no implicit storage version when two versions leave storage unset', () => {
    const crd = renderCrd({ group: 'x.example.com', kind: 'Thing', versions: [{ name: 'v1', schema }, { name: 'v2', schema }] });
    expect(crd.spec.versions.map((v: any) => v.storage)).toEqual([false, false]);
  });

  test('the root schema lays out apiVersion, kind, metadata, spec', () => {
    expect(Object.keys(schema.properties)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(schema.required).toEqual(['spec']);
    expect(schema.description).toBe('d');
  });

  test('validateCustomResource applies defaults and requires a name', () => {
    const crd = renderCrd({ group: 'x.example.com', kind: 'Thing', versions: [{ name: 'v1', schema }] });
    const result = validateCustomResource({ apiVersion: 'x.example.com/v1', kind: 'Thing', metadata: {}, spec: {} }, versionSchema(crd, 'v1')!);
    expect(result.value.spec).toEqual({ a: 'x' });
    expect(result.problems.map((p) => p.field)).toEqual(['metadata.name']);
  });

  test.each<[string, any, string[]]>([
    ['a namespace that is not a DNS label', { name: 'x', namespace: 'Team_A' }, ['metadata.namespace']],
    ['an invalid label key', { name: 'x', labels: { 'bad key': 'v' } }, ['metadata.labels["bad key"]']],
    ['an invalid label value', { name: 'x', labels: { team: 'a b' } }, ['metadata.labels.team']],
    ['an invalid annotation key', { name: 'x', annotations: { 'a/b/c': 'v' } }, ['metadata.annotations["a/b/c"]']],
    ['valid metadata', { name: 'x', namespace: 'databases', labels: { 'app.kubernetes.io/name': 'db' }, annotations: { 'example.com/note': 'any text' } }, []],
  ])('validateCustomResource checks metadata: %s', (_name, metadata, fields) => {
    const crd = renderCrd({ group: 'x.example.com', kind: 'Thing', versions: [{ name: 'v1', schema }] });
    const result = validateCustomResource({ apiVersion: 'x.example.com/v1', kind: 'Thing', metadata, spec: {} }, versionSchema(crd, 'v1')!);
    expect(result.problems.map((p) => p.field)).toEqual(fields);
  });
});

describe('validateCustomResource and defaults', () => {
  const defaultedSchema = {
    type: 'object',
    properties: { spec: { type: 'object', properties: { keep: { type: 'integer', default: 'seven' }, name: { type: 'string' } } } },
  };

  test('a problem inside a field a default added is the CRD\'s when the CRD is reported invalid', () => {
    // WHEN
    const result = validateCustomResource({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: {} }, defaultedSchema, { crdReportsItsDefaults: true });
    // THEN
    expect(result.problems).toEqual([]);
    expect(result.value.spec).toEqual({ keep: 'seven' });
  });

  test('a problem inside a field a default added is the object\'s when the CRD is valid (the server rejects the object)', () => {
    // WHEN
    const result = validateCustomResource({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: {} }, defaultedSchema);
    // THEN
    expect(result.problems.map((p) => p.field)).toEqual(['spec.keep']);
  });

  test('the same problem in a field the author wrote is the object\'s', () => {
    // WHEN
    const result = validateCustomResource({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' }, spec: { keep: 'seven' } }, defaultedSchema);
    // THEN
    expect(result.problems.map((p) => p.field)).toEqual(['spec.keep']);
  });
});
