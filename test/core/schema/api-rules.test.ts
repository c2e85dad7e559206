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
    ['a namespace on a cluster-scoped kind', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'x' } },
      'metadata.namespace', /cluster-scoped/],
    ['a Service without ports', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { a: 'b' } } }, 'spec.ports', /at least one port/],
    ['a Service with two unnamed ports', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }, { port: 81 }] } },
      'spec.ports[0].name', /more than one port/],
    ['a Service name that is not a DNS label', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a.b' }, spec: { ports: [{ port: 80 }] } }, 'metadata.name', /DNS-1123 label/],
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

  test('RBAC names may use colons', () => {
    expect(apiRuleProblems({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:metrics-reader' } })).toEqual([]);
  });
});
