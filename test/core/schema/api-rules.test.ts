import { apiRuleProblems } from '../../../src/core/schema/api-rules';

const deployment = (overrides: any = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', ...overrides.metadata },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1', ports: [{ containerPort: 8080 }] }] } },
    ...overrides.spec,
  },
});

describe('apiRuleProblems', () => {
  test('a correct Deployment has no problems', () => {
    expect(apiRuleProblems(deployment())).toEqual([]);
  });

  test.each([
    ['an upper-case name', deployment({ metadata: { name: 'Web' } }), 'metadata.name', /DNS-1123 subdomain/],
    ['a negative replica count', deployment({ spec: { replicas: -3 } }), 'spec.replicas', /non-negative integer/],
    ['a container port out of range', (() => { const d = deployment(); d.spec.template.spec.containers[0].ports[0].containerPort = 99999; return d; })(),
      'spec.template.spec.containers[0].ports[0].containerPort', /from 1 to 65535/],
    ['a selector that does not match the template', deployment({ spec: { selector: { matchLabels: { app: 'other' } } } }),
      'spec.selector.matchLabels["app"]', /must match the pod template/],
    ['an invalid label key', deployment({ metadata: { name: 'web', labels: { 'bad key': 'x' } } }), 'metadata.labels["bad key"]', /qualified name/],
    ['a label value too long', deployment({ metadata: { name: 'web', labels: { a: 'x'.repeat(64) } } }), 'metadata.labels.a', /label value/],
    ['a Service without ports', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { a: 'b' } } }, 'spec.ports', /at least one port/],
    ['a Service with two unnamed ports', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }, { port: 81 }] } },
      'spec.ports[0].name', /more than one port/],
    ['a Service name that is not a DNS label', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a.b' }, spec: { ports: [{ port: 80 }] } }, 'metadata.name', /DNS-1123 label/],
    ['a StatefulSet name that is not a DNS label', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'a.b' } }, 'metadata.name', /DNS-1123 label/],
    ['a Service port name that is not a DNS label', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'HTTP', port: 80 }] } },
      'spec.ports[0].name', /DNS-1123 label/],
    ['a nodePort on a ClusterIP Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, nodePort: 30080 }] } },
      'spec.ports[0].nodePort', /may not be used when type is ClusterIP/],
    ['an invalid Service selector', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], selector: { a: '-x' } } },
      'spec.selector.a', /label value/],
    ['a port name used twice in a container',
      (() => { const d: any = deployment(); d.spec.template.spec.containers[0].ports.push({ containerPort: 9090, name: 'm' }); d.spec.template.spec.containers[0].ports[0].name = 'm'; return d; })(),
      'spec.template.spec.containers[0].ports[1].name', /must be unique in the container, but ports\[0\] has the same name/],
    ['a host port used by two containers',
      (() => {
        const d: any = deployment();
        d.spec.template.spec.containers[0].ports[0].hostPort = 80;
        d.spec.template.spec.containers.push({ name: 'b', image: 'b:1', ports: [{ containerPort: 81, hostPort: 80 }] });
        return d;
      })(),
      'spec.template.spec.containers[1].ports[0].hostPort', /must not repeat the host port TCP\/\/80 of containers\[0\].ports\[0\]/],
    ['an empty workload selector', deployment({ spec: { selector: {} } }), 'spec.selector', /must not be empty for a Deployment/],
    ['a ConfigMap key with a slash', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a/b': 'x' } }, 'data["a/b"]', /valid key/],
    ['a Secret key starting with ".."', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'c' }, stringData: { '..a': 'x' } }, 'stringData["..a"]', /valid key/],
    ['a NetworkPolicy port out of range', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 0 }] }] },
    }, 'spec.ingress[0].ports[0].port', /from 1 to 65535/],
    ['a NetworkPolicy endPort below port', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 90, endPort: 80 }] }] },
    }, 'spec.egress[0].ports[0].endPort', /must be at least port \(90\)/],
    ['an invalid PodDisruptionBudget selector', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { selector: { matchLabels: { 'a b': 'x' } } } },
      'spec.selector.matchLabels["a b"]', /qualified name/],
    ['a selector expression that does not hold for the template', deployment({ spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] } } }),
      'spec.selector.matchExpressions[0]', /must hold for the pod template's labels/],
    ['an In expression without values', deployment({ spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'a', operator: 'In', values: [] }] } } }),
      'spec.selector.matchExpressions[0].values', /must be non-empty when operator is In/],
    ['an annotation key that is not a qualified name', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'a/b/c': 'x' } } },
      'metadata.annotations["a/b/c"]', /qualified name, case aside/],
    ['a port name too long', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'a-very-long-port-name' }] } },
      'spec.ports[0].targetPort', /IANA service name/],
    ['a container name used twice', (() => { const d = deployment(); d.spec.template.spec.initContainers = [{ name: 'web', image: 'busybox:1' }] as any; return d; })(),
      'spec.template.spec.containers[0].name', /must be unique in the pod, but initContainers\[0\] has the same name/],
    ['a hostPort that differs from containerPort in the host network',
      (() => {
        const d: any = deployment();
        d.spec.template.spec.hostNetwork = true;
        d.spec.template.spec.containers[0].ports[0].hostPort = 80;
        return d;
      })(),
      'spec.template.spec.containers[0].ports[0].hostPort', /must equal containerPort \(8080\) when hostNetwork is true/],
    ['a Service port name used twice', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] } },
      'spec.ports[1].name', /must be unique, but spec.ports\[0\] has the same name/],
    ['a Service port and protocol used twice', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ name: 'a', port: 53, protocol: 'UDP' }, { name: 'b', port: 53, protocol: 'TCP' }, { name: 'c', port: 53, protocol: 'UDP' }] },
    },
    'spec.ports[2]', /must not repeat port 53\/UDP of spec.ports\[0\]/],
    ['a missing name', { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, 'metadata.name', /is required/],
  ])('finds %s', (_name, obj, field, expected) => {
    const problems = apiRuleProblems(obj);
    const found = problems.find((p) => p.field === field);
    expect(found).toBeDefined();
    expect(found!.expected).toMatch(expected);
    expect(found!.fix.length).toBeGreaterThan(0);
  });

  test('a headless Service and an ExternalName Service may have no ports', () => {
    expect(apiRuleProblems({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: 'None' } })).toEqual([]);
    expect(apiRuleProblems({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ExternalName', externalName: 'x.example.com' } })).toEqual([]);
  });

  test.each([
    ['a namespace on a cluster-scoped kind (the server clears it)', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'X' } }],
    ['a hostPort of 0 (no host port)', (() => { const d: any = deployment(); d.spec.template.spec.containers[0].ports[0].hostPort = 0; return d; })()],
    ['a nodePort of 0 (allocated where the type has node ports)', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, nodePort: 0 }] } }],
    ['a selector expression that holds for the template', deployment({ spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] } } })],
    ['a targetPort of 0 (defaulted to the port)', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 0 }] } }],
    ['an init container\'s hostPort in the host network (only app containers must match)', (() => {
      const d: any = deployment();
      d.spec.template.spec.hostNetwork = true;
      d.spec.template.spec.initContainers = [{ name: 'init', image: 'i:1', ports: [{ containerPort: 80, hostPort: 81 }] }];
      return d;
    })()],
    ['a Service name starting with a digit (Kubernetes 1.36+)', { apiVersion: 'v1', kind: 'Service', metadata: { name: '1a' }, spec: { ports: [{ port: 80 }] } }],
    ['a PodDisruptionBudget name that is only a path segment', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'a.' }, spec: { minAvailable: 1 } }],
    ['an upper-case annotation prefix (keys are checked in lower case)', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'Example.com/Owner': 'x' } } }],
  ])('accepts %s, as the API server does', (_name, obj) => {
    // WHEN
    const problems = apiRuleProblems(obj);
    // THEN
    expect(problems).toEqual([]);
  });

  test('RBAC names may use colons', () => {
    expect(apiRuleProblems({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:metrics-reader' } })).toEqual([]);
  });

  test('problems come in a fixed order: metadata, then the kind\'s fields in the order they are read', () => {
    // GIVEN a Service with a bad name, a bad port, a bad targetPort name and a nodePort under ClusterIP
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'Bad_Name' },
      spec: { ports: [{ name: 'web', port: 0, targetPort: 'Not-A-Name', nodePort: 30000 }], selector: { app: 'bad value!' } },
    };
    // WHEN / THEN
    expect(apiRuleProblems(service).map((p) => p.field)).toEqual([
      'metadata.name', 'spec.ports[0].port', 'spec.ports[0].targetPort', 'spec.ports[0].nodePort', 'spec.selector.app',
    ]);
  });

  test('a container\'s port names: an invalid name is reported each time, a valid name used twice once', () => {
    const ports = [{ name: 'Bad', containerPort: 1 }, { name: 'Bad', containerPort: 2 }, { name: 'http', containerPort: 3 }, { name: 'http', containerPort: 70000 }];
    const problems = apiRuleProblems(deployment({ spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1', ports }] } } } }));
    expect(problems.map((p) => `${p.field}: ${p.expected.split(' (')[0]}`)).toEqual([
      'spec.template.spec.containers[0].ports[0].name: must be a port name',
      'spec.template.spec.containers[0].ports[1].name: must be a port name',
      'spec.template.spec.containers[0].ports[3].containerPort: must be a port number',
      'spec.template.spec.containers[0].ports[3].name: must be unique in the container, but ports[2] has the same name',
    ]);
  });

  test('a ConfigMap whose data is not a map is left to the schema', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: 'text', binaryData: { key: 'AA==' } };
    expect(apiRuleProblems(configMap)).toEqual([]);
  });
});
