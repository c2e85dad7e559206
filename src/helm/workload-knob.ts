/**
 * A setting of a packaged workload (Deployment, StatefulSet, DaemonSet) that `HelmChart` turns into a value of
 * the chart, under the workload's key in `values.yaml`. The value names are the ones charts made with
 * `helm create` use, so chart users find what they expect.
 */
export enum WorkloadKnob {
  /** `replicas` → `spec.replicas` (Deployments and StatefulSets that set it). */
  REPLICAS = 'replicas',
  /**
   * `image.repository`, `image.tag`, `image.digest` → the main container's `image`; `image.pullPolicy` → its
   * `imagePullPolicy`.
   */
  IMAGE = 'image',
  /** `imagePullSecrets` → the pod's `imagePullSecrets`. */
  IMAGE_PULL_SECRETS = 'imagePullSecrets',
  /** `resources` → the main container's `resources`. */
  RESOURCES = 'resources',
  /** `nodeSelector` → the pod's `nodeSelector`. */
  NODE_SELECTOR = 'nodeSelector',
  /** `tolerations` → the pod's `tolerations`. */
  TOLERATIONS = 'tolerations',
  /** `affinity` → the pod's `affinity`. */
  AFFINITY = 'affinity',
  /** `podAnnotations` → annotations added to the pod template's. */
  POD_ANNOTATIONS = 'podAnnotations',
  /** `podLabels` → labels added to the pod template's (its selector labels cannot be changed). */
  POD_LABELS = 'podLabels',
  /** `priorityClassName` → the pod's `priorityClassName`. */
  PRIORITY_CLASS_NAME = 'priorityClassName',
  /** `podSecurityContext` → the pod's `securityContext`. */
  POD_SECURITY_CONTEXT = 'podSecurityContext',
  /** `securityContext` → the main container's `securityContext`. */
  SECURITY_CONTEXT = 'securityContext',
}

/**
 * Where `HelmChart` puts the CustomResourceDefinitions of the packaged charts.
 *
 * - `CRDS_FOLDER`: the chart's `crds/` folder, Helm's own place: installed before the templates on
 *   `helm install`, never templated, never upgraded nor deleted by Helm (upgrade them with `kubectl apply`).
 * - `TEMPLATES`: `templates/crds/`, behind the value `crds.install` (default `true`): upgraded with the release,
 *   and deleted with it on `helm uninstall` — which deletes every custom resource of those kinds too.
 *
 * @see https://helm.sh/docs/chart_best_practices/custom_resource_definitions/
 */
export enum CrdPlacement {
  /** The `crds/` folder (Helm installs them once and never touches them again). */
  CRDS_FOLDER = 'crds',
  /** Templates behind the value `crds.install` (upgraded and deleted with the release). */
  TEMPLATES = 'templates',
}
