/**
 * The rules OLM's tooling applies to a registry+v1 bundle folder (operator-registry's format checks, the
 * operator-framework/api default suite operator-sdk always runs, and its operatorhub and good-practices suites),
 * each an error or a warning as upstream rates it, plus checks upstream's validators lack. Those extra checks
 * (suite `opskit`) are errors only where a consumer of the bundle refuses or misreads it, and cite that code;
 * everything else is a warning, so opskit never rejects a bundle OLM accepts:
 *
 * | rule | level | why |
 * |---|---|---|
 * | install-mode-duplicate | error | OLM builds the install modes with api's `NewInstallModeSet` (pkg/operators/v1alpha1/clusterserviceversion.go), which refuses a list with a repeated type: the CSV fails |
 * | install-mode-unknown | warning | the CSV CRD has no enum for `installModes[].type` and `NewInstallModeSet` keeps any type; OLM only looks up the four it knows |
 * | package-annotation | error | opm refuses a bundle whose package is empty: its bundle parser (pkg/registry/parse.go, `expandProperties`: "missing package property") and its declcfg→model conversion (alpha/declcfg/declcfg_to_model.go: "package name must be set") |
 * | manifests-path, metadata-path | warning | operator-registry's bundle parser (pkg/registry/parse.go) reads the fixed folders `manifests` and `metadata`; its format check (pkg/lib/bundle/validate.go `validateAnnotations`) compares the expected values with themselves, so nothing reads these two annotations |
 * | default-channel | error | operator-registry's format check refuses it (pkg/lib/bundle/validate.go → generate.go `ValidateChannelDefault`: "The channel list … doesn't contain channelDefault …") |
 * | dockerfile-labels | error for the package and channels labels, warning for the others | OLM and opm read `metadata/annotations.yaml` in the image; `operator-sdk run bundle` and `run bundle-upgrade` read the package and channels from the image's labels (internal/olm/operator/registry, `labels[PackageLabel]`, `labels[ChannelsLabel]`): when those disagree, the two install different packages or channels |
 * | multiple-documents | warning | api's bundle loader (pkg/manifests/bundleloader.go) decodes the first document of each file and ignores the rest |
 *
 * Pure: the folder comes in as file texts. `test/olm/bundle-validator.oracle.test.ts` proves the upstream
 * verdicts against the real validators (tools/olm).
 */
import {
  CHANNELS_ANNOTATION, DEFAULT_CHANNEL_ANNOTATION, dockerfileLabels, MANIFESTS_ANNOTATION, MEDIATYPE_ANNOTATION,
  METADATA_ANNOTATION, PACKAGE_ANNOTATION,
} from './bundle-files';
import { BUNDLE_KINDS, INSTALL_MODE_TYPES } from './csv';
import { deprecatedApiFindings } from './deprecated-apis';
import { isDns1123Subdomain, isLabelValue } from '../../core/names';
import { goTrimSpace, parseSemVer } from '../../core/semver';
import { parseYamlDocuments } from '../../core/yaml';
// operatorhub checks these with Go's mail.ParseAddress and url.ParseRequestURI: the same re-implementations the CRD
// formats use (proven against the API server's Go code)
import { isGoEmail } from '../../operator/model/go-mail';
import { isRequestURI } from '../../operator/model/go-url';

/** Which suite of OLM's tooling a rule belongs to. */
export type BundleSuite = 'default' | 'operatorhub' | 'good-practices' | 'deprecated-apis' | 'opskit' | 'olm-v1';

/** One finding. */
export interface BundleFinding {
  readonly level: 'error' | 'warning';
  /** A stable rule id, e.g. `olm/owned-crd-missing`. */
  readonly rule: string;
  readonly suite: BundleSuite;
  /** The file the finding is about, relative to the bundle folder. */
  readonly file?: string;
  readonly message: string;
}

/** A bundle's limit: the sum over files of base64(gzip(file)) (api's bundle validator). */
export const BUNDLE_SIZE_LIMIT = 1024 * 1024;

