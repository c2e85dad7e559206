/**
 * Builders of the Kubernetes objects of NodeLocalDns (L1 classes from cdk8s-plus-33, ApiObject for
 * CRD kinds). The construct decides what to emit; these functions only translate the resolved spec.
 */
import { ApiObject } from 'cdk8s';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct } from 'constructs';
import * as names from './conventions';
import { IntOrPercent } from '../core/int-or-percent';
import { kube } from '../core/lazy-modules';
import { renderCorefile } from './model/corefile';
import {
  corefileFor, DnsInstance, instancePorts, isCilium, nodeCacheArgs, NodeLocalDnsSpec, probeHostFor, usesHostNetwork,
} from './model/node-local-dns-spec';

/** Options of the objects that are not part of the DNS spec itself. */
export interface ObjectOptions {
  readonly addonManagerLabels: boolean;
  readonly scrapeAnnotations: boolean;
  readonly resources: k8s.ResourceRequirements;
  readonly tolerations: k8s.Toleration[];
  readonly maxUnavailable: IntOrPercent;
  readonly nodeSelector?: { [key: string]: string };
}

/** An `IntOrPercent` as the L1 classes take it. */
function intOrString(v: IntOrPercent): k8s.IntOrString {
  return v.isPercent ? kube().IntOrString.fromString(v.toString()) : kube().IntOrString.fromNumber(v.value);
}

/** The name of one process's DaemonSet / ConfigMap / app label. */
export function instanceName(spec: NodeLocalDnsSpec, instance: DnsInstance): string {
  return names.instanceObjectName(spec.name, instance === 'secondary');
}

function addonLabels(o: ObjectOptions, withClusterService: boolean): { [k: string]: string } {
  if (!o.addonManagerLabels) return {};
  return withClusterService
    ? { [names.CLUSTER_SERVICE_LABEL]: 'true', [names.ADDON_MANAGER_LABEL]: names.ADDON_MANAGER_MODE }
    : { [names.ADDON_MANAGER_LABEL]: names.ADDON_MANAGER_MODE };
}

/**
 * ServiceAccount `node-local-dns`. No RBAC and no token: node-cache never calls the API server (it reads the
 * Corefile and the kube-dns ConfigMap from mounted files and the upstream Service from environment variables).
 */
export function buildServiceAccount(scope: Construct, spec: NodeLocalDnsSpec, o: ObjectOptions): k8s.KubeServiceAccount {
  return new (kube().KubeServiceAccount)(scope, 'ServiceAccount', {
    metadata: { name: spec.name, namespace: spec.namespace, labels: addonLabels(o, true) },
    automountServiceAccountToken: false,
  });
}

/** Service `kube-dns-upstream`: CoreDNS under its own ClusterIP, so the cache does not intercept itself. */
export function buildUpstreamService(scope: Construct, spec: NodeLocalDnsSpec, o: ObjectOptions): k8s.KubeService {
  return new (kube().KubeService)(scope, 'UpstreamService', {
    metadata: {
      name: spec.upstreamServiceName,
      namespace: spec.namespace,
      labels: {
        ...names.COREDNS_SELECTOR,
        ...(o.addonManagerLabels ? {
          [names.CLUSTER_SERVICE_LABEL]: 'true',
          [names.ADDON_MANAGER_LABEL]: names.ADDON_MANAGER_MODE,
          [names.SERVICE_NAME_LABEL]: names.UPSTREAM_SERVICE_DISPLAY_NAME,
        } : {}),
      },
    },
    spec: {
      ports: [
        { name: names.PORT_DNS, port: 53, protocol: 'UDP', targetPort: kube().IntOrString.fromNumber(53) },
        { name: names.PORT_DNS_TCP, port: 53, protocol: 'TCP', targetPort: kube().IntOrString.fromNumber(53) },
      ],
      selector: { ...names.COREDNS_SELECTOR },
    },
  });
}

