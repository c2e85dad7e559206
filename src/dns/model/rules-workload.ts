/**
 * NodeLocal DNSCache rules about the workload objects (spec section 8: 10, 11, 15, 17–20).
 */
import { COREDNS_SELECTOR, COREFILE_BASE_FILE, COREFILE_KEY, COREFILE_MOUNT_DIR, COREFILE_PATH, XTABLES_LOCK_PATH } from '../conventions';
import { ParsedCorefile } from './corefile';
import { DEFAULT_CACHE_CAPACITY } from './node-local-dns-spec';
import { boolFlag, containerField, DnsRule, Findings, instances, podField } from './rule-support';
import { parseQuantity } from '../../core/quantity';

/** 10. The upstream Service: same namespace, named as `-upstreamsvc`, selects CoreDNS, emitted first. */
export const upstreamServiceRule: DnsRule = {
  id: 'dns/upstream-service',
  number: 10,
  title: 'the upstream Service exists before the DaemonSet and selects CoreDNS',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      const name = v.flags.get('upstreamsvc') ?? 'kube-dns';
      const ns = v.daemonSet.metadata?.namespace;
      const index = ctx.objects.findIndex((o) => o?.kind === 'Service' && o?.metadata?.name === name && o?.metadata?.namespace === ns);
      if (index < 0) {
        f.error(containerField(v, 'args'), `-upstreamsvc must name a Service in namespace ${ns}`, name, 'emit the kube-dns-upstream Service in the same namespace (node-cache reads its <NAME>_SERVICE_HOST variable)');
      } else {
        const svc = ctx.objects[index];
        const sel = svc.spec?.selector ?? {};
        const want = COREDNS_SELECTOR;
        if (Object.keys(want).some((k) => sel[k] !== want[k])) {
          f.error(`Service/${name}.spec.selector`, `must select CoreDNS (${JSON.stringify(want)})`, sel, 'select the CoreDNS pods, not node-local-dns (that would loop)');
        }
        if (index > v.index) {
          f.error(`Service/${name}`, `must be emitted before ${v.ref}`, `position ${index} after ${v.index}`, 'emit the Service first: the pods read its environment variable at start');
        }
      }
      if (v.podSpec.enableServiceLinks === false) {
        f.error(podField(v, 'enableServiceLinks'), 'must not be false', false, 'remove it: node-cache finds the upstream Service through service environment variables');
      }
    }
    return f;
  },
};

/** 11. The ConfigMap key is mounted as `Corefile.base` under the base directory; `-conf` differs. */
export const corefileMountRule: DnsRule = {
  id: 'dns/corefile-mount',
  number: 11,
  title: 'the Corefile template is mounted where node-cache reads it',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      const base = v.flags.get('basecorefile') ?? `${COREFILE_MOUNT_DIR}/${COREFILE_BASE_FILE}`;
      const conf = v.flags.get('conf') ?? v.flags.get('corefile') ?? COREFILE_PATH;
      const dir = base.slice(0, base.lastIndexOf('/'));
      const file = base.slice(base.lastIndexOf('/') + 1);
      const volumes: any[] = v.podSpec.volumes ?? [];
      const vol = volumes.find((x) => (x?.configMap?.items ?? []).some((it: any) => it?.key === COREFILE_KEY && it?.path === file));
      if (!vol) {
        f.error(podField(v, 'volumes'), `must mount ConfigMap key ${COREFILE_KEY} as ${file}`, volumes.map((x) => x?.name), `add items: [{ key: ${COREFILE_KEY}, path: ${file} }]`);
      } else {
        const mounts: any[] = v.container.volumeMounts ?? [];
        const mount = mounts.find((m) => m?.name === vol.name);
        if (!mount || mount.mountPath !== dir) {
          f.error(containerField(v, 'volumeMounts'), `must mount volume ${vol.name} at ${dir}`, mount?.mountPath ?? null, `mount it at the -basecorefile directory ${dir}`);
        }
      }
      if (!v.configMap || v.configMap.data?.[COREFILE_KEY] === undefined) {
        f.error(podField(v, 'volumes'), `must reference a ConfigMap with key ${COREFILE_KEY}`, vol?.configMap?.name ?? null, 'emit the node-local-dns ConfigMap');
      }
      if (conf === base) {
        f.error(containerField(v, 'args'), '-conf must differ from -basecorefile', conf, `use -conf ${COREFILE_PATH}: the template is read-only and node-cache writes the rendered file`);
      }
    }
    return f;
  },
};

const KIB = 1024;
const MIB = 1024 * 1024;

/** Estimated memory of the caches: sum(success + denial capacity) x 3 KiB + 30 MiB. */
export function estimateCacheMemoryBytes(corefile: Pick<ParsedCorefile, 'blocks'>): number {
  let entries = 0;
  for (const b of corefile.blocks) {
    for (const c of b.directives.filter((d) => d.name === 'cache')) {
      const cap = (name: string) => Number(c.options.find((o) => o.name === name)?.args[0] ?? DEFAULT_CACHE_CAPACITY);
      entries += cap('success') + cap('denial');
    }
  }
  return entries * 3 * KIB + 30 * MIB;
}

