import { ApiObject, ApiObjectMetadata, Chart, Lazy } from 'cdk8s';
import type * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct } from 'constructs';
import { ClusterCatalog } from './cluster-catalog';
import { defaultInstallNamespace, installerName } from './conventions';
import { CATALOG_NAME_LABEL, OLM_V1_API_VERSION, versionRangeProblems } from './model/olm-v1-objects';
import { installerRbac, InstallerRbac } from './model/olm-v1-rbac';
import { OlmBundle } from './olm-bundle';
import { OlmFindingLevel } from './olm-bundle-validator';
import { OlmV1Installability } from './olm-v1-installability';
import { registerClusterExtensionKind } from './olm-v1-kinds';
import { checkProps } from '../core/check-props';
import { kube } from '../core/lazy-modules';
import { parseMastermindsConstraint } from '../core/masterminds-constraint';
import { isDns1123Label, isDns1123Subdomain } from '../core/names';
import { multiObjectMetadataProblems, objectName } from '../core/object-name';
import { Engine, placedIn } from '../core/placement';
import { Problem, problem } from '../core/problem';
import { reportPropsProblems } from '../core/props-problems';
import { parseSemVer } from '../core/semver';
import { Validations } from '../core/validations';
import { Warnings } from '../core/warnings';

/** Props of `ClusterExtension`. */
export interface ClusterExtensionProps {
  /**
   * opskit's bundle of the package to install: the package name, the installer's least-privilege RBAC and the
   * OLM v1 installability check (errors at synth) come from it.
   *
   * @default - a package of another publisher: set `packageName` and `serviceAccountName`
   */
  readonly bundle?: OlmBundle;
  /**
   * The package to install (`spec.source.catalog.packageName`).
   *
   * @default - the bundle's package name
   */
  readonly packageName?: string;
  /**
   * The version or range of versions to install and upgrade within (`spec.source.catalog.version`), in OLM v1's
   * syntax (Masterminds/semver, not the blang syntax of `skipRange`): `0.3.1` pins, `>=0.3.0, <1.0.0`, `~0.3`,
   * `^1`, `1.2.x`, alternatives joined by `||`; at most 64 characters.
   *
   * @default - the latest version available
   */
  readonly version?: string;
  /**
   * The channels to install and upgrade from (`spec.source.catalog.channels`), at most 256.
   *
   * @default - every channel of the package
   */
  readonly channels?: string[];
  /**
   * The catalogs to resolve the package from: `spec.source.catalog.selector` selects them by the name label
   * operator-controller sets (`olm.operatorframework.io/metadata.name`).
   *
   * @default - every ClusterCatalog of the cluster
   */
  readonly catalogs?: ClusterCatalog[];
  /**
   * Whether the catalog's upgrade edges bind upgrades (`spec.source.catalog.upgradeConstraintPolicy`).
   *
   * @default UpgradeConstraintPolicy.CATALOG_PROVIDED
   */
  readonly upgradeConstraintPolicy?: UpgradeConstraintPolicy;
  /**
   * An installer service account that already exists in the install namespace (`spec.serviceAccount.name`).
   *
   * @default - a ServiceAccount `<name>-installer` with the least-privilege RBAC derived from `bundle`
   */
  readonly serviceAccountName?: string;
  /**
   * Create the install namespace (a Namespace object).
   *
   * @default - true when the construct chose the namespace (`<name>-system`), false when it comes from
   * `metadata.namespace` or the chart
   */
  readonly createNamespace?: boolean;
  /**
   * `metadata.name` names the ClusterExtension and is the base of the installer objects' names;
   * `metadata.namespace` is the install namespace (`spec.namespace`, where the installer objects live).
   *
   * @default - named after the construct id; the namespace is the chart's, else `<name>-system`
   */
  readonly metadata?: ApiObjectMetadata;
}

/** Whether a catalog's upgrade edges bind a ClusterExtension's upgrades (`upgradeConstraintPolicy`). */
export enum UpgradeConstraintPolicy {
  /** Upgrade only along the edges the package author published. */
  CATALOG_PROVIDED = 'CatalogProvided',
  /** Ignore the edges: upgrade or downgrade to any version (dangerous: the user vouches for the outcome). */
  SELF_CERTIFIED = 'SelfCertified',
}

/**
 * An OLM v1 ClusterExtension (`olm.operatorframework.io/v1`): installs a package from the cluster's catalogs with
 * operator-controller, with the installer ServiceAccount it installs as and, for opskit's own `bundle`, the
 * least-privilege RBAC operator-controller v1.10.0 documents (a ClusterRole for the bundle's CRDs, the RBAC it
 * grants and its cluster-scoped objects, finalizer updates on this ClusterExtension; a Role in the install
 * namespace for the deployments, service accounts and other namespaced objects of the bundle). At synth, what
 * keeps the bundle from being installable by OLM v1 (`OlmV1Installability`) is an error.
 *
 * Targets operator-controller v1.10.0; from v1.11.0 `spec.serviceAccount` is deprecated and ignored
 * (operator-controller installs as cluster-admin), and the installer objects are unused there.
 *
 * @see https://operator-framework.github.io/operator-controller/tutorials/install-extension/
 * @example
 * new ClusterExtension(chart, 'backup-operator', { bundle, channels: ['stable'], version: '>=0.3.0, <1.0.0', catalogs: [catalog] });
 */
