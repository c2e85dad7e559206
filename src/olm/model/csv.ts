/**
 * The ClusterServiceVersion and the other manifests of a registry+v1 bundle, built from the objects an operator
 * emits (pure: plain JSON in, plain JSON out). The mapping follows `operator-sdk generate bundle` where it is
 * right (deployments, permissions, webhooks, owned CRDs, related images) and departs from it where it is not:
 * no `createdAt` (output is deterministic; set it yourself), unsupported kinds are reported instead of written.
 */
import { applyDescriptors, crdDescriptors, CrdDescriptionInput, DescriptorNote, displayNameOf } from './csv-descriptors';
import { mapPermissions } from './csv-permissions';
import { definedFields } from '../../core/defined-fields';
import { Problem, problem } from '../../core/problem';

/** The four install modes, in the order OLM lists them. */
export const INSTALL_MODE_TYPES = ['OwnNamespace', 'SingleNamespace', 'MultiNamespace', 'AllNamespaces'] as const;

/** The kinds a registry+v1 bundle may carry besides the CSV (operator-registry's supported_resources.go). */
export const BUNDLE_KINDS: ReadonlySet<string> = new Set([
  'ClusterServiceVersion', 'CustomResourceDefinition', 'Secret', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap',
  'ServiceAccount', 'Service', 'Role', 'RoleBinding', 'PrometheusRule', 'ServiceMonitor', 'PodMonitor',
  'PodDisruptionBudget', 'PriorityClass', 'VerticalPodAutoscaler', 'NetworkPolicy', 'ConsoleYAMLSample',
  'ConsoleQuickStart', 'ConsoleCLIDownload', 'ConsoleLink', 'ConsolePlugin',
]);

/** Environment variables whose values are images the operator deploys (operator-sdk's relatedImages source). */
const RELATED_IMAGE_ENV = /^RELATED_IMAGE_(.+)$/;

