import * as fc from 'fast-check';
import { CRD_RULE_CASES, baseCrd } from '../fixtures/operator/crd-rule-cases';
import { KNOWN_CEL_FORMAT_DISAGREEMENTS } from '../fixtures/operator/known-disagreements';

/**
 * fast-check generators of CRDs and custom resources for the differential suite against kube-check: valid
 * inputs mixed with subtly invalid ones near every rule's edge. CEL and string formats are left out of the
 * generated schemas (they belong to the crdfix branch; see known-disagreements.ts): the CEL cases of the rule
 * table still come in as mutations, except the known disagreements.
 */

/** One differential case: a CRD and custom resources of it. */
export interface CrdCase {
  readonly crd: any;
  readonly crs: any[];
}

/** Present half of the time. */
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
/** Present one time in `n`: an edge that should not drown the valid cases. */
const rare = <T>(a: fc.Arbitrary<T>, n = 6) => fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
/** An object without its undefined fields. */
const compact = (o: { [k: string]: unknown }) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const PATTERNS = ['^[a-z]+$', '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'a|b', '^(?!a)', '(a)\\1', '[', '^\\d{1,3}$'];

const stringSchema = fc.record({
  minLength: opt(fc.integer({ min: 0, max: 3 })),
  maxLength: opt(fc.integer({ min: 0, max: 6 })),
  pattern: rare(fc.constantFrom(...PATTERNS)),
  enum: opt(fc.constantFrom(['a', 'abc'], ['a', 1], [] as unknown[])),
  nullable: opt(fc.boolean()),
  default: rare(fc.constantFrom<unknown>('a', 'abc', '', 1, null)),
}).map((s) => compact({ type: 'string', ...s }));

const integerSchema = fc.record({
  minimum: opt(fc.integer({ min: -2, max: 2 })),
  maximum: opt(fc.integer({ min: 0, max: 5 })),
  exclusiveMinimum: opt(fc.boolean()),
  exclusiveMaximum: opt(fc.boolean()),
  multipleOf: opt(fc.constantFrom(1, 2, 0)),
  format: opt(fc.constantFrom('int32', 'int64')),
  nullable: opt(fc.boolean()),
  default: rare(fc.constantFrom<unknown>(0, 1, 3, 7, -1, 'one', 1.5, 2147483648)),
  anyOf: rare(fc.constantFrom<unknown>([{ minimum: 1 }, { maximum: -1 }], [{ type: 'integer' }], [{ nullable: false, minimum: 0 }])),
}).map((s) => compact({ type: 'integer', ...s }));

const scalarSchema: fc.Arbitrary<any> = fc.oneof(
  { weight: 4, arbitrary: stringSchema },
  { weight: 4, arbitrary: integerSchema },
  fc.record({ minimum: opt(fc.constantFrom(0, 0.5)), default: opt(fc.constantFrom<unknown>(0.5, 'x')) }).map((s) => compact({ type: 'number', ...s })),
  fc.record({ default: opt(fc.constantFrom<unknown>(true, 'yes')), nullable: opt(fc.boolean()) }).map((s) => compact({ type: 'boolean', ...s })),
  fc.record({
    'anyOf': opt(fc.constant([{ type: 'integer' }, { type: 'string' }])),
    'x-kubernetes-preserve-unknown-fields': rare(fc.constantFrom(true, false)),
    'default': opt(fc.constantFrom<unknown>(80, 'http', true)),
  }).map((s) => compact({ 'x-kubernetes-int-or-string': true, ...s })),
  fc.constantFrom<any>({ 'x-kubernetes-preserve-unknown-fields': true }, { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true }),
  { weight: 1, arbitrary: fc.constantFrom<any>({ description: 'no type' }, { type: 'null' }) },
);

const NAMES = ['a', 'b', 'name', 'port', 'x-y', 'metadata'];

/** Schemas of spec fields, nested up to `depth`. */
function schemaArb(depth: number): fc.Arbitrary<any> {
  if (depth <= 0) return scalarSchema;
  const child = schemaArb(depth - 1);
  const array = fc.record({
    items: fc.oneof({ weight: 12, arbitrary: child }, fc.constant(undefined)),
    maxItems: opt(fc.integer({ min: 0, max: 3 })),
    listType: rare(fc.constantFrom('atomic', 'set', 'map', 'bag'), 3),
    keys: opt(fc.constantFrom(['name'], ['a', 'a'], [] as string[], ['port'])),
    uniqueItems: rare(fc.boolean()),
    nullableItems: rare(fc.boolean()),
  }).map((a) => {
    const items = a.items === undefined ? undefined : { ...a.items };
    if (items && a.nullableItems) items.nullable = true;
    if (a.listType === 'map' && items && items.type === 'object') items.required = [...(items.required ?? []), 'name'].filter((k: string) => items.properties?.[k]);
    return compact({
      'type': 'array',
      items,
      'maxItems': a.maxItems,
      'uniqueItems': a.uniqueItems,
      'x-kubernetes-list-type': a.listType,
      'x-kubernetes-list-map-keys': a.listType === 'map' || a.keys?.length === 0 ? a.keys : undefined,
    });
  });
  const object = fc.record({
    properties: fc.dictionary(fc.constantFrom(...NAMES), child, { maxKeys: 3 }),
    required: fc.subarray(NAMES, { maxLength: 2 }),
    additional: rare(fc.oneof(fc.constant(false), fc.constant(true), child), 4),
    mapType: rare(fc.constantFrom('atomic', 'granular', 'deep')),
    preserve: rare(fc.boolean()),
    embedded: rare(fc.boolean()),
    default: opt(fc.constantFrom<unknown>({}, { a: 'x' }, { zz: 1 }, [])),
  }).map((o) => {
    const keys = Object.keys(o.properties);
    const mapOnly = o.additional !== undefined && typeof o.additional === 'object' && keys.length === 0;
    return compact({
      'type': 'object',
      'properties': keys.length > 0 ? o.properties : undefined,
      'required': o.required.filter((r) => keys.includes(r) || r === 'b').length > 0 ? o.required.filter((r) => keys.includes(r) || r === 'b') : undefined,
      'additionalProperties': mapOnly || o.additional === false ? o.additional : undefined,
      'x-kubernetes-map-type': o.mapType,
      'x-kubernetes-preserve-unknown-fields': o.preserve,
      'x-kubernetes-embedded-resource': o.embedded,
      'default': o.default,
    });
  });
  return fc.oneof({ weight: 3, arbitrary: child }, { weight: 1, arbitrary: array }, { weight: 1, arbitrary: object });
}

const labelChars = fc.constantFrom('a', 'b', 'Z', '0', '-', '.', '_');
const dnsish = (max: number) => fc.array(labelChars, { minLength: 0, maxLength: max }).map((cs) => cs.join(''));

/** Edits of names, versions, conversion and subresources beyond the rule table. */
const crdEdit: fc.Arbitrary<(c: any) => void> = fc.oneof(
  fc.record({ plural: fc.oneof(fc.constantFrom('widgets', 'wid-gets', 'w'), dnsish(6)), keepName: fc.boolean() }).map(({ plural, keepName }) => (c: any) => {
    c.spec.names.plural = plural;
    if (keepName) c.metadata.name = `${plural}.${c.spec.group}`;
  }),
  fc.oneof(fc.constantFrom('Widget', 'W1', 'widget', 'Wid_get', 'A'.repeat(64)), dnsish(5)).map((kind) => (c: any) => { c.spec.names.kind = kind; }),
  fc.oneof(fc.constantFrom('widget', '', 'Widget', 'wid-get'), dnsish(5)).map((s) => (c: any) => { c.spec.names.singular = s; }),
  fc.array(fc.oneof(fc.constantFrom('w', 'wd', 'W', 'all'), dnsish(3)), { maxLength: 2 }).map((s) => (c: any) => { c.spec.names.shortNames = s; }),
  fc.oneof(fc.constantFrom('v1', 'v1beta1', 'v2alpha1', 'V1', 'v1.0', '1', 'v-1'), dnsish(4)).map((n) => (c: any) => { c.spec.versions[0].name = n; }),
  fc.record({
    scheme: fc.constantFrom('https', 'http', 'HTTPS'),
    user: fc.constantFrom('', 'u@', 'u:p@'),
    host: fc.constantFrom('x.example.com', '', 'x.example.com:8443', 'x:abc', '10.0.0.1'),
    path: fc.constantFrom('', '/', '/a', '/a//b', '/a b'),
    query: fc.constantFrom('', '?', '?a=1'),
    fragment: fc.constantFrom('', '#', '#f'),
  }).map((u) => (c: any) => {
    c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { url: `${u.scheme}://${u.user}${u.host}${u.path}${u.query}${u.fragment}` } } };
  }),
  fc.record({
    lead: fc.boolean(),
    trail: fc.boolean(),
    segs: fc.array(fc.constantFrom('a', 'convert', 'A', 'a.b', '-a', 'a_b', ''), { maxLength: 3 }),
    port: opt(fc.constantFrom(443, 0, 65536, 8443)),
    versions: fc.constantFrom(['v1'], ['v1beta1'], ['v2'], ['v1', 'v1'], [] as string[], ['V1', 'v1']),
  }).map((s) => (c: any) => {
    const path = `${s.lead ? '/' : ''}${s.segs.join('/')}${s.trail ? '/' : ''}`;
    c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: s.versions, clientConfig: { service: compact({ name: 'conv', namespace: 'system', path, port: s.port }) } } };
  }),
  fc.record({
    spec: fc.constantFrom('.spec.replicas', '.spec.name', '.spec.missing', 'spec.replicas', '.status.replicas', '.spec.replicas[0]'),
    status: fc.constantFrom('.status.replicas', '.spec.replicas', '.status.missing'),
    selector: opt(fc.constantFrom('.status.selector', '.spec.name', '.metadata.labels', 'status.selector')),
    status_: fc.boolean(),
  }).map((s) => (c: any) => {
    const scale = compact({ specReplicasPath: s.spec, statusReplicasPath: s.status, labelSelectorPath: s.selector });
    c.spec.versions[0].subresources = compact({ scale, status: s.status_ ? {} : undefined });
  }),
  fc.record({
    name: fc.constantFrom('Replicas', '', 'a b'),
    type: fc.constantFrom('integer', 'number', 'string', 'boolean', 'date', 'float', 'object'),
    format: opt(fc.constantFrom('int32', 'date-time', 'uuid', 'byte', 'password')),
    jsonPath: fc.constantFrom('.spec.replicas', 'spec.replicas', '.spec.missing', '.spec.tags[0]', '.metadata.name'),
    priority: opt(fc.constantFrom(0, 1, -1)),
  }).map((col) => (c: any) => { c.spec.versions[0].additionalPrinterColumns = [compact(col)]; }),
  fc.array(fc.constantFrom('.spec.name', '.spec.replicas', '.spec.tags', '.spec.missing', '.metadata.name', 'spec.name', '.spec[\'name\']'), { maxLength: 3 })
    .map((paths) => (c: any) => { c.spec.versions[0].selectableFields = paths.map((jsonPath) => ({ jsonPath })); }),
);

