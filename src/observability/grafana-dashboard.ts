import { ApiObject, ApiObjectMetadata, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { DashboardRow, DashboardVariable } from './dashboard-types';
import { ServiceLevelObjective } from './service-level-objective';
import { ArtifactFile, Artifacts, IArtifact } from '../core/artifact';
import { checkProps } from '../core/check-props';
import { durationMillis, durationValueProblems, formatGrafanaDuration } from '../core/duration';
import { isQualifiedName, namespaceProblems } from '../core/names';
import { objectName } from '../core/object-name';
import { problem, Problem } from '../core/problem';
import { reportPropsProblem, reportPropsProblems } from '../core/props-problems';
import type * as Grafana from './model/grafana';
import type * as GrafanaSlo from './model/grafana-slo';

let grafanaModule: { grafana: typeof Grafana; slo: typeof GrafanaSlo } | undefined;

/** The dashboard model and its SLO dashboards, loaded when the first dashboard is built. */
function grafana(): { grafana: typeof Grafana; slo: typeof GrafanaSlo } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  grafanaModule ??= { grafana: require('./model/grafana') as typeof Grafana, slo: require('./model/grafana-slo') as typeof GrafanaSlo };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return grafanaModule;
}

/** The ConfigMap label the Grafana sidecar (grafana Helm chart, kube-prometheus-stack) watches. */
const GRAFANA_DASHBOARD_LABEL = 'grafana_dashboard';
/** Kubernetes' limit on a ConfigMap's data. */
const CONFIGMAP_MAX_BYTES = 1024 * 1024;

/** Props of `GrafanaDashboard`. */
export interface GrafanaDashboardProps {
  /**
   * The dashboard's uid: its identity in Grafana (URLs, links, provisioning), 1 to 40 letters, digits, dashes and underscores.
   * Also names the file `grafana/<uid>.json` and the ConfigMap's data key. Not Kubernetes metadata: the ConfigMap
   * that carries the dashboard is named by `metadata`.
   *
   * @default - the construct id
   */
  readonly uid?: string;
  /** Dashboard title. */
  readonly title: string;
  /** Tags. @default - none */
  readonly tags?: string[];
  /** Description. @default - none */
  readonly description?: string;
  /** Auto-refresh interval. @default '1m' */
  readonly refresh?: string;
  /**
   * How far back from now the default time range starts, in whole seconds: `Duration.days(7)` is Grafana's
   * `now-7d`.
   *
   * @default Duration.hours(6)
   */
  readonly timeFrom?: Duration;
  /** Query variables (a `datasource` variable of type prometheus is always added first). @default - none */
  readonly variables?: DashboardVariable[];
  /** Rows of panels, top to bottom. */
  readonly rows: DashboardRow[];
  /**
   * Also deliver the dashboard as a ConfigMap labelled `grafana_dashboard: "1"` for the Grafana sidecar
   * (needs the construct inside a cdk8s Chart).
   *
   * @default - true inside a cdk8s Chart, false elsewhere
   */
  readonly configMap?: boolean;
  /**
   * Metadata of the ConfigMap (only with `configMap`). Labels and annotations are added to the sidecar's label
   * and the folder annotation.
   *
   * @default - name: the construct id; namespace: the chart's
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Grafana folder, written as the ConfigMap annotation the sidecar's `sidecar.dashboards.folderAnnotation`
   * value names (see `folderAnnotation`).
   *
   * @default - the sidecar's default folder
   */
  readonly folder?: string;
  /** Annotation key that carries `folder` (must equal the sidecar's `folderAnnotation` setting). @default 'grafana_folder' */
  readonly folderAnnotation?: string;
}

/** Props of `GrafanaDashboard.forSlo`. */
export interface SloDashboardProps {
  /** Metadata of the ConfigMap (only with `configMap`). @default - name: the construct id; namespace: the chart's */
  readonly metadata?: ApiObjectMetadata;
  /** Grafana folder. @default 'SLOs' */
  readonly folder?: string;
  /** Annotation key that carries the folder. @default 'grafana_folder' */
  readonly folderAnnotation?: string;
  /** Deliver as a sidecar ConfigMap. @default - true inside a cdk8s Chart */
  readonly configMap?: boolean;
}

/**
 * A Grafana dashboard as code, built with Grafana's foundation SDK and delivered as `grafana/<uid>.json`
 * and as a ConfigMap the Grafana sidecar imports (`grafana_dashboard: "1"`). Queries use the `$datasource`
 * variable, so the dashboard works with any Prometheus data source.
 *
 * @example
 * new GrafanaDashboard(chart, 'api', {
 *   title: 'API',
 *   rows: [{ title: 'Traffic', panels: [{ title: 'Requests', unit: 'reqps', queries: [{ expr: 'sum(rate(http_requests_total[5m]))' }] }] }],
 * });
 * @see https://github.com/grafana/helm-charts/tree/main/charts/grafana#sidecar-for-dashboards
 */
