import { formatValue, Problem } from '../../../core/problem';
import { selectorMatches, SelectorSpec } from '../../../observability/model/monitor-targets';
import { KPS_DASHBOARD_LABEL, KPS_RELEASE_LABEL } from '../conventions';
import { isPlainObject } from './release';

/**
 * What a kube-prometheus-stack release picks up, computed from its chart values exactly as the chart's templates
 * do, and the check that the app's PrometheusRules, ServiceMonitors, PodMonitors, Probes, AlertmanagerConfigs and
 * Grafana dashboard ConfigMaps are picked up. Pure.
 *
 * The chart's templates (`templates/prometheus/prometheus.yaml`): a selector value that is a non-empty map is
 * used as it is; an empty or unset one becomes `matchLabels: { release: <release name> }` while
 * `<selector>NilUsesHelmValues` is true (the default), else `{}` (every object). A namespace selector that is
 * empty or unset is `{}`: every namespace. The Alertmanager config selector is the value, else `{}`. The Grafana
 * sidecar watches ConfigMaps labelled `grafana.sidecar.dashboards.label` (`grafana_dashboard`) with
 * `labelValue` (`"1"`; empty: any value) in `searchNamespace` (`ALL`).
 *
 * @see https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack
 */

/** One selector of the release: the objects it must select and the namespaces it looks in. */
export interface KpsSelector {
  /** The object kind it selects. */
  readonly kind: string;
  /** The values path of the selector, e.g. `prometheus.prometheusSpec.ruleSelector`. */
  readonly field: string;
  /** The effective label selector. */
  readonly selector: SelectorSpec;
  /** The values path of the namespace selector. */
  readonly namespaceField: string;
  /** The effective namespace selector (`{}`: every namespace). */
  readonly namespaceSelector: SelectorSpec;
  /** The `…NilUsesHelmValues` switch that made the selector, if it did. */
  readonly fromNilUsesHelmValues?: string;
}

/** The Grafana sidecar's dashboard discovery, or `undefined` when it is off. */
export interface KpsDashboardDiscovery {
  readonly label: string;
  /** Empty: any value of the label. */
  readonly labelValue: string;
  /** `undefined`: every namespace (`ALL`); else the namespaces searched. */
  readonly namespaces?: readonly string[];
}

/** Everything a kube-prometheus-stack release selects. */
export interface KpsSelection {
  readonly selectors: readonly KpsSelector[];
  readonly dashboards?: KpsDashboardDiscovery;
}

/** Go template truthiness, as `{{ if … }}` sees a value. */
function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

function get(values: unknown, path: string): unknown {
  let v: unknown = values;
  for (const k of path.split('.')) v = isPlainObject(v) ? v[k] : undefined;
  return v;
}

/** Whether a component is on: `<component>.enabled`, on unless set to false. */
function enabled(values: unknown, path: string): boolean {
  const v = get(values, `${path}.enabled`);
  return v === undefined || truthy(v);
}

const PROMETHEUS_SELECTORS: ReadonlyArray<[kind: string, name: string]> = [
  ['PrometheusRule', 'rule'], ['ServiceMonitor', 'serviceMonitor'], ['PodMonitor', 'podMonitor'], ['Probe', 'probe'],
];

/** The selectors of a kube-prometheus-stack release with these chart values. */
export function kpsSelection(values: unknown, releaseName: string, releaseNamespace: string): KpsSelection {
  const selectors: KpsSelector[] = [];
  if (enabled(values, 'prometheus')) {
    for (const [kind, name] of PROMETHEUS_SELECTORS) {
      const base = 'prometheus.prometheusSpec';
      const field = `${base}.${name}Selector`;
      const nilField = `${field}NilUsesHelmValues`;
      const given = get(values, field);
      const nil = get(values, nilField);
      const useRelease = !truthy(given) && (nil === undefined || truthy(nil));
      selectors.push({
        kind,
        field,
        selector: truthy(given) ? given as SelectorSpec : useRelease ? { matchLabels: { [KPS_RELEASE_LABEL]: releaseName } } : {},
        namespaceField: `${base}.${name}NamespaceSelector`,
        namespaceSelector: namespaceSelectorOf(get(values, `${base}.${name}NamespaceSelector`)),
        fromNilUsesHelmValues: useRelease ? nilField : undefined,
      });
    }
  }
  if (enabled(values, 'alertmanager')) {
    const base = 'alertmanager.alertmanagerSpec';
    const given = get(values, `${base}.alertmanagerConfigSelector`);
    selectors.push({
      kind: 'AlertmanagerConfig',
      field: `${base}.alertmanagerConfigSelector`,
      selector: truthy(given) ? given as SelectorSpec : {},
      namespaceField: `${base}.alertmanagerConfigNamespaceSelector`,
      namespaceSelector: namespaceSelectorOf(get(values, `${base}.alertmanagerConfigNamespaceSelector`)),
    });
  }
  let dashboards: KpsDashboardDiscovery | undefined;
  if (enabled(values, 'grafana') && enabled(values, 'grafana.sidecar.dashboards')) {
    const label = get(values, 'grafana.sidecar.dashboards.label');
    const labelValue = get(values, 'grafana.sidecar.dashboards.labelValue');
    const search = get(values, 'grafana.sidecar.dashboards.searchNamespace');
    dashboards = {
      label: typeof label === 'string' && label !== '' ? label : KPS_DASHBOARD_LABEL.label,
      labelValue: labelValue === undefined ? KPS_DASHBOARD_LABEL.labelValue : labelValue === null ? '' : String(labelValue),
      namespaces: searchNamespaces(search === undefined ? KPS_DASHBOARD_LABEL.searchNamespace : search, releaseNamespace),
    };
  }
  return { selectors, dashboards };
}

