import * as fc from 'fast-check';

/*
 * fast-check generators of built-in Kubernetes objects for the differential suite against kube-apiserver: each
 * object is valid except, often, near the edge of one of the value rules opskit's tier 3 claims to check
 * (`src/core/schema/api-rules.ts`) — names, label and annotation syntax, port ranges and names, replicas, Service
 * ports, selector/template agreement, ConfigMap and Secret keys — or for one unknown field.
 */

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Characters that are invalid somewhere: upper case, `_`, `.`, `-`, `/`, `:`, `%`, a space, a non-ASCII letter. */
const ODD_CHARS = ['A', '_', '.', '-', '/', ':', '%', ' ', 'é', '@', '~'];

const run = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...LOWER), minLength: min, maxLength: max });

/** A valid DNS-1123 label (`a-b1`), short. */
const label = fc.tuple(run(1, 1), fc.string({ unit: fc.constantFrom(...LOWER, '-'), maxLength: 6 }), run(1, 1))
  .map(([a, b, c]) => `${a}${b}${c}`);

/** A valid name that is also an RFC 1035 label (starts with a letter). */
const letterName = fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), label).map(([a, b]) => `${a}${b}`);

/** A string of exactly `n` characters of the label alphabet, alphanumeric at both ends. */
const ofLength = (n: number) => (n <= 2 ? 'a'.repeat(n) : `a${'b'.repeat(n - 2)}c`);

/** Takes a valid string and makes it, perhaps, invalid: one odd character at some position. */
function mutated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.constantFrom(...ODD_CHARS), fc.nat()).map(([s, ch, at]) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + ch + s.slice(i);
  });
}

/** Names near every edge of DNS-1123 labels and subdomains, RFC 1035 labels and path segment names. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: label },
  { weight: 2, arbitrary: fc.tuple(label, label).map(([a, b]) => `${a}.${b}`) },
  { weight: 2, arbitrary: mutated(label) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ofLength(63), ofLength(64), `${ofLength(63)}.${ofLength(63)}.${ofLength(63)}.${ofLength(61)}`,
      `${ofLength(63)}.${ofLength(63)}.${ofLength(63)}.${ofLength(62)}`,
      '1abc', '0', 'a', 'a-', '-a', 'a..b', '.a', 'a.', 'Abc', 'foo:bar', 'a/b', '%', '.', '..', '...', 'a b', 'system:aggregate-to-view', '',
    ),
  },
);

/** Label and annotation keys: plain names, prefixed names, and names or prefixes just past their limits. */
export const qualifiedKeyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: label },
  { weight: 3, arbitrary: fc.tuple(label, label, label).map(([p, q, n]) => `${p}.${q}/${n}`) },
  { weight: 2, arbitrary: mutated(label) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ofLength(63), ofLength(64), `example.com/${ofLength(63)}`, `example.com/${ofLength(64)}`,
      `${ofLength(63)}.${ofLength(63)}.${ofLength(63)}.${ofLength(61)}/a`, `${ofLength(63)}.${ofLength(63)}.${ofLength(63)}.${ofLength(62)}/a`,
      'a/b/c', '/a', 'a/', 'Example.com/a', 'app.kubernetes.io/name', 'a_b', '_a', 'a_', 'A.b-c_D', 'kubernetes.io/x', 'a.b/C',
    ),
  },
);

/** Label values: empty, plain, at 63 and 64 characters, and with invalid characters or ends. */
export const labelValueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: label },
  { weight: 2, arbitrary: mutated(label) },
  { weight: 2, arbitrary: fc.constantFrom('', ofLength(63), ofLength(64), '-a', 'a-', 'A_b.C-d', '_', 'a b', 'v1.2.3', '0') },
);

const labelMapArb = fc.dictionary(qualifiedKeyArb, labelValueArb, { maxKeys: 2 });
/** Label maps with only valid entries (selectors whose validity is not what the case is about). */
const validLabelMapArb = fc.dictionary(label, label, { minKeys: 1, maxKeys: 2 });

