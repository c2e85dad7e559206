import {
  ManagerConfig, managerArgs, managerProblems, renderDisruptionBudgetSpec, renderManagerContainer, renderManagerDeploymentSpec,
  renderTopologySpread,
} from '../../../src/operator/model/manager-workload';

const SELECTOR = { 'control-plane': 'controller-manager', 'app.kubernetes.io/name': 'backup-operator' };

function config(overrides: Partial<ManagerConfig> = {}): ManagerConfig {
  return {
    name: 'backup-operator-controller-manager',
    namespace: 'backup-operator-system',
    labels: { 'app.kubernetes.io/name': 'backup-operator' },
    selectorLabels: SELECTOR,
    serviceAccountName: 'backup-operator-controller-manager',
    image: 'ghcr.io/acme/backup-operator:v0.3.1',
    imagePullPolicy: 'IfNotPresent',
    imagePullSecrets: [],
    command: ['/manager'],
    extraArgs: [],
    env: {},
    replicas: 1,
    resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
    terminationGracePeriodSeconds: 10,
    leaderElection: true,
    healthProbePort: 8081,
    metrics: { mode: 'secure', port: 8443 },
    nodeSelector: {},
    ...overrides,
  };
}

describe('managerArgs', () => {
  test.each<[string, Partial<ManagerConfig>, string[]]>([
    ['secure metrics (kubebuilder\'s rendered order)', {}, ['--metrics-bind-address=:8443', '--leader-elect', '--health-probe-bind-address=:8081']],
    ['secure metrics with a cert-manager certificate', { metrics: { mode: 'secure', port: 8443, certSecretName: 's' } },
      ['--metrics-bind-address=:8443', '--metrics-cert-path=/tmp/k8s-metrics-server/metrics-certs', '--leader-elect', '--health-probe-bind-address=:8081']],
    ['plain HTTP metrics', { metrics: { mode: 'http', port: 8080 } }, ['--metrics-bind-address=:8080', '--metrics-secure=false', '--leader-elect', '--health-probe-bind-address=:8081']],
    ['no metrics, no leader election', { metrics: { mode: 'disabled', port: 0 }, leaderElection: false }, ['--metrics-bind-address=0', '--health-probe-bind-address=:8081']],
    ['webhooks', { webhook: { port: 9443, certSecretName: 'x' } },
      ['--metrics-bind-address=:8443', '--leader-elect', '--health-probe-bind-address=:8081', '--webhook-cert-path=/tmp/k8s-webhook-server/serving-certs', '--webhook-port=9443']],
    ['extra args last', { extraArgs: ['--zap-log-level=debug'] }, ['--metrics-bind-address=:8443', '--leader-elect', '--health-probe-bind-address=:8081', '--zap-log-level=debug']],
  ])('%s', (_name, overrides, expected) => {
    expect(managerArgs(config(overrides))).toEqual(expected);
  });
});

describe('renderManagerContainer', () => {
  test('is hardened like kubebuilder\'s manager, and stricter', () => {
    // WHEN
    const c = renderManagerContainer(config());
    // THEN
    expect(c.name).toBe('manager');
    expect(c.command).toEqual(['/manager']);
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 8081 }, initialDelaySeconds: 15, periodSeconds: 20 });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/readyz', port: 8081 }, initialDelaySeconds: 5, periodSeconds: 10 });
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '10m', memory: '64Mi' } });
    expect(c.ports).toEqual([
      { containerPort: 8081, name: 'health', protocol: 'TCP' },
      { containerPort: 8443, name: 'metrics', protocol: 'TCP' },
    ]);
    expect(c.env).toBeUndefined();
    expect(c.volumeMounts).toBeUndefined();
  });

  test('a namespaced install sets WATCH_NAMESPACE before the sorted user variables', () => {
    const c = renderManagerContainer(config({ watchNamespaces: ['team-a', 'team-b'], env: { Z: '1', A: '2' } }));
    expect(c.env).toEqual([
      { name: 'WATCH_NAMESPACE', value: 'team-a,team-b' },
      { name: 'A', value: '2' },
      { name: 'Z', value: '1' },
    ]);
  });

  test('webhooks add the port and the read-only certificate mount', () => {
    const c = renderManagerContainer(config({ webhook: { port: 9443, certSecretName: 'cert' } }));
    expect(c.ports).toContainEqual({ containerPort: 9443, name: 'webhook-server', protocol: 'TCP' });
    expect(c.volumeMounts).toEqual([{ name: 'webhook-certs', mountPath: '/tmp/k8s-webhook-server/serving-certs', readOnly: true }]);
  });
});