export class GrafanaDashboard extends Construct implements IArtifact {
  /**
   * The standard dashboard of an SLO: SLI over the period, error budget remaining, burn rates (with the
   * SLO's alert factors), reading the series the SLO's recording rules write (Sloth's record names and
   * labels, so it also works for SLOs generated by Sloth).
   *
   * @param slo the SLO
   */
  public static forSlo(scope: Construct, id: string, slo: ServiceLevelObjective, props: SloDashboardProps = {}): GrafanaDashboard {
    const spec = grafana().slo.sloDashboardSpec(slo._spec());
    return new GrafanaDashboard(scope, id, {
      ...spec, timeFrom: Duration.days(grafana().slo.SLO_DASHBOARD_DAYS), folder: props.folder ?? 'SLOs', folderAnnotation: props.folderAnnotation, metadata: props.metadata, configMap: props.configMap,
    });
  }

  /** The dashboard uid. */
  public readonly uid!: string;
  /** The artifact path, `grafana/<uid>.json`. */
  public readonly filePath!: string;
  /** The sidecar ConfigMap, when `configMap` is on; `undefined` otherwise. */
  public readonly configMap?: ApiObject;

  private readonly spec!: Grafana.DashboardSpec;
  private json?: string;

  public constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    if (!checkProps(this, 'GrafanaDashboardProps', props)) return;
    this.uid = props.uid ?? id;
    const timeFromProblems = durationValueProblems('timeFrom', props.timeFrom, { allowZero: false, resolutionMs: 1000, example: 'Duration.hours(6)' });
    this.spec = {
      uid: this.uid,
      title: props.title,
      tags: props.tags,
      description: props.description,
      refresh: props.refresh,
      timeFrom: timeFromProblems.length === 0 && props.timeFrom ? `now-${formatGrafanaDuration(durationMillis(props.timeFrom))}` : undefined,
      variables: props.variables,
      rows: props.rows,
    };
    const problems: Problem[] = [...timeFromProblems, ...grafana().grafana.validateDashboard(this.spec)];
    const inChart = this.node.scopes.some((s) => Chart.isChart(s));
    const wantConfigMap = props.configMap ?? inChart;
    if (wantConfigMap && !inChart) {
      problems.push(problem('configMap', 'needs the construct to be inside a cdk8s Chart', true, 'create it under app.chart(...) or set configMap: false'));
    }
    const folderAnnotation = props.folderAnnotation ?? 'grafana_folder';
    if (!isQualifiedName(folderAnnotation)) {
      problems.push(problem('folderAnnotation', 'must be a Kubernetes annotation key', folderAnnotation, 'use e.g. "grafana_folder"'));
    }
    let configMapName: string | undefined;
    if (!wantConfigMap && props.metadata !== undefined) {
      problems.push(problem('metadata', 'must only be set when a ConfigMap is emitted (it is the ConfigMap\'s metadata)', props.metadata, 'remove metadata or set configMap: true'));
    } else if (wantConfigMap) {
      const named = objectName(this, props.metadata?.name);
      configMapName = named.name;
      problems.push(...named.problems, ...namespaceProblems('metadata.namespace', props.metadata?.namespace));
    }
    if (!reportPropsProblems(this, problems)) return;
    this.filePath = `grafana/${this.uid}.json`;
    if (wantConfigMap) {
      const json = this.renderJson();
      if (Buffer.byteLength(json) > CONFIGMAP_MAX_BYTES) {
        if (!reportPropsProblem(this, 'rows', `must render to at most 1 MiB to fit a ConfigMap (${CONFIGMAP_MAX_BYTES} bytes)`, `${Buffer.byteLength(json)} bytes`,
          'split the dashboard, or set configMap: false and deliver grafana/<uid>.json another way')) return;
      }
      const annotations = { ...props.metadata?.annotations, ...(props.folder ? { [folderAnnotation]: props.folder } : {}) };
      this.configMap = new ApiObject(this, 'Resource', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          ...props.metadata,
          name: configMapName,
          labels: { ...props.metadata?.labels, [GRAFANA_DASHBOARD_LABEL]: '1' },
          annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
        },
        data: { [`${this.uid}.json`]: json },
      });
    }
    Artifacts.mark(this);
  }

  /** The dashboard JSON (deterministic: sorted keys, numbered panels). */
  public renderJson(): string {
    if (this.json === undefined) this.json = grafana().grafana.dashboardJson(this.spec);
    return this.json;
  }

  /** The file this dashboard writes: `grafana/<uid>.json`. */
  public renderFiles(): ArtifactFile[] {
    return [{ path: this.filePath, content: this.renderJson() }];
  }
}