const WRONG_CASE: Readonly<Record<string, string>> = {
  'olm.skiprange': 'olm.skipRange',
  'olm.operatorgroup': 'olm.operatorGroup',
  'olm.operatornamespace': 'olm.operatorNamespace',
  'olm.targetnamespaces': 'olm.targetNamespaces',
  'olm.providedapis': 'olm.providedAPIs',
};
const CAPABILITIES = ['Basic Install', 'Seamless Upgrades', 'Full Lifecycle', 'Deep Insights', 'Auto Pilot'];
const CATEGORIES = ['AI/Machine Learning', 'Application Runtime', 'Big Data', 'Cloud Provider', 'Developer Tools', 'Database',
  'Integration & Delivery', 'Logging & Tracing', 'Monitoring', 'Modernization & Migration', 'Networking', 'OpenShift Optional',
  'Security', 'Storage', 'Streaming & Messaging', 'Observability'];
const ICON_TYPES = ['image/gif', 'image/jpeg', 'image/png', 'image/svg+xml'];
const CHANNEL_PREFIXES = ['candidate', 'stable', 'fast'];

/** What the validator needs to know about the folder. */
export interface BundleFolder {
  /** Every file, by path relative to the folder (with `/`). */
  readonly files: ReadonlyMap<string, string>;
  /** base64(gzip()) size of each file, computed by the caller (the model does no compression). */
  readonly compressedSize?: number;
  /**
   * The Kubernetes version the deprecated-API rules check for (operator-sdk's `--optional-values=k8s-version=…`);
   * without it, the CSV's `minKubeVersion`.
   */
  readonly k8sVersion?: string;
}

interface Loaded {
  readonly file: string;
  readonly object: any;
}

/** Validates a bundle folder. */
export function validateBundleFolder(folder: BundleFolder): BundleFinding[] {
  const out: BundleFinding[] = [];
  const f = (level: BundleFinding['level'], suite: BundleSuite, rule: string, message: string, file?: string) =>
    out.push({ level, suite, rule: `olm/${rule}`, message, ...(file ? { file } : {}) });
  const { paths, layout, manifestPaths } = bundleLayout(folder.files);

  // A. layout and annotations (bundle layout only: a flat folder of manifests is what api's loader also reads)
  let annotations: Record<string, unknown> | undefined;
  if (layout) {
    for (const p of manifestPaths) {
      const rest = p.slice('manifests/'.length);
      if (rest.includes('/')) f('error', 'default', 'manifests-subdirectory', `bundle manifests dir contains directory: ${rest.split('/')[0]}`, p);
      if (rest.startsWith('.')) f('error', 'default', 'manifests-hidden-file', `bundle manifests dir has hidden file: ${rest}`, p);
    }
    const metadataFiles = paths.filter((p) => p.startsWith('metadata/'));
    if (metadataFiles.length === 0) f('error', 'default', 'metadata-missing', 'Unable to locate metadata directory');
    for (const p of metadataFiles) {
      const doc = (safeParse(folder.files.get(p)!) ?? [])[0];
      if (doc && typeof doc === 'object' && doc.annotations && typeof doc.annotations === 'object') annotations = doc.annotations;
    }
    if (metadataFiles.length > 0 && !annotations) f('error', 'default', 'annotations-missing', 'Could not find annotations file');
  }
  if (annotations) checkAnnotations(annotations, f);
  const dockerfile = paths.find((p) => p === 'bundle.Dockerfile');
  if (annotations && dockerfile) {
    const labels = dockerfileLabels(folder.files.get(dockerfile)!);
    for (const [k, v] of Object.entries(annotations)) {
      if (labels[k] === String(v)) continue;
      // operator-sdk run bundle / bundle-upgrade take the package and channel from these labels, OLM from the file
      const misread = k === PACKAGE_ANNOTATION || k === CHANNELS_ANNOTATION;
      f(misread ? 'error' : 'warning', 'opskit', 'dockerfile-labels', `bundle.Dockerfile label ${k} is ${labels[k] === undefined ? 'missing' : JSON.stringify(labels[k])}, but metadata/annotations.yaml says ${JSON.stringify(v)}${misread ? ' (operator-sdk run bundle reads the label, OLM the file)' : ''}`, dockerfile);
    }
  }

  // the manifests: only the first YAML document of each file counts, as OLM loads them
  const { loaded, unparsable, documents } = readManifests(folder.files, manifestPaths);
  for (const p of unparsable) f('error', 'default', 'manifest-parse', `unable to parse ${p} as YAML`, p);
  for (const [p, n] of documents) f('warning', 'opskit', 'multiple-documents', `${p} holds ${n} documents; OLM reads only the first`, p);
  const csvs = loaded.filter((l) => l.object.kind === 'ClusterServiceVersion');
  if (csvs.length === 0) {
    f('error', 'default', 'csv-missing', 'unable to find a csv in bundle directory');
    return out;
  }
  if (csvs.length > 1) f('error', 'default', 'multiple-csvs', 'invalid bundle: contains multiple CSVs');
  const csv = csvs[0].object;
  const crds = loaded.filter((l) => l.object.kind === 'CustomResourceDefinition');
  const others = loaded.filter((l) => l.object.kind !== 'ClusterServiceVersion' && l.object.kind !== 'CustomResourceDefinition');

  // B. the other objects
  for (const l of others) {
    if (!BUNDLE_KINDS.has(l.object.kind)) f('error', 'default', 'unsupported-kind', `${l.object.kind} is not supported type for registryV1 bundle`, l.file);
    if (l.object.metadata?.namespace !== undefined) f('error', 'default', 'object-namespace', `${l.object.kind}/${l.object.metadata?.name}: metadata.namespace is not allowed on this type`, l.file);
    if (!l.object.metadata?.name && !l.object.metadata?.generateName) f('error', 'default', 'object-name', `${l.object.kind}: name or generateName is required`, l.file);
  }
  for (const l of crds) {
    const v = String(l.object.apiVersion);
    if (v !== 'apiextensions.k8s.io/v1' && v !== 'apiextensions.k8s.io/v1beta1') f('error', 'default', 'crd-version', `unsupported CRD version ${v}`, l.file);
  }

  checkCsv(csv, csvs[0].file, f);
  checkBundle(csv, crds, others, f);
  if (folder.compressedSize !== undefined) {
    if (folder.compressedSize > BUNDLE_SIZE_LIMIT) {
      f('error', 'default', 'size', `the bundle compressed size ${folder.compressedSize} bytes exceeds the limit of ${BUNDLE_SIZE_LIMIT} bytes`);
    } else if (folder.compressedSize > BUNDLE_SIZE_LIMIT * 0.85) {
      f('warning', 'default', 'size', `the bundle compressed size ${folder.compressedSize} bytes is over 85% of the limit of ${BUNDLE_SIZE_LIMIT} bytes`);
    }
  }
  checkOperatorHub(csv, csvs[0].file, f);
  checkGoodPractices(csv, annotations, f);
  for (const d of deprecatedApiFindings(loaded.map((l) => l.object), csv, folder.k8sVersion)) f(d.level, 'deprecated-apis', d.rule, d.message, csvs[0].file);
  return out;
}

