/**
 * NodeLocal DNSCache rules about the Corefile (spec section 8: 6–8, 12, 14, 16). They run on the
 * rendered text of the ConfigMap, so hand-written extra server blocks are checked as well.
 */
import { splitServerKey } from './corefile';
import { parseIpPort } from './ip';
import { PILLAR_CLUSTER_DNS, PILLAR_DNS_SERVER, PILLAR_UPSTREAM_SERVERS } from './node-local-dns-spec';
import { containerField, corefileField, DnsRule, Findings, instances } from './rule-support';
import { parseGoDuration } from '../../core/duration';

const PLACEHOLDER = /__PILLAR__(?:[A-Z0-9]+__)+/g;

/** 6. No build-time placeholders remain; only the runtime ones may. */
export const placeholdersRule: DnsRule = {
  id: 'dns/placeholders',
  number: 6,
  title: 'no leftover build-time __PILLAR__ placeholders',
  check(ctx) {
    const f = new Findings(this.id);
    const allowed = new Set([PILLAR_CLUSTER_DNS, PILLAR_UPSTREAM_SERVERS]);
    if (ctx.spec.mode === 'ipvs') allowed.add(PILLAR_DNS_SERVER);
    for (const v of instances(ctx)) {
      const sources: Array<[string, string]> = [
        [`ConfigMap/${v.configMap?.metadata?.name ?? '?'}.data.Corefile`, v.corefileText ?? ''],
        [v.ref, JSON.stringify(v.daemonSet)],
      ];
      for (const [field, text] of sources) {
        const found = [...new Set(text.match(PLACEHOLDER) ?? [])].filter((p) => !allowed.has(p));
        if (found.length > 0) {
          f.error(field, `must not contain the placeholders ${found.join(', ')}`, found, `substitute them (only ${[...allowed].join(', ')} are filled at runtime by node-cache)`);
        }
      }
    }
    return f;
  },
};

/** 7. IPv6 addresses in `IP:port` directives are bracketed. */
export const ipv6BracketsRule: DnsRule = {
  id: 'dns/ipv6-brackets',
  number: 7,
  title: 'IPv6 addresses with a port are bracketed',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      for (const b of v.corefile?.blocks ?? []) {
        for (const d of b.directives) {
          if (d.name === 'health' || d.name === 'prometheus') {
            const a = d.args[0];
            if (a !== undefined && (a.match(/:/g) ?? []).length > 1 && !/^\[[^\]]+\]:[0-9]+$/.test(a)) {
              f.error(corefileField(v, d.line), `${d.name} address must bracket an IPv6 host, e.g. [fd00::10]:8080`, a, 'write [IPv6]:port');
            }
          }
          if (d.name === 'forward') {
            for (const t of d.args.slice(1)) {
              if (t.startsWith('__PILLAR__')) continue;
              if ((t.match(/:/g) ?? []).length > 1 && !parseIpPort(t)) {
                f.error(corefileField(v, d.line), 'forward targets with an IPv6 address and a port must be bracketed', t, 'write [IPv6]:port, e.g. [fd00::53]:53');
              }
            }
          }
        }
      }
    }
    return f;
  },
};

function healthPortOf(arg: string | undefined): number | undefined {
  if (arg === undefined) return 8080;
  const m = /:([0-9]+)$/.exec(arg);
  return m ? Number(m[1]) : undefined;
}

/** 8. One `health` per process; its port equals the liveness probe's and `-health-port`. */
export const healthRule: DnsRule = {
  id: 'dns/health',
  number: 8,
  title: 'one health endpoint whose port matches the probe and -health-port',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      const healths = (v.corefile?.blocks ?? []).flatMap((b) => b.directives.filter((d) => d.name === 'health'));
      if (healths.length !== 1) {
        f.error(`ConfigMap/${v.configMap?.metadata?.name ?? '?'}.data.Corefile`, 'must contain exactly one health directive (it is process-wide)', healths.length,
          'keep health in the cluster-domain block only');
        continue;
      }
      const port = healthPortOf(healths[0].args[0]);
      const flagPort = Number(v.flags.get('health-port') ?? '8080');
      const probe = v.container.livenessProbe?.httpGet;
      if (port !== flagPort) {
        f.error(containerField(v, 'args'), `-health-port must equal the Corefile health port ${port}`, flagPort, 'set both from healthPort');
      }
      if (!probe) {
        f.error(containerField(v, 'livenessProbe.httpGet'), 'must probe the health endpoint', null, 'add an httpGet probe on /health');
      } else {
        if (Number(probe.port) !== port) f.error(containerField(v, 'livenessProbe.httpGet.port'), `must equal the Corefile health port ${port}`, probe.port, 'set both from healthPort');
        if (probe.path !== '/health') f.error(containerField(v, 'livenessProbe.httpGet.path'), 'must be "/health"', probe.path, 'probe /health');
      }
    }
    return f;
  },
};

