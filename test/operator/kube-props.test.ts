import { ApiObject, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { toKubeDeploymentSpec, toKubeIngressRules, toKubePdbSpec, toKubeRules, toKubeServiceSpec } from '../../src/operator/kube-props';

/** Renders an L1 object and returns its JSON. */
function render(build: (chart: any) => ApiObject): any {
  const chart = Testing.chart();
  return build(chart).toJson();
}

describe('kube-props: plain Kubernetes JSON survives the L1 classes unchanged', () => {
  test('Deployment quantities and probe ports', () => {
    // GIVEN
    const spec = {
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: {
          containers: [{
            name: 'manager',
            image: 'x:v1',
            livenessProbe: { httpGet: { path: '/healthz', port: 8081 } },
            readinessProbe: { httpGet: { path: '/readyz', port: 'health' } },
            resources: { limits: { memory: '128Mi' }, requests: { cpu: '10m', memory: '64Mi' } },
          }],
        },
      },
    };
    // WHEN
    const json = render((c) => new k8s.KubeDeployment(c, 'd', { spec: toKubeDeploymentSpec(spec) }));
    // THEN
    expect(json.spec).toEqual(spec);
  });

  test('PodDisruptionBudget, Service and NetworkPolicy int-or-string fields', () => {
    const pdb = { maxUnavailable: 1, selector: { matchLabels: { a: 'b' } } };
    expect(render((c) => new k8s.KubePodDisruptionBudget(c, 'p', { spec: toKubePdbSpec(pdb) })).spec).toEqual(pdb);
    const svc = { ports: [{ name: 'https', port: 443, targetPort: 9443 }], selector: { a: 'b' } };
    expect(render((c) => new k8s.KubeService(c, 's', { spec: toKubeServiceSpec(svc) })).spec).toEqual(svc);
    const ingress = [{ ports: [{ port: 9443, protocol: 'TCP' }] }];
    expect(render((c) => new k8s.KubeNetworkPolicy(c, 'n', { spec: { podSelector: {}, ingress: toKubeIngressRules(ingress) } })).spec.ingress).toEqual(ingress);
  });

  test('RBAC rules keep nonResourceURLs', () => {
    const rules = [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get'] }];
    expect(render((c) => new k8s.KubeClusterRole(c, 'r', { rules: toKubeRules(rules) })).rules).toEqual(rules);
  });
});