/** Port numbers near both ends of 1–65535. */
export const portArb: fc.Arbitrary<number> = fc.constantFrom(-1, 0, 1, 53, 80, 8080, 65535, 65536);

/** IANA service names (container port names, named target ports) near their limits. */
export const portNameArb: fc.Arbitrary<string> = fc.constantFrom(
  'http', 'metrics', 'dns-tcp', ofLength(15), ofLength(16), 'HTTP', '8080', 'a--b', '-a', 'a-', 'a.b', 'a_b', 'h2c', 'x',
);

/** ConfigMap and Secret data keys near their limits. */
export const dataKeyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: label },
  { weight: 2, arbitrary: fc.constantFrom('config.yaml', 'A_B', '.env', '..a', '.', '..', 'a/b', 'a b', 'a:b', 'x'.repeat(253), 'x'.repeat(254), '-', '_') },
);

/** `arb`'s value one time in `every`, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** An unknown field somewhere in an object, as a path below the root (`[]` for the object itself). */
export const unknownFieldArb = sometimes(fc.constantFrom<ReadonlyArray<string | number>>(['bogus'], ['metadata', 'bogus'], ['spec', 'bogus'], ['spec', 'template', 'spec', 'containers', 0, 'bogus'], ['spec', 'ports', 0, 'bogus'], ['roleRef', 'bogus']), 8);

const annotationsArb = sometimes(fc.dictionary(fc.oneof({ weight: 4, arbitrary: label }, { weight: 1, arbitrary: qualifiedKeyArb }), fc.constantFrom('x', ''), { maxKeys: 2 }), 3);

type StringMap = Record<string, string> | null | undefined;

