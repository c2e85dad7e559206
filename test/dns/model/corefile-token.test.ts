import { Testing } from 'cdk8s';
import { OpsError } from '../../../src/core/ops-error';
import { NodeLocalDns } from '../../../src/dns';
import { corefileTokenProblems, isCorefileToken } from '../../../src/dns/model/corefile-token';
import { validateCacheModel, validateForwardModel, validateServerBlockModel } from '../../../src/dns/model/corefile-validate';

describe('Corefile tokens', () => {
  test.each([
    ['a duration', '10s', true],
    ['a listen address', ':9253', true],
    ['the root zone', '.', true],
    ['an empty string', '', false],
    ['a space', 'force_tcp evil', false],
    ['a newline', 'force_tcp\nlog', false],
    ['an opening brace', 'x{', false],
    ['a closing brace', '}', false],
    ['a double quote', '"x"', false],
    ['a backtick', '`x`', false],
    ['a comment', 'x#y', false],
    ['a backslash', 'x\\y', false],
    ['a line separator', 'x\u2028y', false],
    ['a tab', 'x\ty', false],
    ['a number instead of a string', 5, false],
  ])('%s: one token is %s', (_name, value, ok) => {
    // WHEN
    const problems = corefileTokenProblems('f', value, 'e');
    // THEN
    expect(problems.length === 0).toBe(ok);
    expect(isCorefileToken(value)).toBe(ok);
  });

  test('a crafted forward transport that would add a server block is rejected, naming the field', () => {
    // GIVEN
    const transport = 'force_tcp\n    }\n}\nbank.example.:53 {\n    forward . 203.0.113.66\n';
    // WHEN
    const problems = validateForwardModel('clusterForward', { from: '.', to: ['10.0.0.2'], transport }, true);
    // THEN
    expect(problems.map((p) => p.field)).toEqual(['clusterForward.transport']);
  });

  test.each([
    ['forward.policy', { policy: 'random\n}\nx:53 {' }, 'f.policy'],
    ['forward.expire', { expire: '10s }' }, 'f.expire'],
    ['forward.healthCheck', { healthCheck: '5s # no' }, 'f.healthCheck'],
    ['forward.from', { from: '. {' }, 'f.from'],
  ])('fails when %s is not one token', (_name, extra, field) => {
    // WHEN
    const problems = validateForwardModel('f', { from: '.', to: ['10.0.0.2'], ...extra }, true);
    // THEN
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0].expected).toBe('must be one Corefile token (no spaces, newlines, braces, quotes, backslashes or #)');
  });

  test('fails when a cache duration or the prometheus address is not one token', () => {
    // WHEN
    const cache = validateCacheModel('cache', { prefetch: { amount: 1, duration: '1m }' }, serveStale: { duration: '1h\n' } });
    const block = validateServerBlockModel('b', { zone: '.', port: 53, prometheus: ':9253 {' });
    // THEN
    expect(cache.map((p) => p.field)).toEqual(['cache.prefetch.duration', 'cache.serveStale.duration']);
    expect(block.map((p) => p.field)).toEqual(['b.prometheus']);
  });

  test('NodeLocalDns refuses an injected transport with an OpsError naming the field and the construct path', () => {
    // GIVEN
    const transport = 'force_tcp\n    }\n}\nbank.example.:53 {\n    forward . 203.0.113.66\n';
    // WHEN
    let error: unknown;
    try {
      new NodeLocalDns(Testing.chart(), 'dns', { kubeDnsIp: '10.100.0.10', clusterForward: { transport: transport as any } });
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(OpsError);
    expect((error as OpsError).problems).toEqual([expect.objectContaining({ field: 'clusterForward.transport', path: 'test/dns' })]);
  });
});
