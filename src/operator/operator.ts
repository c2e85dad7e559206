import { ApiObject, Chart, JsonPatch, Lazy } from 'cdk8s';
import type { IApiResource } from 'cdk8s-plus-33';
// the L1 classes only: the package's barrel also loads every L2 construct (twice the require time)
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct } from 'constructs';
import { ANNOTATIONS, LABELS, MANAGER, OperatorNames, webhookName, webhookPath } from './conventions';
import { ICustomResourceType } from './custom-resource-type';
import { toKubeDeploymentSpec, toKubePdbSpec } from './kube-props';
import { kube } from '../core/lazy-modules';
import { jsonEqual } from './model/json-schema';
import { ManagerConfig, managerProblems, renderDisruptionBudgetSpec, renderManagerDeploymentSpec } from './model/manager-workload';
import { restrictedPodProblems } from './model/pod-security';
import { normalizeRules, policyRuleLints, policyRuleProblems, RuleTarget } from './model/rbac';
import { deriveManagerRules, ExtraRule, isClusterScopedResource, leaderElectionRules, ManagerRules, ResourceGrant } from './model/rbac-derive';
import { admissionWebhookProblems, AdmissionWebhookSpec, renderConversionWebhook, webhookSetProblems } from './model/webhooks';
import { OperatorContext, OperatorMetadataOptions } from './operator-context';
import { OperatorMetrics } from './operator-metrics';
import { OperatorMetricsObjects } from './operator-metrics-objects';
import { OperatorPermissionOptions, OperatorProps, ResourceAccessOptions } from './operator-props';
import { OperatorRbacObjects } from './operator-rbac';
import { OperatorWebhookObjects } from './operator-webhooks';
import { PolicyRule } from './policy-rule';
import { AdmissionWebhookOptions, FailurePolicy, MutatingWebhookOptions, SideEffectClass } from './webhook-options';
import { checkProps } from '../core/check-props';
import { durationPropSeconds } from '../core/duration';
import { KindRegistry, KindScope } from '../core/kind-registry';
import { isDns1123Label, isDns1123Subdomain, labelProblems } from '../core/names';
import { isStringMap, multiObjectMetadataProblems } from '../core/object-name';
import { Engine, placedIn } from '../core/placement';
import { formatValue, nestProblems, Problem, problem } from '../core/problem';
import { propTypeProblems } from '../core/prop-types';
import { reportPropsProblem, reportPropsProblems } from '../core/props-problems';
import { Validations } from '../core/validations';
import { warnProblem } from '../core/warnings';

/** The RBAC an operator's service account is granted, as a model (for packaging such as OLM). */
export interface OperatorPermissions {
  /** The service account the rules are granted to. */
  readonly serviceAccountName: string;
  /** The namespace the operator runs in. */
  readonly namespace: string;
  /** The manager's cluster-wide rules (for a namespaced install: only cluster-scoped resources). */
  readonly clusterRules: PolicyRule[];
  /** The manager's rules in each watched namespace (empty for a cluster-wide install). */
  readonly namespaceRules: PolicyRule[];
  /** The namespaces `namespaceRules` are granted in. @default - cluster-wide install */
  readonly watchNamespaces?: string[];
  /** The leader-election rules, granted in the operator's namespace (empty without leader election). */
  readonly leaderElectionRules: PolicyRule[];
  /** The secure metrics endpoint's cluster-wide rules (token and subject access reviews; empty otherwise). */
  readonly metricsAuthRules: PolicyRule[];
}

/** The namespaces every cluster has; the operator never emits a Namespace object for them. */
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const DEFAULT_RESOURCES = { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } };
/** kubebuilder's `terminationGracePeriodSeconds`. */
const DEFAULT_GRACE_PERIOD_SECONDS = 10;
/** controller-gen's default `timeoutSeconds` of an admission webhook. */
const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;