function meta(name: string, namespaced: boolean, labels: StringMap, annotations: StringMap): any {
  return {
    name,
    ...(namespaced ? { namespace: 'default' } : {}),
    ...(labels && Object.keys(labels).length > 0 ? { labels } : {}),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

/** Mostly a plain valid value, sometimes one near an edge. */
const mostly = <T>(valid: fc.Arbitrary<T>, edgy: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: edgy });

const metaArb = (namespaced: boolean) => fc.record({
  name: mostly(letterName, nameArb),
  labels: fc.option(mostly(validLabelMapArb, labelMapArb), { freq: 2 }),
  annotations: annotationsArb,
  // a namespace on a cluster-scoped kind, which the server clears
  strayNamespace: sometimes(fc.constantFrom('default', 'Not-A-Label'), 6),
}).map(({ name, labels, annotations, strayNamespace }) => {
  const m = meta(name, namespaced, labels, annotations);
  return !namespaced && strayNamespace ? { ...m, namespace: strayNamespace } : m;
});

const containerPortArb = fc.record({
  containerPort: mostly(fc.constantFrom(8080, 9090), portArb),
  hostPort: sometimes(portArb, 4),
  name: fc.option(mostly(fc.constantFrom('http', 'metrics'), portNameArb), { freq: 2, nil: undefined }),
  protocol: fc.option(fc.constantFrom('TCP', 'UDP'), { freq: 3, nil: undefined }),
}, { requiredKeys: ['containerPort'] }).map(stripUndefined);

const containerArb = fc.record({
  name: mostly(fc.constantFrom('app', 'sidecar'), nameArb),
  ports: fc.array(containerPortArb, { maxLength: 2 }),
}).map(({ name, ports }) => ({ name, image: 'registry.example/app:1', ...(ports.length > 0 ? { ports } : {}) }));

const initContainerArb = containerArb.map((c) => ({ ...c, name: c.name === 'app' || c.name === 'sidecar' ? 'init' : c.name }));

const podSpecArb = fc.record({
  containers: fc.array(containerArb, { minLength: 1, maxLength: 2 }),
  initContainers: sometimes(fc.array(initContainerArb, { minLength: 1, maxLength: 1 }), 5),
  hostNetwork: sometimes(fc.constant(true), 4),
}, { requiredKeys: ['containers'] }).map(stripUndefined);

/** A selector expression about the template's labels: one that holds, one that does not, or a malformed one. */
const expressionArb = fc.constantFrom(
  { key: 'tier', operator: 'In', values: ['web', 'api'] },
  { key: 'tier', operator: 'NotIn', values: ['db'] },
  { key: 'tier', operator: 'Exists' },
  { key: 'tier', operator: 'DoesNotExist' },
  { key: 'track', operator: 'DoesNotExist' },
  { key: 'track', operator: 'Exists' },
  { key: 'tier', operator: 'In', values: ['db'] },
  { key: 'tier', operator: 'In', values: [] },
  { key: 'tier', operator: 'Exists', values: ['web'] },
  { key: 'bad key', operator: 'Exists' },
  { key: 'tier', operator: 'NotIn', values: ['-bad'] },
);

/** A Deployment or DaemonSet whose template labels agree with its selector, or miss or change one of them. */
const workloadArb = fc.record({
  kind: fc.constantFrom('Deployment', 'DaemonSet'),
  metadata: metaArb(true),
  selector: validLabelMapArb,
  templateLabels: fc.constantFrom('same', 'same', 'same', 'extra', 'extra', 'missing', 'changed', 'invalid'),
  extraLabels: labelMapArb,
  replicas: fc.option(mostly(fc.constantFrom(0, 1, 3), fc.constantFrom(-1, 2147483647, 2147483648, 1.5)), { freq: 2, nil: undefined }),
  podSpec: podSpecArb,
  expressions: sometimes(fc.array(expressionArb, { minLength: 1, maxLength: 2 }), 4),
  emptySelector: sometimes(fc.constant(true), 30),
}).map(({ kind, metadata, selector, templateLabels, extraLabels, replicas, podSpec, expressions, emptySelector }) => {
  const first = Object.keys(selector)[0];
  const labels: Record<string, string> = {
    same: { ...selector },
    extra: { ...extraLabels, ...selector },
    missing: Object.fromEntries(Object.entries(selector).filter(([k]) => k !== first)),
    changed: { ...selector, [first]: `${selector[first]}x` },
    invalid: { ...selector, ...extraLabels },
  }[templateLabels]!;
  labels.tier = 'web';
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata,
    spec: {
      ...(kind === 'Deployment' && replicas !== undefined ? { replicas } : {}),
      selector: emptySelector ? {} : { matchLabels: selector, ...(expressions ? { matchExpressions: expressions } : {}) },
      template: { metadata: { labels }, spec: podSpec },
    },
  };
});

const servicePortArb = fc.record({
  port: mostly(fc.constantFrom(80, 443, 8080), portArb),
  targetPort: fc.option(mostly(fc.constantFrom<number | string>(8080, 'http'), fc.oneof(portArb, portNameArb)), { freq: 2, nil: undefined }),
  name: fc.option(mostly(fc.constantFrom('http', 'https', 'metrics', 'grpc'), fc.oneof(portNameArb, nameArb)), { freq: 8, nil: undefined }),
  protocol: fc.option(fc.constantFrom('TCP', 'UDP'), { freq: 3, nil: undefined }),
  // in the default node port range, so that what is checked is where a node port may be used at all
  nodePort: sometimes(fc.constantFrom(0, 30080, 32767), 6),
}, { requiredKeys: ['port'] }).map(stripUndefined);

const serviceArb = fc.record({
  metadata: metaArb(true),
  type: fc.constantFrom('default', 'ClusterIP', 'headless', 'ExternalName', 'NodePort'),
  ports: fc.array(servicePortArb, { maxLength: 3 }),
  selector: fc.option(mostly(validLabelMapArb, labelMapArb), { freq: 3, nil: undefined }),
}).map(({ metadata, type, ports, selector }) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata,
  spec: {
    ...(type === 'ClusterIP' || type === 'NodePort' ? { type } : {}),
    ...(type === 'headless' ? { clusterIP: 'None' } : {}),
    ...(type === 'ExternalName' ? { type, externalName: 'db.example.com' } : {}),
    ...(ports.length > 0 ? { ports: type === 'ExternalName' ? ports.map(({ nodePort, ...p }: any) => p) : ports } : {}),
    ...(selector && Object.keys(selector).length > 0 ? { selector } : {}),
  },
}));

