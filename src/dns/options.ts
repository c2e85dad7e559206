import { Duration } from 'cdk8s';

/**
 * How stale entries are refreshed by `serve_stale`.
 * @see https://coredns.io/plugins/cache/
 */
export enum ServeStaleRefresh {
  /** Serve the stale entry first, refresh in the background. */
  IMMEDIATE = 'immediate',
  /** Check the upstream first; serve stale only if it fails. */
  VERIFY = 'verify',
}

/** The transport `forward` uses to its upstreams. @see https://coredns.io/plugins/forward/ */
export enum ForwardTransport {
  /** `force_tcp`: always TCP (avoids the conntrack races behind 5 s timeouts; the cluster-domain default). */
  FORCE_TCP = 'force_tcp',
  /** `prefer_udp`: UDP first, TCP when truncated. */
  PREFER_UDP = 'prefer_udp',
  /** Whatever the client used (the default of the `.` zone). */
  CLIENT = 'client',
}

/** The order `forward` tries its upstreams in. @see https://coredns.io/plugins/forward/ */
export enum ForwardPolicy {
  /** `random` (CoreDNS's default). */
  RANDOM = 'random',
  /** `round_robin`. */
  ROUND_ROBIN = 'round_robin',
  /** `sequential`: in the order listed. */
  SEQUENTIAL = 'sequential',
}

/** `prefetch`: refresh popular entries before they expire. @see https://coredns.io/plugins/cache/ */
export interface DnsPrefetchOptions {
  /** Number of queries within `duration` that make an entry popular. @integer */
  readonly amount: number;
  /** Window in which `amount` queries must arrive. @default Duration.minutes(1) (CoreDNS default) */
  readonly duration?: Duration;
  /** Prefetch when this percentage of the TTL remains (10–90). @default 10 (CoreDNS default) @integer */
  readonly percentage?: number;
}

/** `serve_stale`: answer from expired entries while refreshing. @see https://coredns.io/plugins/cache/ */
export interface DnsServeStaleOptions {
  /** How long past expiry an entry may be served. @default Duration.hours(1) (CoreDNS default) */
  readonly duration?: Duration;
  /** Refresh mode. @default ServeStaleRefresh.IMMEDIATE (CoreDNS default) */
  readonly refreshMode?: ServeStaleRefresh;
}

/**
 * Options of the CoreDNS `cache` plugin.
 *
 * @see https://coredns.io/plugins/cache/
 */
export interface DnsCacheOptions {
  /** Maximum TTL of cached entries (`cache TTL`), whole seconds. @default - CoreDNS's 3600 s unless success/denial TTLs are set */
  readonly ttl?: Duration;
  /** Capacity of the positive cache (`success CAPACITY`). @default - CoreDNS's 9984 @integer */
  readonly successCapacity?: number;
  /** Maximum TTL of positive answers, whole seconds. @default - the `ttl` */
  readonly successTtl?: Duration;
  /** Minimum TTL of positive answers, whole seconds (needs `successTtl`). @default - CoreDNS's 5 s */
  readonly successMinTtl?: Duration;
  /** Capacity of the negative cache (`denial CAPACITY`). @default - CoreDNS's 9984 @integer */
  readonly denialCapacity?: number;
  /** Maximum TTL of negative answers, whole seconds. @default - the `ttl` */
  readonly denialTtl?: Duration;
  /** Minimum TTL of negative answers, whole seconds (needs `denialTtl`). @default - CoreDNS's 5 s */
  readonly denialMinTtl?: Duration;
  /** Prefetch popular entries. @default - no prefetching */
  readonly prefetch?: DnsPrefetchOptions;
  /** Serve stale entries. @default - stale entries are not served */
  readonly serveStale?: DnsServeStaleOptions;
  /** How long to cache SERVFAIL answers (at most 5 minutes). @default - CoreDNS's 5 s */
  readonly servfail?: Duration;
  /** Return the original TTL instead of the remaining one. @default false */
  readonly keepTtl?: boolean;
}

/**
 * Options of the CoreDNS `forward` plugin other than its targets.
 *
 * @see https://coredns.io/plugins/forward/
 */
export interface DnsForwardOptions {
  /** Transport to the upstreams. @default - per zone: FORCE_TCP for the cluster zones, CLIENT for `.` */
  readonly transport?: ForwardTransport;
  /** Maximum concurrent queries (`max_concurrent`). @default - unlimited @integer */
  readonly maxConcurrent?: number;
  /** Failed health checks before an upstream is down (`max_fails`). @default - CoreDNS's 2 @integer */
  readonly maxFails?: number;
  /** Upstream selection policy. @default - CoreDNS's random */
  readonly policy?: ForwardPolicy;
  /** Health-check interval (`health_check`). @default - CoreDNS's 0.5 s */
  readonly healthCheck?: Duration;
  /** Idle connection expiry (`expire`). @default - CoreDNS's 10 s */
  readonly expire?: Duration;
  /** Sub-zones not forwarded (`except`). @default - none */
  readonly except?: string[];
}

/** A stub domain: a zone answered by its own servers. */
export interface StubDomain {
  /** The zone, e.g. `corp.example.com`. */
  readonly zone: string;
  /** Its servers, `ip[:port]` (IPv6 with a port bracketed, e.g. `[fd00::53]:53`). */
  readonly servers: string[];
  /** Forward options. @default - CoreDNS defaults (client transport) */
  readonly forward?: DnsForwardOptions;
}
