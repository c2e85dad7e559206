import { unknownFieldProblems } from '../../../src/core/schema/unknown-fields';

const deployment = (extra: (d: any) => void = () => {}) => {
  const d: any = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { 'any-key': 'x' }, annotations: { 'a/b': 'y' } },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1', resources: { limits: { cpu: '1' } }, ports: [{ containerPort: 80 }] }] },
      },
    },
    status: {},
  };
  extra(d);
  return d;
};

describe('unknownFieldProblems', () => {
  test('a Deployment with only declared fields (maps with any keys, status included) has no problems', () => {
    // GIVEN
    const d = deployment();
    // WHEN
    const problems = unknownFieldProblems(d);
    // THEN
    expect(problems).toEqual([]);
  });

  test.each([
    ['at the top', (d: any) => (d.spec2 = {}), 'spec2', /is not a field of Deployment/],
    ['in metadata', (d: any) => (d.metadata.label = {}), 'metadata.label', /known fields here: annotations, .*labels/],
    ['in a container (a typo)', (d: any) => (d.spec.template.spec.containers[0].imagePullpolicy = 'Always'),
      'spec.template.spec.containers[0].imagePullpolicy', /imagePullPolicy/],
    ['in a list item', (d: any) => (d.spec.template.spec.containers[0].ports[0].port = 80), 'spec.template.spec.containers[0].ports[0].port', /containerPort/],
  ])('finds an unknown field %s', (_where, change, field, expected) => {
    // GIVEN
    const d = deployment(change);
    // WHEN
    const problems = unknownFieldProblems(d);
    // THEN
    expect(problems.map((p) => p.field)).toEqual([field]);
    expect(problems[0].expected).toMatch(expected);
    expect(problems[0].fix).toBe('remove the field or correct its name');
  });

  test('kinds opskit does not know are not looked into', () => {
    // GIVEN
    const custom = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, anything: 1 };
    // WHEN
    const problems = unknownFieldProblems(custom);
    // THEN
    expect(problems).toEqual([]);
  });

  test('values of leaf types (quantities, raw JSON) are not looked into', () => {
    // GIVEN
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { plural: 'widgets', kind: 'Widget' },
        scope: 'Namespaced',
        versions: [{
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { 'type': 'object', 'default': { any: 1 }, 'x-kubernetes-preserve-unknown-fields': true } },
        }],
      },
    };
    // WHEN
    const problems = unknownFieldProblems(crd);
    // THEN
    expect(problems).toEqual([]);
  });
});
