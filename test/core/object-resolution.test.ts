import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import * as fc from 'fast-check';
import { cdk8sResolutionFingerprint, l1ShapeFingerprint, ObjectResolution } from '../../src/core/object-resolution';
import { TEMPLATE_VALUE_RESOLVER, TemplateValues } from '../../src/core/template-values';
import { propertyParameters } from '../support/property';

// Differential test of opskit's one-walk resolution of ApiObjects against cdk8s's own toJson(): for generated
// objects of plain ApiObject and typed L1 classes, with every kind of value cdk8s resolves (Lazy, implicit tokens,
// IntOrString and Quantity unions, Helm value stand-ins), nulls, empty lists and maps in metadata and spec, chart
// labels and namespaces, both give the same JSON text (key order included), or the same error.

const RUNS = 3_000;

/** How a generated value is built once the object's app exists (tokens need the app's template values). */
type Value = (values: TemplateValues) => unknown;

const key = fc.oneof(
  fc.constantFrom('a', 'b', 'name', 'value', 'resolve', '0', '1', '10', 'app.kubernetes.io/name', 'z', '', 'constructor', 'toString', 'labels', 'metadata', 'creationTimestamp'),
  fc.string({ maxLength: 6 }),
).filter((k) => k !== '__proto__');

const leaf: fc.Arbitrary<Value> = fc.oneof(
  fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(undefined))
    .map((v) => () => v),
  fc.oneof(fc.string({ maxLength: 8 }), fc.integer()).map((v) => () => Lazy.any({ produce: () => v })),
  fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 65535 })).map((v) => () => (typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v))),
  fc.constantFrom('100m', '1Gi', '2').map((v) => () => k8s.Quantity.fromString(v)),
  fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)).map((v) => () => ({ resolve: () => v })),
  // Helm value stand-ins: a whole word, a word inside a text, a number, a token object
  fc.tuple(fc.constantFrom('whole', 'inside', 'number', 'token'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer())).map(([how, dflt]) => (values: TemplateValues) => {
    const v = values.register({ path: `v${values.all().length}`, default: dflt });
    if (how === 'whole') return v.word;
    if (how === 'inside') return `image:${v.word}-x`;
    if (how === 'number') return v.number;
    return values.token(v);
  }),
);

const value: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }).map((items) => (values: TemplateValues) => items.map((f) => f(values))),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((entries) => (values: TemplateValues) => {
      const out: Record<string, unknown> = {};
      for (const [k, f] of entries) out[k] = f(values);
      return out;
    }),
    fc.array(tie('value'), { maxLength: 2 }).map((items) => (values: TemplateValues) => {
      // a producer gives the same value each time (both paths call it)
      const produced = items.map((f) => f(values));
      return Lazy.any({ produce: () => produced });
    }),
  ),
})).value;

const stringMap: fc.Arbitrary<Value> = fc.array(fc.tuple(key, leaf), { maxLength: 3 }).map((entries) => (values: TemplateValues) => {
  const out: Record<string, unknown> = {};
  for (const [k, f] of entries) out[k] = f(values);
  return out;
});

const metadata: fc.Arbitrary<Value> = fc.record({
  name: fc.option(leaf, { nil: undefined }),
  namespace: fc.option(leaf, { nil: undefined }),
  labels: fc.option(stringMap, { nil: undefined }),
  annotations: fc.option(stringMap, { nil: undefined }),
  finalizers: fc.option(fc.array(leaf, { maxLength: 2 }), { nil: undefined }),
  generateName: fc.option(leaf, { nil: undefined }),
  extra: fc.option(value, { nil: undefined }),
  // fields of their own, some named as the fields the metadata sets itself (which win)
  more: fc.option(fc.array(fc.tuple(key, leaf), { maxLength: 2 }), { nil: undefined }),
}, { requiredKeys: [] }).map((m) => (values: TemplateValues) => {
  const out: Record<string, unknown> = {};
  if (m.name) out.name = m.name(values);
  if (m.namespace) out.namespace = m.namespace(values);
  if (m.labels) out.labels = m.labels(values);
  if (m.annotations) out.annotations = m.annotations(values);
  if (m.finalizers) out.finalizers = m.finalizers.map((f) => f(values));
  if (m.generateName) out.generateName = m.generateName(values);
  if (m.extra) out.uid = m.extra(values);
  for (const [k, f] of m.more ?? []) out[k] = f(values);
  return out;
});

/** One object to build in a chart: its class and props. */
type Builder = (chart: Chart, id: string, values: TemplateValues) => ApiObject;

