import { closest, editDistance } from '../../src/core/did-you-mean';

describe('did you mean', () => {
  test.each([
    ['shedule', ['schedule', 'target'], 'schedule'],
    ['Target', ['schedule', 'target'], 'target'],
    ['xyz', ['schedule', 'target'], undefined],
    ['kubeDnsIP', ['kubeDnsIp', 'localIp'], 'kubeDnsIp'],
    ['cuont', ['count', 'name'], 'count'],
    ['prot', ['port', 'path'], 'port'],
  ])('closest(%j) is %j', (name, candidates, expected) => {
    expect(closest(name, candidates)).toBe(expected);
  });

  test.each([
    ['kitten', 'sitting', 3],
    ['abc', 'ABC', 0],
    ['', 'abc', 3],
    ['cuont', 'count', 1],
    ['ab', 'ba', 1],
    ['ca', 'abc', 3],
  ])('editDistance(%j, %j) is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