function bundleLayout(files: ReadonlyMap<string, string>): { paths: string[]; layout: boolean; manifestPaths: string[] } {
  const paths = [...files.keys()].sort();
  const layout = paths.some((p) => p.startsWith('manifests/'));
  const manifestPaths = layout ? paths.filter((p) => p.startsWith('manifests/')) : paths.filter((p) => /\.(ya?ml|json)$/.test(p) && !p.includes('/'));
  return { paths, layout, manifestPaths };
}

/** The manifests as OLM loads them: the first YAML document of each file; files that do not parse; files with several documents. */
function readManifests(files: ReadonlyMap<string, string>, manifestPaths: readonly string[]):
{ loaded: Loaded[]; unparsable: string[]; documents: Array<[string, number]> } {
  const loaded: Loaded[] = [];
  const unparsable: string[] = [];
  const documents: Array<[string, number]> = [];
  for (const p of manifestPaths) {
    const docs = safeParse(files.get(p)!);
    if (docs === undefined) {
      unparsable.push(p);
      continue;
    }
    if (docs.length > 1) documents.push([p, docs.length]);
    if (docs[0] && typeof docs[0] === 'object') loaded.push({ file: p, object: docs[0] });
  }
  return { loaded, unparsable, documents };
}

/** A bundle folder read as the validator reads it (for other checks of the same folder, e.g. OLM v1's). */
export interface ReadBundle {
  /** The first CSV and its file; undefined when there is none. */
  readonly csv?: any;
  readonly csvFile?: string;
  /** The other manifests (CRDs included), first document of each file. */
  readonly manifests: any[];
  /** `metadata/dependencies.yaml`'s `dependencies`. */
  readonly dependencies: any[];
  /** `metadata/properties.yaml`'s `properties`. */
  readonly properties: any[];
}