describe('renderManagerDeploymentSpec', () => {
  test('a single replica has no topology spread', () => {
    // WHEN
    const spec = renderManagerDeploymentSpec(config());
    // THEN
    expect(spec.replicas).toBe(1);
    expect(spec.selector).toEqual({ matchLabels: SELECTOR });
    expect(spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/default-container': 'manager' });
    expect(spec.template.metadata.labels).toMatchObject(SELECTOR);
    const pod = spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.serviceAccountName).toBe('backup-operator-controller-manager');
    expect(pod.terminationGracePeriodSeconds).toBe(10);
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(pod.volumes).toBeUndefined();
  });

  test('replicas > 1 spread across zones and nodes', () => {
    const spec = renderManagerDeploymentSpec(config({ replicas: 3 }));
    expect(spec.template.spec.topologySpreadConstraints).toEqual(renderTopologySpread(SELECTOR));
    expect(spec.template.spec.topologySpreadConstraints.map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
  });

  test('certificates are mounted from their secrets', () => {
    const spec = renderManagerDeploymentSpec(config({
      metrics: { mode: 'secure', port: 8443, certSecretName: 'metrics-secret' },
      webhook: { port: 9443, certSecretName: 'webhook-secret' },
    }));
    expect(spec.template.spec.volumes).toEqual([
      { name: 'metrics-certs', secret: { secretName: 'metrics-secret' } },
      { name: 'webhook-certs', secret: { secretName: 'webhook-secret' } },
    ]);
  });
});

describe('renderDisruptionBudgetSpec', () => {
  test('allows one pod at a time to be disrupted and never blocks on unhealthy pods', () => {
    expect(renderDisruptionBudgetSpec(SELECTOR)).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: SELECTOR },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
  });
});

describe('managerProblems', () => {
  test('accepts the defaults', () => {
    expect(managerProblems(config())).toEqual([]);
  });

  test.each<[string, Partial<ManagerConfig>, string[]]>([
    ['an unpinned image', { image: 'ghcr.io/acme/op:latest' }, ['image']],
    ['zero replicas', { replicas: 0 }, ['replicas']],
    ['replicas without leader election', { replicas: 2, leaderElection: false }, ['leaderElection']],
    ['an empty command', { command: [] }, ['command']],
    ['an empty command entry', { command: ['/manager', ''] }, ['command[1]']],
    ['an empty argument', { extraArgs: ['--zap-devel', ' '] }, ['args[1]']],
    ['a port out of range', { healthProbePort: 70000 }, ['healthProbePort']],
    ['metrics on the health port', { metrics: { mode: 'http', port: 8081 } }, ['metrics.port']],
    ['webhooks on the metrics port', { webhook: { port: 8443, certSecretName: 'x' } }, ['webhookPort']],
    ['a bad env name', { env: { '1BAD': 'x' } }, ['env.1BAD']],
    ['WATCH_NAMESPACE set by hand in a namespaced install', { watchNamespaces: ['a'], env: { WATCH_NAMESPACE: 'b' } }, ['env.WATCH_NAMESPACE']],
    ['an arg repeating a managed flag', { extraArgs: ['--leader-elect=false'] }, ['args[0]']],
    ['a request above its limit', { resources: { requests: { cpu: '2', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } } }, ['resources.requests.cpu']],
  ])('reports %s', (_name, overrides, fields) => {
    expect(managerProblems(config(overrides)).map((p) => p.field)).toEqual(fields);
  });
});
