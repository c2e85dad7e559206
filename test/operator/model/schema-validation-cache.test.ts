import { SchemaValidationCache } from '../../../src/operator/model/schema-validation-cache';
import * as validator from '../../../src/operator/model/schema-validator';

const SCHEMA = {
  type: 'object',
  properties: {
    spec: {
      'type': 'object',
      'properties': { replicas: { type: 'integer', default: 1 }, min: { type: 'integer' } },
      'x-kubernetes-validations': [{ rule: '!has(self.min) || self.min <= self.replicas', message: 'min above replicas' }],
    },
  },
};

function object(spec: any): any {
  return { apiVersion: 'x.example.com/v1', kind: 'X', metadata: { name: 'x' }, spec };
}

describe('SchemaValidationCache', () => {
  afterEach(() => jest.restoreAllMocks());

  test('validates the same data once, however often and from whichever copy it is asked', () => {
    // GIVEN
    const cache = new SchemaValidationCache();
    const validate = jest.spyOn(validator, 'validateAgainstSchema');
    const evaluate = jest.spyOn(cache.celPrograms, 'evaluate');
    // WHEN
    const first = cache.validate(object({ replicas: 1, min: 2 }), SCHEMA, { resource: true });
    const again = cache.validate(object({ replicas: 1, min: 2 }), SCHEMA, { resource: true });
    // THEN
    expect(validate).toHaveBeenCalledTimes(1);
    expect(evaluate).toHaveBeenCalledTimes(1); // the rule, by the first validation only
    expect(again).toEqual(first);
    expect(first.problems.map((p) => [p.field, p.rule])).toEqual([['spec', 'schema/cel']]);
  });

  test('gives each call its own copy of the result', () => {
    // GIVEN
    const cache = new SchemaValidationCache();
    const first = cache.validate(object({}), SCHEMA, { resource: true });
    // WHEN
    first.value.spec.replicas = 99;
    first.problems.push({ field: 'x', expected: 'y', fix: 'z' });
    first.defaulted.push('x');
    const again = cache.validate(object({}), SCHEMA, { resource: true });
    // THEN
    expect(again.value.spec).toEqual({ replicas: 1 });
    expect(again.problems).toEqual([]);
    expect(again.defaulted).toEqual(['spec.replicas']);
  });

  test('validates other data, other options and another schema object afresh', () => {
    // GIVEN
    const cache = new SchemaValidationCache();
    const validate = jest.spyOn(validator, 'validateAgainstSchema');
    const stricter = { ...SCHEMA, properties: { spec: { ...SCHEMA.properties.spec, required: ['min'] } } };
    cache.validate(object({ replicas: 2 }), SCHEMA, { resource: true });
    // WHEN
    const otherData = cache.validate(object({ replicas: 2, min: 3 }), SCHEMA, { resource: true });
    const otherOptions = cache.validate(object({ replicas: 2 }), SCHEMA, {});
    const otherSchema = cache.validate(object({ replicas: 2 }), stricter, { resource: true });
    // THEN
    expect(validate).toHaveBeenCalledTimes(4);
    expect(otherData.problems.map((p) => p.field)).toEqual(['spec']);
    expect(otherOptions.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata']));
    expect(otherSchema.problems.map((p) => p.field)).toEqual(['spec.min']);
  });

  test('validates data that is not plain JSON every time', () => {
    // GIVEN
    const cache = new SchemaValidationCache();
    const validate = jest.spyOn(validator, 'validateAgainstSchema');
    // WHEN
    cache.validate(object({ replicas: BigInt(1) }), SCHEMA, { resource: true });
    cache.validate(object({ replicas: BigInt(1) }), SCHEMA, { resource: true });
    // THEN
    expect(validate).toHaveBeenCalledTimes(2);
  });
});
