/**
 * What keeps a registry+v1 bundle from being installed by OLM v1 (operator-controller v1.10.0, read by hand):
 *
 * | rule | level | source |
 * |---|---|---|
 * | olm-v1/all-namespaces | error | docs/project/olmv1_limitations.md; applier/provider.go: "bundle does not support AllNamespaces install mode" (SingleNamespace/OwnNamespace only behind the alpha `SingleOwnNamespaceInstallSupport` gate, off by default) |
 * | olm-v1/install-modes | error | provider.go: "bundle must support at least one of [AllNamespaces SingleNamespace OwnNamespace]" |
 * | olm-v1/api-service | error | provider.go: "apiServiceDefintions are not supported" |
 * | olm-v1/dependency | error | olmv1_limitations.md; resolve/validation.go `NoDependencyValidation`: `olm.package.required`, `olm.gvk.required`, `olm.constraint` (a CSV's `customresourcedefinitions.required` becomes `olm.gvk.required` in the catalog, metadata/dependencies.yaml `olm.package`/`olm.gvk`/`olm.constraint` the three) |
 * | olm-v1/conversion-webhook | error | registryv1/validators `CheckConversionWebhookSupport`: conversion webhooks only for bundles that support AllNamespaces alone |
 * | olm-v1/webhook-rule | error | `CheckWebhookRules`: admission rules may not name API group `olm.operatorframework.io` or `*`, nor the webhook configurations |
 * | olm-v1/webhook-certificates | warning | webhooks need the cert-manager (`WebhookProviderCertManager`, on by default) or OpenShift service-ca certificate provider |
 * | olm-v1/operator-conditions | warning | olmv1_limitations.md: no OperatorConditions API (detected from RBAC rules on `operatorconditions`) |
 */
import { BundleFinding } from './bundle-validator';

const DEPENDENCY_TYPES: Readonly<Record<string, string>> = {
  'olm.package': 'olm.package.required',
  'olm.gvk': 'olm.gvk.required',
  'olm.constraint': 'olm.constraint',
  'olm.package.required': 'olm.package.required',
  'olm.gvk.required': 'olm.gvk.required',
};
const FORBIDDEN_GROUPS = ['olm.operatorframework.io', '*'];
const FORBIDDEN_ADMISSION = ['*', 'mutatingwebhookconfiguration', 'mutatingwebhookconfigurations', 'validatingwebhookconfiguration', 'validatingwebhookconfigurations'];

/** What the check needs: the CSV, the CSV's file, and the dependencies and properties the bundle declares. */
export interface InstallabilityInput {
  readonly csv: any;
  readonly csvFile?: string;
  /** `metadata/dependencies.yaml`'s `dependencies` entries (`{ type, value }`). */
  readonly dependencies?: readonly any[];
  /** `metadata/properties.yaml`'s `properties` entries (`{ type, value }`). */
  readonly properties?: readonly any[];
}

/** The OLM v1 installability findings of a bundle. */
export function olmV1InstallabilityFindings(input: InstallabilityInput): BundleFinding[] {
  const out: BundleFinding[] = [];
  const f = (level: BundleFinding['level'], rule: string, message: string, file?: string) =>
    out.push({ level, suite: 'olm-v1' as BundleFinding['suite'], rule: `olm-v1/${rule}`, message, ...(file ? { file } : {}) });
  const csv = input.csv ?? {};
  const file = input.csvFile;
  const supported = new Set(((csv.spec?.installModes ?? []) as any[]).filter((m) => m?.supported === true).map((m) => String(m.type)));
  if (!supported.has('AllNamespaces')) {
    const alt = ['SingleNamespace', 'OwnNamespace'].filter((m) => supported.has(m));
    if (alt.length > 0) {
      f('error', 'all-namespaces', `the bundle does not support the AllNamespaces install mode (only ${[...supported].sort().join(', ')}): OLM v1 installs it only with the alpha feature gate SingleOwnNamespaceInstallSupport, off by default`, file);
    } else {
      f('error', 'install-modes', `the bundle must support at least one of AllNamespaces, SingleNamespace, OwnNamespace (it supports ${supported.size ? [...supported].sort().join(', ') : 'none'})`, file);
    }
  }
  if ((csv.spec?.apiservicedefinitions?.owned ?? []).length > 0) {
    f('error', 'api-service', 'the CSV owns API services (spec.apiservicedefinitions.owned): OLM v1 does not install apiServiceDefinitions', file);
  }
  for (const r of (csv.spec?.customresourcedefinitions?.required ?? []) as any[]) {
    f('error', 'dependency', `the CSV requires ${r?.kind ?? '?'} ${r?.name ?? ''} (${r?.version ?? '?'}) (spec.customresourcedefinitions.required → olm.gvk.required): OLM v1 resolves no dependencies`, file);
  }
  let csvProperties: any[] = [];
  try {
    const text = csv.metadata?.annotations?.['operatorframework.io/properties'];
    if (typeof text === 'string') csvProperties = JSON.parse(text)?.properties ?? [];
  } catch {
    // a malformed annotation is the bundle validator's business
  }
  for (const [where, list] of [['metadata/dependencies.yaml', input.dependencies ?? []], ['metadata/properties.yaml', input.properties ?? []], [file, csvProperties]] as const) {
    for (const d of list) {
      const type = DEPENDENCY_TYPES[String(d?.type)];
      if (type) f('error', 'dependency', `the bundle declares a dependency (${String(d.type)} → ${type}: ${JSON.stringify(d.value)}): OLM v1 resolves no dependencies`, where);
    }
  }
  const webhooks: any[] = csv.spec?.webhookdefinitions ?? [];
  if (webhooks.length > 0) {
    f('warning', 'webhook-certificates', `the bundle has ${webhooks.length} webhook(s): OLM v1 installs them only with a certificate provider (cert-manager, or OpenShift's service-ca)`, file);
  }
  const onlyAll = supported.size === 1 && supported.has('AllNamespaces');
  for (const w of webhooks) {
    const name = String(w?.generateName ?? '');
    if (w?.type === 'ConversionWebhook') {
      if (!onlyAll) f('error', 'conversion-webhook', `conversion webhook "${name}": OLM v1 supports conversion webhooks only for bundles that support AllNamespaces alone (this one: ${[...supported].sort().join(', ') || 'none'})`, file);
      continue;
    }
    for (const rule of (w?.rules ?? []) as any[]) {
      for (const g of (rule?.apiGroups ?? []) as string[]) {
        if (FORBIDDEN_GROUPS.includes(g)) f('error', 'webhook-rule', `webhook "${name}": admission webhook rules cannot reference API group "${g}"`, file);
        if (g === 'admissionregistration.k8s.io') {
          for (const res of (rule?.resources ?? []) as string[]) {
            if (FORBIDDEN_ADMISSION.includes(String(res).toLowerCase())) f('error', 'webhook-rule', `webhook "${name}": admission webhook rules cannot reference resource "${res}" of API group "${g}"`, file);
          }
        }
      }
    }
  }
  const install = csv.spec?.install?.spec ?? {};
  const usesConditions = [...(install.permissions ?? []), ...(install.clusterPermissions ?? [])]
    .some((p: any) => (p?.rules ?? []).some((r: any) => (r?.apiGroups ?? []).includes('operators.coreos.com') && (r?.resources ?? []).some((x: string) => x.startsWith('operatorconditions'))));
  if (usesConditions) f('warning', 'operator-conditions', 'the operator is granted access to operatorconditions: OLM v1 has no OperatorConditions API, so an operator that relies on it fails', file);
  return out;
}
