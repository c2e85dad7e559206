import { validateAgainstSchema } from '../../../src/operator/model/schema-validator';

const fields = (value: any, schema: any, opts: any = {}) => validateAgainstSchema(value, schema, 'spec', opts).problems.map((p) => `${p.field}: ${p.expected}`);

describe('validateAgainstSchema', () => {
  test('applies defaults to absent fields, nested, in items and map values, and to nulls of non-nullable fields', () => {
    // GIVEN
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'integer', default: 1 },
        b: { type: 'object', default: {}, properties: { c: { type: 'string', default: 'x' } } },
        list: { type: 'array', items: { type: 'object', properties: { k: { type: 'string', default: 'k' } } } },
        map: { type: 'object', additionalProperties: { type: 'object', properties: { v: { type: 'integer', default: 3 } } } },
        n: { type: 'string', default: 'd' },
        keepNull: { type: 'string', nullable: true, default: 'd' },
      },
    };
    // WHEN
    const { value, problems } = validateAgainstSchema({ list: [{}], map: { x: {} }, n: null, keepNull: null }, schema);
    // THEN
    expect(problems).toEqual([]);
    expect(value).toEqual({ a: 1, b: { c: 'x' }, list: [{ k: 'k' }], map: { x: { v: 3 } }, n: 'd', keepNull: null });
  });

  test.each([
    ['null for a non-nullable field', { x: null }, { type: 'object', properties: { x: { type: 'string' } } }, 'spec.x: must not be null (type string)'],
    ['a number for int32 out of range', { x: 3000000000 }, { type: 'object', properties: { x: { type: 'integer', format: 'int32' } } }, 'spec.x: must fit in a 32-bit integer (format int32)'],
    ['exclusive minimum', { x: 1 }, { type: 'object', properties: { x: { type: 'number', minimum: 1, exclusiveMinimum: true } } }, 'spec.x: must be > 1'],
    ['multipleOf', { x: 5 }, { type: 'object', properties: { x: { type: 'integer', multipleOf: 2 } } }, 'spec.x: must be a multiple of 2'],
    ['minProperties', {}, { type: 'object', minProperties: 1, additionalProperties: { type: 'string' } }, 'spec: must have at least 1 properties'],
    ['a duplicate list-map key', { l: [{ k: 'a' }, { k: 'a' }] }, { type: 'object', properties: { l: { 'type': 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['k'], 'items': { type: 'object', properties: { k: { type: 'string' } } } } } }, 'spec.l[1]: must have a unique key (k) in a list-type map, duplicates item 0'],
    ['oneOf matching twice', { a: 'x', b: 'y' }, { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ required: ['a'] }, { required: ['b'] }] }, 'spec: must satisfy exactly one oneOf schema (satisfies 2)'],
    ['not matching', { a: 'x' }, { type: 'object', properties: { a: { type: 'string' } }, not: { required: ['a'] } }, 'spec: must not satisfy the "not" schema'],
    ['an embedded resource without kind', { t: { apiVersion: 'v1' } }, { type: 'object', properties: { t: { 'type': 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true } } }, 'spec.t.kind: is required in an embedded resource'],
    ['a unicode string over maxLength in characters', { s: 'ééé' }, { type: 'object', properties: { s: { type: 'string', maxLength: 2 } } }, 'spec.s: must be at most 2 characters long (is 3)'],
    ['a bad cidr', { c: '10.0.0.0/33' }, { type: 'object', properties: { c: { type: 'string', format: 'cidr' } } }, 'spec.c: must be a CIDR like "10.0.0.0/8"'],
  ])('reports %s', (_name, value, schema, expected) => {
    expect(fields(value, schema)).toEqual([expected]);
  });

  test('reports a metadata typo and non-string labels of a resource', () => {
    const problems = validateAgainstSchema({ metadata: { name: 'x', lables: { a: 'b' }, annotations: { n: 1 } } }, { type: 'object' }, '', { resource: true }).problems;
    expect(problems.map((p) => [p.field, p.fix])).toEqual([
      ['metadata.lables', 'did you mean "labels"? remove or rename it'],
      ['metadata.annotations', 'quote the values, e.g. "true"'],
      ['apiVersion', 'set apiVersion'],
      ['kind', 'set kind'],
    ]);
  });

  test('accepts unknown fields under preserve-unknown-fields and in embedded resources metadata', () => {
    const schema = { type: 'object', properties: { raw: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true }, t: { 'type': 'object', 'x-kubernetes-embedded-resource': true, 'properties': { spec: { type: 'object', properties: { a: { type: 'string' } } } } } } };
    expect(fields({ raw: { anything: [1] }, t: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' } }, spec: { a: 'x' } } }, schema)).toEqual([]);
  });

  test('evaluates standard CEL with integers as int, and uses messageExpression', () => {
    // GIVEN
    const schema = {
      'type': 'object',
      'properties': { min: { type: 'integer' }, max: { type: 'integer' }, name: { type: 'string' } },
      'x-kubernetes-validations': [
        { rule: 'self.min <= self.max', messageExpression: "'min ' + string(self.min) + ' exceeds max ' + string(self.max)" },
        { rule: "self.name.startsWith('x') && self.name.lowerAscii() == self.name", message: 'lowercase x-name' },
      ],
    };
    // WHEN
    const problems = validateAgainstSchema({ min: 5, max: 3, name: 'Xa' }, schema, 'spec').problems;
    // THEN
    expect(problems.map((p) => p.fix)).toEqual(['min 5 exceeds max 3', 'lowercase x-name']);
  });

  test('reports a rule that reads an absent field (no such key), as the API server does', () => {
    const schema = { 'type': 'object', 'properties': { a: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.a > 0' }] };
    expect(fields({}, schema)).toEqual(['spec: must satisfy the CEL rule "self.a > 0", which failed to evaluate: no such key: a']);
  });

  test.each([
    ['a Kubernetes library function', "quantity(self.q).isLessThan(quantity('1'))"],
    ['a transition rule', 'self.q == oldSelf.q'],
    ['optional syntax', "self.?q.orValue('') == 'x'"],
  ])('skips %s', (_name, rule) => {
    const schema = { 'type': 'object', 'properties': { q: { type: 'string' } }, 'x-kubernetes-validations': [{ rule }] };
    expect(fields({ q: '5' }, schema)).toEqual([]);
  });

  test('does not modify its input', () => {
    const input = { spec: {} };
    validateAgainstSchema(input, { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string', default: 'x' } } } } });
    expect(input).toEqual({ spec: {} });
  });
});

describe('defaulted fields', () => {
  test('lists the path of every field a default added, nested ones included', () => {
    // GIVEN
    const schema = {
      type: 'object',
      properties: {
        keep: { type: 'integer', default: 7 },
        target: { type: 'object', default: {}, properties: { kind: { type: 'string', default: 'Deployment' } } },
        name: { type: 'string', default: 'x' },
      },
    };
    // WHEN
    const result = validateAgainstSchema({ name: 'given' }, schema, 'spec');
    // THEN
    expect(result.defaulted).toEqual(['spec.keep', 'spec.target', 'spec.target.kind']);
    expect(result.value).toEqual({ name: 'given', keep: 7, target: { kind: 'Deployment' } });
  });
});
