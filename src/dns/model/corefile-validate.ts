/**
 * Checks of typed Corefile options before rendering (pure). Field names are those of the props, so a
 * user sees `clusterZoneCache.prefetch.percentage`, not a Corefile line.
 */
import { CacheModel, ForwardModel, ServerBlockModel } from './corefile';
import { corefileTokenProblems } from './corefile-token';
import { parseIp, parseIpPort } from './ip';
import { parseGoDuration } from '../../core/duration';
import { portNumberProblems } from '../../core/ports';
import { Problem, problem } from '../../core/problem';

const posInt = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n > 0;

/** Checks cache options (spec rule 14). */
export function validateCacheModel(field: string, c: CacheModel): Problem[] {
  const out: Problem[] = [];
  const rule = 'dns/cache';
  if (c.ttl !== undefined && !posInt(c.ttl)) out.push(problem(`${field}.ttl`, 'must be a whole number of seconds > 0', c.ttl, 'e.g. Duration.seconds(30)', rule));
  for (const [name, e] of [['success', c.success], ['denial', c.denial]] as const) {
    if (!e) continue;
    if (!posInt(e.capacity)) out.push(problem(`${field}.${name}Capacity`, 'must be an integer > 0', e.capacity, 'e.g. 9984', rule));
    if (e.ttl !== undefined && !posInt(e.ttl)) out.push(problem(`${field}.${name}Ttl`, 'must be a whole number of seconds > 0', e.ttl, 'e.g. Duration.seconds(30)', rule));
    if (e.minTtl !== undefined && !(Number.isInteger(e.minTtl) && e.minTtl >= 0)) out.push(problem(`${field}.${name}MinTtl`, 'must be a whole number of seconds >= 0', e.minTtl, 'e.g. Duration.seconds(5)', rule));
    if (e.minTtl !== undefined && e.ttl === undefined) out.push(problem(`${field}.${name}MinTtl`, `needs ${name}Ttl`, e.minTtl, `set ${name}Ttl as well (CoreDNS syntax: ${name} CAPACITY TTL MINTTL)`, rule));
  }
  if (c.prefetch) {
    if (!posInt(c.prefetch.amount)) out.push(problem(`${field}.prefetch.amount`, 'must be an integer > 0', c.prefetch.amount, 'e.g. 3', rule));
    const pct = c.prefetch.percentage;
    if (pct !== undefined && !(Number.isInteger(pct) && pct >= 10 && pct <= 90)) out.push(problem(`${field}.prefetch.percentage`, 'must be a whole percentage between 10 and 90', pct, 'e.g. 20', rule));
  }
  if (c.servfail !== undefined) {
    const ms = parseGoDuration(c.servfail);
    if (ms === undefined || ms > 300_000) out.push(problem(`${field}.servfail`, 'must be at most 5 minutes', c.servfail, 'e.g. Duration.seconds(5)', rule));
  }
  out.push(...corefileTokenProblems(`${field}.prefetch.duration`, c.prefetch?.duration, '1m', rule));
  out.push(...corefileTokenProblems(`${field}.serveStale.duration`, c.serveStale?.duration, '1h', rule));
  out.push(...corefileTokenProblems(`${field}.servfail`, c.servfail, '5s', rule));
  if (c.serveStale?.refreshMode !== undefined && !['immediate', 'verify'].includes(c.serveStale.refreshMode)) {
    out.push(problem(`${field}.serveStale.refreshMode`, 'must be immediate or verify', c.serveStale.refreshMode, 'use ServeStaleRefresh.VERIFY or IMMEDIATE', rule));
  }
  return out;
}

/** Checks forward options (spec rules 7, 12). */
export function validateForwardModel(field: string, f: Partial<ForwardModel>, checkTargets: boolean): Problem[] {
  const out: Problem[] = [];
  const to = f.to ?? [];
  if (checkTargets) {
    if (to.length === 0 || to.length > 15) out.push(problem(`${field}.to`, 'must list between 1 and 15 servers', to, 'CoreDNS forwards to at most 15 upstreams', 'dns/forward-options'));
    to.forEach((t, i) => {
      if (!parseIpPort(t)) {
        const v6 = (t.match(/:/g) ?? []).length > 1;
        out.push(problem(`${field}.to[${i}]`, v6 ? 'must bracket an IPv6 address that has a port' : 'must be ip[:port]', t, v6 ? 'write [fd00::53]:53' : 'e.g. "10.0.0.2" or "10.0.0.2:5353"', v6 ? 'dns/ipv6-brackets' : 'dns/forward-options'));
      }
    });
  }
  if (f.maxConcurrent !== undefined && !posInt(f.maxConcurrent)) out.push(problem(`${field}.maxConcurrent`, 'must be an integer > 0', f.maxConcurrent, 'e.g. 1000', 'dns/forward-options'));
  if (f.maxFails !== undefined && !(Number.isInteger(f.maxFails) && f.maxFails >= 0)) out.push(problem(`${field}.maxFails`, 'must be an integer >= 0', f.maxFails, 'e.g. 2', 'dns/forward-options'));
  if (f.transport !== undefined && !['force_tcp', 'prefer_udp'].includes(f.transport)) {
    out.push(problem(`${field}.transport`, 'must be force_tcp or prefer_udp', f.transport, 'use ForwardTransport.FORCE_TCP or PREFER_UDP', 'dns/corefile-token'));
  }
  out.push(...corefileTokenProblems(`${field}.from`, f.from, '.'));
  out.push(...corefileTokenProblems(`${field}.expire`, f.expire, '10s'));
  out.push(...corefileTokenProblems(`${field}.policy`, f.policy, 'sequential'));
  out.push(...corefileTokenProblems(`${field}.healthCheck`, f.healthCheck, '5s'));
  (f.except ?? []).forEach((z, i) => {
    if (!/^[A-Za-z0-9_.-]+\.?$/.test(z)) out.push(problem(`${field}.except[${i}]`, 'must be a DNS zone', z, 'e.g. "internal.example.com"', 'dns/forward-options'));
  });
  return out;
}

/** Checks one server block of a standalone Corefile. */
export function validateServerBlockModel(field: string, b: ServerBlockModel): Problem[] {
  const out: Problem[] = [];
  if (!/^(\.|[A-Za-z0-9_.-]+)$/.test(b.zone)) out.push(problem(`${field}.zone`, 'must be a DNS zone or "."', b.zone, 'e.g. "example.com"', 'dns/stub-domains'));
  out.push(...portNumberProblems(`${field}.port`, b.port ?? null, 'e.g. 53', 'dns/host-ports'));
  (b.bind ?? []).forEach((a, i) => {
    if (!parseIp(a)) out.push(problem(`${field}.bind[${i}]`, 'must be an IP address', a, 'e.g. "169.254.20.10"', 'dns/local-ip-list'));
  });
  if (b.cache) out.push(...validateCacheModel(`${field}.cache`, b.cache));
  if (b.forward) out.push(...validateForwardModel(`${field}.forward`, b.forward, true));
  out.push(...portNumberProblems(`${field}.health.port`, b.health?.port, 'e.g. 8080', 'dns/health'));
  out.push(...corefileTokenProblems(`${field}.prometheus`, b.prometheus, ':9253'));
  if (b.health?.host && !parseIp(b.health.host)) out.push(problem(`${field}.health.host`, 'must be an IP address', b.health.host, 'e.g. "169.254.20.10"', 'dns/health'));
  return out;
}