/** 15. A memory limit must leave room for the caches (an OOM kill leaves NOTRACK rules behind). */
export const memoryRule: DnsRule = {
  id: 'dns/memory',
  number: 15,
  title: 'memory limit covers the caches',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      const limit = v.container.resources?.limits?.memory;
      if (limit === undefined || !v.corefile) continue;
      const bytes = parseQuantity(limit);
      if (bytes === undefined) {
        f.error(containerField(v, 'resources.limits.memory'), 'must be a Kubernetes quantity', limit, 'e.g. "300Mi"');
        continue;
      }
      const need = estimateCacheMemoryBytes(v.corefile);
      if (bytes < need) {
        const mi = Math.ceil(need / MIB);
        f.warn(containerField(v, 'resources.limits.memory'), `should be at least ${mi}Mi for the configured caches (capacity x 3 KiB + 30 MiB)`, limit,
          `raise the limit to ${mi}Mi or lower the cache capacities; an OOM kill leaves NOTRACK rules pointing at a dead listener`);
      }
    }
    return f;
  },
};

/** 17. When node-cache sets up the interface or iptables: hostNetwork, NET_ADMIN and the xtables lock. */
export const setupPrivilegesRule: DnsRule = {
  id: 'dns/setup-privileges',
  number: 17,
  title: 'interface/iptables setup has hostNetwork, NET_ADMIN and the xtables lock',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      if (!boolFlag(v.flags, 'setupinterface', true) && !boolFlag(v.flags, 'setupiptables', true)) continue;
      if (v.podSpec.hostNetwork !== true) {
        f.error(podField(v, 'hostNetwork'), 'must be true while -setupinterface or -setupiptables is on', v.podSpec.hostNetwork ?? null, 'set hostNetwork: true, or pass -setupinterface=false -setupiptables=false (Cilium)');
      }
      const sc = v.container.securityContext ?? {};
      if (sc.privileged !== true && !(sc.capabilities?.add ?? []).includes('NET_ADMIN')) {
        f.error(containerField(v, 'securityContext.capabilities.add'), 'must include NET_ADMIN while -setupinterface or -setupiptables is on', sc.capabilities?.add ?? null, 'add NET_ADMIN (needed to create the dummy interface and the NOTRACK rules)');
      }
      if (boolFlag(v.flags, 'setupiptables', true)) {
        const vol = (v.podSpec.volumes ?? []).find((x: any) => x?.hostPath?.path === XTABLES_LOCK_PATH);
        const mount = vol && (v.container.volumeMounts ?? [])
          .find((m: any) => m?.name === vol.name && m?.mountPath === XTABLES_LOCK_PATH && m?.readOnly !== true);
        if (!mount) {
          f.error(containerField(v, 'volumeMounts'), `must mount the host's ${XTABLES_LOCK_PATH} read-write while -setupiptables is on`, null, 'mount a hostPath volume (type FileOrCreate) so iptables shares the lock with kube-proxy');
        }
      }
    }
    return f;
  },
};

/** 18. dnsPolicy Default (the cache must not resolve through itself) and system-node-critical. */
export const schedulingRule: DnsRule = {
  id: 'dns/scheduling',
  number: 18,
  title: 'dnsPolicy Default and system-node-critical priority',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      if (v.podSpec.dnsPolicy !== 'Default') {
        f.error(podField(v, 'dnsPolicy'), 'must be "Default"', v.podSpec.dnsPolicy ?? null, 'use the node\'s resolver: ClusterFirst would send the cache\'s own lookups through itself');
      }
      if (v.podSpec.priorityClassName !== 'system-node-critical') {
        f.error(podField(v, 'priorityClassName'), 'must be "system-node-critical"', v.podSpec.priorityClassName ?? null, 'DNS is node-critical: it must not be evicted before the workloads that use it');
      }
    }
    return f;
  },
};

/** 19. `-syncinterval` is written in nanoseconds (node-cache multiplies it by one second). */
export const syncIntervalRule: DnsRule = {
  id: 'dns/sync-interval',
  number: 19,
  title: '-syncinterval is rendered as <N>ns',
  check(ctx) {
    const f = new Findings(this.id);
    for (const v of instances(ctx)) {
      const s = v.flags.get('syncinterval');
      if (s !== undefined && !/^[1-9][0-9]*ns$/.test(s)) {
        f.error(containerField(v, 'args'), '-syncinterval must be written as <seconds>ns (node-cache multiplies it by 1s)', s, 'write e.g. "60ns" for 60 seconds (syncInterval: Duration.seconds(60))');
      }
    }
    return f;
  },
};

/** Whether an image reference is pinned: a digest, or a tag other than `latest`. */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return false;
  const tag = image.slice(colon + 1);
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag) && tag !== 'latest';
}

/** 20. The image is pinned (a version tag or a digest, never `latest`). */
export const imagePinnedRule: DnsRule = {
  id: 'dns/image-pinned',
  number: 20,
  title: 'the image is pinned',
  check(ctx) {
    const f = new Findings(this.id);
    if (!isPinnedImage(ctx.spec.image)) {
      f.error('image', 'must be pinned to a version tag or a digest (not latest, not untagged)', ctx.spec.image, 'use e.g. "registry.k8s.io/dns/k8s-dns-node-cache:1.26.8"');
    }
    for (const v of instances(ctx)) {
      const image = v.container.image;
      if (image !== ctx.spec.image && (typeof image !== 'string' || !isPinnedImage(image))) {
        f.error(containerField(v, 'image'), 'must be pinned to a version tag or a digest', image ?? null, 'pin the image tag');
      }
    }
    return f;
  },
};
