import { ApiObject, ApiObjectMetadata, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { ARGOCD_NAMESPACE, IN_CLUSTER_SERVER } from './conventions';
import { HelmRelease } from './helm-release';
import { argoApplication, ArgoSyncPolicySpec } from './model/argo-application';
import { unbuiltReleaseProblems } from './model/release';
import { checkProps } from '../../core/check-props';
import { durationPropMs, formatGoDuration } from '../../core/duration';
import { namespaceProblems } from '../../core/names';
import { objectName } from '../../core/object-name';
import { Engine, placedIn } from '../../core/placement';
import { Problem, problem } from '../../core/problem';
import { reportPropsProblems } from '../../core/props-problems';

/** The cluster an Argo CD Application deploys to (`spec.destination`); its namespace is the release's. */
export interface ArgoCdDestination {
  /** The cluster's API server URL. @default - "https://kubernetes.default.svc" (the cluster Argo CD runs in), unless `name` is set */
  readonly server?: string;
  /** The name of a cluster registered in Argo CD (instead of `server`). @default - none */
  readonly name?: string;
}

/** How Argo CD retries a failed sync (`spec.syncPolicy.retry`). */
export interface ArgoCdRetry {
  /** How many times to retry. @default 5 */
  readonly limit?: number;
  /** The first back-off. @default Duration.seconds(5) */
  readonly backoffDuration?: Duration;
  /** The factor each back-off grows by. @default 2 */
  readonly backoffFactor?: number;
  /** The longest back-off. @default Duration.minutes(3) */
  readonly backoffMaxDuration?: Duration;
}

/** When and how Argo CD syncs the Application (`spec.syncPolicy`). */
export interface ArgoCdSyncPolicy {
  /** Sync automatically when the source or the cluster changes (`automated`). @default true */
  readonly automated?: boolean;
  /** Delete what the release no longer renders (`automated.prune`; only with `automated`). @default true */
  readonly prune?: boolean;
  /** Revert changes made in the cluster (`automated.selfHeal`; only with `automated`). @default true */
  readonly selfHeal?: boolean;
  /** Sync options, e.g. `CreateNamespace=true`. @default ["CreateNamespace=true", "ServerSideApply=true"] */
  readonly syncOptions?: string[];
  /** Retry failed syncs. @default - no retry */
  readonly retry?: ArgoCdRetry;
}

/** Props of `ArgoCdApplication`. */
export interface ArgoCdApplicationProps {
  /** The release the Application installs. */
  readonly release: HelmRelease;
  /**
   * Metadata of the Application.
   *
   * @default - name: the construct id; namespace: the chart's, else "argocd" (where Argo CD reads Applications)
   */
  readonly metadata?: ApiObjectMetadata;
  /** The Argo CD project (`spec.project`). @default "default" */
  readonly project?: string;
  /** The cluster (`spec.destination`). @default - the cluster Argo CD runs in */
  readonly destination?: ArgoCdDestination;
  /** The sync policy. @default - automated with prune and selfHeal, CreateNamespace=true and ServerSideApply=true */
  readonly syncPolicy?: ArgoCdSyncPolicy;
  /**
   * Pass the values as `helm.valuesObject` (a map Argo CD validates as YAML) rather than `helm.values` (the values
   * file's text).
   *
   * @default true
   */
  readonly valuesObject?: boolean;
}

/**
 * An Argo CD `Application` (argoproj.io/v1alpha1) that installs a `HelmRelease` from its Helm repository: the
 * release's chart, exact version (`targetRevision`), release name and values (`helm.valuesObject`), its namespace
 * as the destination namespace.
 *
 * @example
 * const kps = new KubePrometheusStackRelease(app.k8s, 'monitoring', { namespace: 'monitoring', version: '79.5.0' });
 * new ArgoCdApplication(app.chart('gitops', { namespace: 'argocd' }), 'monitoring', { release: kps });
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/helm/
 */
export class ArgoCdApplication extends Construct {
  /** The Application object. */
  public readonly apiObject!: ApiObject;

  public constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'ArgoCdApplication'), id);
    if (!checkProps(this, 'ArgoCdApplicationProps', props)) return;
    // a HelmRelease (the prop checker made sure) whose own props had problems, reported at its path
    const problems: Problem[] = unbuiltReleaseProblems(props.release);
    const { name, problems: nameProblems } = objectName(this, props.metadata?.name);
    problems.push(...nameProblems);
    const namespace = props.metadata?.namespace ?? Chart.of(this).namespace ?? ARGOCD_NAMESPACE;
    problems.push(...namespaceProblems('metadata.namespace', namespace));
    const dest = props.destination ?? {};
    if (dest.server !== undefined && dest.name !== undefined) {
      problems.push(problem('destination', 'must set either server or name, not both', dest, 'remove one'));
    }
    if (dest.server !== undefined && !/^https?:\/\/\S+$/.test(dest.server)) {
      problems.push(problem('destination.server', 'must be the cluster API server URL', dest.server, `use e.g. "${IN_CLUSTER_SERVER}"`));
    }
    const syncPolicy = syncPolicySpec(props.syncPolicy, problems);
    if (!reportPropsProblems(this, problems)) return;
    const release = props.release;
    const obj = argoApplication(release._spec(), {
      name,
      namespace,
      labels: props.metadata?.labels,
      annotations: props.metadata?.annotations,
      project: props.project ?? 'default',
      destination: dest.name !== undefined ? { name: dest.name } : { server: dest.server ?? IN_CLUSTER_SERVER },
      syncPolicy,
      valuesAsText: props.valuesObject === false ? release.valuesYaml() : undefined,
    });
    this.apiObject = new ApiObject(this, 'Resource', obj as any);
  }
}

