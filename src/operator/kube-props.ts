// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { kube } from '../core/lazy-modules';

/*
 * The L1 classes of cdk8s-plus take TypeScript-shaped props: quantities and int-or-string values are
 * objects (`k8s.Quantity`, `k8s.IntOrString`) that their `toJson_*` functions unwrap. The operator's model
 * renders plain Kubernetes JSON; these helpers wrap the few fields that differ.
 */

function intOrString(value: any): any {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? kube().IntOrString.fromNumber(value) : kube().IntOrString.fromString(String(value));
}

function quantities(map: Record<string, string> | undefined): Record<string, k8s.Quantity> | undefined {
  if (!map) return undefined;
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, kube().Quantity.fromString(v)]));
}

function probe(p: any): any {
  if (!p) return undefined;
  return { ...p, ...(p.httpGet ? { httpGet: { ...p.httpGet, port: intOrString(p.httpGet.port) } } : {}) };
}

function container(c: any): k8s.Container {
  return {
    ...c,
    livenessProbe: probe(c.livenessProbe),
    readinessProbe: probe(c.readinessProbe),
    startupProbe: probe(c.startupProbe),
    resources: c.resources ? { limits: quantities(c.resources.limits), requests: quantities(c.resources.requests) } : undefined,
  };
}

/** A Deployment `spec` in Kubernetes JSON as `k8s.DeploymentSpec`. */
export function toKubeDeploymentSpec(spec: any): k8s.DeploymentSpec {
  return {
    ...spec,
    template: {
      ...spec.template,
      spec: { ...spec.template.spec, containers: spec.template.spec.containers.map(container) },
    },
  };
}

/** A PodDisruptionBudget `spec` in Kubernetes JSON as `k8s.PodDisruptionBudgetSpec`. */
export function toKubePdbSpec(spec: any): k8s.PodDisruptionBudgetSpec {
  return { ...spec, maxUnavailable: intOrString(spec.maxUnavailable), minAvailable: intOrString(spec.minAvailable) };
}

/** A Service `spec` in Kubernetes JSON as `k8s.ServiceSpec`. */
export function toKubeServiceSpec(spec: any): k8s.ServiceSpec {
  return { ...spec, ports: (spec.ports ?? []).map((p: any) => ({ ...p, targetPort: intOrString(p.targetPort) })) };
}

/** NetworkPolicy ingress rules in Kubernetes JSON as `k8s.NetworkPolicyIngressRule[]`. */
export function toKubeIngressRules(rules: any[]): k8s.NetworkPolicyIngressRule[] {
  return rules.map((r) => ({ ...r, ports: r.ports?.map((p: any) => ({ ...p, port: intOrString(p.port) })) }));
}

/** RBAC rules in Kubernetes JSON as `k8s.PolicyRule[]` (the L1 spells `nonResourceURLs` as `nonResourceUrLs`). */
export function toKubeRules(rules: readonly any[]): k8s.PolicyRule[] {
  return rules.map(({ nonResourceURLs, ...rest }) => ({ ...rest, ...(nonResourceURLs ? { nonResourceUrLs: nonResourceURLs } : {}) }));
}