/** Reads a bundle folder with the validator's reader (layout detection, first document per manifest). */
export function readBundle(files: ReadonlyMap<string, string>): ReadBundle {
  const { manifestPaths } = bundleLayout(files);
  const { loaded } = readManifests(files, manifestPaths);
  const csv = loaded.find((l) => l.object.kind === 'ClusterServiceVersion');
  const metadataList = (name: string, key: string): any[] => {
    const text = files.get(`metadata/${name}`);
    const doc = text === undefined ? undefined : (safeParse(text) ?? [])[0];
    return Array.isArray(doc?.[key]) ? doc[key] : [];
  };
  return {
    csv: csv?.object,
    csvFile: csv?.file,
    manifests: loaded.filter((l) => l !== csv).map((l) => l.object),
    dependencies: metadataList('dependencies.yaml', 'dependencies'),
    properties: metadataList('properties.yaml', 'properties'),
  };
}

type Report = (level: BundleFinding['level'], suite: BundleSuite, rule: string, message: string, file?: string) => void;

function safeParse(text: string): any[] | undefined {
  try {
    return parseYamlDocuments(text);
  } catch {
    return undefined;
  }
}

function checkAnnotations(a: Record<string, unknown>, f: Report): void {
  for (const key of [MEDIATYPE_ANNOTATION, MANIFESTS_ANNOTATION, METADATA_ANNOTATION, PACKAGE_ANNOTATION, CHANNELS_ANNOTATION]) {
    if (!(key in a)) f('error', 'default', 'annotation-missing', `Missing annotation "${key}"`, 'metadata/annotations.yaml');
  }
  if (MEDIATYPE_ANNOTATION in a && a[MEDIATYPE_ANNOTATION] !== 'registry+v1') {
    f('error', 'default', 'mediatype', `Expecting annotation "${MEDIATYPE_ANNOTATION}" to have value "registry+v1" instead of "${String(a[MEDIATYPE_ANNOTATION])}"`, 'metadata/annotations.yaml');
  }
  if (CHANNELS_ANNOTATION in a && String(a[CHANNELS_ANNOTATION] ?? '').trim() === '') {
    f('error', 'default', 'channels', `Expecting annotation "${CHANNELS_ANNOTATION}" to have non-empty value`, 'metadata/annotations.yaml');
  }
  if (DEFAULT_CHANNEL_ANNOTATION in a && String(a[DEFAULT_CHANNEL_ANNOTATION] ?? '').trim() === '') {
    f('error', 'default', 'channels', `Expecting annotation "${DEFAULT_CHANNEL_ANNOTATION}" to have non-empty value`, 'metadata/annotations.yaml');
  }
  // api checks these only for presence; opm refuses an empty package (declcfg_to_model.go)
  if (PACKAGE_ANNOTATION in a && String(a[PACKAGE_ANNOTATION] ?? '').trim() === '') {
    f('error', 'opskit', 'package-annotation', `annotation "${PACKAGE_ANNOTATION}" must name the package (opm refuses a bundle without one)`, 'metadata/annotations.yaml');
  }
  // nothing reads these two: operator-registry's parser opens manifests/ and metadata/ whatever they say
  if (MANIFESTS_ANNOTATION in a && a[MANIFESTS_ANNOTATION] !== 'manifests/') {
    f('warning', 'opskit', 'manifests-path', `annotation "${MANIFESTS_ANNOTATION}" should be "manifests/": OLM reads the manifests from manifests/ whatever it says`, 'metadata/annotations.yaml');
  }
  if (METADATA_ANNOTATION in a && a[METADATA_ANNOTATION] !== 'metadata/') {
    f('warning', 'opskit', 'metadata-path', `annotation "${METADATA_ANNOTATION}" should be "metadata/": OLM reads the annotations from metadata/ whatever it says`, 'metadata/annotations.yaml');
  }
  // operator-registry's ValidateChannelDefault (splits the list at commas, untrimmed)
  const channels = String(a[CHANNELS_ANNOTATION] ?? '').split(',');
  const def = a[DEFAULT_CHANNEL_ANNOTATION];
  if (typeof def === 'string' && def !== '' && String(a[CHANNELS_ANNOTATION] ?? '') !== '' && !channels.includes(def)) {
    f('error', 'opskit', 'default-channel', `The channel list "${String(a[CHANNELS_ANNOTATION])}" doesn't contain channelDefault "${def}"`, 'metadata/annotations.yaml');
  }
}

