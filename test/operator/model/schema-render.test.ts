import { checkOneOfGroup, conditionItemSchema, oneOfRule, sortSchemaKeys } from '../../../src/operator/model/schema-render';

describe('schema-render', () => {
  test('sorts schema keys but keeps data (enum, default, example) and required order', () => {
    const sorted = sortSchemaKeys({ type: 'object', required: ['b', 'a'], properties: { b: { type: 'string', enum: ['z', 'a'] }, a: { default: { z: 1, a: 2 }, type: 'object' } } });
    expect(JSON.stringify(sorted)).toBe('{"properties":{"a":{"default":{"z":1,"a":2},"type":"object"},"b":{"enum":["z","a"],"type":"string"}},"required":["b","a"],"type":"object"}');
  });

  test('a property named like a keyword is still a schema', () => {
    const sorted = sortSchemaKeys({ properties: { default: { type: 'string', description: 'd' } } });
    expect(Object.keys(sorted.properties.default)).toEqual(['description', 'type']);
  });

  test('one-of rules', () => {
    expect(oneOfRule('exactly', ['a', 'b', 'c']).rule).toBe('(has(self.a)?1:0)+(has(self.b)?1:0)+(has(self.c)?1:0) == 1');
  });

  test('one-of group members must be declared and optional', () => {
    expect(checkOneOfGroup('exactly', ['a', 'zz'], { a: {} }, ['a']).map((p) => p.got)).toEqual(['"a"', '"zz"']);
  });

  test('the condition item requires the five fields of metav1.Condition', () => {
    expect(conditionItemSchema().required).toEqual(['lastTransitionTime', 'message', 'reason', 'status', 'type']);
  });
});