function syncPolicySpec(p: ArgoCdSyncPolicy | undefined, problems: Problem[]): ArgoSyncPolicySpec {
  const automated = p?.automated ?? true;
  if (!automated && (p?.prune !== undefined || p?.selfHeal !== undefined)) {
    problems.push(problem('syncPolicy', 'must only set prune and selfHeal with automated on', p, 'set automated: true, or remove prune and selfHeal'));
  }
  let retry: ArgoSyncPolicySpec['retry'];
  if (p?.retry) {
    const r = p.retry;
    const first = durationPropMs('syncPolicy.retry.backoffDuration', r.backoffDuration ?? Duration.seconds(5), { minMs: 1000, example: 'Duration.seconds(5)' });
    const max = durationPropMs('syncPolicy.retry.backoffMaxDuration', r.backoffMaxDuration ?? Duration.minutes(3), { minMs: 1000, example: 'Duration.minutes(3)' });
    problems.push(...first.problems, ...max.problems);
    const limit = r.limit ?? 5;
    if (!(Number.isInteger(limit) && limit >= 0)) problems.push(problem('syncPolicy.retry.limit', 'must be a whole number >= 0', limit, 'use e.g. 5'));
    const factor = r.backoffFactor ?? 2;
    if (!(Number.isInteger(factor) && factor >= 1)) problems.push(problem('syncPolicy.retry.backoffFactor', 'must be a whole number >= 1', factor, 'use e.g. 2'));
    retry = {
      limit,
      backoff: {
        duration: first.ms !== undefined ? formatGoDuration(first.ms) : undefined,
        factor,
        maxDuration: max.ms !== undefined ? formatGoDuration(max.ms) : undefined,
      },
    };
  }
  return {
    ...(automated ? { automated: { prune: p?.prune ?? true, selfHeal: p?.selfHeal ?? true } } : {}),
    syncOptions: p?.syncOptions ?? ['CreateNamespace=true', 'ServerSideApply=true'],
    ...(retry ? { retry } : {}),
  };
}