/** Everything the CSV is built from. */
export interface CsvInput {
  readonly packageName: string;
  readonly version: string;
  /** The version this one replaces (a version of the same package, not a CSV name). */
  readonly replaces?: string;
  readonly skips?: readonly string[];
  readonly skipRange?: string;
  readonly displayName: string;
  readonly description?: string;
  readonly summary?: string;
  readonly icon?: { readonly base64data: string; readonly mediatype: string };
  readonly keywords?: readonly string[];
  readonly maintainers?: ReadonlyArray<{ readonly name: string; readonly email: string }>;
  readonly provider?: { readonly name: string; readonly url?: string };
  readonly links?: ReadonlyArray<{ readonly name: string; readonly url: string }>;
  readonly maturity?: string;
  readonly capabilities: string;
  readonly categories?: readonly string[];
  readonly minKubeVersion?: string;
  readonly createdAt?: string;
  readonly repository?: string;
  readonly supported: ReadonlySet<string>;
  /** Every object the operator emits, resolved, including its CRDs. */
  readonly objects: readonly any[];
  /** The CRDs the operator owns (a subset of `objects`). */
  readonly ownedCrds: readonly any[];
  /** Custom resources for `alm-examples`. */
  readonly examples: readonly any[];
  /** What is given for owned CRD entries. */
  readonly descriptions?: readonly CrdDescriptionInput[];
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Why an object of the operator is not in the bundle. */
export interface DroppedObject {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

/** A CSV with the manifests that go beside it. */
export interface BundleContent {
  readonly csv: any;
  /** The other manifests (CRDs first), namespaces removed. */
  readonly manifests: any[];
  /** Objects OLM creates itself or a bundle cannot carry, with the reason. */
  readonly dropped: DroppedObject[];
  /** Objects of kinds a bundle cannot carry and OLM does not replace: errors. */
  readonly problems: Problem[];
  /** Given descriptors OLM accepts but the console shows nothing for: warnings. */
  readonly notes: DescriptorNote[];
}

/** The CSV name of a package version: `<package>.v<version>`. */
export function csvName(packageName: string, version: string): string {
  return `${packageName}.v${version}`;
}

/** Builds the CSV and the bundle's other manifests. */
export function buildBundleContent(input: CsvInput): BundleContent {
  const deployments = input.objects.filter(isKind('apps/v1', 'Deployment'));
  const serviceAccounts = [...new Set(deployments.map((d) => d.spec?.template?.spec?.serviceAccountName || 'default'))];
  const rbac = mapPermissions(input.objects, serviceAccounts);
  const webhooks = webhookDefinitions(input.objects, deployments);
  const dropped: DroppedObject[] = [];
  const problems: Problem[] = [];
  const notes: DescriptorNote[] = [];
  const manifests: any[] = [];
  for (const o of input.objects) {
    const why = dropReason(o, rbac.absorbed);
    if (why) {
      dropped.push({ kind: String(o?.kind), name: String(o?.metadata?.name), reason: why });
    } else if (!BUNDLE_KINDS.has(o?.kind)) {
      problems.push(problem(`objects.${o?.kind}/${o?.metadata?.name}`, 'must be a kind a registry+v1 bundle can carry', o?.kind,
        `ship it another way (a bundle carries ${[...BUNDLE_KINDS].filter((k) => k !== 'ClusterServiceVersion').join(', ')})`, 'olm/bundle-kind'));
    } else {
      manifests.push(withoutNamespace(rbac.rewritten.get(o) ?? o));
    }
  }
  manifests.sort((a, b) => Number(b.kind === 'CustomResourceDefinition') - Number(a.kind === 'CustomResourceDefinition'));

  const annotations: Record<string, string> = {
    'alm-examples': JSON.stringify(input.examples.map(withoutNamespace), undefined, 2),
    'capabilities': input.capabilities,
    ...(input.categories?.length ? { categories: input.categories.join(',') } : {}),
    ...containerImage(deployments),
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
    ...(input.summary ? { description: input.summary } : {}),
    ...(input.repository ? { repository: input.repository } : {}),
    ...(input.skipRange ? { 'olm.skipRange': input.skipRange } : {}),
    ...input.annotations,
  };
  const spec: Record<string, unknown> = {
    displayName: input.displayName,
    description: input.description,
    version: input.version,
    replaces: input.replaces === undefined ? undefined : csvName(input.packageName, input.replaces),
    skips: input.skips?.length ? input.skips.map((v) => csvName(input.packageName, v)) : undefined,
    minKubeVersion: input.minKubeVersion,
    maturity: input.maturity,
    keywords: input.keywords?.length ? [...input.keywords] : undefined,
    maintainers: input.maintainers?.length ? input.maintainers.map((m) => ({ name: m.name, email: m.email })) : undefined,
    provider: input.provider ? { name: input.provider.name, url: input.provider.url } : undefined,
    links: input.links?.length ? input.links.map((l) => ({ name: l.name, url: l.url })) : undefined,
    icon: input.icon ? [{ base64data: input.icon.base64data, mediatype: input.icon.mediatype }] : undefined,
    installModes: INSTALL_MODE_TYPES.map((type) => ({ type, supported: input.supported.has(type) })),
    install: {
      strategy: 'deployment',
      spec: {
        deployments: deployments.map((d) => ({ name: d.metadata?.name, label: d.metadata?.labels, spec: olmDeploymentSpec(d.spec) })),
        permissions: rbac.permissions.length > 0 ? rbac.permissions : undefined,
        clusterPermissions: rbac.clusterPermissions.length > 0 ? rbac.clusterPermissions : undefined,
      },
    },
    customresourcedefinitions: { owned: input.ownedCrds.flatMap((crd) => ownedEntries(crd, input.descriptions ?? [], notes)) },
    webhookdefinitions: webhooks.length > 0 ? webhooks : undefined,
    relatedImages: relatedImages(deployments),
  };
  const csv = {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'ClusterServiceVersion',
    metadata: { name: csvName(input.packageName, input.version), namespace: 'placeholder', annotations },
    spec: definedFields(spec),
  };
  return { csv, manifests, dropped, problems, notes };
}

function isKind(apiVersion: string, kind: string): (o: any) => boolean {
  return (o) => o?.apiVersion === apiVersion && o?.kind === kind;
}

/** Why an object is left out of the bundle, or `undefined` when it goes in. */
function dropReason(o: any, absorbed: ReadonlySet<any>): string | undefined {
  if (absorbed.has(o)) return 'OLM creates it from the CSV\'s permissions';
  if (o?.kind === 'Deployment' && o?.apiVersion === 'apps/v1') return 'it is the CSV\'s install strategy';
  if (o?.kind === 'Namespace' && o?.apiVersion === 'v1') return 'OLM installs into the namespace of the OperatorGroup';
  if ((o?.kind === 'ValidatingWebhookConfiguration' || o?.kind === 'MutatingWebhookConfiguration') && o?.apiVersion === 'admissionregistration.k8s.io/v1') {
    return 'it is the CSV\'s webhookdefinitions';
  }
  if (typeof o?.apiVersion === 'string' && o.apiVersion.startsWith('cert-manager.io/')) return 'OLM issues and rotates the webhook serving certificate itself';
  return undefined;
}

function withoutNamespace(o: any): any {
  if (o?.metadata?.namespace === undefined) return o;
  const { namespace: _dropped, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** The Deployment spec OLM installs: a `WATCH_NAMESPACE` value becomes OLM's target namespaces. */
function olmDeploymentSpec(spec: any): any {
  const podSpec = spec?.template?.spec;
  if (!Array.isArray(podSpec?.containers)) return spec;
  const containers = podSpec.containers.map((c: any) => (Array.isArray(c.env) ? {
    ...c,
    env: c.env.map((e: any) => (e?.name === 'WATCH_NAMESPACE'
      ? { name: e.name, valueFrom: { fieldRef: { fieldPath: 'metadata.annotations[\'olm.targetNamespaces\']' } } }
      : e)),
  } : c));
  return { ...spec, template: { ...spec.template, spec: { ...podSpec, containers } } };
}

function containerImage(deployments: readonly any[]): Record<string, string> {
  const image = deployments[0]?.spec?.template?.spec?.containers?.[0]?.image;
  return typeof image === 'string' ? { containerImage: image } : {};
}

/**
 * One owned entry per served version, as OLM matches owned APIs against the bundle's CRDs: display name from the
 * kind, description and descriptors from the version's schema, with what is given in place (the description for
 * the version, else the one for every version).
 */
function ownedEntries(crd: any, overrides: readonly CrdDescriptionInput[], notes: DescriptorNote[]): any[] {
  const versions: any[] = Array.isArray(crd?.spec?.versions) ? crd.spec.versions : [];
  const kind = String(crd?.spec?.names?.kind ?? '');
  const name = String(crd?.metadata?.name ?? '');
  return versions.filter((v) => v?.served === true).map((v) => {
    const schema = v?.schema?.openAPIV3Schema;
    const derived = crdDescriptors(schema);
    const override = overrides.find((o) => o.crdName === name && o.version === v.name)
      ?? overrides.find((o) => o.crdName === name && o.version === undefined);
    const where = `${name} ${v.name}`;
    const spec = override ? applyDescriptors('spec', schema, derived.spec, override.spec, override.derive, where) : { descriptors: derived.spec, notes: [] };
    const status = override ? applyDescriptors('status', schema, derived.status, override.status, override.derive, where) : { descriptors: derived.status, notes: [] };
    notes.push(...spec.notes, ...status.notes);
    const descriptors = { spec: spec.descriptors, status: status.descriptors };
    return definedFields({
      name: crd.metadata?.name,
      version: v.name,
      kind,
      displayName: override?.displayName ?? displayNameOf(kind),
      description: override?.description ?? (typeof schema?.description === 'string' ? schema.description : `${kind} is a custom resource of ${crd.spec?.group}`),
      resources: override?.resources?.length ? override.resources.map((r) => ({ kind: r.kind, name: r.name, version: r.version })) : undefined,
      specDescriptors: descriptors.spec.length > 0 ? descriptors.spec : undefined,
      statusDescriptors: descriptors.status.length > 0 ? descriptors.status : undefined,
    });
  });
}

/** Webhook configurations as CSV webhook definitions, served by the Deployment the webhook Service selects. */
function webhookDefinitions(objects: readonly any[], deployments: readonly any[]): any[] {
  const services = objects.filter(isKind('v1', 'Service'));
  const out: any[] = [];
  for (const config of objects) {
    const type = config?.kind === 'ValidatingWebhookConfiguration' ? 'ValidatingAdmissionWebhook'
      : config?.kind === 'MutatingWebhookConfiguration' ? 'MutatingAdmissionWebhook' : undefined;
    if (!type || config.apiVersion !== 'admissionregistration.k8s.io/v1') continue;
    for (const w of Array.isArray(config.webhooks) ? config.webhooks : []) {
      const ref = w?.clientConfig?.service ?? {};
      const service = services.find((s) => s.metadata?.name === ref.name);
      const port = Number(ref.port ?? 443);
      const servicePort = (service?.spec?.ports ?? []).find((p: any) => p?.port === port);
      const deployment = deployments.find((d) => selects(service?.spec?.selector, d.spec?.template?.metadata?.labels));
      out.push(definedFields({
        generateName: w.name,
        type,
        deploymentName: deployment?.metadata?.name ?? String(ref.name ?? '').replace(/-service$/, ''),
        containerPort: port,
        targetPort: resolveTargetPort(servicePort?.targetPort, deployment),
        webhookPath: ref.path,
        admissionReviewVersions: w.admissionReviewVersions,
        sideEffects: w.sideEffects,
        failurePolicy: w.failurePolicy,
        matchPolicy: w.matchPolicy,
        objectSelector: w.objectSelector,
        timeoutSeconds: w.timeoutSeconds,
        reinvocationPolicy: type === 'MutatingAdmissionWebhook' ? w.reinvocationPolicy : undefined,
        rules: w.rules,
      }));
    }
  }
  return out;
}

function selects(selector: any, labels: any): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** A named target port is resolved against the serving Deployment's containers (OLM wants a number). */
function resolveTargetPort(target: unknown, deployment: any): number | undefined {
  if (typeof target === 'number') return target;
  if (typeof target !== 'string') return undefined;
  for (const c of deployment?.spec?.template?.spec?.containers ?? []) {
    const p = (c?.ports ?? []).find((x: any) => x?.name === target);
    if (p) return p.containerPort;
  }
  return undefined;
}

/** Every image the operator's pods run or deploy (container images and `RELATED_IMAGE_*` values). */
function relatedImages(deployments: readonly any[]): any[] | undefined {
  const out = new Map<string, string>();
  for (const d of deployments) {
    const pod = d?.spec?.template?.spec ?? {};
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      if (typeof c?.image === 'string' && ![...out.values()].includes(c.image)) out.set(String(c.name), c.image);
      for (const e of c?.env ?? []) {
        const m = RELATED_IMAGE_ENV.exec(String(e?.name));
        if (m && typeof e.value === 'string' && e.value !== '') out.set(m[1].toLowerCase().replace(/_/g, '-'), e.value);
      }
    }
  }
  return out.size > 0 ? [...out.entries()].map(([name, image]) => ({ name, image })) : undefined;
}

