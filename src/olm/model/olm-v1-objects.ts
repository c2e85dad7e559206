/**
 * OLM v1's two APIs, `olm.operatorframework.io/v1` ClusterCatalog and ClusterExtension, checked with the validation
 * rules of their CRDs: the kubebuilder markers (enums, minimum/maximum, max lengths, max items) and the CEL rules
 * (`x-kubernetes-validations`) of operator-controller's `api/v1/clustercatalog_types.go` and
 * `api/v1/clusterextension_types.go`.
 *
 * Read by hand at operator-controller **v1.10.0** (commit b5f05bbf7e2a8692f0726dc6747cc6a5c9ad8e96), the last
 * release where `spec.serviceAccount` is required and used to install; from v1.11.0 it is deprecated and ignored
 * (operator-controller installs as cluster-admin), the rest of both CRDs is unchanged up to commit df2c201d.
 * No real operator-controller judges these objects here: the Go module proxy does not serve it.
 *
 * CEL `matches` is RE2 and unanchored: `re2Test` (the one RE2 checker). CEL `find` returns the leftmost match; its
 * three patterns here (`(@.*:)`, `:.*$`, the repository-name pattern) read the same in JavaScript's RegExp.
 *
 * `spec.source.catalog.version` is a Masterminds/semver/v3 constraint (what operator-controller resolves with), not
 * a blang range like a CSV's `olm.skipRange` (`src/core/semver-range.ts`); the API server accepts what the CRD's
 * regular expression accepts (no hyphen ranges `1.2 - 1.4`, at most 64 characters), which `versionRangeProblems`
 * applies as written.
 */
import { isDns1123Label, isDns1123Subdomain, labelProblems, qualifiedNameProblems } from '../../core/names';
import { nestProblems, Problem, problem } from '../../core/problem';
import { re2Test } from '../../core/re2';

/** The API version of both kinds. */
export const OLM_V1_API_VERSION = 'olm.operatorframework.io/v1';
/** The operator-controller release these rules were read from. */
export const OLM_V1_VERSION_READ = 'v1.10.0';
/** The label operator-controller puts on every ClusterCatalog, with its name (for catalog selectors). */
export const CATALOG_NAME_LABEL = 'olm.operatorframework.io/metadata.name';

export const AVAILABILITY_MODES = ['Available', 'Unavailable'];
export const UPGRADE_CONSTRAINT_POLICIES = ['CatalogProvided', 'SelfCertified'];
const ENFORCEMENTS = ['None', 'Strict'];
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
/** The bounds of a CRD `int32` field (`spec.priority`). */
export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

const DOMAIN = '^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])((\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))+)?(:[0-9]+)?\\b';
const NAME = /(\/[a-z0-9]+((([._]|__|[-]*)[a-z0-9]+)+)?((\/[a-z0-9]+((([._]|__|[-]*)[a-z0-9]+)+)?)+)?)/;
const DIGEST_SEP = /(@.*:)/;
const TAIL = /:.*$/;
const ALGORITHM = '(@[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*[:])';
const SUBDOMAIN_CEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
// the CRD's version rule as written (quirks kept: `[x|X|\*]`, a stray `]`, the empty operator `=||`); RE2's \s
const S = '[\\t\\n\\f\\r ]';
const VERSION = `^(${S}*(=||!=|>|<|>=|=>|<=|=<|~|~>|\\^)${S}*(v?(0|[1-9]\\d*|[x|X|\\*])(\\.(0|[1-9]\\d*|x|X|\\*]))?(\\.(0|[1-9]\\d*|x|X|\\*))?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)${S}*)`
  + `((?:${S}+|,${S}*|${S}*\\|\\|${S}*)(=||!=|>|<|>=|=>|<=|=<|~|~>|\\^)${S}*(v?(0|[1-9]\\d*|x|X|\\*])(\\.(0|[1-9]\\d*|x|X|\\*))?(\\.(0|[1-9]\\d*|x|X|\\*]))?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?)${S}*)*$`;

function find(re: RegExp, s: string): string {
  return s.match(re)?.[0] ?? '';
}

/** Whether an image reference names a digest (`…@sha256:…`), as the CRD decides it. */
export function isDigestRef(ref: string): boolean {
  return find(DIGEST_SEP, ref) !== '';
}