/**
 * A Kubernetes operator's controller: the hardened manager Deployment, its service account and the RBAC
 * derived from what it owns, watches and manages, with metrics, webhooks and cert-manager wiring.
 *
 * Equal to or stricter than kubebuilder's scaffold: non-root, seccomp `RuntimeDefault`, read-only root
 * filesystem, no privilege escalation, all capabilities dropped, requests and limits, leader election,
 * health probes; plus a PodDisruptionBudget and topology spread when replicated, a namespace labelled for
 * Pod Security `restricted`, least-privilege RBAC normalized like controller-gen, and the admin/edit/view
 * aggregation kubebuilder leaves out. Declarations made after construction (`owns`, `watches`, `manages`,
 * `addPermission`, webhooks) still count: objects render at synth.
 *
 * @example
 * const operator = new Operator(chart, 'backup-operator', {
 *   image: 'ghcr.io/acme/backup-operator:v0.3.1',
 * });
 * operator.owns(backupPlans);
 * operator.watches(ApiResource.custom({ apiGroup: 'etcd.database.coreos.com', resourceType: 'etcdclusters' }));
 * operator.manages(ApiResource.JOBS);
 *
 * @see https://book.kubebuilder.io/reference/project-config
 */
export class Operator extends Construct {
  /** The operator's name (the prefix of every object name). */
  public readonly name!: string;
  /** The namespace the manager runs in: `metadata.namespace`, else the chart's namespace, else `<name>-system`. */
  public readonly namespaceName!: string;
  /** The manager's service account name. */
  public readonly serviceAccountName!: string;
  /** Replicas of the manager. */
  public readonly replicas!: number;
  /** The namespaces a namespaced install watches; `undefined` when installed cluster-wide. */
  public readonly watchNamespaces?: string[];
  /** How metrics are served. */
  public readonly metrics!: OperatorMetrics;
  /** The Namespace, when `createNamespace` is on (by default only for the `<name>-system` namespace). */
  public readonly namespace?: k8s.KubeNamespace;
  /** The manager's ServiceAccount. */
  public readonly serviceAccount!: k8s.KubeServiceAccount;
  /** The operator's main object: the manager Deployment (construct id `Resource`). */
  public readonly apiObject!: k8s.KubeDeployment;
  /** The PodDisruptionBudget, when replicas > 1. */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The leader-election Role, when leader election is on. */
  public readonly leaderElectionRole?: k8s.KubeRole;

  /** @internal */ public readonly _names!: OperatorNames;
  /** @internal */ public readonly _labels!: Record<string, string>;
  /** @internal */ public readonly _annotations!: Record<string, string>;
  /** @internal */ public readonly _selectorLabels!: Record<string, string>;
  /** @internal */ public readonly _webhookPort!: number;

  private readonly config!: ManagerConfig;
  private readonly owned: ICustomResourceType[] = [];
  private readonly watched: ResourceGrant[] = [];
  private readonly managed: ResourceGrant[] = [];
  private readonly extra: ExtraRule[] = [];
  private readonly validatingSpecs: AdmissionWebhookSpec[] = [];
  private readonly mutatingSpecs: AdmissionWebhookSpec[] = [];
  private readonly webhookTypes = new Map<AdmissionWebhookSpec, ICustomResourceType>();
  private readonly leaderElectionConfigMaps!: boolean;
  private readonly rbacObjects!: OperatorRbacObjects;
  private readonly metricsObjects!: OperatorMetricsObjects;
  private readonly webhookObjects!: OperatorWebhookObjects;