/** ConfigMap holding one process's Corefile template. */
export function buildConfigMap(scope: Construct, id: string, spec: NodeLocalDnsSpec, instance: DnsInstance, o: ObjectOptions): k8s.KubeConfigMap {
  return new (kube().KubeConfigMap)(scope, id, {
    metadata: { name: instanceName(spec, instance), namespace: spec.namespace, labels: addonLabels(o, false) },
    data: { [names.COREFILE_KEY]: renderCorefile(corefileFor(spec, instance)) },
  });
}

function securityContext(spec: NodeLocalDnsSpec): k8s.SecurityContext {
  if (isCilium(spec.mode)) {
    // No interface or iptables setup: only binding port 53 needs a capability.
    return {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }
  // NET_ADMIN creates the dummy interface and the NOTRACK/ACCEPT rules in the host's network namespace.
  // The process runs as root (iptables needs it) and writes /etc/Corefile, so runAsNonRoot and a read-only
  // root filesystem are impossible; nothing beyond the upstream manifest's capability is granted.
  return { capabilities: { add: ['NET_ADMIN'] } };
}

/** DaemonSet of one process. */
export function buildDaemonSet(scope: Construct, id: string, spec: NodeLocalDnsSpec, instance: DnsInstance, o: ObjectOptions): k8s.KubeDaemonSet {
  const name = instanceName(spec, instance);
  const ports = instancePorts(spec, instance);
  const hostNetwork = usesHostNetwork(spec.mode);
  const labels = { [names.APP_LABEL_KEY]: name };
  const probeHost = probeHostFor(spec);
  const secondary = instance === 'secondary' ? spec.secondary : undefined;
  const volumeMounts: k8s.VolumeMount[] = [];
  const volumes: k8s.Volume[] = [];
  if (hostNetwork) {
    volumeMounts.push({ mountPath: names.XTABLES_LOCK_PATH, name: names.VOLUME_XTABLES, readOnly: false });
    volumes.push({ name: names.VOLUME_XTABLES, hostPath: { path: names.XTABLES_LOCK_PATH, type: 'FileOrCreate' } });
  }
  volumeMounts.push(
    { name: names.VOLUME_CONFIG, mountPath: names.COREFILE_MOUNT_DIR },
    { name: names.VOLUME_KUBE_DNS, mountPath: names.KUBE_DNS_CONFIG_DIR },
  );
  volumes.push(
    { name: names.VOLUME_KUBE_DNS, configMap: { name: names.KUBE_DNS_CONFIG_MAP, optional: true } },
    { name: names.VOLUME_CONFIG, configMap: { name, items: [{ key: names.COREFILE_KEY, path: names.COREFILE_BASE_FILE }] } },
  );
  return new (kube().KubeDaemonSet)(scope, id, {
    metadata: { name, namespace: spec.namespace, labels: { ...labels, ...addonLabels(o, true) } },
    spec: {
      updateStrategy: { rollingUpdate: { maxUnavailable: intOrString(o.maxUnavailable) } },
      minReadySeconds: secondary ? secondary.skewSeconds : undefined,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: o.scrapeAnnotations ? {
            [names.PROMETHEUS_PORT_ANNOTATION]: String(ports.metrics),
            [names.PROMETHEUS_SCRAPE_ANNOTATION]: 'true',
          } : undefined,
        },
        spec: {
          priorityClassName: 'system-node-critical',
          serviceAccountName: spec.name,
          hostNetwork: hostNetwork ? true : undefined,
          dnsPolicy: 'Default',
          nodeSelector: o.nodeSelector,
          tolerations: o.tolerations,
          terminationGracePeriodSeconds: secondary ? secondary.skewSeconds + 30 : undefined,
          containers: [{
            name: names.CONTAINER_NAME,
            image: spec.image,
            resources: o.resources,
            args: nodeCacheArgs(spec, instance),
            securityContext: securityContext(spec),
            ports: [
              // In the host network every declared port is a host port, and the scheduler places no two pods
              // with the same host port on one node: the HA secondary shares port 53 with the primary
              // (SO_REUSEPORT) without declaring it, as kubespray's secondary does.
              ...(secondary && hostNetwork ? [] : [
                { containerPort: 53, name: names.PORT_DNS, protocol: 'UDP' },
                { containerPort: 53, name: names.PORT_DNS_TCP, protocol: 'TCP' },
              ]),
              { containerPort: ports.metrics, name: names.PORT_METRICS, protocol: 'TCP' },
            ],
            livenessProbe: {
              httpGet: { host: probeHost, path: '/health', port: kube().IntOrString.fromNumber(ports.health) },
              initialDelaySeconds: 60,
              timeoutSeconds: 5,
            },
            lifecycle: secondary ? { preStop: { sleep: { seconds: secondary.skewSeconds } } } : undefined,
            volumeMounts,
          }],
          volumes,
        },
      },
    },
  });
}