/** The problems of `spec.source.image.ref` (ImageSource.ref's max length and seven CEL rules). */
export function catalogImageRefProblems(field: string, ref: unknown): Problem[] {
  if (typeof ref !== 'string') return [problem(field, 'must be a string', ref, 'use e.g. "quay.io/operatorhubio/catalog@sha256:…"')];
  const out: Problem[] = [];
  const p = (expected: string, fix: string) => out.push(problem(field, expected, ref, fix, 'olm-v1/image-ref'));
  if (ref.length > 1000) p('must be at most 1000 characters', 'use a shorter reference');
  if (!re2Test(DOMAIN, ref)) p('must start with a valid domain (alphanumeric parts separated by ".", an optional :port)', 'write the registry first, e.g. "quay.io/…"');
  if (find(NAME, ref) === '') p('must have a valid repository name (lowercase alphanumerics separated by ".", "_", "__", "-", parts joined by "/")', 'e.g. "quay.io/acme/catalog:v1"');
  const digest = find(DIGEST_SEP, ref);
  const tail = find(TAIL, ref);
  if (digest === '' && tail === '') p('must end with a digest or a tag', 'add "@sha256:<digest>" (or a tag such as ":v1")');
  if (digest === '' && tail !== '') {
    if (tail.slice(1).length > 127) p('must have a tag of at most 127 characters', 'use a shorter tag');
    if (!re2Test(':[\\w][\\w.-]*$', tail)) p('must have a valid tag: a word character followed by word characters, "." or "-"', 'e.g. ":v1.2.0"');
  }
  if (digest !== '') {
    if (!re2Test(ALGORITHM, digest)) p('must have a valid digest algorithm (a letter, then letters and digits, parts joined by "-", "_", "+", ".")', 'e.g. "@sha256:…"');
    if (tail.slice(1).length < 32) p('must have a digest of at least 32 characters', 'use the full digest');
    if (!re2Test(':[0-9A-Fa-f]*$', tail)) p('must have a digest of hex characters only', 'use the full hex digest');
  }
  return out;
}

/** The problems of `spec.source.catalog.version` (max length 64 and the CRD's regular expression). */
export function versionRangeProblems(field: string, version: unknown): Problem[] {
  if (typeof version !== 'string') return [problem(field, 'must be a string', version, 'use e.g. ">=0.3.0 <1.0.0"')];
  const out: Problem[] = [];
  if (version.length > 64) out.push(problem(field, 'must be at most 64 characters', version, 'shorten the range', 'olm-v1/version'));
  if (!re2Test(VERSION, version)) {
    out.push(problem(field, 'must be a version or range OLM v1 accepts (comparisons such as ">=1.2.0, <2", "~1.2", "^1", "1.2.x", joined by "," or " " and "||"; no hyphen ranges)',
      version, 'use e.g. ">=0.3.0, <1.0.0" or "0.3.1"', 'olm-v1/version'));
  }
  return out;
}

function subdomainProblems(field: string, value: unknown, what: string): Problem[] {
  if (typeof value === 'string' && value.length <= 253 && re2Test(SUBDOMAIN_CEL, value) && isDns1123Subdomain(value)) return [];
  return [problem(field, `must be a DNS-1123 subdomain of at most 253 characters (${what})`, value, 'use lowercase letters, digits, "-" and "."', 'olm-v1/name')];
}

function enumProblems(field: string, value: unknown, allowed: readonly string[]): Problem[] {
  return value === undefined || allowed.includes(value as string) ? [] : [problem(field, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value, 'use one of those', 'olm-v1/enum')];
}

function intProblems(field: string, value: unknown, min: number, max: number): Problem[] {
  if (value === undefined) return [];
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? []
    : [problem(field, `must be an integer from ${min} to ${max}`, value, 'use a whole number in range', 'olm-v1/range')];
}

/** The problems of a ClusterCatalog object, fields as paths in the object. */
export function checkClusterCatalogObject(obj: any): Problem[] {
  const spec = obj?.spec;
  if (!spec || typeof spec !== 'object') return [problem('spec', 'is required', spec, 'add spec.source', 'olm-v1/required')];
  const out: Problem[] = [];
  out.push(...intProblems('spec.priority', spec.priority, INT32_MIN, INT32_MAX));
  out.push(...enumProblems('spec.availabilityMode', spec.availabilityMode, AVAILABILITY_MODES));
  const source = spec.source;
  if (!source || typeof source !== 'object') return [...out, problem('spec.source', 'is required', source, 'add source.type Image and source.image.ref', 'olm-v1/required')];
  if (source.type !== 'Image') out.push(problem('spec.source.type', 'must be "Image"', source.type, 'set type: Image', 'olm-v1/enum'));
  if ((source.type === 'Image') !== (source.image !== undefined)) {
    out.push(problem('spec.source.image', 'is required when source type is Image, and forbidden otherwise', source.image, 'set type: Image with image.ref', 'olm-v1/union'));
  }
  const image = source.image;
  if (image && typeof image === 'object') {
    if (image.ref === undefined) out.push(problem('spec.source.image.ref', 'is required', undefined, 'set the catalog image reference', 'olm-v1/required'));
    else out.push(...catalogImageRefProblems('spec.source.image.ref', image.ref));
    out.push(...intProblems('spec.source.image.pollIntervalMinutes', image.pollIntervalMinutes, 1, Number.MAX_SAFE_INTEGER));
    if (typeof image.ref === 'string' && isDigestRef(image.ref) && image.pollIntervalMinutes !== undefined) {
      out.push(problem('spec.source.image.pollIntervalMinutes', 'cannot be set with a digest-based image', image.pollIntervalMinutes, 'leave it out: a digest never changes', 'olm-v1/poll-digest'));
    }
  }
  return out;
}