export class ClusterExtension extends Construct {
  /** The ClusterExtension object (escape hatch). */
  public readonly apiObject!: ApiObject;
  /** The ClusterExtension's name, the base of the installer objects' names. */
  public readonly name!: string;
  /** The install namespace (`spec.namespace`), where the installer objects live. */
  public readonly namespaceName!: string;
  /** The service account operator-controller installs as (`spec.serviceAccount.name`). */
  public readonly serviceAccountName!: string;
  /** The Namespace object, when the construct created it. */
  public readonly namespace?: k8s.KubeNamespace;
  /** The installer ServiceAccount, when the construct created it. */
  public readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The installer's cluster-wide rules, when the construct created them. */
  public readonly clusterRole?: k8s.KubeClusterRole;
  /** The installer's rules in the install namespace, when the construct created them. */
  public readonly role?: k8s.KubeRole;

  private readonly versionRange?: string;

  public constructor(scope: Construct, id: string, props: ClusterExtensionProps = {}) {
    super(placedIn(scope, id, Engine.KUBERNETES, 'ClusterExtension'), id);
    if (!checkProps(this, 'ClusterExtensionProps', props)) return;
    // a bundle with props problems of its own built nothing: it reports them; this one is checked once they are fixed
    if (props.bundle instanceof OlmBundle && props.bundle.packageName === undefined) return;
    if ((props.catalogs ?? []).some((c) => c instanceof ClusterCatalog && c.name === undefined)) return;
    const metadata = props.metadata ?? {};
    const { name, problems: nameProblems } = objectName(this, metadata.name);
    const chartNamespace = Chart.of(this).namespace;
    const installNamespace = metadata.namespace ?? chartNamespace ?? defaultInstallNamespace(name);
    const createNamespace = props.createNamespace ?? (metadata.namespace === undefined && chartNamespace === undefined);
    const packageName = props.packageName ?? props.bundle?.packageName;
    if (!reportPropsProblems(this, [...nameProblems, ...this.propsProblems(props, installNamespace, packageName)])) return;

    registerClusterExtensionKind(this);
    const serviceAccountName = props.serviceAccountName ?? installerName(name);
    this.name = name;
    this.namespaceName = installNamespace;
    this.serviceAccountName = serviceAccountName;
    this.versionRange = props.version;
    const labels = metadata.labels ?? {};
    const annotations = metadata.annotations ?? {};
    const meta = (objectNameValue: string, namespaced: boolean) => ({
      name: objectNameValue,
      ...(namespaced ? { namespace: installNamespace } : {}),
      ...(Object.keys(labels).length ? { labels: { ...labels } } : {}),
      ...(Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
    });
    if (createNamespace) this.namespace = new (kube().KubeNamespace)(this, 'Namespace', { metadata: meta(installNamespace, false) });
    const bundle = props.bundle;
    if (bundle !== undefined && props.serviceAccountName === undefined) {
      let rbac: InstallerRbac | undefined;
      const rules = (): InstallerRbac => {
        const content = bundle._installContent();
        rbac ??= content ? installerRbac(content.csv, content.manifests, name) : { clusterRules: [], namespaceRules: [] };
        return rbac;
      };
      const installer = installerName(name);
      const subjects = [{ kind: 'ServiceAccount', name: serviceAccountName, namespace: installNamespace }];
      this.serviceAccount = new (kube().KubeServiceAccount)(this, 'ServiceAccount', { metadata: meta(serviceAccountName, true) });
      this.clusterRole = new (kube().KubeClusterRole)(this, 'InstallerClusterRole', {
        metadata: meta(installer, false),
        rules: Lazy.any({ produce: () => rules().clusterRules }),
      });
      new (kube().KubeClusterRoleBinding)(this, 'InstallerClusterRoleBinding', {
        metadata: meta(installer, false),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: installer },
        subjects,
      });
      this.role = new (kube().KubeRole)(this, 'InstallerRole', {
        metadata: meta(installer, true),
        rules: Lazy.any({ produce: () => rules().namespaceRules }),
      });
      new (kube().KubeRoleBinding)(this, 'InstallerRoleBinding', {
        metadata: meta(installer, true),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: installer },
        subjects,
      });
    }
    const catalogNames = (props.catalogs ?? []).map((c) => c.name);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: OLM_V1_API_VERSION,
      kind: 'ClusterExtension',
      metadata: { ...metadata, name },
      spec: {
        namespace: installNamespace,
        serviceAccount: { name: serviceAccountName },
        source: {
          sourceType: 'Catalog',
          catalog: {
            packageName,
            ...(props.version === undefined ? {} : { version: props.version }),
            ...(props.channels === undefined ? {} : { channels: [...props.channels] }),
            ...(catalogNames.length === 0 ? {} : { selector: { matchExpressions: [{ key: CATALOG_NAME_LABEL, operator: 'In', values: catalogNames }] } }),
            ...(props.upgradeConstraintPolicy === undefined ? {} : { upgradeConstraintPolicy: props.upgradeConstraintPolicy }),
          },
        },
      },
    });
    if (bundle !== undefined) Validations.add(this, { problems: () => this.installabilityProblems(bundle, props.channels) });
  }

  private propsProblems(props: ClusterExtensionProps, installNamespace: string, packageName: string | undefined): Problem[] {
    const out: Problem[] = [];
    out.push(...multiObjectMetadataProblems(props.metadata, 'ClusterExtension', 'extension.apiObject'));
    if (!isDns1123Label(installNamespace)) {
      out.push(problem('metadata.namespace', 'must be a DNS-1123 label (the install namespace)', installNamespace,
        props.metadata?.namespace !== undefined ? 'use e.g. "backup-system"' : 'it defaults to the chart\'s namespace, else <name>-system: set metadata.namespace'));
    }
    if (packageName === undefined) {
      out.push(problem('packageName', 'must be set when there is no bundle', undefined, 'set packageName, or pass the OlmBundle as bundle'));
    } else if (!isDns1123Subdomain(packageName)) {
      out.push(problem('packageName', 'must be a DNS-1123 subdomain of at most 253 characters', packageName, 'use lowercase letters, digits, "-" and "."'));
    } else if (props.bundle instanceof OlmBundle && props.packageName !== undefined && props.packageName !== props.bundle.packageName) {
      out.push(problem('packageName', `must be the bundle's package "${props.bundle.packageName}"`, props.packageName, 'leave packageName out: it defaults to the bundle\'s'));
    }
    if (props.bundle === undefined && props.serviceAccountName === undefined) {
      out.push(problem('serviceAccountName', 'must be set when there is no bundle (no RBAC can be derived)', undefined, 'name an installer ServiceAccount of the install namespace, or pass the OlmBundle as bundle'));
    }
    if (props.serviceAccountName !== undefined && !isDns1123Subdomain(props.serviceAccountName)) {
      out.push(problem('serviceAccountName', 'must be a DNS-1123 subdomain', props.serviceAccountName, 'use e.g. "backup-installer"'));
    }
    if (props.version !== undefined) {
      const crd = versionRangeProblems('version', props.version);
      out.push(...crd);
      // the API server accepts some ranges operator-controller's parser (Masterminds/semver) then refuses: never resolved
      const parsed = crd.length === 0 ? parseMastermindsConstraint(props.version) : undefined;
      if (parsed?.error !== undefined) {
        out.push(problem('version', `must be a range operator-controller can parse (Masterminds/semver: ${parsed.error})`, props.version,
          'use numeric parts without leading zeros, e.g. ">=0.3.0, <1.0.0"'));
      }
    }
    if (props.channels !== undefined) {
      if (props.channels.length > 256) out.push(problem('channels', 'must list at most 256 channels', props.channels.length, 'list fewer channels'));
      props.channels.forEach((c, i) => {
        if (!isDns1123Subdomain(c)) out.push(problem(`channels[${i}]`, 'must be a DNS-1123 subdomain', c, 'use e.g. "stable"'));
      });
    }
    return out;
  }

  /** OLM v1's installability of opskit's bundle: errors fail the synth, warnings are warnings. */
  private installabilityProblems(bundle: OlmBundle, channels: readonly string[] | undefined): Problem[] {
    const content = bundle._installContent();
    if (content === undefined) return []; // the bundle reports its own problems; checked again once they are fixed
    if (channels !== undefined && !channels.some((c) => bundle._channels.includes(c))) {
      Warnings.add(this, 'opskit:olm/extension-channel', `channels ${JSON.stringify(channels)} include none of the bundle's channels ${JSON.stringify(bundle._channels)}: this version of the package is not installed from them`);
    }
    const range = this.versionRange === undefined ? undefined : parseMastermindsConstraint(this.versionRange);
    const version = parseSemVer(bundle.version);
    if (range?.matches && version && !range.matches(version)) {
      Warnings.add(this, 'opskit:olm/extension-version', `version "${this.versionRange}" excludes the bundle's version ${bundle.version}: operator-controller does not install this version of the package`);
    }
    const out: Problem[] = [];
    for (const f of OlmV1Installability._checkFiles(content.files)) {
      const text = f.file ? `${f.file}: ${f.message}` : f.message;
      if (f.level === OlmFindingLevel.ERROR) {
        out.push(problem('bundle', 'must be installable by OLM v1 (operator-controller v1.10.0)', undefined, `fix the bundle or its operator: ${text}`, f.rule));
      } else {
        Warnings.add(this, `opskit:${f.rule}`, text);
      }
    }
    return out;
  }
}