const field = key.filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k));
const plainObject: fc.Arbitrary<Builder> = fc.tuple(metadata, fc.array(fc.tuple(field, value), { maxLength: 4 }))
  .map(([meta, fields]) => (chart, id, values) => {
    const props: Record<string, unknown> = { apiVersion: 'example.com/v1', kind: 'Thing', metadata: meta(values) };
    for (const [k, f] of fields) props[k] = f(values);
    return new ApiObject(chart, id, props as any);
  });

const configMap: fc.Arbitrary<Builder> = fc.tuple(metadata, stringMap, fc.option(fc.boolean(), { nil: undefined }))
  .map(([meta, data, immutable]) => (chart, id, values) => new k8s.KubeConfigMap(chart, id, {
    metadata: meta(values) as any, data: data(values) as any, immutable,
  }));

const deployment: fc.Arbitrary<Builder> = fc.record({
  meta: metadata,
  labels: stringMap,
  replicas: leaf,
  args: fc.array(leaf, { maxLength: 3 }),
  port: leaf,
  cpu: leaf,
  surge: leaf,
  env: fc.array(fc.tuple(leaf, leaf), { maxLength: 2 }),
}).map((d) => (chart, id, values) => new k8s.KubeDeployment(chart, id, {
  metadata: d.meta(values) as any,
  spec: {
    replicas: d.replicas(values) as any,
    selector: { matchLabels: d.labels(values) as any },
    strategy: { rollingUpdate: { maxSurge: d.surge(values) as any } },
    template: {
      metadata: { labels: d.labels(values) as any },
      spec: {
        containers: [{
          name: 'app',
          image: 'registry.example.com/app:1.2.3',
          args: d.args.map((f) => f(values)) as any,
          ports: [{ containerPort: d.port(values) as any }],
          resources: { limits: { cpu: d.cpu(values) as any } },
          env: d.env.map(([n, v]) => ({ name: n(values) as any, value: v(values) as any })),
        }],
      },
    },
  },
}));

const service: fc.Arbitrary<Builder> = fc.tuple(metadata, leaf, leaf)
  .map(([meta, port, target]) => (chart, id, values) => new k8s.KubeService(chart, id, {
    metadata: meta(values) as any,
    spec: { ports: [{ port: port(values) as any, targetPort: target(values) as any }], selector: { app: 'x' } },
  }));

// any value where the L1 types expect an object, a list, a map, a string or a union (what untyped JavaScript can
// pass): the typed mapping then fails or maps as cdk8s-plus-33's own functions do
const looseDeployment: fc.Arbitrary<Builder> = fc.record({
  meta: metadata, selector: value, containers: value, strategy: value, extra: value,
}).map((d) => (chart, id, values) => new k8s.KubeDeployment(chart, id, {
  metadata: d.meta(values) as any,
  extra: d.extra(values),
  spec: {
    selector: d.selector(values) as any,
    strategy: d.strategy(values) as any,
    template: { spec: { containers: d.containers(values) as any } },
  },
} as any));
const looseService: fc.Arbitrary<Builder> = fc.tuple(metadata, value, value)
  .map(([meta, ports, selector]) => (chart, id, values) => new k8s.KubeService(chart, id, {
    metadata: meta(values) as any, spec: { ports: ports(values) as any, selector: selector(values) as any },
  }));
const looseContainer: fc.Arbitrary<Builder> = fc.tuple(metadata, value, value, value)
  .map(([meta, ports, limits, args]) => (chart, id, values) => new k8s.KubePod(chart, id, {
    metadata: meta(values) as any,
    spec: { containers: [{ name: 'c', ports: ports(values) as any, resources: { limits: limits(values) as any }, args: args(values) as any }] },
  }));

const objectCase = fc.record({
  builders: fc.array(
    fc.oneof(plainObject, configMap, deployment, service, looseDeployment, looseService, looseContainer),
    { minLength: 1, maxLength: 3 },
  ),
  chartLabels: fc.option(stringMap, { nil: undefined }),
  namespace: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
  keepTokens: fc.boolean(),
});

/** The outcome of rendering: the JSON text, or the error's message. */
function outcome(render: () => unknown): string {
  try {
    return `json ${JSON.stringify(render())}`;
  } catch (e) {
    return `error ${(e as Error).message}`;
  }
}

