/**
 * Conversion of the public option structs into the pure model (not part of the public API).
 */
import { Duration } from 'cdk8s';
import { definedFields } from '../core/defined-fields';
import { durationMillis, durationSeconds, formatGoDuration } from '../core/duration';
import { CacheModel } from './model/corefile';
import { ForwardOptionsModel } from './model/node-local-dns-spec';
import { DnsCacheOptions, DnsForwardOptions, ForwardTransport } from './options';

/**
 * Renders a cdk8s Duration as a Go duration (`30s`, `500ms`, `1h`). Check it first with `durationValueProblems`
 * (whole milliseconds); never throws (cdk8s's integral conversion would on `Duration.millis(0.5)`).
 */
export function goDuration(d: Duration): string {
  return formatGoDuration(durationMillis(d));
}

/** Converts cache options to the model; `base` supplies defaults for unset fields. */
export function toCacheModel(o: DnsCacheOptions | undefined, base: CacheModel): CacheModel {
  if (!o) return base;
  const entry = (cap: number | undefined, ttl: Duration | undefined, min: Duration | undefined, dflt: CacheModel['success']) => {
    if (cap === undefined && ttl === undefined && min === undefined) return dflt;
    return { capacity: cap ?? dflt?.capacity ?? 9984, ttl: durationSeconds(ttl) ?? dflt?.ttl, minTtl: durationSeconds(min) ?? dflt?.minTtl };
  };
  return {
    ttl: durationSeconds(o.ttl) ?? base.ttl,
    success: entry(o.successCapacity, o.successTtl, o.successMinTtl, base.success),
    denial: entry(o.denialCapacity, o.denialTtl, o.denialMinTtl, base.denial),
    prefetch: o.prefetch
      ? { amount: o.prefetch.amount, duration: o.prefetch.duration && goDuration(o.prefetch.duration), percentage: o.prefetch.percentage }
      : base.prefetch,
    serveStale: o.serveStale
      ? { duration: o.serveStale.duration && goDuration(o.serveStale.duration), refreshMode: o.serveStale.refreshMode }
      : base.serveStale,
    servfail: o.servfail ? goDuration(o.servfail) : base.servfail,
    keepTtl: o.keepTtl ?? base.keepTtl,
  };
}

/** Converts forward options to the model; `transport` defaults to `dfltTransport`. */
export function toForwardModel(o: DnsForwardOptions | undefined, dfltTransport?: ForwardTransport): ForwardOptionsModel {
  const transport = o?.transport ?? dfltTransport;
  return definedFields({
    except: o?.except,
    transport: transport === undefined || transport === ForwardTransport.CLIENT ? undefined : transport,
    maxFails: o?.maxFails,
    expire: o?.expire && goDuration(o.expire),
    policy: o?.policy,
    healthCheck: o?.healthCheck && goDuration(o.healthCheck),
    maxConcurrent: o?.maxConcurrent,
  });
}
