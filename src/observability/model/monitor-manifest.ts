import { definedFields } from '../../core/defined-fields';
import { formatPromDuration } from '../../core/duration';
import { isDns1123Subdomain } from '../../core/names';
import { Problem, problem } from '../../core/problem';
import { MONITORING_API_VERSION } from '../conventions';

/**
 * The one rendering of prometheus-operator ServiceMonitor and PodMonitor objects: the `ServiceMonitor` and
 * `PodMonitor` constructs, the operator's metrics monitor and NodeLocalDns's monitor all build their manifest
 * here, with the CRDs' field names (`monitoring.coreos.com/v1`). Pure: durations come in milliseconds.
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 */

/** A key of a Secret or ConfigMap. */
export interface KeySelectorModel {
  readonly name: string;
  readonly key: string;
  readonly optional?: boolean;
}

/** TLS settings (`SafeTLSConfig`, plus the file paths of `TLSConfig` on ServiceMonitor endpoints). */
export interface TlsModel {
  readonly ca?: { readonly secret?: KeySelectorModel; readonly configMap?: KeySelectorModel };
  readonly cert?: { readonly secret?: KeySelectorModel; readonly configMap?: KeySelectorModel };
  readonly keySecret?: KeySelectorModel;
  readonly serverName?: string;
  readonly insecureSkipVerify?: boolean;
  readonly minVersion?: string;
  readonly maxVersion?: string;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

/** A relabeling step with the CRD's field names. */
export interface RelabelModel {
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly targetLabel?: string;
  readonly regex?: string;
  readonly modulus?: number;
  readonly replacement?: string;
  readonly action?: string;
}

/** One scrape endpoint (ServiceMonitor `endpoints[]` or PodMonitor `podMetricsEndpoints[]`). */
export interface ScrapeEndpointModel {
  readonly port?: string;
  readonly targetPort?: string | number;
  readonly portNumber?: number;
  readonly path?: string;
  readonly scheme?: string;
  readonly intervalMs?: number;
  readonly scrapeTimeoutMs?: number;
  readonly honorLabels?: boolean;
  readonly honorTimestamps?: boolean;
  readonly params?: Readonly<Record<string, readonly string[]>>;
  readonly relabelings?: readonly RelabelModel[];
  readonly metricRelabelings?: readonly RelabelModel[];
  readonly bearerTokenSecret?: KeySelectorModel;
  /** Deprecated by prometheus-operator; kubebuilder's monitor reads Prometheus's own service-account token with it. */
  readonly bearerTokenFile?: string;
  readonly tlsConfig?: TlsModel;
  readonly followRedirects?: boolean;
  readonly enableHttp2?: boolean;
}

/** A ServiceMonitor or PodMonitor. */
export interface MonitorModel {
  readonly kind: 'ServiceMonitor' | 'PodMonitor';
  /** The object's metadata, as given (name, namespace, labels, annotations). */
  readonly metadata: object;
  /** The label selector (a plain selector, or a value resolved later such as a cdk8s `Lazy`). */
  readonly selector: unknown;
  readonly namespaceSelector?: { readonly any?: boolean; readonly matchNames?: readonly string[] };
  readonly endpoints: readonly ScrapeEndpointModel[];
  readonly jobLabel?: string;
  readonly targetLabels?: readonly string[];
  readonly podTargetLabels?: readonly string[];
  readonly sampleLimit?: number;
  readonly targetLimit?: number;
}


function keySelector(k: KeySelectorModel | undefined): any {
  return k === undefined ? undefined : definedFields({ key: k.key, name: k.name, optional: k.optional });
}

function secretOrConfigMap(s: TlsModel['ca']): any {
  return s === undefined ? undefined : definedFields({ configMap: keySelector(s.configMap), secret: keySelector(s.secret) });
}

/** The `tlsConfig` of an endpoint, with the CRD's field names. */
export function renderTlsConfig(t: TlsModel | undefined): any {
  if (t === undefined) return undefined;
  return definedFields({
    ca: secretOrConfigMap(t.ca),
    caFile: t.caFile,
    cert: secretOrConfigMap(t.cert),
    certFile: t.certFile,
    insecureSkipVerify: t.insecureSkipVerify,
    keyFile: t.keyFile,
    keySecret: keySelector(t.keySecret),
    maxVersion: t.maxVersion,
    minVersion: t.minVersion,
    serverName: t.serverName,
  });
}

/** One endpoint, with the CRD's field names; durations in Prometheus's canonical syntax. */
export function renderEndpoint(e: ScrapeEndpointModel): any {
  return definedFields({
    port: e.port,
    portNumber: e.portNumber,
    targetPort: e.targetPort,
    path: e.path,
    scheme: e.scheme,
    interval: e.intervalMs === undefined ? undefined : formatPromDuration(e.intervalMs),
    scrapeTimeout: e.scrapeTimeoutMs === undefined ? undefined : formatPromDuration(e.scrapeTimeoutMs),
    honorLabels: e.honorLabels,
    honorTimestamps: e.honorTimestamps,
    params: e.params,
    relabelings: e.relabelings?.map((r) => definedFields({ ...r })),
    metricRelabelings: e.metricRelabelings?.map((r) => definedFields({ ...r })),
    bearerTokenFile: e.bearerTokenFile,
    bearerTokenSecret: keySelector(e.bearerTokenSecret),
    tlsConfig: renderTlsConfig(e.tlsConfig),
    followRedirects: e.followRedirects,
    enableHttp2: e.enableHttp2,
  });
}

/** The manifest (`apiVersion`, `kind`, `metadata`, `spec`) of a ServiceMonitor or PodMonitor. */
export function monitorManifest(m: MonitorModel): { apiVersion: string; kind: string; metadata: any; spec: any } {
  const endpoints = m.endpoints.map(renderEndpoint);
  return {
    apiVersion: MONITORING_API_VERSION,
    kind: m.kind,
    metadata: { ...m.metadata },
    spec: definedFields({
      jobLabel: m.jobLabel,
      targetLabels: m.targetLabels,
      podTargetLabels: m.podTargetLabels,
      sampleLimit: m.sampleLimit,
      targetLimit: m.targetLimit,
      namespaceSelector: m.namespaceSelector
        ? definedFields({ any: m.namespaceSelector.any, matchNames: m.namespaceSelector.matchNames })
        : undefined,
      selector: m.selector,
      ...(m.kind === 'ServiceMonitor' ? { endpoints } : { podMetricsEndpoints: endpoints.length > 0 ? endpoints : undefined }),
    }),
  };
}

function keySelectorProblems(field: string, k: KeySelectorModel | undefined, what: 'Secret' | 'ConfigMap'): Problem[] {
  if (k === undefined) return [];
  const out: Problem[] = [];
  if (!isDns1123Subdomain(k.name)) out.push(problem(`${field}.name`, `must be a ${what} name (a DNS-1123 subdomain)`, k.name, `use the name of the ${what}, e.g. "api-tls"`));
  if (typeof k.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(k.key) || k.key.length > 253) {
    out.push(problem(`${field}.key`, `must be a ${what} key (letters, digits, "-", "_" or ".")`, k.key, 'use e.g. "ca.crt"'));
  }
  return out;
}

function secretOrConfigMapProblems(field: string, s: TlsModel['ca']): Problem[] {
  if (s === undefined) return [];
  if ((s.secret === undefined) === (s.configMap === undefined)) {
    return [problem(field, 'must set exactly one of secret and configMap', s, 'give { secret: { name, key } } or { configMap: { name, key } }')];
  }
  return [...keySelectorProblems(`${field}.secret`, s.secret, 'Secret'), ...keySelectorProblems(`${field}.configMap`, s.configMap, 'ConfigMap')];
}

/**
 * Problems of a `tlsConfig` (fields relative to it), as prometheus-operator's `TLSConfig.Validate` rejects them:
 * a source given both in the cluster and as a file, a client certificate without its key or a key without its
 * certificate, a minimum version above the maximum.
 */
export function tlsConfigProblems(t: TlsModel): Problem[] {
  const out: Problem[] = [
    ...secretOrConfigMapProblems('ca', t.ca),
    ...secretOrConfigMapProblems('cert', t.cert),
    ...keySelectorProblems('keySecret', t.keySecret, 'Secret'),
  ];
  const both = (a: keyof TlsModel, b: keyof TlsModel) => {
    if (t[a] !== undefined && t[b] !== undefined) out.push(problem(b, `must not be set together with ${a}`, t[b], `keep one of ${a} and ${b}`));
  };
  both('ca', 'caFile');
  both('cert', 'certFile');
  both('keySecret', 'keyFile');
  for (const f of ['caFile', 'certFile', 'keyFile', 'serverName'] as const) {
    if (t[f] !== undefined && t[f]!.trim() === '') out.push(problem(f, 'must not be empty', t[f], `remove ${f} or give a value`));
  }
  const hasCert = t.cert !== undefined || t.certFile !== undefined;
  const hasKey = t.keySecret !== undefined || t.keyFile !== undefined;
  if (hasCert && !hasKey) out.push(problem('keySecret', 'must be set with a client certificate (cert or certFile)', undefined, 'give the Secret key of the client key, or remove the certificate'));
  if (hasKey && !hasCert) out.push(problem('cert', 'must be set with a client key (keySecret or keyFile)', undefined, 'give the client certificate, or remove the key'));
  if (t.minVersion !== undefined && t.maxVersion !== undefined && t.minVersion > t.maxVersion) {
    out.push(problem('maxVersion', `must not be older than minVersion (${t.minVersion})`, t.maxVersion, 'raise maxVersion or lower minVersion'));
  }
  return out;
}