/** The rule table's mutations, minus the CEL cases known to disagree. */
const TABLE = CRD_RULE_CASES.filter((c) => !KNOWN_CEL_FORMAT_DISAGREEMENTS[`${c.rule}: ${c.name}`]);
const tableEdit = fc.constantFrom(...TABLE).map((c) => c.mutate);

/** A generated CRD: the base CRD, generated spec fields, then up to two edits (rule table or generated). */
export const crdArb: fc.Arbitrary<any> = fc.record({
  fields: fc.dictionary(fc.constantFrom('g0', 'g1', 'g2'), schemaArb(2), { maxKeys: 3 }),
  scope: fc.constantFrom('Namespaced', 'Cluster'),
  edits: fc.oneof(
    { weight: 2, arbitrary: fc.constant([]) },
    { weight: 3, arbitrary: fc.array(fc.oneof(tableEdit, crdEdit), { minLength: 1, maxLength: 2 }) },
  ),
}).map(({ fields, scope, edits }) => {
  const crd = baseCrd();
  crd.spec.scope = scope;
  Object.assign(crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties, fields);
  for (const edit of edits) {
    try {
      edit(crd);
    } catch {
      // an edit that needs what an earlier edit removed does not apply
    }
  }
  return crd;
});

/** A value for a schema: mostly valid, sometimes near an edge (wrong type, null, unknown field, out of range). */
function valueArb(schema: any, depth: number): fc.Arbitrary<unknown> {
  const edge = fc.constantFrom<unknown>(null, 'x', 1, 1.5, true, {}, [], -1);
  if (!schema || typeof schema !== 'object') return edge;
  let good: fc.Arbitrary<unknown>;
  if (schema['x-kubernetes-int-or-string']) {good = fc.oneof(fc.integer({ min: -1, max: 100 }), fc.constantFrom('http', '80', ''));} else if (schema['x-kubernetes-embedded-resource']) {
    good = fc.record({
      apiVersion: opt(fc.constantFrom('v1', 'apps/v1', '')),
      kind: opt(fc.constantFrom('ConfigMap', '')),
      metadata: opt(fc.record({ name: opt(fc.constantFrom('cm', 'CM', 'a_b')), labels: opt(fc.constantFrom({ a: 'b' }, { 'a/b/c': 'x' })), zz: opt(fc.constant(1)) }).map(compact)),
      data: opt(fc.constant({ k: 'v' })),
    }).map(compact);
  } else {
    switch (schema.type) {
      case 'string': good = fc.constantFrom('a', 'abc', '', 'ABC', 'a-b', 'abcdefg', '12'); break;
      case 'integer': good = fc.oneof(fc.integer({ min: -3, max: 8 }), fc.constantFrom(2147483648, 2 ** 53)); break;
      case 'number': good = fc.constantFrom(0, 0.5, -1, 3); break;
      case 'boolean': good = fc.boolean(); break;
      case 'array': good = depth > 0 ? fc.array(valueArb(schema.items, depth - 1), { maxLength: 3 }) : fc.constant([]); break;
      case 'object': {
        const props = schema.properties ?? {};
        const entries: { [k: string]: fc.Arbitrary<unknown> } = {};
        for (const [k, s] of Object.entries(props)) entries[k] = opt(valueArb(s, depth - 1));
        if (typeof schema.additionalProperties === 'object') entries.k1 = opt(valueArb(schema.additionalProperties, depth - 1));
        entries.zz = rare(fc.constant('unknown'), 30);
        good = depth > 0 ? fc.record(entries).map(compact) : fc.constant({});
        break;
      }
      default: good = fc.oneof(fc.constant({ free: 1 }), fc.constant('s'), fc.constant(2));
    }
  }
  return fc.oneof({ weight: 20, arbitrary: good }, { weight: 1, arbitrary: edge });
}