function namespaceSelectorOf(v: unknown): SelectorSpec {
  return truthy(v) ? v as SelectorSpec : {};
}

/** The sidecar's `searchNamespace`: `ALL` (every namespace), a list or comma-separated names, or unset (its own). */
function searchNamespaces(v: unknown, own: string): readonly string[] | undefined {
  const list = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
  if (list.some((s) => s.toUpperCase() === 'ALL')) return undefined;
  return list.length > 0 ? list : [own];
}

/** An object of the app that a release may have to select. */
export interface SelectableObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: { readonly [key: string]: string };
  /** The construct path of the object. */
  readonly path: string;
  /** Whether it is a Grafana dashboard ConfigMap (checked against the sidecar). */
  readonly dashboard?: boolean;
}

/** What the agreement check found: errors and warnings (namespace labels opskit cannot see). */
export interface AgreementFindings {
  readonly problems: Problem[];
  readonly warnings: string[];
}

/** The rule id of a selector mismatch. */
export const SELECTOR_AGREEMENT_RULE = 'helm/selector-agreement';

/**
 * Checks that every object of a selected kind is selected by the release. `namespaceLabels` holds the labels
 * of the Namespace objects of the app; a namespace not among them is known only by the label the API server
 * sets (`kubernetes.io/metadata.name`), so a namespace selector it fails is a warning, not an error.
 */
export function kpsAgreement(selection: KpsSelection, release: { name: string; namespace: string; path: string },
  objects: readonly SelectableObject[], namespaceLabels: ReadonlyMap<string, { readonly [key: string]: string }>): AgreementFindings {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const releaseText = `kube-prometheus-stack release ${release.namespace}/${release.name} (at path [${release.path}])`;
  for (const o of objects) {
    const what = `${o.kind} ${o.namespace}/${o.name} (at path [${o.path}])`;
    if (o.dashboard) {
      const d = selection.dashboards;
      if (!d) continue;
      const value = o.labels[d.label];
      if (value === undefined || (d.labelValue !== '' && value !== d.labelValue)) {
        problems.push({
          field: 'grafana.sidecar.dashboards.label',
          expected: `must match the labels of the dashboard ${what}: the Grafana sidecar of ${releaseText} loads ConfigMaps labelled ${d.label}: "${d.labelValue}"`,
          got: formatValue(o.labels),
          fix: `label the ConfigMap ${d.label}: "${d.labelValue}" (GrafanaDashboard does by default), or set grafana.sidecar.dashboards.label/labelValue to the label it carries`,
          rule: SELECTOR_AGREEMENT_RULE,
        });
      } else if (d.namespaces && !d.namespaces.includes(o.namespace)) {
        problems.push({
          field: 'grafana.sidecar.dashboards.searchNamespace',
          expected: `must include namespace ${o.namespace} of the dashboard ${what}: the Grafana sidecar of ${releaseText} searches ${d.namespaces.join(', ')}`,
          got: formatValue(d.namespaces.join(',')),
          fix: `set grafana.sidecar.dashboards.searchNamespace to "ALL" or add "${o.namespace}", or move the dashboard's ConfigMap`,
          rule: SELECTOR_AGREEMENT_RULE,
        });
      }
      continue;
    }
    const s = selection.selectors.find((x) => x.kind === o.kind);
    if (!s) continue;
    if (!selectorMatches(s.selector, o.labels)) {
      const needed = Object.entries(s.selector.matchLabels ?? {}).map(([k, v]) => `${k}: "${v}"`).join(', ');
      const why = s.fromNilUsesHelmValues ? ` (the chart's default while ${s.fromNilUsesHelmValues} is true)` : '';
      problems.push({
        field: s.field,
        expected: `must select ${what}: ${releaseText} ignores it otherwise, its selector is ${JSON.stringify(s.selector)}${why}`,
        got: `labels ${formatValue(o.labels)}`,
        fix: needed
          ? `add ${needed} to the ${o.kind}'s metadata.labels, or set ${s.field} to a selector that matches it`
          : `give the ${o.kind} labels that ${s.field} matches, or change the selector`,
        rule: SELECTOR_AGREEMENT_RULE,
      });
      continue;
    }
    const known = namespaceLabels.get(o.namespace);
    const nsLabels = { ...(known ?? {}), 'kubernetes.io/metadata.name': o.namespace };
    if (!selectorMatches(s.namespaceSelector, nsLabels)) {
      const text = `${s.namespaceField} ${JSON.stringify(s.namespaceSelector)} of ${releaseText} must select namespace ${o.namespace} of ${what}`;
      if (known) {
        problems.push({
          field: s.namespaceField,
          expected: `must select namespace ${o.namespace} of ${what}: ${releaseText} ignores the ${o.kind} otherwise`,
          got: `namespace labels ${formatValue(nsLabels)}`,
          fix: `label the Namespace ${o.namespace} to match ${JSON.stringify(s.namespaceSelector)}, or change ${s.namespaceField}`,
          rule: SELECTOR_AGREEMENT_RULE,
        });
      } else {
        warnings.push(`${text}, but the Namespace ${o.namespace} is not part of this app: unless another program labels it, the ${o.kind} is ignored`);
      }
    }
  }
  return { problems, warnings };
}
