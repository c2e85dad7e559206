// The opskit quick start: one program, a Kubernetes chart and a Terraform stack.
//
//   npx cdk8s synth      → dist/quickstart.k8s.yaml, dist/opskit.json, cdktf.out/stacks/quickstart-aws/cdk.tf.json
//   npx ts-node main.ts  → the same files (the program runs the synth itself)
import { PrometheusWorkspace } from '@cdktn/provider-aws/lib/prometheus-workspace';
import { k8s } from 'cdk8s-plus-33';
import { FileArtifact, OpsApp } from 'opskit';

const app = new OpsApp();

// Kubernetes: a namespace with a small hardened web workload.
const chart = app.chart('quickstart', { namespace: 'quickstart', labels: { 'app.kubernetes.io/part-of': 'quickstart' } });
const labels = { 'app.kubernetes.io/name': 'hello' };
new k8s.KubeNamespace(chart, 'namespace', { metadata: { name: 'quickstart' } });
new k8s.KubeServiceAccount(chart, 'service-account', { metadata: { name: 'hello' }, automountServiceAccountToken: false });
new k8s.KubeConfigMap(chart, 'config', { metadata: { name: 'hello' }, data: { GREETING: 'hello from opskit' } });
new k8s.KubeService(chart, 'service', {
  metadata: { name: 'hello' },
  spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromString('http') }] },
});
new k8s.KubeDeployment(chart, 'deployment', {
  metadata: { name: 'hello' },
  spec: {
    replicas: 2,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        serviceAccountName: 'hello',
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'hello',
          image: 'nginxinc/nginx-unprivileged:1.27.3-alpine',
          ports: [{ name: 'http', containerPort: 8080 }],
          envFrom: [{ configMapRef: { name: 'hello' } }],
          resources: {
            requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
            limits: { memory: k8s.Quantity.fromString('128Mi') },
          },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        }],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    },
  },
});
new FileArtifact(chart, 'runbook', { path: 'docs/quickstart-runbook.md', content: '# hello\n\nRestart with `kubectl -n quickstart rollout restart deploy/hello`.\n' });

// Terraform: an Amazon Managed Service for Prometheus workspace for the same team.
const stack = app.stack('quickstart-aws', { aws: { region: 'eu-west-1', defaultTags: { team: 'platform' } } });
new PrometheusWorkspace(stack, 'workspace', { alias: 'quickstart' });

app.synth();
