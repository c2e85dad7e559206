import { portNumberProblems } from '../../core/ports';
import { Problem, problem } from '../../core/problem';
import { ANNOTATIONS, MANAGER, MANAGER_CONTAINER } from '../conventions';
import { imageProblems } from './image';
import { ResourceRequirementsData, resourceProblems } from './resources';

/*
 * The controller-manager workload of an operator, rendered as plain Kubernetes JSON: kubebuilder's
 * hardened scaffold (config/manager, config/default patches), plus what it leaves out (automounted token,
 * topology spread, disruption budget, namespaced watch). Pure.
 */

/** How the metrics endpoint is served. */
export type MetricsMode = 'secure' | 'http' | 'disabled';

/** Everything the manager workload is rendered from, defaults resolved. */
export interface ManagerConfig {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly selectorLabels: Record<string, string>;
  readonly serviceAccountName: string;
  readonly image: string;
  /** A wire value of cdk8s-plus's `ImagePullPolicy` (checked with the props). */
  readonly imagePullPolicy: string;
  readonly imagePullSecrets: readonly string[];
  readonly command: readonly string[];
  readonly extraArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly replicas: number;
  readonly resources: ResourceRequirementsData;
  /** Whole seconds, at least 0 (checked where the `terminationGracePeriod` Duration is converted). */
  readonly terminationGracePeriodSeconds: number;
  readonly leaderElection: boolean;
  readonly healthProbePort: number;
  readonly metrics: { readonly mode: MetricsMode; readonly port: number; readonly certSecretName?: string };
  /** The webhook server, when the operator serves webhooks. */
  readonly webhook?: { readonly port: number; readonly certSecretName: string };
  /** The namespaces a namespaced install watches; `undefined` for a cluster-wide install. */
  readonly watchNamespaces?: readonly string[];
  readonly priorityClassName?: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
}

/** The manager's command-line arguments (kubebuilder's flags, in the order its rendered config has them). */
export function managerArgs(config: ManagerConfig): string[] {
  const args: string[] = [];
  switch (config.metrics.mode) {
    case 'secure':
      args.push(`--metrics-bind-address=:${config.metrics.port}`);
      if (config.metrics.certSecretName) args.push(`--metrics-cert-path=${MANAGER.metricsCertPath}`);
      break;
    case 'http':
      args.push(`--metrics-bind-address=:${config.metrics.port}`, '--metrics-secure=false');
      break;
    case 'disabled':
      args.push('--metrics-bind-address=0');
      break;
  }
  if (config.leaderElection) args.push('--leader-elect');
  args.push(`--health-probe-bind-address=:${config.healthProbePort}`);
  if (config.webhook) {
    args.push(`--webhook-cert-path=${MANAGER.webhookCertPath}`, `--webhook-port=${config.webhook.port}`);
  }
  args.push(...config.extraArgs);
  return args;
}

/** The manager container. */
export function renderManagerContainer(config: ManagerConfig): any {
  const ports: any[] = [{ containerPort: config.healthProbePort, name: MANAGER.healthPortName, protocol: 'TCP' }];
  if (config.metrics.mode !== 'disabled') {
    ports.push({ containerPort: config.metrics.port, name: MANAGER.metricsPortName, protocol: 'TCP' });
  }
  if (config.webhook) {
    ports.push({ containerPort: config.webhook.port, name: MANAGER.webhookPortName, protocol: 'TCP' });
  }
  const env: any[] = [];
  if (config.watchNamespaces) {
    env.push({ name: MANAGER.watchNamespaceEnv, value: config.watchNamespaces.join(',') });
  }
  for (const name of Object.keys(config.env).sort()) {
    env.push({ name, value: config.env[name] });
  }
  const volumeMounts: any[] = [];
  if (config.metrics.mode === 'secure' && config.metrics.certSecretName) {
    volumeMounts.push({ name: MANAGER.metricsCertVolume, mountPath: MANAGER.metricsCertPath, readOnly: true });
  }
  if (config.webhook) {
    volumeMounts.push({ name: MANAGER.webhookCertVolume, mountPath: MANAGER.webhookCertPath, readOnly: true });
  }
  return {
    name: MANAGER_CONTAINER,
    image: config.image,
    imagePullPolicy: config.imagePullPolicy,
    command: [...config.command],
    args: managerArgs(config),
    ...(env.length > 0 ? { env } : {}),
    ports,
    livenessProbe: {
      httpGet: { path: '/healthz', port: config.healthProbePort },
      initialDelaySeconds: 15,
      periodSeconds: 20,
    },
    readinessProbe: {
      httpGet: { path: '/readyz', port: config.healthProbePort },
      initialDelaySeconds: 5,
      periodSeconds: 10,
    },
    resources: {
      ...(config.resources.limits ? { limits: { ...config.resources.limits } } : {}),
      ...(config.resources.requests ? { requests: { ...config.resources.requests } } : {}),
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    terminationMessagePolicy: 'FallbackToLogsOnError',
    ...(volumeMounts.length > 0 ? { volumeMounts } : {}),
  };
}

/** The topology spread of a replicated manager: across zones and nodes, best effort (single-node clusters still schedule). */
export function renderTopologySpread(selectorLabels: Record<string, string>): any[] {
  return ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
    labelSelector: { matchLabels: { ...selectorLabels } },
    matchLabelKeys: ['pod-template-hash'],
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
  }));
}

