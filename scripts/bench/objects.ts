// The N plain objects of the side-by-side benchmark: Deployments, Services, ConfigMaps and ClusterRoles in turn.
import * as cdk8s from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';

/** Adds `n` objects to a chart (the same objects for OpsApp and plain cdk8s). */
export function addObjects(chart: cdk8s.Chart, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `app-${i}`;
    const labels = { 'app.kubernetes.io/name': name };
    switch (i % 4) {
      case 0:
        new k8s.KubeDeployment(chart, `d${i}`, {
          metadata: { name, labels },
          spec: {
            replicas: 2,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.2.3', ports: [{ name: 'http', containerPort: 8080 }], args: ['--port=8080', '--log-level=info'] }] },
            },
          },
        });
        break;
      case 1:
        new k8s.KubeService(chart, `s${i}`, { metadata: { name, labels }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromString('http') }] } });
        break;
      case 2:
        new k8s.KubeConfigMap(chart, `c${i}`, { metadata: { name, labels }, data: { 'app.properties': `name=${name}\nport=8080\n`, mode: 'production' } });
        break;
      default:
        new k8s.KubeClusterRole(chart, `r${i}`, { metadata: { name, labels }, rules: [{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list', 'watch'] }] });
    }
  }
}