const POLICIES = new Set(['random', 'round_robin', 'sequential']);

/** 12. forward: force_tcp xor prefer_udp, at most 15 targets, max_concurrent > 0, a known policy. */
export const forwardOptionsRule: DnsRule = {
  id: 'dns/forward-options',
  number: 12,
  title: 'forward options are consistent',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      for (const b of v.corefile?.blocks ?? []) {
        for (const d of b.directives.filter((x) => x.name === 'forward')) {
          const field = corefileField(v, d.line);
          const opts = new Map(d.options.map((o) => [o.name, o.args]));
          if (opts.has('force_tcp') && opts.has('prefer_udp')) {
            f.error(field, 'must not set both force_tcp and prefer_udp', 'force_tcp, prefer_udp', 'choose one transport');
          }
          const targets = d.args.slice(1);
          if (targets.length === 0 || targets.length > 15) {
            f.error(field, 'must have between 1 and 15 targets', targets.length, 'list at most 15 upstream servers (CoreDNS limit)');
          }
          const mc = opts.get('max_concurrent');
          if (mc !== undefined && !(/^[0-9]+$/.test(mc[0] ?? '') && Number(mc[0]) > 0)) {
            f.error(field, 'max_concurrent must be an integer > 0', mc.join(' '), 'e.g. max_concurrent 1000');
          }
          const policy = opts.get('policy');
          if (policy !== undefined && !POLICIES.has(policy[0] ?? '')) {
            f.error(field, 'policy must be random, round_robin or sequential', policy.join(' '), 'use one of the three policies');
          }
          for (const name of ['expire', 'health_check']) {
            const val = opts.get(name);
            if (val !== undefined && !(parseGoDuration(val[0] ?? '') !== undefined)) {
              f.error(field, `${name} must be a duration`, val.join(' '), 'write a Go duration such as 10s or 500ms');
            }
          }
          const mf = opts.get('max_fails');
          if (mf !== undefined && !/^[0-9]+$/.test(mf[0] ?? '')) {
            f.error(field, 'max_fails must be an integer >= 0', mf.join(' '), 'e.g. max_fails 2');
          }
        }
      }
    }
    return f;
  },
};

function positiveInt(s: string | undefined): boolean {
  return s !== undefined && /^[0-9]+$/.test(s) && Number(s) > 0;
}