/** The group/version/kind triples the CSV owns, as api's CSV validator derives them. */
function ownedGvks(csv: any): string[] {
  const owned: any[] = Array.isArray(csv?.spec?.customresourcedefinitions?.owned) ? csv.spec.customresourcedefinitions.owned : [];
  return owned.map((o) => `${String(o?.name ?? '').split('.').slice(1).join('.')}/${o?.version}, Kind=${o?.kind}`);
}

function checkCsv(csv: any, file: string, f: Report): void {
  const name = csv?.metadata?.name;
  if (!csv?.apiVersion) f('error', 'default', 'csv-required', '\'apiVersion\' is missing', file);
  if (!isDns1123Subdomain(name) || !isLabelValue(name)) {
    f('error', 'default', 'csv-name', `metadata.name ${JSON.stringify(name)} is invalid: must be a DNS-1123 subdomain and a label value (at most 63 characters)`, file);
  }
  const replaces = csv?.spec?.replaces;
  if (replaces !== undefined && replaces !== '' && (!isDns1123Subdomain(replaces) || !isLabelValue(replaces))) {
    f('error', 'default', 'csv-replaces', `spec.replaces ${JSON.stringify(replaces)} is invalid`, file);
  }
  const annotations = csv?.metadata?.annotations;
  for (const key of Object.keys(annotations ?? {})) {
    const right = WRONG_CASE[key.toLowerCase()];
    if (right && key !== right) f('error', 'default', 'annotation-case', `provided annotation ${key} uses wrong case and should be ${right} instead`, file);
  }
  if (annotations && 'olm.properties' in annotations) {
    f('warning', 'default', 'olm-properties', 'found olm.properties annotation, please define these properties in metadata/properties.yaml instead', file);
  }
  const owned = ownedGvks(csv);
  const examples = annotations?.['alm-examples'] ?? annotations?.['olm.examples'];
  if (!annotations || Object.keys(annotations).length === 0) {
    f('warning', 'default', 'csv-annotations', 'annotations not found', file);
  } else if (examples === undefined) {
    f('warning', 'default', 'examples-missing', 'example annotations not found', file);
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(examples));
    } catch (e) {
      f('error', 'default', 'examples-parse', `invalid example: ${(e as Error).message}`, file);
    }
    if (Array.isArray(parsed)) {
      const given = new Set<string>();
      for (const ex of parsed) {
        const [group, version] = String(ex?.apiVersion ?? '').includes('/') ? String(ex.apiVersion).split('/') : ['', String(ex?.apiVersion ?? '')];
        const gvk = `${group}/${version}, Kind=${ex?.kind}`;
        given.add(gvk);
        if (!owned.includes(gvk)) f('error', 'default', 'example-not-owned', `${gvk}: example must have a provided API`, file);
      }
      for (const gvk of owned) if (!given.has(gvk)) f('warning', 'default', 'example-missing', `${gvk}: provided API should have an example annotation`, file);
    }
  }
  for (const o of csv?.spec?.customresourcedefinitions?.owned ?? []) {
    if (!String(o?.name ?? '').includes('.')) f('error', 'default', 'owned-name', `couldn't parse plural.group from crd name: ${o?.name}`, file);
  }
  const modes: any[] = Array.isArray(csv?.spec?.installModes) ? csv.spec.installModes : [];
  if (modes.length === 0) {
    f('error', 'default', 'install-modes', 'install modes not found', file);
  } else if (!modes.some((m) => m?.supported === true)) {
    f('error', 'default', 'install-modes', 'none of InstallModeTypes are supported', file);
  }
  const types = modes.map((m) => m?.type);
  // OLM's NewInstallModeSet refuses a repeated type: the CSV fails to install
  for (const t of types.filter((x, i) => types.indexOf(x) !== i)) f('error', 'opskit', 'install-mode-duplicate', `install mode ${t} is listed twice (OLM: "InstallMode list contains duplicates")`, file);
  // OLM keeps and ignores a type it does not know
  for (const t of types.filter((x) => !(INSTALL_MODE_TYPES as readonly string[]).includes(x))) {
    f('warning', 'opskit', 'install-mode-unknown', `install mode ${JSON.stringify(t)} is not one of ${INSTALL_MODE_TYPES.join(', ')}; OLM ignores it`, file);
  }
  const conversion = (csv?.spec?.webhookdefinitions ?? []).some((w: any) => Array.isArray(w?.conversionCRDs) && w.conversionCRDs.length > 0);
  const supports = (t: string) => modes.some((m) => m?.type === t && m?.supported === true);
  if (conversion && (!supports('AllNamespaces') || INSTALL_MODE_TYPES.some((t) => t !== 'AllNamespaces' && supports(t)))) {
    f('error', 'default', 'conversion-install-modes', 'only AllNamespaces InstallModeType is supported when conversionCRDs is present', file);
  }
  const min = csv?.spec?.minKubeVersion;
  if (min === undefined || goTrimSpace(String(min)) === '') {
    f('warning', 'default', 'min-kube-version', 'csv.Spec.minKubeVersion is not informed', file);
  } else if (!parseSemVer(String(min))) {
    f('error', 'default', 'min-kube-version', `csv.Spec.MinKubeVersion has an invalid value: ${min}`, file);
  }
  if (!csv?.spec?.displayName) f('error', 'default', 'csv-required', 'required field missing: Spec.DisplayName', file);
  if (!csv?.spec?.install?.strategy) f('error', 'default', 'csv-required', 'required field missing: Spec.InstallStrategy.StrategyName', file);
}