/** The manager Deployment's `spec`. */
export function renderManagerDeploymentSpec(config: ManagerConfig): any {
  const volumes: any[] = [];
  if (config.metrics.mode === 'secure' && config.metrics.certSecretName) {
    volumes.push({ name: MANAGER.metricsCertVolume, secret: { secretName: config.metrics.certSecretName } });
  }
  if (config.webhook) {
    volumes.push({ name: MANAGER.webhookCertVolume, secret: { secretName: config.webhook.certSecretName } });
  }
  const podSpec: any = {
    automountServiceAccountToken: true,
    containers: [renderManagerContainer(config)],
    enableServiceLinks: false,
    ...(config.imagePullSecrets.length > 0 ? { imagePullSecrets: config.imagePullSecrets.map((name) => ({ name })) } : {}),
    ...(Object.keys(config.nodeSelector).length > 0 ? { nodeSelector: { ...config.nodeSelector } } : {}),
    ...(config.priorityClassName ? { priorityClassName: config.priorityClassName } : {}),
    securityContext: {
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    serviceAccountName: config.serviceAccountName,
    terminationGracePeriodSeconds: config.terminationGracePeriodSeconds,
    ...(config.replicas > 1 ? { topologySpreadConstraints: renderTopologySpread(config.selectorLabels) } : {}),
    ...(volumes.length > 0 ? { volumes } : {}),
  };
  return {
    replicas: config.replicas,
    selector: { matchLabels: { ...config.selectorLabels } },
    template: {
      metadata: {
        annotations: { [ANNOTATIONS.defaultContainer]: MANAGER_CONTAINER },
        labels: { ...config.labels, ...config.selectorLabels },
      },
      spec: podSpec,
    },
  };
}

/** The PodDisruptionBudget `spec` of a replicated manager: one pod at a time, crash-looping pods always evictable. */
export function renderDisruptionBudgetSpec(selectorLabels: Record<string, string>): any {
  return {
    maxUnavailable: 1,
    selector: { matchLabels: { ...selectorLabels } },
    unhealthyPodEvictionPolicy: 'AlwaysAllow',
  };
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function portProblems(field: string, port: number): Problem[] {
  return portNumberProblems(field, port);
}

/** The problems of a manager configuration (the operator's props after defaults). */
export function managerProblems(config: ManagerConfig): Problem[] {
  const problems: Problem[] = [];
  problems.push(...imageProblems('image', config.image));
  if (!Number.isInteger(config.replicas) || config.replicas < 1) {
    problems.push(problem('replicas', 'must be an integer of at least 1', config.replicas, 'use 1, or 2 or more with leader election for high availability'));
  } else if (config.replicas > 1 && !config.leaderElection) {
    problems.push(problem('leaderElection', 'must be true when replicas > 1 (replicas would reconcile the same objects concurrently)', config.leaderElection, 'enable leader election or use a single replica'));
  }
  if (config.command.length === 0) {
    problems.push(problem('command', 'must not be empty', config.command, 'set the manager binary, e.g. ["/manager"]'));
  }
  config.command.forEach((c, i) => {
    if (typeof c !== 'string' || c.trim() === '') problems.push(problem(`command[${i}]`, 'must be a non-empty string', c, 'remove the empty entry, e.g. ["/manager"]'));
  });
  config.extraArgs.forEach((a, i) => {
    if (typeof a !== 'string' || a.trim() === '') problems.push(problem(`args[${i}]`, 'must be a non-empty string', a, 'remove the empty argument'));
  });
  problems.push(...resourceProblems('resources', config.resources));
  problems.push(...portProblems('healthProbePort', config.healthProbePort));
  const used = new Map<number, string>([[config.healthProbePort, 'healthProbePort']]);
  const claim = (field: string, port: number) => {
    problems.push(...portProblems(field, port));
    const owner = used.get(port);
    if (owner) problems.push(problem(field, `must differ from ${owner}`, port, 'give each endpoint of the manager its own port'));
    used.set(port, field);
  };
  if (config.metrics.mode !== 'disabled') claim('metrics.port', config.metrics.port);
  if (config.webhook) claim('webhookPort', config.webhook.port);
  for (const name of Object.keys(config.env)) {
    if (!ENV_NAME.test(name)) {
      problems.push(problem(`env.${name}`, 'must be a valid environment variable name (letters, digits, "_", "-" or ".", not starting with a digit)', name, 'rename the variable'));
    }
    if (config.watchNamespaces && name === MANAGER.watchNamespaceEnv) {
      problems.push(problem(`env.${name}`, 'must not be set explicitly for a namespaced install (opskit sets it from watchNamespaces)', config.env[name], 'remove the variable and list the namespaces in watchNamespaces'));
    }
  }
  config.extraArgs.forEach((arg, i) => {
    const flag = arg.split('=')[0];
    if (managerArgs({ ...config, extraArgs: [] }).some((a) => a.split('=')[0] === flag)) {
      problems.push(problem(`args[${i}]`, 'must not repeat a flag opskit sets from the props', arg, `set the prop that controls ${flag} instead`));
    }
  });
  return problems;
}
