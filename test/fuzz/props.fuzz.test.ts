import * as fc from 'fast-check';
import { fuzzStruct } from './prop-arbitraries';
import {
  AlertmanagerRouting, AlertTopic, CertManagerRelease, CustomResource, CustomResourceDefinition, EksNodeConfig, FileArtifact, GrafanaDashboard,
  HelmProvider,
  HelmRelease, KubePrometheusStackRelease, ManagedPrometheus, MetricAlarm, NodeLocalDns, NodeLocalDnsHelmRelease, Operator, OpsTesting, PodMonitor,
  PrometheusRules, ServiceLevelObjective, ServiceMonitor,
} from '../../src';
import { OpsError } from '../../src/core/ops-error';
import { propertyParameters } from '../support/property';

jest.setTimeout(600_000);

/** Runs per construct (`OPSKIT_FUZZ_RUNS` raises it locally). */
const RUNS = Number(process.env.OPSKIT_FUZZ_RUNS ?? 200);

type Engine = 'k8s' | 'tf';
const CONSTRUCTS: [string, Engine, new (scope: any, id: string, props: any) => unknown][] = [
  ['ServiceLevelObjectiveProps', 'k8s', ServiceLevelObjective],
  ['PrometheusRulesProps', 'k8s', PrometheusRules],
  ['ServiceMonitorProps', 'k8s', ServiceMonitor],
  ['PodMonitorProps', 'k8s', PodMonitor],
  ['AlertmanagerRoutingProps', 'k8s', AlertmanagerRouting],
  ['GrafanaDashboardProps', 'k8s', GrafanaDashboard],
  ['CustomResourceDefinitionProps', 'k8s', CustomResourceDefinition],
  ['CustomResourceProps', 'k8s', CustomResource],
  ['OperatorProps', 'k8s', Operator],
  ['NodeLocalDnsProps', 'k8s', NodeLocalDns],
  ['FileArtifactProps', 'k8s', FileArtifact],
  ['HelmReleaseProps', 'k8s', HelmRelease],
  ['KubePrometheusStackReleaseProps', 'k8s', KubePrometheusStackRelease],
  ['CertManagerReleaseProps', 'k8s', CertManagerRelease],
  ['MetricAlarmProps', 'tf', MetricAlarm],
  ['ManagedPrometheusProps', 'tf', ManagedPrometheus],
  ['AlertTopicProps', 'tf', AlertTopic],
  ['HelmProviderProps', 'tf', HelmProvider],
  ['EksNodeConfigProps', 'tf', EksNodeConfig],
  ['NodeLocalDnsHelmReleaseProps', 'tf', NodeLocalDnsHelmRelease],
];

/** Builds the construct and synthesizes; returns the error when it is not an `OpsError` (none when the run is fine). */
function crashOf(type: new (scope: any, id: string, props: any) => unknown, engine: Engine, props: unknown): unknown {
  try {
    const app = OpsTesting.app();
    const scope = engine === 'k8s' ? app.chart('fuzz') : app.stack('fuzz');
    new type(scope, 'subject', props);
    OpsTesting.synth(app);
    return undefined;
  } catch (e) {
    return e instanceof OpsError ? undefined : e;
  }
}

describe('fuzzed props end in valid output or an OpsError, never another exception', () => {
  test.each(CONSTRUCTS)('%s', (struct, engine, type) => {
    // GIVEN props generated from the declared types, mixed with wrong types, nulls, hostile text and numbers
    const props = fuzzStruct(struct);
    // WHEN / THEN
    fc.assert(fc.property(props, (p) => {
      const crash = crashOf(type, engine, p);
      if (crash !== undefined) {
        throw new Error(`${struct}: ${crash instanceof Error ? `${crash.name}: ${crash.message}\n${crash.stack?.split('\n').slice(1, 4).join('\n')}` : String(crash)}`);
      }
    }), propertyParameters(RUNS));
  });
});