function checkBundle(csv: any, crds: readonly Loaded[], others: readonly Loaded[], f: Report): void {
  const owned = ownedGvks(csv);
  const inBundle: string[] = [];
  for (const l of crds) {
    const group = l.object.spec?.group;
    const kind = l.object.spec?.names?.kind;
    const versions: string[] = Array.isArray(l.object.spec?.versions) ? l.object.spec.versions.map((v: any) => v?.name) : [l.object.spec?.version];
    for (const v of versions) {
      const gvk = `${group}/${v}, Kind=${kind}`;
      if (inBundle.includes(gvk)) f('error', 'default', 'duplicate-crd', `duplicate CRD "${gvk}" in bundle "${csv?.metadata?.name}"`, l.file);
      inBundle.push(gvk);
    }
  }
  for (const gvk of owned) if (!inBundle.includes(gvk)) f('error', 'default', 'owned-crd-missing', `owned CRD "${gvk}" not found in bundle "${csv?.metadata?.name}"`);
  const ownedKinds = new Set(owned.map((g) => `${g.split('/')[0]}|${g.split('Kind=')[1]}`));
  for (const gvk of new Set(inBundle)) {
    if (!owned.includes(gvk) && !ownedKinds.has(`${gvk.split('/')[0]}|${gvk.split('Kind=')[1]}`)) {
      f('error', 'default', 'crd-not-in-csv', `CRD "${gvk}" is present in bundle "${csv?.metadata?.name}" but not defined in CSV`);
    }
  }
  const deployments: any[] = csv?.spec?.install?.spec?.deployments ?? [];
  const accounts = new Set(deployments.map((d) => d?.spec?.template?.spec?.serviceAccountName).filter(Boolean));
  for (const l of others) {
    if (l.object.kind === 'ServiceAccount' && accounts.has(l.object.metadata?.name)) {
      f('error', 'default', 'service-account', `invalid service account found in bundle: ${l.object.metadata?.name} is the CSV deployment's service account, which OLM creates`, l.file);
    }
  }
  (csv?.spec?.relatedImages ?? []).forEach((r: any, i: number) => {
    if (!r?.image) f('error', 'default', 'related-image', `relatedImages[${i}] has an empty image field`);
  });
}

