import { applyDescriptors, crdDescriptors, schemaHasPath } from '../../../src/olm/model/csv-descriptors';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        size: { type: 'integer', description: 'How many.' },
        targets: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
    status: { type: 'object', properties: { phase: { type: 'string' } } },
  },
};

describe('descriptors', () => {
  test.each<[string, boolean]>([
    ['size', true], ['targets', true], ['targets[0].name', true], ['targets[0].colour', false], ['labels.team', true],
    ['raw.anything.below', true], ['colour', false], ['size.inner', false], ['', false], ['targets[0', false],
  ])('spec path %j is in the schema: %s', (path, ok) => {
    expect(schemaHasPath(schema.properties.spec, path)).toBe(ok);
  });

  test('given descriptors replace derived ones by path, keep order, and add the rest', () => {
    const derived = crdDescriptors(schema).spec;
    const { descriptors, notes } = applyDescriptors('spec', schema, derived, [{ path: 'size', displayName: 'Replicas' }, { path: 'targets[0].name' }], true, 'w v1');
    expect(descriptors.map((d) => `${d.path}=${d.displayName}`)).toEqual(['labels=Labels', 'raw=Raw', 'size=Replicas', 'targets=Targets', 'targets[0].name=Name']);
    expect(notes).toEqual([]);
  });

  test('notes for a path outside the schema and an x-descriptor the console does not know', () => {
    const { notes } = applyDescriptors('status', schema, [], [{ path: 'ready', xDescriptors: ['slider'] }], true, 'w v1');
    expect(notes.map((n) => n.rule)).toEqual(['descriptor-path', 'x-descriptor']);
  });
});