/** 14. Cache: one per block, TTLs > 0, servfail <= 5m, prefetch percentage 10–90%. */
export const cacheRule: DnsRule = {
  id: 'dns/cache',
  number: 14,
  title: 'cache bounds',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      for (const b of v.corefile?.blocks ?? []) {
        const caches = b.directives.filter((d) => d.name === 'cache');
        if (caches.length > 1) {
          f.error(corefileField(v, caches[1].line), `must have at most one cache in ${b.keys.join(' ')}`, caches.length, 'merge the cache directives');
        }
        for (const c of caches) {
          const field = corefileField(v, c.line);
          if (c.args[0] !== undefined && /^[0-9-]/.test(c.args[0]) && !positiveInt(c.args[0])) {
            f.error(field, 'cache TTL must be an integer > 0', c.args[0], 'e.g. cache 30');
          }
          for (const o of c.options) {
            if (o.name === 'success' || o.name === 'denial') {
              if (!positiveInt(o.args[0])) f.error(field, `${o.name} capacity must be an integer > 0`, o.args[0] ?? null, `e.g. ${o.name} 9984 30`);
              if (o.args[1] !== undefined && !positiveInt(o.args[1])) f.error(field, `${o.name} TTL must be an integer > 0`, o.args[1], `e.g. ${o.name} 9984 30`);
              if (o.args[2] !== undefined && !/^[0-9]+$/.test(o.args[2])) f.error(field, `${o.name} minimum TTL must be an integer >= 0`, o.args[2], `e.g. ${o.name} 9984 30 5`);
            } else if (o.name === 'servfail') {
              const ms = parseGoDuration(o.args[0] ?? '');
              if (ms === undefined || ms < 0 || ms > 300_000) f.error(field, 'servfail must be a duration between 0 and 5m', o.args[0] ?? null, 'e.g. servfail 5s');
            } else if (o.name === 'prefetch') {
              // CoreDNS reads `prefetch AMOUNT [DURATION [PERCENTAGE%]]` by position
              if (!positiveInt(o.args[0])) f.error(field, 'prefetch amount must be an integer > 0', o.args[0] ?? null, 'e.g. prefetch 3 30s 20%');
              if (o.args.length > 3) f.error(field, 'prefetch takes at most an amount, a duration and a percentage', o.args.join(' '), 'e.g. prefetch 3 30s 20%');
              const dur = o.args[1];
              if (dur !== undefined && parseGoDuration(dur) === undefined) {
                f.error(field, 'prefetch duration (the second argument) must be a duration', dur, dur.endsWith('%') ? `write the duration before the percentage, e.g. prefetch ${o.args[0] ?? 3} 1m ${dur}` : 'e.g. 30s');
              }
              const pct = o.args[2];
              if (pct !== undefined) {
                const m = /^([0-9]+)%$/.exec(pct);
                if (!m || Number(m[1]) < 10 || Number(m[1]) > 90) f.error(field, 'prefetch percentage must be 10%–90% written with %', pct, 'e.g. prefetch 3 30s 20%');
              }
            } else if (o.name === 'serve_stale') {
              // CoreDNS reads `serve_stale [DURATION [REFRESH_MODE ...]]` by position
              const dur = o.args[0];
              if (dur !== undefined && !((parseGoDuration(dur) ?? -1) >= 0)) {
                const fix = /^(immediate|verify)$/i.test(dur) ? `write the duration before the refresh mode, e.g. serve_stale 1h ${dur}` : 'e.g. serve_stale 1h verify';
                f.error(field, 'serve_stale duration (the first argument) must be a duration >= 0', dur, fix);
              }
              const mode = o.args[1];
              if (mode !== undefined && !/^(immediate|verify)$/i.test(mode)) f.error(field, 'serve_stale refresh mode must be immediate or verify', mode, 'e.g. serve_stale 1h verify');
            }
          }
        }
      }
    }
    return f;
  },
};

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Whether a zone is a valid FQDN (`example.com`, `example.com.`, `10.in-addr.arpa`). */
export function isValidZone(zone: string): boolean {
  const z = zone.toLowerCase().replace(/\.$/, '');
  if (z.length === 0 || z.length > 253) return false;
  return z.split('.').every((l) => LABEL.test(l));
}

function normalizeZone(zone: string): string {
  const z = zone.toLowerCase();
  return z === '.' ? '.' : z.replace(/\.$/, '');
}

/** 16. Stub domains: valid zones, no duplicates of built-in zones, servers `ip[:port]`. */
export const stubDomainsRule: DnsRule = {
  id: 'dns/stub-domains',
  number: 16,
  title: 'stub domains are valid and unique',
  check(ctx) {
    const f = new Findings(this.id);
    const { spec } = ctx;
    const seen = new Set<string>([normalizeZone(spec.clusterDomain), 'in-addr.arpa', 'ip6.arpa', '.']);
    spec.stubDomains.forEach((s, i) => {
      const field = `stubDomains[${i}]`;
      if (!isValidZone(s.zone)) {
        f.error(`${field}.zone`, 'must be a valid DNS zone (labels of a-z, 0-9, -, up to 253 characters)', s.zone, 'e.g. "corp.example.com"');
      } else if (seen.has(normalizeZone(s.zone))) {
        f.error(`${field}.zone`, 'must not duplicate a built-in zone or another stub domain', s.zone, 'merge the servers into one entry or tune the built-in zone\'s props instead');
      }
      seen.add(normalizeZone(s.zone));
      if (s.servers.length === 0) f.error(`${field}.servers`, 'must list at least one server', s.servers, 'add the zone\'s resolver address');
      s.servers.forEach((srv, j) => {
        if (!parseIpPort(srv)) f.error(`${field}.servers[${j}]`, 'must be ip[:port] (IPv6 with a port bracketed)', srv, 'e.g. "10.0.0.2", "10.0.0.2:5353" or "[fd00::2]:53"');
      });
    });
    for (const v of instances(ctx)) {
      const keys = new Map<string, number>();
      for (const b of v.corefile?.blocks ?? []) {
        for (const k of b.keys) {
          const { zone, port } = splitServerKey(k);
          const id = `${normalizeZone(zone)}:${port}`;
          if (keys.has(id)) f.error(corefileField(v, b.line), 'server block keys must be unique', k, 'remove or merge the duplicate server block');
          keys.set(id, b.line);
        }
      }
    }
    return f;
  },
};
