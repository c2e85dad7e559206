import { Duration, JsonPatch } from 'cdk8s';
import { ImagePullPolicy } from 'cdk8s-plus-33';
import { OpsTesting } from '../../src/app/testing';
import { restrictedPodProblems } from '../../src/operator/model/pod-security';
import { Operator } from '../../src/operator/operator';
import { OperatorMetrics } from '../../src/operator/operator-metrics';
import { OperatorProps } from '../../src/operator/operator-props';
import { expectOpsError, FULL, IMAGE, NS, setup } from '../fixtures/operator/operator-setup';

describe('Operator defaults', () => {
  const { operator, synth } = setup();
  const out = synth();
  const deployment = out.findObject('test', 'Deployment', 'backup-operator-controller-manager');
  const pod = deployment.spec.template.spec;
  const manager = pod.containers.find((c: any) => c.name === 'manager');

  test('runs in its own namespace, labelled for Pod Security restricted', () => {
    const ns = out.findObject('test', 'Namespace', NS);
    expect(ns.metadata.labels).toMatchObject({
      'control-plane': 'controller-manager',
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    expect(deployment.metadata.namespace).toBe(NS);
    expect(operator.namespaceName).toBe(NS);
  });

  test('uses its own service account with an automounted token', () => {
    expect(out.findObject('test', 'ServiceAccount', 'backup-operator-controller-manager').metadata.namespace).toBe(NS);
    expect(pod.serviceAccountName).toBe('backup-operator-controller-manager');
    expect(pod.automountServiceAccountToken).toBe(true);
  });

  test('has one replica, kubebuilder\'s selector and the default-container annotation', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.selector.matchLabels).toEqual({ 'control-plane': 'controller-manager', 'app.kubernetes.io/name': 'backup-operator' });
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/default-container': 'manager' });
  });

  test('is hardened: non-root, seccomp, read-only root, no escalation, no capabilities', () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(manager.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(manager.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(manager.securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(manager.securityContext.runAsNonRoot).toBe(true);
    expect(manager.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('has requests, limits, grace period, probes and the pinned image', () => {
    expect(manager.resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '10m', memory: '64Mi' } });
    expect(pod.terminationGracePeriodSeconds).toBe(10);
    expect(manager.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 8081 });
    expect(manager.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 8081 });
    expect(manager.image).toBe(IMAGE);
    expect(manager.imagePullPolicy).toBe('IfNotPresent');
    expect(manager.command).toEqual(['/manager']);
  });

  test('schedules on Linux nodes without service links, image pull secrets or extra env', () => {
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.enableServiceLinks).toBe(false);
    expect(pod.imagePullSecrets).toBeUndefined();
    expect(pod.priorityClassName).toBeUndefined();
    expect(manager.env).toBeUndefined();
  });

  test('runs the manager with leader election, health probes and secure metrics', () => {
    expect(manager.args).toEqual(['--metrics-bind-address=:8443', '--leader-elect', '--health-probe-bind-address=:8081']);
  });

  test('grants leader election leases and events, not configmaps', () => {
    const role = out.findObject('test', 'Role', 'backup-operator-leader-election-role');
    expect(role.metadata.namespace).toBe(NS);
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: FULL },
    ]);
    const binding = out.findObject('test', 'RoleBinding', 'backup-operator-leader-election-rolebinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'backup-operator-leader-election-role' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'backup-operator-controller-manager', namespace: NS }]);
  });

  test('serves secure metrics with the auth and reader roles and a Service', () => {
    expect(out.findObject('test', 'ClusterRole', 'backup-operator-metrics-auth-role').rules).toEqual([
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
    expect(out.findObject('test', 'ClusterRoleBinding', 'backup-operator-metrics-auth-rolebinding').roleRef.name).toBe('backup-operator-metrics-auth-role');
    expect(out.findObject('test', 'ClusterRole', 'backup-operator-metrics-reader').rules).toEqual([{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]);
    expect(out.hasObject('test', 'ClusterRoleBinding', 'backup-operator-metrics-reader-rolebinding')).toBe(false);
    const service = out.findObject('test', 'Service', 'backup-operator-controller-manager-metrics-service');
    expect(service.spec.ports).toEqual([{ name: 'https', port: 8443, protocol: 'TCP', targetPort: 8443 }]);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  test('renders nothing optional: no PDB, spread, ServiceMonitor, NetworkPolicy, webhooks or manager role', () => {
    expect(out.findObjects('test', 'PodDisruptionBudget')).toEqual([]);
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(out.findObjects('test', 'ServiceMonitor')).toEqual([]);
    expect(out.findObjects('test', 'NetworkPolicy')).toEqual([]);
    expect(out.findObjects('test', 'ValidatingWebhookConfiguration')).toEqual([]);
    expect(out.findObjects('test', 'Issuer')).toEqual([]);
    expect(out.hasObject('test', 'ClusterRole', 'backup-operator-manager-role')).toBe(false);
    expect(operator.managerClusterRole).toBeUndefined();
  });

  test('exposes the objects it created', () => {
    expect(operator.apiObject.node.id).toBe('Resource');
    expect(operator.apiObject.name).toBe('backup-operator-controller-manager');
    expect(operator.serviceAccount.name).toBe('backup-operator-controller-manager');
    expect(operator.namespace!.name).toBe(NS);
    expect(operator.metricsService!.name).toBe('backup-operator-controller-manager-metrics-service');
    expect(operator.leaderElectionRole!.name).toBe('backup-operator-leader-election-role');
  });
});

describe('Operator namespace', () => {
  test('honours its chart\'s namespace everywhere and leaves the Namespace to the chart', () => {
    // GIVEN
    const { operator, plans, synth } = setup({ metricsReaders: [{ serviceAccountName: 'prometheus-k8s', namespace: 'monitoring' }] }, { namespace: 'payments' });
    operator.owns(plans);
    operator.addValidatingWebhook({ type: plans, version: 'v1' });
    operator.addConversionWebhook(plans);
    // WHEN
    const out = synth();
    // THEN
    expect(operator.namespaceName).toBe('payments');
    expect(operator.namespace).toBeUndefined();
    expect(out.findObjects('test', 'Namespace')).toEqual([]);
    for (const [kind, name] of [
      ['Deployment', 'backup-operator-controller-manager'],
      ['ServiceAccount', 'backup-operator-controller-manager'],
      ['Role', 'backup-operator-leader-election-role'],
      ['RoleBinding', 'backup-operator-leader-election-rolebinding'],
      ['Service', 'backup-operator-controller-manager-metrics-service'],
      ['Service', 'backup-operator-webhook-service'],
      ['Certificate', 'backup-operator-serving-cert'],
      ['Issuer', 'backup-operator-selfsigned-issuer'],
    ]) {
      expect([kind, name, out.findObject('test', kind, name).metadata.namespace]).toEqual([kind, name, 'payments']);
    }
    const subject = { kind: 'ServiceAccount', name: 'backup-operator-controller-manager', namespace: 'payments' };
    expect(out.findObject('test', 'RoleBinding', 'backup-operator-leader-election-rolebinding').subjects).toEqual([subject]);
    const managerBinding = out.findObject('test', 'ClusterRoleBinding', 'backup-operator-manager-rolebinding');
    expect(managerBinding.subjects).toEqual([subject]);
    expect(managerBinding.metadata.namespace).toBeUndefined();
    expect(out.findObject('test', 'ClusterRole', 'backup-operator-manager-role').metadata.namespace).toBeUndefined();
    const validating = out.findObject('test', 'ValidatingWebhookConfiguration', 'backup-operator-validating-webhook-configuration');
    expect(validating.metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': 'payments/backup-operator-serving-cert' });
    expect(validating.webhooks[0].clientConfig.service).toMatchObject({ name: 'backup-operator-webhook-service', namespace: 'payments' });
    const crd = out.findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    expect(crd.spec.conversion.webhook.clientConfig.service.namespace).toBe('payments');
    expect(out.findObject('test', 'Certificate', 'backup-operator-serving-cert').spec.dnsNames).toEqual([
      'backup-operator-webhook-service.payments.svc', 'backup-operator-webhook-service.payments.svc.cluster.local',
    ]);
    expect(operator.permissions.namespace).toBe('payments');
  });

  test('its own metadata.namespace wins over the chart\'s, without a Namespace object', () => {
    // GIVEN
    const { operator, synth } = setup({ metadata: { namespace: 'backup' } }, { namespace: 'payments' });
    // WHEN
    const out = synth();
    // THEN
    expect(operator.namespaceName).toBe('backup');
    expect(out.findObjects('test', 'Namespace')).toEqual([]);
    expect(out.findObject('test', 'Deployment', 'backup-operator-controller-manager').metadata.namespace).toBe('backup');
    expect(out.findObject('test', 'RoleBinding', 'backup-operator-leader-election-rolebinding').subjects[0].namespace).toBe('backup');
  });

  test('defaults to <name>-system, with a Namespace object labelled for restricted, when the chart has no namespace', () => {
    // GIVEN
    const { operator, synth } = setup({ metadata: { name: 'backup' } });
    // WHEN
    const out = synth();
    // THEN
    expect(operator.namespaceName).toBe('backup-system');
    expect(out.findObjects('test', 'Namespace').map((n) => [n.metadata.name, n.metadata.labels['pod-security.kubernetes.io/enforce']])).toEqual([['backup-system', 'restricted']]);
    expect(out.findObject('test', 'Deployment', 'backup-controller-manager').metadata.namespace).toBe('backup-system');
  });

  test('createNamespace: true creates the chart\'s namespace too', () => {
    // GIVEN
    const { synth } = setup({ createNamespace: true }, { namespace: 'payments' });
    // WHEN / THEN
    expect(synth().findObjects('test', 'Namespace').map((n) => n.metadata.name)).toEqual(['payments']);
  });

  test('createNamespace: false leaves out the default namespace', () => {
    const { operator, synth } = setup({ createNamespace: false });
    expect(synth().findObjects('test', 'Namespace')).toEqual([]);
    expect(operator.namespaceName).toBe(NS);
  });
});

describe('Operator workload props', () => {
  test('every workload prop reaches the manager pod', () => {
    // GIVEN
    const { synth } = setup({
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      command: ['/bin/manager'],
      args: ['--zap-log-level=debug'],
      env: { ZAP_ENCODER: 'json', GOMEMLIMIT: '100MiB' },
      terminationGracePeriod: Duration.seconds(30),
      healthProbePort: 9440,
      metrics: OperatorMetrics.http({ port: 9090 }),
      nodeSelector: { 'node-role.kubernetes.io/infra': '' },
      metadata: { labels: { team: 'storage' }, annotations: { 'example.com/owner': 'storage-team' } },
    });
    // WHEN
    const out = synth();
    // THEN
    const deployment = out.findObject('test', 'Deployment', 'backup-operator-controller-manager');
    const pod = deployment.spec.template.spec;
    const manager = pod.containers.find((c: any) => c.name === 'manager');
    expect(manager.imagePullPolicy).toBe('Always');
    expect(manager.command).toEqual(['/bin/manager']);
    expect(manager.args).toEqual(['--metrics-bind-address=:9090', '--metrics-secure=false', '--leader-elect', '--health-probe-bind-address=:9440', '--zap-log-level=debug']);
    expect(manager.env).toEqual([{ name: 'GOMEMLIMIT', value: '100MiB' }, { name: 'ZAP_ENCODER', value: 'json' }]);
    expect(manager.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 9440 });
    expect(manager.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 9440 });
    expect(manager.ports).toEqual([
      { containerPort: 9440, name: 'health', protocol: 'TCP' },
      { containerPort: 9090, name: 'metrics', protocol: 'TCP' },
    ]);
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(pod.nodeSelector).toEqual({ 'node-role.kubernetes.io/infra': '' });
    expect(deployment.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'backup-operator', 'app.kubernetes.io/managed-by': 'opskit', 'team': 'storage' });
    expect(deployment.metadata.annotations).toEqual({ 'example.com/owner': 'storage-team' });
    expect(out.findObject('test', 'ServiceAccount', 'backup-operator-controller-manager').metadata.labels.team).toBe('storage');
    expect(out.findObject('test', 'Namespace', NS).metadata.annotations).toEqual({ 'example.com/owner': 'storage-team' });
    expect(out.findObject('test', 'Service', 'backup-operator-controller-manager-metrics-service').spec.ports).toEqual([{ name: 'http', port: 9090, protocol: 'TCP', targetPort: 9090 }]);
  });
});

describe('Operator high availability', () => {
  test('replicas > 1 add a PodDisruptionBudget and topology spread', () => {
    // GIVEN
    const { operator, synth } = setup({ replicas: 3 });
    // WHEN
    const out = synth();
    // THEN
    const pdb = out.findObject('test', 'PodDisruptionBudget', 'backup-operator-controller-manager');
    expect(pdb.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'control-plane': 'controller-manager', 'app.kubernetes.io/name': 'backup-operator' } },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
    const pod = out.findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec;
    expect(pod.topologySpreadConstraints.map((t: any) => [t.topologyKey, t.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'], ['kubernetes.io/hostname', 'ScheduleAnyway'],
    ]);
    expect(operator.podDisruptionBudget).toBeDefined();
  });

  test('fails when replicas > 1 without leader election', () => {
    expectOpsError(() => setup({ replicas: 2, leaderElection: false }), 'leaderElection', 'test/backup-operator', 'must be true when replicas > 1');
  });
});

describe('Operator props validation', () => {
  test.each([
    ['the image is not pinned', { image: 'ghcr.io/acme/backup-operator' }, 'image'],
    ['the image uses latest', { image: 'ghcr.io/acme/backup-operator:latest' }, 'image'],
    ['the name is too long for its Services', { metadata: { name: 'a-very-long-operator-name-for-tests' } }, 'metadata.name'],
    ['the name is not a DNS label', { metadata: { name: 'Backup' } }, 'metadata.name'],
    ['the name is not a string (plain JavaScript)', { metadata: { name: 42 } }, 'metadata.name'],
    ['the namespace is invalid', { metadata: { namespace: 'Team_A' } }, 'metadata.namespace'],
    ['labels are not a map of strings', { metadata: { labels: 'team=storage' } }, 'metadata.labels'],
    ['an annotation key is invalid', { metadata: { annotations: { 'owner team': 'x' } } }, 'metadata.annotations["owner team"]'],
    ['finalizers are set (they belong to one object)', { metadata: { finalizers: ['example.com/keep'] } }, 'metadata.finalizers'],
    ['the image pull policy is not an ImagePullPolicy (plain JavaScript)', { imagePullPolicy: 'Sometimes' }, 'imagePullPolicy'],
    ['the grace period is a number of seconds (plain JavaScript)', { terminationGracePeriod: 30 }, 'terminationGracePeriod'],
    ['the grace period is not whole seconds', { terminationGracePeriod: Duration.millis(1500) }, 'terminationGracePeriod'],
    ['memory has no limit', { resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '1' } } }, 'resources.limits.memory'],
    ['ports clash', { healthProbePort: 9443 }, 'webhookPort'],
    ['a label key is invalid', { metadata: { labels: { 'team name': 'x' } } }, 'metadata.labels["team name"]'],
    ['a label overrides the name label', { metadata: { labels: { 'app.kubernetes.io/name': 'other' } } }, 'metadata.labels["app.kubernetes.io/name"]'],
    ['an image pull secret is not a Secret name', { imagePullSecrets: ['Registry_Creds'] }, 'imagePullSecrets[0]'],
    ['an image pull secret is empty', { imagePullSecrets: [''] }, 'imagePullSecrets[0]'],
    ['an image pull secret repeats', { imagePullSecrets: ['ghcr-pull', 'ghcr-pull'] }, 'imagePullSecrets[1]'],
    ['the priority class is not a name', { priorityClassName: 'High Priority' }, 'priorityClassName'],
    ['a command entry is empty', { command: [''] }, 'command[0]'],
    ['an argument is empty', { args: [''] }, 'args[0]'],
    ['a resource name is invalid', { resources: { requests: { 'cpu': '10m', 'memory': '64Mi', 'nvidia gpu': '1' }, limits: { memory: '128Mi' } } }, 'resources.requests.nvidia gpu'],
    ['metricsNamespaceSelector is set without networkPolicies', { metricsNamespaceSelector: { team: 'monitoring' } }, 'metricsNamespaceSelector'],
    ['metricsNamespaceSelector is empty', { networkPolicies: true, metricsNamespaceSelector: {} }, 'metricsNamespaceSelector'],
    ['the namespace to create is kube-system', { metadata: { namespace: 'kube-system' }, createNamespace: true }, 'createNamespace'],
    ['the namespace to create is default', { metadata: { namespace: 'default' }, createNamespace: true }, 'createNamespace'],
    ['leaderElectionConfigMaps is set without leader election', { leaderElection: false, leaderElectionConfigMaps: true }, 'leaderElectionConfigMaps'],
  ])('fails when %s', (_name, props, field) => {
    expectOpsError(() => setup(props as Partial<OperatorProps>), field, 'test/backup-operator');
  });

  test('fails when the construct id is not a valid default name, saying where the name came from', () => {
    // GIVEN
    const app = OpsTesting.app();
    // THEN
    expectOpsError(() => new Operator(app.chart('test'), 'BackupOperator', { image: IMAGE }), 'metadata.name', 'test/BackupOperator', 'it defaults to the construct id "BackupOperator"');
  });

  test('runs in an existing system namespace without emitting a Namespace for it', () => {
    // GIVEN
    const { synth } = setup({ metadata: { namespace: 'kube-system' } });
    // WHEN
    const out = synth();
    // THEN
    expect(out.findObjects('test', 'Namespace')).toEqual([]);
    expect(out.findObject('test', 'Deployment', 'backup-operator-controller-manager').metadata.namespace).toBe('kube-system');
  });

  test('accepts the name label when it repeats the name, and valid pull secrets and priority class', () => {
    // GIVEN
    const { synth } = setup({ metadata: { labels: { 'app.kubernetes.io/name': 'backup-operator' } }, imagePullSecrets: ['ghcr-pull'], priorityClassName: 'system-cluster-critical' });
    // WHEN
    const pod = synth().findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec;
    // THEN
    expect(pod.imagePullSecrets).toEqual([{ name: 'ghcr-pull' }]);
    expect(pod.priorityClassName).toBe('system-cluster-critical');
  });

  test('resources default per field: custom requests keep the default limits', () => {
    const { synth } = setup({ resources: { requests: { cpu: '50m', memory: '100Mi' } } });
    const manager = synth().findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec.containers[0];
    expect(manager.resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '50m', memory: '100Mi' } });
  });

  test('accepts an image pinned by digest', () => {
    expect(() => setup({ image: `ghcr.io/acme/backup-operator@sha256:${'0'.repeat(64)}` })).not.toThrow();
  });
});

describe('Operator Pod Security', () => {
  test('the manager pod passes the "restricted" Pod Security Standard its namespace enforces', () => {
    const { operator, synth } = setup({ replicas: 2, metrics: OperatorMetrics.secure({ certManagerCertificate: true }) });
    expect(() => synth()).not.toThrow();
    expect(restrictedPodProblems(operator.apiObject.toJson().spec.template.spec)).toEqual([]);
  });

  test('fails at synth when an escape-hatch patch breaks the restricted profile', () => {
    // GIVEN
    const { app, operator } = setup();
    // WHEN
    operator.apiObject.addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
    // THEN
    expectOpsError(() => OpsTesting.synth(app), 'deployment.spec.template.spec.hostNetwork', 'test/backup-operator', 'must not be true (host namespaces)');
  });

  test('an existing namespace is not assumed to enforce restricted', () => {
    const { operator, synth } = setup({ createNamespace: false });
    operator.apiObject.addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
    expect(() => synth()).not.toThrow();
  });
});