function checkOperatorHub(csv: any, file: string, f: Report): void {
  const spec = csv?.spec ?? {};
  if (!spec.provider?.name) f('error', 'operatorhub', 'provider', 'csv.Spec.Provider.Name not specified', file);
  for (const m of spec.maintainers ?? []) {
    if (!m?.name || !m?.email) f('error', 'operatorhub', 'maintainers', 'csv.Spec.Maintainers elements should contain both name and email', file);
    else if (!isGoEmail(String(m.email))) f('error', 'operatorhub', 'maintainers', `invalid email format for maintainer ${m.name}: ${m.email}`, file);
  }
  for (const l of spec.links ?? []) {
    if (!l?.name || !l?.url) f('error', 'operatorhub', 'links', 'csv.Spec.Links elements should contain both name and url', file);
    else if (!isRequestURI(String(l.url))) f('error', 'operatorhub', 'links', `invalid url for link ${l.name}: ${l.url}`, file);
  }
  if (!spec.version) f('error', 'operatorhub', 'version', 'csv.Spec.Version must be set', file);
  const icons: any[] = Array.isArray(spec.icon) ? spec.icon : [];
  if (icons.length === 0) {
    f('warning', 'operatorhub', 'icon', 'csv.Spec.Icon not specified', file);
  } else {
    if (icons.length > 1) f('error', 'operatorhub', 'icon', 'csv.Spec.Icon should only have one element', file);
    for (const i of icons) {
      if (!i?.base64data || !i?.mediatype) f('error', 'operatorhub', 'icon', 'csv.Spec.Icon elements should contain both data and mediatype', file);
      else if (!ICON_TYPES.includes(i.mediatype)) f('error', 'operatorhub', 'icon', `icon mediatype ${i.mediatype} is not one of ${ICON_TYPES.join(', ')}`, file);
    }
  }
  const annotations = csv?.metadata?.annotations ?? {};
  if (annotations.capabilities !== undefined && !CAPABILITIES.includes(annotations.capabilities)) {
    f('error', 'operatorhub', 'capabilities', `csv.Metadata.Annotations.Capabilities ${annotations.capabilities} is not a valid capabilities level`, file);
  }
  for (const c of String(annotations.categories ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
    if (!CATEGORIES.includes(c)) f('error', 'operatorhub', 'categories', `csv.Metadata.Annotations.Categories ${c} is not a valid category`, file);
  }
}

function checkGoodPractices(csv: any, annotations: Record<string, unknown> | undefined, f: Report): void {
  const deployments: any[] = csv?.spec?.install?.spec?.deployments ?? [];
  if (deployments.length === 0) f('error', 'good-practices', 'no-deployment', 'unable to find a deployment to install in the CSV');
  for (const d of deployments) {
    for (const c of d?.spec?.template?.spec?.containers ?? []) {
      if (!c?.resources?.requests) f('warning', 'good-practices', 'resource-requests', `unable to find the resource requests for the container: (${c?.name})`);
    }
  }
  for (const o of [...(csv?.spec?.customresourcedefinitions?.owned ?? []), ...(csv?.spec?.customresourcedefinitions?.required ?? [])]) {
    if (!o?.description) f('warning', 'good-practices', 'crd-description', `owned CRD "${o?.name}" has an empty description`);
  }
  const channels = String(annotations?.[CHANNELS_ANNOTATION] ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const odd = channels.filter((c) => !CHANNEL_PREFIXES.some((p) => c.startsWith(p)));
  if (odd.length > 0) f('warning', 'good-practices', 'channel-names', `channel(s) ${JSON.stringify(odd)} are not following the recommended naming convention`);
  const grants = [...(csv?.spec?.install?.spec?.permissions ?? []), ...(csv?.spec?.install?.spec?.clusterPermissions ?? [])]
    .flatMap((p: any) => p?.rules ?? [])
    .some((r: any) => (r?.apiGroups ?? []).some((g: string) => g === 'apiextensions.k8s.io' || g === '*')
      && (r?.resources ?? []).some((x: string) => x === 'customresourcedefinitions' || x === '*')
      && (r?.verbs ?? []).some((v: string) => v === 'create' || v === 'patch' || v === '*'));
  if (grants) f('warning', 'good-practices', 'crd-permissions', 'CSV contains permissions to create CRD. An Operator shouldn\'t deploy or manage other operators');
  const name = String(csv?.metadata?.name ?? '');
  const parts = name.split('.v');
  if (parts.length !== 2 || !parseSemVer(parts[1])) f('warning', 'good-practices', 'csv-name-semver', `CSV name ${name} should be <operator>.v<semver>`);
}