const configMapArb = fc.record({
  metadata: metaArb(true),
  keys: fc.array(mostly(label, dataKeyArb), { minLength: 1, maxLength: 2 }),
  secret: fc.boolean(),
  // the second map: stringData (Secret) or binaryData (ConfigMap), with a key of its own or one of data's
  other: sometimes(fc.constantFrom('own', 'shared', 'bad'), 3),
}).map(({ metadata, keys, secret, other }) => {
  const otherKey = other === 'shared' ? keys[0] : other === 'bad' ? 'a/b' : 'other.txt';
  return secret
    ? { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', data: Object.fromEntries(keys.map((k) => [k, 'eA=='])), ...(other ? { stringData: { [otherKey]: 'y' } } : {}) }
    : { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: Object.fromEntries(keys.map((k) => [k, 'x'])), ...(other ? { binaryData: { [otherKey]: 'eA==' } } : {}) };
});

const serviceAccountArb = metaArb(true).map((metadata) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata }));
const namespaceArb = metaArb(false).map((metadata) => ({ apiVersion: 'v1', kind: 'Namespace', metadata }));

const RULES = [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }];
const rbacArb = fc.record({ kind: fc.constantFrom('Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'), m: metaArb(true) })
  .map(({ kind, m }) => {
    const namespaced = kind === 'Role' || kind === 'RoleBinding';
    const metadata = { ...m };
    if (!namespaced) delete metadata.namespace;
    const api = 'rbac.authorization.k8s.io/v1';
    if (kind.endsWith('Binding')) {
      return {
        apiVersion: api,
        kind,
        metadata,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
      };
    }
    return { apiVersion: api, kind, metadata, rules: RULES };
  });

const pdbArb = fc.record({ metadata: metaArb(true), selector: mostly(validLabelMapArb, labelMapArb), min: fc.constantFrom<number | string>(1, '50%') })
  .map(({ metadata, selector, min }) => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata,
    spec: { minAvailable: min, selector: { matchLabels: selector } },
  }));

const networkPolicyArb = fc.record({
  metadata: metaArb(true),
  podSelector: mostly(validLabelMapArb, labelMapArb),
  port: fc.option(fc.oneof(portArb, portNameArb, fc.constant('')), { freq: 4, nil: undefined }),
  endPort: sometimes(fc.constantFrom(0, 80, 1024, 65535, 65536), 3),
}).map(({ metadata, podSelector, port, endPort }) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata,
  spec: {
    podSelector: { matchLabels: podSelector },
    policyTypes: ['Ingress'],
    ingress: [{ ports: [{ protocol: 'TCP', ...(port === undefined ? {} : { port }), ...(endPort === undefined ? {} : { endPort }) }] }],
  },
}));

/** One built-in object: valid, or invalid near one rule's edge; sometimes with one unknown field. */
export const builtinObjectArb: fc.Arbitrary<any> = fc.tuple(
  fc.oneof(
    { weight: 5, arbitrary: workloadArb },
    { weight: 4, arbitrary: serviceArb },
    { weight: 2, arbitrary: configMapArb },
    { weight: 1, arbitrary: serviceAccountArb },
    { weight: 1, arbitrary: namespaceArb },
    { weight: 2, arbitrary: rbacArb },
    { weight: 1, arbitrary: pdbArb },
    { weight: 1, arbitrary: networkPolicyArb },
  ),
  unknownFieldArb,
).map(([obj, unknown]) => (unknown ? withField(obj, unknown) : obj));

/** The object with `bogus: true` at the path, when the path's parent exists. */
function withField(obj: any, path: ReadonlyArray<string | number>): any {
  const copy = JSON.parse(JSON.stringify(obj));
  let cur = copy;
  for (const key of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object' || !(key in cur)) return copy;
    cur = cur[key];
  }
  if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) cur[path[path.length - 1]] = true;
  return copy;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
