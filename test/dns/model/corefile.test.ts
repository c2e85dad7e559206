import * as fs from 'fs';
import * as path from 'path';
import { CorefileModel, parseCorefile, renderCorefile, renderServerBlock, splitServerKey } from '../../../src/dns/model/corefile';

const GOLDEN = path.join(__dirname, '..', '..', 'fixtures', 'dns', 'corefile-all-plugins.golden');

/** Every plugin and option the renderer knows, in one Corefile. */
const FULL: CorefileModel = {
  serverBlocks: [
    {
      zone: 'cluster.local',
      port: 53,
      log: true,
      errors: true,
      reload: true,
      loop: true,
      cache: {
        success: { capacity: 9984, ttl: 30, minTtl: 5 },
        denial: { capacity: 9984, ttl: 5 },
        prefetch: { amount: 3, duration: '30s', percentage: 20 },
        serveStale: { duration: '1h', refreshMode: 'verify' },
        servfail: '5s',
        keepTtl: true,
      },
      bind: ['fd00::10', 'fd00:100::10'],
      forward: { from: '.', to: ['__PILLAR__CLUSTER__DNS__'], transport: 'force_tcp', maxConcurrent: 1000, policy: 'sequential', healthCheck: '500ms', expire: '10s', maxFails: 2, except: ['internal.cluster.local'] },
      suppressAaaa: true,
      prometheus: '[fd00::10]:9253',
      health: { host: 'fd00::10', port: 8080 },
    },
    { zone: 'corp.example.com', port: 53, cache: { ttl: 30 }, bind: ['169.254.20.10'], forward: { from: '.', to: ['10.0.0.2', '[fd00::53]:5353'], transport: 'prefer_udp' }, prometheus: ':9253' },
    { zone: '.', port: 53, errors: false, reload: false, loop: false, cache: { ttl: 30 }, forward: { from: '.', to: ['__PILLAR__UPSTREAM__SERVERS__'] }, health: { host: '' } },
  ],
  extraServerBlocks: 'extra.example:53 {\n    errors\n    forward . 10.0.0.3\n}\n',
};

describe('renderCorefile', () => {
  test.each([
    ['a duration only', { duration: '2h' }, 'serve_stale 2h'],
    ['a refresh mode without a duration gets CoreDNS\'s default duration before it', { refreshMode: 'verify' }, 'serve_stale 1h verify'],
  ])('serve_stale: %s', (_name, serveStale, line) => {
    // WHEN
    const text = renderServerBlock({ zone: '.', port: 53, cache: { serveStale } });
    // THEN
    expect(text.split('\n').map((l) => l.trim())).toContain(line);
  });

  test.each([
    ['amount only', { amount: 3 }, 'prefetch 3'],
    ['amount and duration', { amount: 3, duration: '30s' }, 'prefetch 3 30s'],
    ['a percentage without a duration gets CoreDNS\'s default duration before it', { amount: 3, percentage: 20 }, 'prefetch 3 1m 20%'],
  ])('prefetch: %s', (_name, prefetch, line) => {
    // WHEN
    const text = renderServerBlock({ zone: '.', port: 53, cache: { prefetch } });
    // THEN
    expect(text.split('\n').map((l) => l.trim())).toContain(line);
  });

  test('renders every plugin as in the golden file', () => {
    // WHEN
    const text = renderCorefile(FULL);
    // THEN
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });

  test.each([
    ['a bare cache TTL', { zone: 'a', port: 53, cache: { ttl: 30 } }, '    cache 30\n'],
    ['a forward without options on one line', { zone: 'a', port: 53, forward: { from: '.', to: ['10.0.0.1'] } }, '    forward . 10.0.0.1\n'],
    ['health on all addresses', { zone: 'a', port: 53, health: { host: '', port: 8099 } }, '    health :8099\n'],
    ['bare health', { zone: 'a', port: 53, health: { host: '' } }, '    health\n'],
    ['an IPv6 health host bracketed', { zone: 'a', port: 53, health: { host: 'fd00::10', port: 8080 } }, '    health [fd00::10]:8080\n'],
    ['the closing brace indented like upstream', { zone: 'a', port: 53 }, '    loop\n    }\n'],
  ])('%s', (_name, block, fragment) => {
    expect(renderServerBlock(block as any)).toContain(fragment);
  });
});

describe('parseCorefile', () => {
  test('parses what the renderer writes back into blocks and directives', () => {
    // WHEN
    const parsed = parseCorefile(renderCorefile(FULL));
    // THEN
    expect(parsed.errors).toEqual([]);
    expect(parsed.blocks.map((b) => b.keys)).toEqual([['cluster.local:53'], ['corp.example.com:53'], ['.:53'], ['extra.example:53']]);
    const cache = parsed.blocks[0].directives.find((d) => d.name === 'cache')!;
    expect(cache.options.map((o) => [o.name, ...o.args])).toEqual([
      ['success', '9984', '30', '5'], ['denial', '9984', '5'], ['prefetch', '3', '30s', '20%'], ['serve_stale', '1h', 'verify'], ['servfail', '5s'], ['keepttl'],
    ]);
    expect(parsed.blocks[1].directives.find((d) => d.name === 'forward')!.args).toEqual(['.', '10.0.0.2', '[fd00::53]:5353']);
  });

  test('reports text that is not a server block', () => {
    expect(parseCorefile('forward . 1.1.1.1\n').errors[0]).toContain('expected a server block');
  });

  test('ignores comments', () => {
    expect(parseCorefile('a:53 { # zone a\n    errors # log\n}\n').blocks[0].directives.map((d) => d.name)).toEqual(['errors']);
  });

  test.each([
    ['cluster.local:53', { zone: 'cluster.local', port: 53 }],
    ['.', { zone: '.', port: 53 }],
    ['dns://example.com:1053', { zone: 'example.com', port: 1053 }],
  ])('splits the server key %s', (key, expected) => {
    expect(splitServerKey(key)).toEqual(expected);
  });
});