/** Headless Service exposing one process's metrics. */
export function buildMetricsService(scope: Construct, id: string, spec: NodeLocalDnsSpec, instance: DnsInstance, o: ObjectOptions): k8s.KubeService {
  const name = instanceName(spec, instance);
  const port = instancePorts(spec, instance).metrics;
  return new (kube().KubeService)(scope, id, {
    metadata: {
      name,
      namespace: spec.namespace,
      labels: { [names.APP_LABEL_KEY]: name },
      annotations: o.scrapeAnnotations ? { [names.PROMETHEUS_PORT_ANNOTATION]: String(port), [names.PROMETHEUS_SCRAPE_ANNOTATION]: 'true' } : undefined,
    },
    spec: {
      clusterIp: 'None',
      ports: [{ name: names.PORT_METRICS, port, targetPort: kube().IntOrString.fromNumber(port) }],
      selector: { [names.APP_LABEL_KEY]: name },
    },
  });
}

/** CiliumLocalRedirectPolicy steering kube-dns (or the local IP) to the node's pod. */
export function buildLocalRedirectPolicy(scope: Construct, spec: NodeLocalDnsSpec): ApiObject {
  const frontend = spec.mode === 'cilium-address'
    ? { addressMatcher: { ip: spec.localIp, toPorts: [{ port: '53', name: names.PORT_DNS, protocol: 'UDP' }, { port: '53', name: names.PORT_DNS_TCP, protocol: 'TCP' }] } }
    : { serviceMatcher: { serviceName: names.KUBE_DNS_SERVICE, namespace: spec.namespace } };
  return new ApiObject(scope, 'LocalRedirectPolicy', {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumLocalRedirectPolicy',
    metadata: { name: names.LRP_NAME, namespace: spec.namespace },
    spec: {
      redirectFrontend: frontend,
      redirectBackend: {
        localEndpointSelector: { matchLabels: { [names.APP_LABEL_KEY]: spec.name } },
        toPorts: [
          { port: '53', name: names.PORT_DNS, protocol: 'UDP' },
          { port: '53', name: names.PORT_DNS_TCP, protocol: 'TCP' },
        ],
      },
    },
  });
}

/** NetworkPolicy allowing DNS egress to the local and kube-dns IPs from every pod of a namespace. */
export function buildEgressPolicy(scope: Construct, id: string, spec: NodeLocalDnsSpec, namespace: string): k8s.KubeNetworkPolicy {
  const host = (ip: string) => `${ip}/${ip.includes(':') ? 128 : 32}`;
  return new (kube().KubeNetworkPolicy)(scope, id, {
    metadata: { name: names.egressPolicyName(spec.name), namespace, labels: { [names.APP_LABEL_KEY]: spec.name } },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{ ipBlock: { cidr: host(spec.localIp) } }, { ipBlock: { cidr: host(spec.kubeDnsIp) } }],
        ports: [{ port: kube().IntOrString.fromNumber(53), protocol: 'UDP' }, { port: kube().IntOrString.fromNumber(53), protocol: 'TCP' }],
      }],
    },
  });
}