describe('ObjectResolution', () => {
  test('the installed cdk8s is a release the fast path is proven against', () => {
    // a new cdk8s whose resolution code changed: run this suite against it and add its fingerprint
    expect(cdk8sResolutionFingerprint()).toBe('c02f85cc3c7d8cc77609c921fd47e9ff165523d836242fffe43887b0b817746b');
  });

  test('every L1 class of cdk8s-plus-33 has one of the two proven shapes', () => {
    const l1 = Object.values(k8s).filter((c): c is any => typeof c === 'function' && Object.getPrototypeOf(c) === ApiObject);
    const shapes = new Set(l1.map((c) => l1ShapeFingerprint(c)));
    expect(l1.length).toBeGreaterThan(150);
    expect(shapes.size).toBe(2);
  });

  test(`${RUNS} generated cases: the same JSON (or error) as cdk8s's toJson()`, () => {
    let objects = 0;
    let fast = 0;
    fc.assert(fc.property(objectCase, (c) => {
      // GIVEN an app with OpsApp's resolvers and generated objects
      const app = new App({ resolvers: [TEMPLATE_VALUE_RESOLVER] });
      const values = TemplateValues.of(app);
      const chart = new Chart(app, 'chart', { labels: c.chartLabels?.(values) as any, namespace: c.namespace });
      const built = c.builders.map((b, i) => b(chart, `o${i}`, values));
      const resolution = ObjectResolution.of(app);
      for (const obj of built) {
        objects++;
        const toJson = jest.spyOn(obj, 'toJson');
        // WHEN resolved both ways (and with the tokens kept, as a Helm chart reads them)
        const read = (f: () => unknown): string => (c.keepTokens ? values.withTokensKept(() => outcome(f)) : outcome(f));
        const ours = read(() => resolution.json(obj));
        if (toJson.mock.calls.length === 0) fast++;
        toJson.mockRestore();
        const theirs = read(() => obj.toJson());
        // THEN the texts are the same
        expect(ours).toBe(theirs);
      }
    }), propertyParameters(RUNS));
    // the fast path is taken, except where a value is not plain data
    expect(fast / objects).toBeGreaterThan(0.5);
    // eslint-disable-next-line no-console
    console.log(`object resolution: ${RUNS} cases, ${objects} objects, ${fast} by the one-walk path, 0 differences`);
  });

  test('values that are not plain data take cdk8s\'s path and fail as it does', () => {
    // GIVEN objects holding a Date and a class instance
    const app = new App();
    const chart = new Chart(app, 'chart');
    const objects = [
      new ApiObject(chart, 'date', { apiVersion: 'v1', kind: 'Thing', spec: { at: new Date(0) } }),
      new ApiObject(chart, 'instance', { apiVersion: 'v1', kind: 'Thing', spec: new (class Custom { public a = 1; })() }),
    ];
    const resolution = ObjectResolution.of(app);
    for (const obj of objects) {
      // WHEN resolved
      const ours = outcome(() => resolution.json(obj));
      // THEN the error is cdk8s's own
      expect(ours).toMatch(/^error Failed serializing construct at path 'chart\/(date|instance)'.*can't render non-simple object/);
      expect(ours).toBe(outcome(() => obj.toJson()));
    }
  });

  test.each([
    ['a JSON patch', (chart: Chart) => new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'Thing', spec: { a: 1 } }).addJsonPatch(JsonPatch.add('/spec/b', 2))],
    ['a subclass with its own toJson()', (chart: Chart) => new (class extends k8s.KubeConfigMap {
      public toJson(): any {
        return { ...super.toJson(), extra: true };
      }
    })(chart, 'o', { data: { a: 'b' } })],
  ])('an object with %s takes cdk8s\'s path', (_what, build) => {
    // GIVEN the object
    const app = new App();
    const chart = new Chart(app, 'chart');
    build(chart);
    const obj = chart.node.findChild('o') as ApiObject;
    const toJson = jest.spyOn(obj, 'toJson');
    // WHEN resolved
    const json = ObjectResolution.of(app).json(obj);
    // THEN cdk8s's toJson() made it
    expect(toJson).toHaveBeenCalledTimes(1);
    toJson.mockRestore();
    expect(json).toEqual(obj.toJson());
  });

  test.each([
    ['props', { apiVersion: 'v1', kind: 'Thing', spec: { a: 1 }, resolve: () => ({ apiVersion: 'v1', kind: 'Other', metadata: {} }) }],
    ['metadata', { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'n', resolve: () => ({ name: 'resolved' }) } }],
    ['metadata with a `constructor` field', { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'n', constructor: 'x' } }],
  ])('%s with a `resolve` method or a `constructor` field resolve as in cdk8s', (_what, props) => {
    // GIVEN an object whose props or metadata make the literal cdk8s resolves an implicit token, or not plain
    const app = new App();
    const obj = new ApiObject(new Chart(app, 'chart'), 'o', props as any);
    // WHEN resolved both ways
    // THEN the same JSON (or error)
    expect(outcome(() => ObjectResolution.of(app).json(obj))).toBe(outcome(() => obj.toJson()));
  });

  test('an L1 object takes the typed walk: no toJson(), and its props type\'s plan', () => {
    // GIVEN a Deployment
    const app = new App();
    const obj = new k8s.KubeDeployment(new Chart(app, 'chart'), 'o', { metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c' }] } } } });
    const resolution = ObjectResolution.of(app);
    const toJson = jest.spyOn(obj, 'toJson');
    // WHEN resolved
    const ours = outcome(() => resolution.json(obj));
    // THEN by the typed walk (its class has a plan, cdk8s's toJson() is not called), to cdk8s's JSON
    expect(resolution.propsPlan(obj)).toBeDefined();
    expect(toJson).not.toHaveBeenCalled();
    toJson.mockRestore();
    expect(ours).toBe(outcome(() => obj.toJson()));
  });

  test.each([
    ['a label map', (labels: any) => ({ metadata: { name: 'n', labels } })],
    ['a data map', (data: any) => ({ metadata: { name: 'n' }, data })],
  ])('a `__proto__` key in %s of an L1 object resolves as in cdk8s', (_what, props) => {
    // GIVEN a ConfigMap whose map holds an own `__proto__` field (as JSON.parse makes it)
    const app = new App();
    const obj = new k8s.KubeConfigMap(new Chart(app, 'chart'), 'o', props(JSON.parse('{"__proto__":"x","a":"b"}')));
    // WHEN resolved both ways
    // THEN the same JSON (or error)
    expect(outcome(() => ObjectResolution.of(app).json(obj))).toBe(outcome(() => obj.toJson()));
  });

  test('a Helm value whose default holds another value\'s stand-in resolves as in cdk8s, in metadata and data', () => {
    // GIVEN an L1 object whose label and data hold a value whose default is text with another value's stand-in
    const app = new App({ resolvers: [TEMPLATE_VALUE_RESOLVER] });
    const values = TemplateValues.of(app);
    const inner = values.register({ path: 'inner', default: 'x' });
    const outer = values.register({ path: 'outer', default: `a-${inner.word}` });
    const obj = new k8s.KubeConfigMap(new Chart(app, 'chart'), 'o', { metadata: { name: 'n', labels: { l: outer.word } }, data: { d: outer.word } });
    // WHEN resolved both ways
    const ours = outcome(() => ObjectResolution.of(app).json(obj));
    // THEN the same JSON, both stand-ins replaced
    expect(ours).toBe(outcome(() => obj.toJson()));
    expect(ours).toContain('"labels":{"l":"a-x"}');
  });

  test('a `value` added to Number.prototype is honoured as cdk8s honours it', () => {
    // GIVEN a program that gave every number a `value` (cdk8s's union resolver then wraps numbers)
    const app = new App();
    const obj = new ApiObject(new Chart(app, 'chart'), 'o', { apiVersion: 'v1', kind: 'Thing', spec: { replicas: 3, name: 'x' } });
    Object.defineProperty(Number.prototype, 'value', { get: () => 'wrapped', configurable: true });
    try {
      // WHEN resolved both ways
      const ours = outcome(() => ObjectResolution.of(app).json(obj));
      // THEN the same JSON, with the numbers wrapped
      expect(ours).toBe(outcome(() => obj.toJson()));
      expect(ours).toContain('"replicas":{"value":"wrapped"}');
    } finally {
      delete (Number.prototype as any).value;
    }
  });

  test('a value that never stops resolving fails as in cdk8s', () => {
    // GIVEN an implicit token that resolves to another such token, forever
    const app = new App();
    const endless = (): unknown => ({ resolve: endless });
    const obj = new ApiObject(new Chart(app, 'chart'), 'o', { apiVersion: 'v1', kind: 'Thing', spec: endless() });
    // WHEN resolved both ways
    const ours = outcome(() => ObjectResolution.of(app).json(obj));
    // THEN cdk8s's own error (its recursion runs out of stack)
    expect(ours).toMatch(/^error Failed serializing construct at path 'chart\/o'.*Maximum call stack size exceeded/);
    expect(ours).toBe(outcome(() => obj.toJson()));
  });

  test('an app with a resolver of its own takes cdk8s\'s path for every object', () => {
    // GIVEN a user resolver that rewrites every string
    const upper: IResolver = { resolve: (c: ResolutionContext) => { if (typeof c.value === 'string' && c.value !== c.value.toUpperCase()) c.replaceValue(c.value.toUpperCase()); } };
    const app = new App({ resolvers: [upper] });
    const obj = new k8s.KubeConfigMap(new Chart(app, 'chart'), 'o', { data: { a: 'b' } });
    const toJson = jest.spyOn(obj, 'toJson');
    // WHEN resolved
    const json = ObjectResolution.of(app).json(obj);
    // THEN the user's resolver ran, through cdk8s's path
    expect(toJson).toHaveBeenCalledTimes(1);
    expect(json.data).toEqual({ a: 'B' });
  });
});