const metadataArb = fc.record({
  name: fc.oneof({ weight: 30, arbitrary: fc.constantFrom('w', 'w-1', 'a.b') }, fc.constantFrom('W', 'a_b', '', 'a'.repeat(254), '-a', 'a..b')),
  generateName: rare(fc.constantFrom('w-', 'W-')),
  namespace: opt(fc.oneof({ weight: 10, arbitrary: fc.constantFrom('ns', 'default') }, fc.constant('NS'))),
  labels: opt(fc.oneof({ weight: 10, arbitrary: fc.constant<unknown>({ 'app.kubernetes.io/name': 'w' }) }, fc.constantFrom<unknown>({ 'a/b/c': 'x' }, { a: 'x y' }, { a: 1 }, { ['k'.repeat(64)]: 'v' }))),
  annotations: rare(fc.constantFrom<unknown>({ 'example.com/a': 'anything at all' }, { 'example.com/b': 'x' }, { 'a b': 'x' })),
  finalizers: rare(fc.constantFrom<unknown>(['example.com/cleanup'], ['cleanup'], ['kubernetes.io/x'])),
  zz: rare(fc.constant('unknown'), 30),
}).map(compact);

/** Custom resources of a CRD (of its first version, or a version it does not have). */
export function crsArb(crd: any): fc.Arbitrary<any[]> {
  const v = crd?.spec?.versions?.[0];
  const root = v?.schema?.openAPIV3Schema ?? {};
  const cr = fc.record({
    version: fc.oneof({ weight: 30, arbitrary: fc.constant(v?.name) }, fc.constant('v9')),
    metadata: metadataArb,
    spec: opt(valueArb(root.properties?.spec, 3)),
    status: opt(valueArb(root.properties?.status, 2)),
    extra: rare(fc.constant({ zz: 1 }), 30),
  }).map((r) => compact({
    apiVersion: `${crd?.spec?.group}/${r.version}`,
    kind: crd?.spec?.names?.kind,
    metadata: r.metadata,
    spec: r.spec,
    status: r.status,
    ...(r.extra ?? {}),
  }));
  return fc.array(cr, { maxLength: 3 });
}

/** A differential case: a generated CRD and up to three custom resources of it. */
export const crdCaseArb: fc.Arbitrary<CrdCase> = crdArb.chain((crd) => crsArb(crd).map((crs) => ({ crd, crs })));
