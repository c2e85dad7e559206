import { ReleaseSpec } from './release';

/**
 * The Argo CD `Application` (argoproj.io/v1alpha1) that installs a Helm release: a Helm source (repoURL, chart,
 * targetRevision, helm.releaseName, helm.valuesObject), a destination and a sync policy. Pure.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/helm/
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#applications
 */

/** The sync policy, as rendered (`spec.syncPolicy`). */
export interface ArgoSyncPolicySpec {
  readonly automated?: { readonly prune: boolean; readonly selfHeal: boolean };
  readonly syncOptions?: readonly string[];
  readonly retry?: {
    readonly limit?: number;
    readonly backoff?: { readonly duration?: string; readonly factor?: number; readonly maxDuration?: string };
  };
}

/** What the Application needs besides the release. */
export interface ArgoApplicationSpec {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
  readonly project: string;
  /** `server` (a URL) or `name` (a cluster registered in Argo CD). */
  readonly destination: { readonly server?: string; readonly name?: string };
  readonly syncPolicy?: ArgoSyncPolicySpec;
  /** Pass the values as `helm.values` (a YAML string) rather than `helm.valuesObject`. */
  readonly valuesAsText?: string;
}

/**
 * Argo CD's Helm source for a repository: an https chart repository as it is; an OCI registry as the registry
 * path without its `oci://` scheme (the form Argo CD's Helm OCI support takes, with the repository registered
 * with `enableOCI: true`).
 */
export function argoRepoUrl(repository: string): string {
  return repository.startsWith('oci://') ? repository.slice('oci://'.length) : repository;
}

/** The Application object. */
export function argoApplication(release: ReleaseSpec, app: ArgoApplicationSpec): { [key: string]: unknown } {
  const helm: { [key: string]: unknown } = { releaseName: release.name };
  if (app.valuesAsText !== undefined) helm.values = app.valuesAsText;
  else if (Object.keys(release.values).length > 0) helm.valuesObject = release.values;
  const destination = { ...app.destination, namespace: release.namespace };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: app.name,
      namespace: app.namespace,
      ...(app.labels ? { labels: { ...app.labels } } : {}),
      ...(app.annotations ? { annotations: { ...app.annotations } } : {}),
    },
    spec: {
      project: app.project,
      source: {
        repoURL: argoRepoUrl(release.repository),
        chart: release.chart,
        targetRevision: release.version,
        helm,
      },
      destination,
      ...(app.syncPolicy ? { syncPolicy: app.syncPolicy } : {}),
    },
  };
}