  public constructor(scope: Construct, id: string, props: OperatorProps) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'Operator'), id);
    if (!checkProps(this, 'OperatorProps', props)) return;
    const metadata = props.metadata ?? {};
    this.name = metadata.name ?? id;
    this._names = new OperatorNames(this.name);
    const chartNamespace = Chart.of(this).namespace;
    this.namespaceName = metadata.namespace ?? chartNamespace ?? this._names.defaultNamespace;
    // the operator creates only the namespace it chose itself: one from metadata or the chart belongs to its chooser
    const createNamespace = props.createNamespace ?? (metadata.namespace === undefined && chartNamespace === undefined);
    this.serviceAccountName = this._names.serviceAccount;
    this.replicas = props.replicas ?? 1;
    this.watchNamespaces = props.watchNamespaces ? [...props.watchNamespaces] : undefined;
    this.metrics = props.metrics ?? OperatorMetrics.secure();
    this._webhookPort = props.webhookPort ?? MANAGER.webhookPort;
    this.leaderElectionConfigMaps = props.leaderElectionConfigMaps ?? false;
    this._labels = { [LABELS.name]: this.name, [LABELS.managedBy]: LABELS.managedByValue, ...(metadata.labels ?? {}) };
    this._annotations = { ...(metadata.annotations ?? {}) };
    this._selectorLabels = { [LABELS.controlPlane]: LABELS.controlPlaneValue, [LABELS.name]: this.name };
    const gracePeriod = durationPropSeconds('terminationGracePeriod', props.terminationGracePeriod, { min: 0 }, 'Duration.seconds(10)');
    this.config = {
      name: this._names.deployment,
      namespace: this.namespaceName,
      labels: this._labels,
      selectorLabels: this._selectorLabels,
      serviceAccountName: this.serviceAccountName,
      image: props.image,
      imagePullPolicy: props.imagePullPolicy ?? 'IfNotPresent',
      imagePullSecrets: props.imagePullSecrets ?? [],
      command: props.command ?? ['/manager'],
      extraArgs: props.args ?? [],
      env: props.env ?? {},
      replicas: this.replicas,
      resources: { requests: props.resources?.requests ?? DEFAULT_RESOURCES.requests, limits: props.resources?.limits ?? DEFAULT_RESOURCES.limits },
      terminationGracePeriodSeconds: gracePeriod.seconds ?? DEFAULT_GRACE_PERIOD_SECONDS,
      leaderElection: props.leaderElection ?? true,
      healthProbePort: props.healthProbePort ?? MANAGER.healthProbePort,
      metrics: {
        mode: this.metrics.mode as any,
        port: this.metrics.port,
        certSecretName: this.metrics.certManagerCertificate ? this._names.metricsCertSecret : undefined,
      },
      watchNamespaces: this.watchNamespaces,
      priorityClassName: props.priorityClassName,
      nodeSelector: props.nodeSelector ?? { 'kubernetes.io/os': 'linux' },
    };
    if (!reportPropsProblems(this, [...gracePeriod.problems, ...this.propsProblems(props, createNamespace)])) return;

    if (createNamespace) {
      this.namespace = new (kube().KubeNamespace)(this, 'Namespace', {
        metadata: {
          name: this.namespaceName,
          ...(Object.keys(this._annotations).length > 0 ? { annotations: { ...this._annotations } } : {}),
          labels: {
            ...this._labels,
            [LABELS.controlPlane]: LABELS.controlPlaneValue,
            [LABELS.podSecurityEnforce]: 'restricted',
            [LABELS.podSecurityEnforceVersion]: 'latest',
          },
        },
      });
    }
    this.serviceAccount = new (kube().KubeServiceAccount)(this, 'ServiceAccount', {
      metadata: this._metadata(this.serviceAccountName),
    });
    this.apiObject = new (kube().KubeDeployment)(this, 'Resource', {
      metadata: this._metadata(this._names.deployment),
      spec: Lazy.any({ produce: () => toKubeDeploymentSpec(renderManagerDeploymentSpec(this.currentConfig())) }),
    });
    if (this.replicas > 1) {
      this.podDisruptionBudget = new (kube().KubePodDisruptionBudget)(this, 'DisruptionBudget', {
        metadata: this._metadata(this._names.podDisruptionBudget),
        spec: toKubePdbSpec(renderDisruptionBudgetSpec(this._selectorLabels)),
      });
    }
    const ctx: OperatorContext = {
      scope: this,
      names: this._names,
      namespaceName: this.namespaceName,
      serviceAccountName: this.serviceAccountName,
      selectorLabels: this._selectorLabels,
      watchNamespaces: this.watchNamespaces,
      webhookPort: this._webhookPort,
      metrics: this.metrics,
      metadata: (name, options) => this._metadata(name, options),
      registerKind: (apiVersion, kind) => this._registerKind(apiVersion, kind),
      managerRules: () => this._managerRules(),
      ensureIssuer: () => this.metricsObjects.ensureIssuer(),
    };
    this.rbacObjects = new OperatorRbacObjects(ctx, props.aggregateToDefaultRoles ?? true);
    if (this.config.leaderElection) {
      this.leaderElectionRole = this.rbacObjects.createLeaderElectionRole(() => leaderElectionRules(this.leaderElectionConfigMaps));
    }
    this.metricsObjects = new OperatorMetricsObjects(ctx, {
      rbac: this.rbacObjects,
      serviceMonitor: props.serviceMonitor ?? false,
      networkPolicy: props.networkPolicies ?? false,
      metricsNamespaceSelector: props.metricsNamespaceSelector ?? { metrics: 'enabled' },
      metricsReaders: props.metricsReaders ?? [],
      webhookPort: () => (this.hasWebhooks ? this._webhookPort : undefined),
    });
    this.webhookObjects = new OperatorWebhookObjects(ctx);
    Validations.add(this, { problems: () => this.webhookVersionProblems() });
    if (this.namespace) {
      // the namespace enforces "restricted": a pod spec changed through an escape hatch must still pass
      Validations.add(this, {
        problems: () => nestProblems('deployment.spec.template.spec', restrictedPodProblems(this.apiObject.toJson().spec?.template?.spec)),
      });
    }

    (props.owns ?? []).forEach((type, i) => this.addOwned(`owns[${i}]`, type));
    (props.watches ?? []).forEach((resource, i) => pushDefined(this.watched, this.grant(`watches[${i}]`, resource, {})));
    (props.manages ?? []).forEach((resource, i) => pushDefined(this.managed, this.grant(`manages[${i}]`, resource, {})));
    this.rbacObjects.sync(this._managerRules());
    for (const rule of props.permissions ?? []) this.addPermission(rule, { allowWildcard: props.allowWildcardPermissions });
    for (const webhook of props.validatingWebhooks ?? []) this.addValidatingWebhook(webhook);
    for (const webhook of props.mutatingWebhooks ?? []) this.addMutatingWebhook(webhook);
    (props.conversionWebhooks ?? []).forEach((type, i) => this.addConversion(`conversionWebhooks[${i}]`, type));
  }

  /** The metrics Service, unless metrics are disabled. */
  public get metricsService(): k8s.KubeService | undefined { return this.metricsObjects.service; }
  /** The ServiceMonitor, when `serviceMonitor` is on. */
  public get serviceMonitor(): ApiObject | undefined { return this.metricsObjects.serviceMonitor; }
  /** The NetworkPolicy, when `networkPolicies` is on. */
  public get networkPolicy(): k8s.KubeNetworkPolicy | undefined { return this.metricsObjects.networkPolicy; }
  /** The manager ClusterRole, once the operator has a cluster-wide rule. */
  public get managerClusterRole(): k8s.KubeClusterRole | undefined { return this.rbacObjects.clusterRole; }
  /** The manager Roles of a namespaced install, one per watched namespace. */
  public get managerRoles(): k8s.KubeRole[] { return this.rbacObjects.roles; }
  /** The admin, edit and view ClusterRoles of the owned custom resources. */
  public get aggregatedRoles(): k8s.KubeClusterRole[] { return this.rbacObjects.aggregated; }
  /** The webhook Service, once the operator serves a webhook. */
  public get webhookService(): k8s.KubeService | undefined { return this.webhookObjects.service; }
  /** The ValidatingWebhookConfiguration, once a validating webhook is added. */
  public get validatingWebhookConfiguration(): k8s.KubeValidatingWebhookConfiguration | undefined { return this.webhookObjects.validating; }
  /** The MutatingWebhookConfiguration, once a mutating webhook is added. */
  public get mutatingWebhookConfiguration(): k8s.KubeMutatingWebhookConfiguration | undefined { return this.webhookObjects.mutating; }

  /** Whether the operator serves any webhook (admission or conversion). */
  public get hasWebhooks(): boolean { return this.webhookObjects.service !== undefined; }

  /** @internal The manager's rules split by where they are granted. */
  public _managerRules(): ManagerRules {
    return deriveManagerRules({
      owned: this.owned.map((t) => ({ group: t.group, resource: t.plural, clusterScoped: t.scope === 'Cluster' })),
      watched: this.watched,
      managed: this.managed,
      extra: this.extra,
      clusterWide: this.watchNamespaces === undefined,
    });
  }

  /** The custom resource types the operator owns (reconciles), in the order they were declared. */
  public get ownedTypes(): ICustomResourceType[] {
    return [...this.owned];
  }

  /** Every rule the manager is granted by its ClusterRole and Roles, normalized like controller-gen. */
  public get rules(): PolicyRule[] {
    const { clusterRules, namespaceRules } = this._managerRules();
    return normalizeRules([...clusterRules, ...namespaceRules]);
  }

  /** The whole RBAC of the operator's service account, as a model. */
  public get permissions(): OperatorPermissions {
    const { clusterRules, namespaceRules } = this._managerRules();
    return {
      serviceAccountName: this.serviceAccountName,
      namespace: this.namespaceName,
      clusterRules,
      namespaceRules,
      watchNamespaces: this.watchNamespaces ? [...this.watchNamespaces] : undefined,
      leaderElectionRules: this.config.leaderElection ? leaderElectionRules(this.leaderElectionConfigMaps) : [],
      metricsAuthRules: this.metricsObjects.authRules,
    };
  }

  /**
   * Declares a custom resource the operator reconciles: it gets create, delete, get, list, patch, update
   * and watch on it, get/patch/update on `/status` and update on `/finalizers` (kubebuilder's scaffolded
   * markers), and — unless `aggregateToDefaultRoles` is false — admin, edit and view ClusterRoles.
   */
  public owns(type: ICustomResourceType): void {
    this.addOwned('owns', type);
  }

  /** Declares a resource the operator reads (get, list, watch). */
  public watches(resource: IApiResource, options: ResourceAccessOptions = {}): void {
    pushDefined(this.watched, this.grant('watches', resource, options));
    this.rbacObjects.sync(this._managerRules());
  }

  /** Declares a resource the operator creates, updates and deletes (plus reads). */
  public manages(resource: IApiResource, options: ResourceAccessOptions = {}): void {
    pushDefined(this.managed, this.grant('manages', resource, options));
    this.rbacObjects.sync(this._managerRules());
  }

  /**
   * Grants an explicit extra rule. What the API server rejects is an error; what it accepts but does not do what
   * was meant (a wildcard without `allowWildcard`, an uppercase verb or group, …) a warning `opskit:operator/rbac-…`.
   */
  public addPermission(rule: PolicyRule, options: OperatorPermissionOptions = {}): void {
    const urlRule = (rule.nonResourceURLs ?? []).length > 0;
    const resources = rule.resources ?? [];
    const clusterScoped = options.clusterScoped
      ?? (resources.length > 0 && resources.every((r) => (rule.apiGroups ?? []).every((g) => isClusterScopedResource(g, r))));
    const target = urlRule || clusterScoped || this.watchNamespaces === undefined ? RuleTarget.CLUSTER_ROLE : RuleTarget.ROLE;
    if (!this.checkRule(`permissions[${this.extra.length}]`, rule, target, options.allowWildcard ?? false)) return;
    this.extra.push({ rule, clusterScoped });
    this.rbacObjects.sync(this._managerRules());
  }

  /** Adds a validating admission webhook (and the webhook Service, Issuer and Certificate on first use). */
  public addValidatingWebhook(options: AdmissionWebhookOptions): void {
    pushDefined(this.validatingSpecs, this.webhookSpec(false, options, this.validatingSpecs));
    this.webhookObjects.ensureValidating(() => this.validatingSpecs);
  }

  /** Adds a mutating admission webhook (and the webhook Service, Issuer and Certificate on first use). */
  public addMutatingWebhook(options: MutatingWebhookOptions): void {
    pushDefined(this.mutatingSpecs, this.webhookSpec(true, options, this.mutatingSpecs));
    this.webhookObjects.ensureMutating(() => this.mutatingSpecs);
  }

  /**
   * Serves conversion for a custom resource: its CRD's `spec.conversion` is set to the operator's
   * `/convert` endpoint and annotated for cert-manager's CA injection. The CRD must be a construct of this
   * app that renders one CustomResourceDefinition object.
   */
  public addConversionWebhook(type: ICustomResourceType): void {
    this.addConversion('conversion', type);
  }

  /** @internal Object metadata in the operator's namespace (or cluster-scoped) with the common labels and annotations. */
  public _metadata(name: string, options: OperatorMetadataOptions = {}): k8s.ObjectMeta {
    const annotations = { ...this._annotations, ...(options.annotations ?? {}) };
    return {
      name,
      ...(options.clusterScoped ? {} : { namespace: options.namespace ?? this.namespaceName }),
      labels: { ...this._labels, ...(options.labels ?? {}) },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
  }

  /** @internal Registers a custom kind the operator emits (scope known), unless another construct did. */
  public _registerKind(apiVersion: string, kind: string): void {
    KindRegistry.of(this).register({ apiVersion, kind, scope: KindScope.NAMESPACED }, this);
  }

  /** Webhooks must name a served version of their CRD (checked at synth: versions can be added later). */
  private webhookVersionProblems(): Problem[] {
    const problems: Problem[] = [];
    for (const [field, specs] of [['validatingWebhooks', this.validatingSpecs], ['mutatingWebhooks', this.mutatingSpecs]] as const) {
      specs.forEach((spec, i) => {
        const type = this.webhookTypes.get(spec);
        const isServed = (type as any)?.isServed;
        if (typeof isServed === 'function' && !isServed.call(type, spec.version)) {
          problems.push(problem(`${field}[${i}].version`, `must be a served version of ${spec.plural}.${spec.group}`, spec.version, 'register the webhook for a version the CRD serves'));
        }
      });
    }
    return problems;
  }

  private addOwned(field: string, type: ICustomResourceType): void {
    if (this.owned.includes(type)) return;
    const clash = this.owned.find((t) => t.kind.toLowerCase() === type.kind.toLowerCase());
    if (clash) {
      if (!reportPropsProblem(this, field, `must not hold two kinds named ${type.kind} (their role names would clash)`, `${type.group} and ${clash.group}`, 'give one of the kinds another name or use separate operators')) return;
    }
    if (!reportPropsProblems(this, nestProblems(field, typeProblems(type)))) return;
    this.owned.push(type);
    this.rbacObjects.addAggregatedRoles(type);
    this.rbacObjects.sync(this._managerRules());
  }

  private addConversion(field: string, type: ICustomResourceType): void {
    if (!reportPropsProblems(this, nestProblems(field, typeProblems(type)))) return;
    const crd = findCrdObject(type);
    if (!crd) {
      reportPropsProblem(this, field, 'must be a CustomResourceDefinition construct of this app', type.node.path, 'pass the CustomResourceDefinition itself');
      return;
    }
    const conversion = renderConversionWebhook({ name: this._names.webhookService, namespace: this.namespaceName });
    const declared = crd.toJson().spec?.conversion;
    if (declared?.strategy === 'Webhook' && !jsonEqual(declared, conversion)) {
      if (!reportPropsProblem(this, field, `must not replace the conversion webhook ${type.node.path} already has`, formatValue(declared.webhook?.clientConfig), 'remove conversion from the CustomResourceDefinition, or let this operator serve it without declaring it there')) return;
    }
    this.webhookObjects.ensureServer();
    crd.metadata.addAnnotation(ANNOTATIONS.injectCaFrom, `${this.namespaceName}/${this._names.servingCertificate}`);
    crd.addJsonPatch(JsonPatch.add('/spec/conversion', conversion));
  }

  private currentConfig(): ManagerConfig {
    return {
      ...this.config,
      webhook: this.hasWebhooks ? { port: this._webhookPort, certSecretName: this._names.webhookCertSecret } : undefined,
    };
  }

  private grant(field: string, resource: IApiResource, options: ResourceAccessOptions): ResourceGrant | undefined {
    const group = resource.apiGroup === 'core' ? '' : resource.apiGroup;
    const names = [...(options.resourceNames ?? []), ...(resource.resourceName ? [resource.resourceName] : [])];
    const grant: ResourceGrant = {
      group,
      resource: resource.resourceType,
      clusterScoped: options.clusterScoped ?? isClusterScopedResource(group, resource.resourceType),
      ...(names.length > 0 ? { resourceNames: names } : {}),
    };
    const rule: PolicyRule = { apiGroups: [grant.group], resources: [grant.resource], resourceNames: grant.resourceNames, verbs: ['get'] };
    const target = grant.clusterScoped || this.watchNamespaces === undefined ? RuleTarget.CLUSTER_ROLE : RuleTarget.ROLE;
    if (!this.checkRule(field, rule, target, false)) return;
    return grant;
  }

  /**
   * Reports what the API server rejects in a rule (false when it does), and warns about what it accepts but does
   * not do what was meant (`opskit:operator/rbac-…`, never an error).
   */
  private checkRule(field: string, rule: PolicyRule, target: RuleTarget, allowWildcard: boolean): boolean {
    if (!reportPropsProblems(this, nestProblems(field, policyRuleProblems(rule, { target })))) return false;
    for (const lint of nestProblems(field, policyRuleLints(rule, { allowWildcard }))) warnProblem(this, `opskit:operator/${lint.rule}`, lint);
    return true;
  }

  private webhookSpec(mutating: boolean, options: MutatingWebhookOptions, existing: AdmissionWebhookSpec[]): AdmissionWebhookSpec | undefined {
    const field = `${mutating ? 'mutatingWebhooks' : 'validatingWebhooks'}[${existing.length}]`;
    // the methods take options from any language: check them as the constructor checks its props
    if (!reportPropsProblems(this, propTypeProblems(mutating ? 'MutatingWebhookOptions' : 'AdmissionWebhookOptions', options, field))) return;
    if (!reportPropsProblems(this, nestProblems(`${field}.type`, typeProblems(options.type)))) return;
    const timeout = durationPropSeconds('timeout', options.timeout, { min: 1, max: 30 }, 'Duration.seconds(10) (the API server allows 1 to 30 seconds)');
    if (!reportPropsProblems(this, nestProblems(field, timeout.problems))) return;
    const spec: AdmissionWebhookSpec = {
      mutating,
      name: options.name ?? webhookName(mutating, options.type.group, options.version, options.type.kind),
      path: options.path ?? webhookPath(mutating, options.type.group, options.version, options.type.kind),
      group: options.type.group,
      version: options.version,
      plural: options.type.plural,
      scope: options.type.scope,
      operations: options.operations ?? ['CREATE', 'UPDATE'],
      failurePolicy: options.failurePolicy ?? FailurePolicy.FAIL,
      sideEffects: options.sideEffects ?? SideEffectClass.NONE,
      timeoutSeconds: timeout.seconds ?? DEFAULT_WEBHOOK_TIMEOUT_SECONDS,
      matchPolicy: options.matchPolicy,
      reinvocationPolicy: options.reinvocationPolicy,
    };
    this.webhookTypes.set(spec, options.type);
    const problems = [...admissionWebhookProblems(spec), ...webhookSetProblems([...existing, spec]).map((p) => ({ ...p, field: p.field.replace(/^webhooks\[\d+\]\./, '') }))];
    if (!reportPropsProblems(this, nestProblems(field, problems))) return;
    return spec;
  }

  private propsProblems(props: OperatorProps, createNamespace: boolean): Problem[] {
    const problems: Problem[] = [];
    const metadata = props.metadata ?? {};
    if (!isDns1123Label(this.name) || this._names.labelNames.some((n) => !isDns1123Label(n))) {
      problems.push(problem('metadata.name', 'must be a DNS-1123 label short enough for every derived name (at most 29 characters; e.g. its metrics Service is "<name>-controller-manager-metrics-service")', this.name, metadata.name === undefined ? `set metadata.name to a short lowercase name such as "backup-operator" (it defaults to the construct id "${this.node.id}")` : 'set a short lowercase name such as "backup-operator"'));
    }
    if (!isDns1123Label(this.namespaceName)) {
      const from = metadata.namespace !== undefined ? '' : ' (the chart\'s namespace)';
      problems.push(problem('metadata.namespace', `must be a DNS-1123 label${from}`, this.namespaceName, 'use a lowercase namespace such as "backup-system"'));
    } else if (createNamespace && SYSTEM_NAMESPACES.includes(this.namespaceName)) {
      problems.push(problem('createNamespace', `must not be true for a namespace Kubernetes creates (${SYSTEM_NAMESPACES.join(', ')}): the emitted Namespace would relabel it for Pod Security "restricted" and reject its privileged pods`, this.namespaceName, 'remove createNamespace (the namespace exists already), or use a namespace of the operator\'s own'));
    }
    problems.push(...multiObjectMetadataProblems(props.metadata, 'the operator', 'operator.apiObject'));
    if (this.watchNamespaces !== undefined) {
      if (this.watchNamespaces.length === 0) {
        problems.push(problem('watchNamespaces', 'must list at least one namespace', [], 'list the namespaces to watch, or omit the prop for a cluster-wide install'));
      }
      this.watchNamespaces.forEach((ns, i) => {
        if (!isDns1123Label(ns)) problems.push(problem(`watchNamespaces[${i}]`, 'must be a DNS-1123 label', ns, 'use a namespace name'));
        if (this.watchNamespaces!.indexOf(ns) !== i) problems.push(problem(`watchNamespaces[${i}]`, 'must not repeat a namespace', ns, 'remove the duplicate'));
      });
    }
    if (isStringMap(metadata.labels)) {
      if (LABELS.name in metadata.labels && metadata.labels[LABELS.name] !== this.name) {
        problems.push(problem(`metadata.labels["${LABELS.name}"]`, 'must not differ from the operator\'s name (opskit sets it on every object)', metadata.labels[LABELS.name], 'set metadata.name instead, or remove the label'));
      }
    }
    problems.push(...labelProblems('nodeSelector', props.nodeSelector));
    problems.push(...labelProblems('metricsNamespaceSelector', props.metricsNamespaceSelector));
    if (props.metricsNamespaceSelector !== undefined) {
      if (!(props.networkPolicies ?? false)) {
        problems.push(problem('metricsNamespaceSelector', 'only applies with networkPolicies: true (no NetworkPolicy reads it)', props.metricsNamespaceSelector, 'set networkPolicies: true, or remove metricsNamespaceSelector'));
      } else if (Object.keys(props.metricsNamespaceSelector).length === 0) {
        problems.push(problem('metricsNamespaceSelector', 'must have at least one label (an empty selector admits scrapes from every namespace)', props.metricsNamespaceSelector, 'select the monitoring namespaces, e.g. { "kubernetes.io/metadata.name": "monitoring" }'));
      }
    }
    if (props.leaderElectionConfigMaps && !this.config.leaderElection) {
      problems.push(problem('leaderElectionConfigMaps', 'requires leaderElection (without it no leader-election Role is granted)', true, 'enable leaderElection, or remove leaderElectionConfigMaps'));
    }
    this.config.imagePullSecrets.forEach((s, i) => {
      if (typeof s !== 'string' || !isDns1123Subdomain(s)) {
        problems.push(problem(`imagePullSecrets[${i}]`, 'must be a Secret name (a DNS-1123 subdomain)', s, 'give the name of a docker-registry Secret in the operator\'s namespace, e.g. "ghcr-pull"'));
      } else if (this.config.imagePullSecrets.indexOf(s) !== i) {
        problems.push(problem(`imagePullSecrets[${i}]`, 'must not repeat a Secret', s, 'remove the duplicate'));
      }
    });
    if (props.priorityClassName !== undefined && (typeof props.priorityClassName !== 'string' || !isDns1123Subdomain(props.priorityClassName))) {
      problems.push(problem('priorityClassName', 'must be a PriorityClass name (a DNS-1123 subdomain)', props.priorityClassName, 'use e.g. "system-cluster-critical" or your own PriorityClass, or remove the prop'));
    }
    (props.metricsReaders ?? []).forEach((r, i) => {
      if (!isDns1123Subdomain(r.serviceAccountName)) problems.push(problem(`metricsReaders[${i}].serviceAccountName`, 'must be a DNS-1123 subdomain', r.serviceAccountName, 'use the service account\'s name, e.g. "prometheus-k8s"'));
      if (!isDns1123Label(r.namespace)) problems.push(problem(`metricsReaders[${i}].namespace`, 'must be a DNS-1123 label', r.namespace, 'use the service account\'s namespace, e.g. "monitoring"'));
    });
    if ((props.metricsReaders ?? []).length > 0 && this.metrics.mode !== 'secure') {
      problems.push(problem('metricsReaders', 'requires secure metrics (plain HTTP metrics need no authorization)', this.metrics.mode, 'use OperatorMetrics.secure() or drop metricsReaders'));
    }
    if (props.serviceMonitor && this.metrics.mode === 'disabled') {
      problems.push(problem('serviceMonitor', 'requires metrics to be served', 'OperatorMetrics.disabled()', 'enable metrics or drop the ServiceMonitor'));
    }
    problems.push(...managerProblems({ ...this.config, webhook: { port: this._webhookPort, certSecretName: this._names.webhookCertSecret } }));
    return problems;
  }
}

function typeProblems(type: ICustomResourceType): Problem[] {
  const problems: Problem[] = [];
  if (!type.group || !type.group.includes('.')) {
    problems.push(problem('group', 'must be a domain-style API group with at least one dot', type.group, 'use e.g. "backup.example.com"'));
  }
  if (!type.plural || type.plural !== type.plural.toLowerCase()) {
    problems.push(problem('plural', 'must be a lowercase plural name', type.plural, 'use e.g. "backupplans"'));
  }
  if (type.scope !== 'Namespaced' && type.scope !== 'Cluster') {
    problems.push(problem('scope', 'must be "Namespaced" or "Cluster"', type.scope, 'set the scope of the custom resource'));
  }
  return problems;
}

/** The CustomResourceDefinition ApiObject a CRD construct renders (itself or one of its children). */
function findCrdObject(type: ICustomResourceType): ApiObject | undefined {
  const candidates = [type, ...type.node.findAll()].filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'CustomResourceDefinition');
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Adds a value that a checked helper returned (nothing when its arguments had problems). */
function pushDefined<T>(list: T[], value: T | undefined): void {
  if (value !== undefined) list.push(value);
}
