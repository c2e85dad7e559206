import { T, escapeProperty, formatType, schemaDeclType } from '../../../src/operator/model/cel-types';

describe('escapeProperty', () => {
  test.each([
    ['replicas', 'replicas'],
    ['a-b', 'a__dash__b'],
    ['a.b/c', 'a__dot__b__slash__c'],
    ['a__b', 'a__underscores__b'],
    ['namespace', '__namespace__'],
    ['1abc', undefined],
    ['a b', undefined],
    ['', undefined],
  ])('%j → %j', (name, escaped) => {
    expect(escapeProperty(name)).toBe(escaped);
  });
});

describe('schemaDeclType', () => {
  test('declares objects, lists, maps and formats as the API server does', () => {
    // GIVEN
    const decl = schemaDeclType({
      type: 'object',
      required: ['n'],
      properties: {
        n: { type: 'integer' },
        t: { type: 'string', format: 'date-time' },
        d: { type: 'string', format: 'duration' },
        b: { type: 'string', format: 'byte' },
        l: { type: 'array', items: { type: 'string', maxLength: 10 } },
        m: { type: 'object', additionalProperties: { type: 'boolean' }, maxProperties: 3 },
        i: { 'x-kubernetes-int-or-string': true },
        p: { 'x-kubernetes-preserve-unknown-fields': true },
      },
    }, true)!;
    // THEN
    const f = (name: string) => decl.fields!.get(name)!;
    expect([...decl.fields!.keys()].sort()).toEqual(['apiVersion', 'b', 'd', 'i', 'kind', 'l', 'm', 'metadata', 'n', 't']);
    expect(formatType(f('t').type)).toBe('google.protobuf.Timestamp');
    expect(formatType(f('d').type)).toBe('google.protobuf.Duration');
    expect(formatType(f('b').type)).toBe('bytes');
    expect(formatType(f('l').type)).toBe('list(string)');
    expect(f('l').elem!.maxElements).toBe(40);
    expect(f('l').maxElements).toBe(1048575);
    expect(formatType(f('m').type)).toBe('map(string, bool)');
    expect(f('m').maxElements).toBe(3);
    expect(f('i').type).toBe(T.dyn);
    expect(decl.minSerializedSize).toBe(2 + 1 + 1 + 4);
  });
});