/** The problems of a label selector of ClusterCatalogs. */
function selectorProblems(field: string, selector: any): Problem[] {
  if (selector === undefined) return [];
  const out: Problem[] = [...labelProblems(`${field}.matchLabels`, selector?.matchLabels ?? {})];
  (selector?.matchExpressions ?? []).forEach((e: any, i: number) => {
    const f = `${field}.matchExpressions[${i}]`;
    out.push(...qualifiedNameProblems(`${f}.key`, e?.key));
    out.push(...enumProblems(`${f}.operator`, e?.operator, SELECTOR_OPERATORS));
    const hasValues = Array.isArray(e?.values) && e.values.length > 0;
    if ((e?.operator === 'In' || e?.operator === 'NotIn') && !hasValues) out.push(problem(`${f}.values`, 'must be non-empty for In and NotIn', e?.values, 'list the values', 'olm-v1/selector'));
    if ((e?.operator === 'Exists' || e?.operator === 'DoesNotExist') && hasValues) out.push(problem(`${f}.values`, 'must be empty for Exists and DoesNotExist', e?.values, 'leave values out', 'olm-v1/selector'));
  });
  return out;
}

/** The problems of a ClusterExtension object (operator-controller v1.10.0), fields as paths in the object. */
export function checkClusterExtensionObject(obj: any): Problem[] {
  const spec = obj?.spec;
  if (!spec || typeof spec !== 'object') return [problem('spec', 'is required', spec, 'add spec.namespace, spec.serviceAccount and spec.source', 'olm-v1/required')];
  const out: Problem[] = [];
  if (typeof spec.namespace !== 'string' || !isDns1123Label(spec.namespace)) {
    out.push(problem('spec.namespace', 'must be a DNS-1123 label of at most 63 characters', spec.namespace, 'use the install namespace, e.g. "backup-system"', 'olm-v1/namespace'));
  }
  const sa = spec.serviceAccount;
  if (!sa || typeof sa !== 'object' || sa.name === undefined) {
    out.push(problem('spec.serviceAccount.name', `is required (operator-controller ${OLM_V1_VERSION_READ} installs as this service account)`, sa?.name, 'name the installer service account', 'olm-v1/required'));
  } else {
    out.push(...subdomainProblems('spec.serviceAccount.name', sa.name, 'a ServiceAccount name'));
  }
  const source = spec.source;
  if (!source || typeof source !== 'object') return [...out, problem('spec.source', 'is required', source, 'add sourceType: Catalog and catalog.packageName', 'olm-v1/required')];
  if (source.sourceType !== 'Catalog') out.push(problem('spec.source.sourceType', 'must be "Catalog"', source.sourceType, 'set sourceType: Catalog', 'olm-v1/enum'));
  if ((source.sourceType === 'Catalog') !== (source.catalog !== undefined)) {
    out.push(problem('spec.source.catalog', 'is required when sourceType is Catalog, and forbidden otherwise', source.catalog, 'set sourceType: Catalog with catalog.packageName', 'olm-v1/union'));
  }
  const catalog = source.catalog;
  if (catalog && typeof catalog === 'object') {
    out.push(...subdomainProblems('spec.source.catalog.packageName', catalog.packageName, 'a package name'));
    if (catalog.version !== undefined) out.push(...versionRangeProblems('spec.source.catalog.version', catalog.version));
    if (catalog.channels !== undefined) {
      if (!Array.isArray(catalog.channels)) {
        out.push(problem('spec.source.catalog.channels', 'must be a list', catalog.channels, 'use e.g. ["stable"]', 'olm-v1/channels'));
      } else {
        if (catalog.channels.length > 256) out.push(problem('spec.source.catalog.channels', 'must have at most 256 entries', catalog.channels.length, 'list fewer channels', 'olm-v1/channels'));
        catalog.channels.forEach((c: unknown, i: number) => out.push(...subdomainProblems(`spec.source.catalog.channels[${i}]`, c, 'a channel name')));
      }
    }
    out.push(...enumProblems('spec.source.catalog.upgradeConstraintPolicy', catalog.upgradeConstraintPolicy, UPGRADE_CONSTRAINT_POLICIES));
    out.push(...selectorProblems('spec.source.catalog.selector', catalog.selector));
  }
  if (spec.install !== undefined) {
    const preflight = spec.install?.preflight;
    if (preflight === undefined) out.push(problem('spec.install', 'must set preflight when install is specified', spec.install, 'add install.preflight.crdUpgradeSafety or leave install out', 'olm-v1/install'));
    else if (preflight?.crdUpgradeSafety === undefined) out.push(problem('spec.install.preflight', 'must set crdUpgradeSafety', preflight, 'add crdUpgradeSafety.enforcement', 'olm-v1/install'));
    else out.push(...nestProblems('spec.install.preflight.crdUpgradeSafety', enumProblems('enforcement', preflight.crdUpgradeSafety.enforcement ?? '', ENFORCEMENTS)));
  }
  return out;
}
