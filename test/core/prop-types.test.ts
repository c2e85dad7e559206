import { Duration } from 'cdk8s';
import { PropTypeDescriptor } from '../../src/core/prop-type-descriptor';
import { describePropType, propTypeProblems } from '../../src/core/prop-types';

const D: PropTypeDescriptor = {
  structs: {
    FooProps: {
      name: { t: 'string' },
      count: { t: 'number', o: 1 },
      tags: { t: { list: 'string' }, o: 1 },
      labels: { t: { map: 'string' }, o: 1 },
      mode: { t: { enum: 'Mode' }, o: 1 },
      inner: { t: { struct: 'Inner' }, o: 1 },
      either: { t: { oneOf: ['string', 'number'] }, o: 1 },
      flag: { t: 'boolean', o: 1 },
      wait: { t: 'duration', o: 1 },
    },
    Inner: { port: { t: 'number' }, next: { t: { struct: 'Inner' }, o: 1 } },
    Named: { metadata: { t: 'object', o: 1 }, timeout: { t: 'duration', o: 1 }, interval: { t: 'duration', o: 1 } },
  },
  enums: { Mode: ['a', 'b'] },
};

describe('propTypeProblems', () => {
  test.each([
    ['Prometheus text', '5m', '"5m"', 'use Duration.minutes(5) (a cdk8s Duration, imported from \'cdk8s\')'],
    ['a number', 30, '30', 'use a cdk8s Duration, e.g. Duration.seconds(30) if the number is seconds'],
    ['a plain object', {}, '{}', 'use a cdk8s Duration (imported from \'cdk8s\'), e.g. Duration.minutes(5)'],
  ])('a duration given as %s names the Duration to use', (_name, wait, got, fix) => {
    expect(propTypeProblems('FooProps', { name: 'x', wait }, '', D))
      .toEqual([{ field: 'wait', expected: 'must be a cdk8s Duration', got, fix, rule: 'props/type' }]);
  });

  test('well-typed props have no problems', () => {
    // GIVEN
    const props = { name: 'x', count: 1, tags: ['a'], labels: { k: 'v' }, mode: 'a', inner: { port: 80 }, either: 2, flag: true, wait: Duration.minutes(5) };
    // WHEN
    const problems = propTypeProblems('FooProps', props, '', D);
    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    ['a number where a string is expected', { name: 1 }, 'name', 'must be a string', '1'],
    ['a missing required field', {}, 'name', 'is required: a string', 'nothing'],
    ['null for an optional field', { name: 'x', count: null }, 'count', 'must be a finite number or left out', 'null'],
    ['a non-finite number', { name: 'x', count: Infinity }, 'count', 'must be a finite number', 'Infinity'],
    ['NaN', { name: 'x', count: NaN }, 'count', 'must be a finite number', 'NaN'],
    ['a string where a list is expected', { name: 'x', tags: 'a' }, 'tags', 'must be a list of strings', '"a"'],
    ['a null element in a list', { name: 'x', tags: ['a', null] }, 'tags[1]', 'must be a string', 'null'],
    ['an unknown enum value', { name: 'x', mode: 'c' }, 'mode', 'must be one of "a", "b" (Mode)', '"c"'],
    ['a Date where a struct is expected', { name: 'x', inner: new Date(0) }, 'inner', 'must be an Inner object', 'a Date (1970-01-01T00:00:00.000Z)'],
    ['a wrong type in a nested struct', { name: 'x', inner: { port: '80' } }, 'inner.port', 'must be a finite number', '"80"'],
    ['a wrong map value', { name: 'x', labels: { 'a/b': 1 } }, 'labels["a/b"]', 'must be a string', '1'],
    ['no member of a union', { name: 'x', either: true }, 'either', 'must be a string or a finite number', 'true'],
    ['a string where a boolean is expected', { name: 'x', flag: 'false' }, 'flag', 'must be a boolean', '"false"'],
    ['a number of seconds where a Duration is expected', { name: 'x', wait: 30 }, 'wait', 'must be a cdk8s Duration', '30'],
    ['a duration text where a Duration is expected', { name: 'x', wait: '30s' }, 'wait', 'must be a cdk8s Duration', '"30s"'],
    ['props that are not an object', 'x', 'props', 'must be a FooProps object', '"x"'],
  ])('reports %s', (_name, props, field, expected, got) => {
    // WHEN
    const problems = propTypeProblems('FooProps', props, '', D);
    // THEN
    expect(problems).toEqual([expect.objectContaining({ field, expected, got, rule: 'props/type' })]);
  });

  test('a cyclic value does not loop', () => {
    // GIVEN
    const inner: Record<string, unknown> = { port: 1 };
    inner.next = inner;
    // WHEN
    const problems = propTypeProblems('FooProps', { name: 'x', inner }, '', D);
    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    ['a misspelt prop, with the closest known one', 'FooProps', { name: 'x', cont: 1 }, 'cont', 'is not a field of FooProps', '1', 'did you mean count? rename or remove cont'],
    ['a misspelt field of a nested struct', 'FooProps', { name: 'x', inner: { port: 80, nexts: 1 } }, 'inner.nexts', 'is not a field of Inner', '1', 'did you mean next? rename or remove nexts'],
    ['a misspelt field of a struct in a list', 'FooProps', { name: 'x', inner: { port: 1, next: { port: 2, nxt: {} } } }, 'inner.next.nxt', 'is not a field of Inner', '{}', 'did you mean next? rename or remove nxt'],
    ['a removed prop that is now the metadata\'s', 'Named', { name: 'api' }, 'name', 'is not a field of Named', '"api"', 'did you mean metadata.name? rename or remove name'],
    ['a removed prop that lost its unit suffix', 'Named', { timeoutSeconds: 10 }, 'timeoutSeconds', 'is not a field of Named', '10', 'did you mean timeout? rename or remove timeoutSeconds'],
    ['a prop nothing is close to, listing the known ones', 'FooProps', { name: 'x', fileName: 'a.json' }, 'fileName', 'is not a field of FooProps',
      '"a.json"', 'remove fileName; the known fields are count, either, flag, inner, labels, mode, name, tags, wait'],
  ])('reports %s', (_name, struct, props, field, expected, got, fix) => {
    expect(propTypeProblems(struct, props, '', D)).toEqual([{ field, expected, got, fix, rule: 'props/type' }]);
  });

  test('an unknown field left undefined is ignored (as a spread of optional props gives)', () => {
    expect(propTypeProblems('FooProps', { name: 'x', extra: undefined }, '', D)).toEqual([]);
  });

  test('an unknown field makes a union member not match', () => {
    const U: PropTypeDescriptor = { structs: { ...D.structs, UProps: { v: { t: { oneOf: [{ struct: 'Inner' }, 'string'] } } } }, enums: {} };
    expect(propTypeProblems('UProps', { v: { port: 1, extra: true } }, '', U)).toEqual([expect.objectContaining({ field: 'v', expected: 'must be an Inner object or a string' })]);
  });

  test('describes a list of structs', () => {
    // THEN
    expect(describePropType({ list: { struct: 'Inner' } }, D)).toBe('a list of Inner objects');
  });
});

