import { Construct } from 'constructs';
import { CERT_MANAGER_CHART } from './conventions';
import { HelmRelease, HelmReleaseOptions } from './helm-release';
import { jsonObjectProblems, mergeValues, pruneUndefined } from './model/release';
import { checkProps } from '../../core/check-props';
import { Problem, problem } from '../../core/problem';
import { reportPropsProblems } from '../../core/props-problems';
import { quantityProblems } from '../../core/quantity';
import { parseSemVer } from '../../core/semver';

/** CPU and memory of a container, as Kubernetes quantities. */
export interface ReleaseResources {
  /** Requests, e.g. `{ cpu: '10m', memory: '32Mi' }`. @default - none */
  readonly requests?: { [resource: string]: string };
  /** Limits, e.g. `{ memory: '128Mi' }`. @default - none */
  readonly limits?: { [resource: string]: string };
}

/** Typed values of the cert-manager chart: CRDs, replicas, resources, monitoring, and an escape hatch. */
export interface CertManagerValues {
  /**
   * Install and upgrade the CRDs with the release: `crds.enabled` (chart v1.15 and later) or `installCRDs` (before).
   *
   * @default - the chart's default (false: the CRDs are installed separately)
   */
  readonly crds?: boolean;
  /**
   * Keep the CRDs when the release is uninstalled (`crds.keep`, chart v1.15 and later).
   *
   * @default - the chart's default (true)
   */
  readonly keepCrds?: boolean;
  /** Controller replicas (`replicaCount`). @default - the chart's (1) */
  readonly replicaCount?: number;
  /** Controller resources (`resources`). @default - the chart's (none) */
  readonly resources?: ReleaseResources;
  /** Webhook replicas (`webhook.replicaCount`). @default - the chart's (1) */
  readonly webhookReplicaCount?: number;
  /** CA injector replicas (`cainjector.replicaCount`). @default - the chart's (1) */
  readonly cainjectorReplicaCount?: number;
  /** Emit a ServiceMonitor for the controller (`prometheus.servicemonitor.enabled`). @default false */
  readonly serviceMonitor?: boolean;
  /** Labels of that ServiceMonitor (`prometheus.servicemonitor.labels`), e.g. a kube-prometheus-stack release's. @default - none */
  readonly serviceMonitorLabels?: { [key: string]: string };
  /**
   * Any other values, as the chart's values.yaml spells them, deep-merged with the typed ones (a value that a typed
   * prop sets is an error: set it there).
   *
   * @default - none
   */
  readonly extraValues?: { [key: string]: any };
}

/** Props of `CertManagerRelease`. */
export interface CertManagerReleaseProps extends HelmReleaseOptions {
  /** The chart version, exact (e.g. "v1.19.1"). */
  readonly version: string;
  /** Where the chart comes from: Jetstack's repository or a mirror (https or oci). @default "https://charts.jetstack.io" */
  readonly repository?: string;
  /** Typed values. @default - the chart's defaults */
  readonly values?: CertManagerValues;
}

/** cert-manager v1.15 renamed `installCRDs` to `crds.enabled`. */
function usesCrdsEnabled(version: unknown): boolean {
  const v = parseSemVer(typeof version === 'string' ? version.replace(/^v/, '') : version);
  return v === undefined || v.major > 1n || (v.major === 1n && v.minor >= 15n);
}

/**
 * A release of cert-manager with typed values.
 *
 * @example
 * new CertManagerRelease(app.k8s, 'cert-manager', { namespace: 'cert-manager', version: 'v1.19.1', values: { crds: true, replicaCount: 2 } });
 * @see https://cert-manager.io/docs/installation/helm/
 */
export class CertManagerRelease extends HelmRelease {
  public constructor(scope: Construct, id: string, props: CertManagerReleaseProps) {
    const v: CertManagerValues = props?.values ?? {};
    const modern = usesCrdsEnabled(props?.version);
    const typed: { [key: string]: any } = pruneUndefined({
      ...(modern ? { crds: { enabled: v.crds, keep: v.keepCrds } } : { installCRDs: v.crds }),
      replicaCount: v.replicaCount,
      resources: v.resources ? { requests: v.resources.requests, limits: v.resources.limits } : undefined,
      webhook: { replicaCount: v.webhookReplicaCount },
      cainjector: { replicaCount: v.cainjectorReplicaCount },
      prometheus: v.serviceMonitor === undefined && v.serviceMonitorLabels === undefined ? undefined
        : { servicemonitor: { enabled: v.serviceMonitor, labels: v.serviceMonitorLabels } },
    });
    let merged: ReturnType<typeof mergeValues> | undefined;
    try {
      merged = mergeValues(typed, v.extraValues, 'values.extraValues');
    } catch {
      merged = undefined; // the props are reported by checkProps
    }
    super(scope, id, {
      releaseName: props?.releaseName,
      namespace: props?.namespace,
      valuesFile: props?.valuesFile,
      chart: CERT_MANAGER_CHART.chart,
      repository: props?.repository ?? CERT_MANAGER_CHART.repository,
      version: props?.version,
      values: merged?.values ?? {},
    });
    if (!checkProps(this, 'CertManagerReleaseProps', props)) return;
    const problems: Problem[] = [...(merged?.problems ?? [])];
    if (v.extraValues !== undefined) problems.push(...jsonObjectProblems('values.extraValues', v.extraValues));
    if (!modern && v.keepCrds !== undefined) {
      problems.push(problem('values.keepCrds', 'must only be set for chart v1.15 and later (crds.keep)', v.keepCrds, 'remove it, or use a newer chart version'));
    }
    for (const f of ['replicaCount', 'webhookReplicaCount', 'cainjectorReplicaCount'] as const) {
      const n = v[f];
      if (n !== undefined && !(Number.isInteger(n) && n >= 0)) problems.push(problem(`values.${f}`, 'must be a whole number >= 0', n, 'use e.g. 2'));
    }
    if (v.serviceMonitorLabels !== undefined && !v.serviceMonitor) {
      problems.push(problem('values.serviceMonitorLabels', 'must only be set with serviceMonitor on', v.serviceMonitorLabels, 'set serviceMonitor: true, or remove serviceMonitorLabels'));
    }
    for (const kind of ['requests', 'limits'] as const) {
      for (const [r, q] of Object.entries(v.resources?.[kind] ?? {})) problems.push(...quantityProblems(`values.resources.${kind}.${r}`, q));
    }
    reportPropsProblems(this, problems);
  }
}