describe('propTypeProblems: classes, interfaces, integers, JSON data and durations', () => {
  class Mode {
    public static readonly FAST = new Mode();
  }
  class FastMode extends Mode {}
  const T: PropTypeDescriptor = {
    structs: {
      BarProps: {
        mode: { t: { instance: 'Mode', make: ['Mode.FAST'] }, o: 1 },
        rules: { t: { list: { iface: 'IRules', members: ['render'], by: ['Rules'] } }, o: 1 },
        replicas: { t: 'integer', o: 1 },
        spec: { t: 'any', o: 1 },
        wait: { t: 'duration', o: 1 },
      },
    },
    enums: {},
  };

  test('well-typed values have no problems: an instance of the class or a subclass, an object with the members, JSON data', () => {
    // GIVEN
    const props = { mode: new FastMode(), rules: [{ render: () => '' }], replicas: 3, spec: { a: [1, 'x', null, true, { b: {} }] }, wait: Duration.millis(1500) };
    // WHEN / THEN
    expect(propTypeProblems('BarProps', props, '', T)).toEqual([]);
  });

  test.each([
    ['a class-typed prop given as text', { mode: 'fast' }, 'mode', 'must be a Mode instance', '"fast"', 'use Mode.FAST (a Mode, not text or a plain object)'],
    ['a class-typed prop given as a plain object', { mode: {} }, 'mode', 'must be a Mode instance', '{}', 'use Mode.FAST (a Mode, not text or a plain object)'],
    ['an interface-typed element without its members', { rules: [{}] }, 'rules[0]', 'must be a Rules (IRules)', '{}', 'pass the Rules construct itself, not a copy of its props'],
    ['a fractional integer', { replicas: 1.5 }, 'replicas', 'must be a whole number', '1.5', 'pass a whole number'],
    ['an integer beyond 2^53', { replicas: 1e308 }, 'replicas', 'must be a whole number', '1e+308', 'pass a whole number'],
    ['a Date in JSON data', { spec: { at: new Date(0) } }, 'spec.at', expect.stringMatching(/^must be JSON data/), 'a Date (1970-01-01T00:00:00.000Z)', expect.any(String)],
    ['a Map in JSON data', { spec: [new Map()] }, 'spec[0]', expect.stringMatching(/^must be JSON data/), 'an instance of Map', expect.any(String)],
    ['NaN in JSON data', { spec: { n: NaN } }, 'spec.n', expect.stringMatching(/^must be JSON data/), 'NaN', expect.any(String)],
    ['a duration of half a millisecond', { wait: Duration.millis(0.5) }, 'wait', 'must be a whole number of milliseconds', '0.5 ms', expect.any(String)],
  ])('%s is a props problem naming the field', (_name, props, field, expected, got, fix) => {
    // WHEN
    const problems = propTypeProblems('BarProps', props, '', T);
    // THEN
    expect(problems).toEqual([{ field, expected, got, fix, rule: 'props/type' }]);
  });

  test('describes lists of instances and of implementations', () => {
    expect(describePropType({ list: { instance: 'Operator' } }, T)).toBe('a list of Operator instances');
    expect(describePropType({ list: { iface: 'IRuleSet', members: ['node'] } }, T)).toBe('a list of IRuleSet implementations');
  });
});

describe('propTypeProblems: metadata (cdk8s ApiObjectMetadata) keys', () => {
  test('a key ObjectMeta does not have is a props problem; its other fields pass', () => {
    // WHEN
    const problems = propTypeProblems('PrometheusRulesProps', { metadata: { name: 'web', generateName: 'web-', labelz: { a: 'b' } } });
    // THEN
    expect(problems).toEqual([expect.objectContaining({ field: 'metadata.labelz', expected: 'is not a field of ApiObjectMetadata', fix: 'did you mean labels? rename or remove labelz', rule: 'props/type' })]);
  });
});
