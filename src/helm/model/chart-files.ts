import { dependencyKey, dependencyValues } from './chart-dependencies';
import { ChartMetadataSpec, renderChartYaml } from './chart-metadata';
import { escapeTemplateText } from './escape';
import { HelmValueRefs, HelmValueSpec, helmValuesTree, holdsHelmValue, placeHelmValues } from './helm-values';
import { Markers } from './markers';
import { followReleaseNamespace } from './namespace-refs';
import { defaultValues, group, leaf, markdownCell, renderValuesSchema, renderValuesTable, renderValuesYaml, ValueGroup, ValueNode } from './values';
import { addWorkloadKnobs, isWorkload } from './workload-knobs';
import { Problem, problem } from '../../core/problem';
import { toYaml } from '../../core/yaml';
import { cloneJson } from '../../operator/model/json-schema';
import { helperName, SYSTEM_NAMESPACES, templateFileName, workloadValuesKey } from '../conventions';
import { CrdPlacement, WorkloadKnob } from '../workload-knob';

/** One object of a packaged chart, as the plain manifest holds it. */
export interface PackagedObject {
  readonly object: any;
  /** Whether its kind is namespaced. */
  readonly namespaced: boolean;
  /** The construct path of the object (for problems). */
  readonly path: string;
}

/** Everything a Helm chart is made of. */
export interface ChartBuildSpec {
  readonly metadata: ChartMetadataSpec;
  readonly objects: readonly PackagedObject[];
  /** The namespace that follows the release namespace; `undefined`: found from the objects. */
  readonly namespace?: string;
  readonly crds: CrdPlacement;
  /** The workload knobs; `undefined` when workloads get no values. */
  readonly knobs?: ReadonlySet<WorkloadKnob>;
  /** The Helm values the objects' tokens stand for; `undefined`: the objects hold none. */
  readonly refs?: HelmValueRefs;
}

/** One file of the chart, relative to the chart's folder. */
export interface ChartFile {
  readonly path: string;
  readonly content: string;
}

/** A built chart. */
export interface BuiltChart {
  readonly files: ChartFile[];
  /** Problems, each with the construct path it belongs to when it is an object's. */
  readonly problems: Array<Problem & { readonly path?: string }>;
  /** The namespace that follows the release namespace, if any. */
  readonly releaseNamespace?: string;
  /** The construct path of the Namespace object of the release namespace, left out of the chart. */
  readonly droppedNamespaceObject?: string;
  /** The values, with their defaults. */
  readonly values: ValueGroup;
}

const CRD = 'apiextensions.k8s.io/v1|CustomResourceDefinition';

/**
 * The namespace that follows the release namespace: the one given, else the one namespace other than
 * kube-system, kube-public and kube-node-lease that the namespaced objects use (none when they use only those).
 */
export function releaseNamespaceOf(objects: readonly PackagedObject[], explicit: string | undefined): { namespace?: string; problems: Problem[] } {
  if (explicit !== undefined) return { namespace: explicit, problems: [] };
  const used = [...new Set(objects.filter((o) => o.namespaced).map((o) => o.object?.metadata?.namespace)
    .filter((ns): ns is string => typeof ns === 'string' && !SYSTEM_NAMESPACES.includes(ns)))].sort();
  if (used.length <= 1) return { namespace: used[0], problems: [] };
  return {
    problems: [problem('namespace', 'must be set when the packaged objects use several namespaces (which one follows the release namespace?)',
      used.join(', '), `set namespace to one of them, e.g. "${used[0]}"; objects in the others keep their namespace`)],
  };
}

/** Every file of the chart (paths relative to its folder) and the problems found. */
export function buildChart(spec: ChartBuildSpec): BuiltChart {
  const found = releaseNamespaceOf(spec.objects, spec.namespace);
  const namespace = found.namespace;
  const problems: Array<Problem & { path?: string }> = [...found.problems];
  const files: ChartFile[] = [];
  const taken = new Set<string>();
  const uniquePath = (folder: string, kind: string, name: string) => {
    const base = templateFileName(kind, name).replace(/\.yaml$/, '');
    let candidate = `${folder}/${base}.yaml`;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${folder}/${base}-${n}.yaml`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
  const workloadValues: Array<readonly [string, ValueNode]> = [];
  const keyOwners = new Map<string, string>();
  const workloads: string[] = [];
  let dropped: string | undefined;
  const refs = spec.refs;
  const holds = (x: unknown) => refs !== undefined && holdsHelmValue(x, refs);
  const used = new Map<string, HelmValueSpec>();
  for (const packaged of spec.objects) {
    const obj = cloneJson(packaged.object);
    const kind = String(obj?.kind);
    const name = String(obj?.metadata?.name ?? '');
    if (`${obj?.apiVersion}|${kind}` === 'v1|Namespace' && namespace !== undefined && name === namespace) {
      dropped = packaged.path;
      continue;
    }
    if (`${obj?.apiVersion}|${kind}` === CRD && spec.crds === CrdPlacement.CRDS_FOLDER) {
      if (holds(obj)) {
        problems.push({ ...problem('crds', 'must be CrdPlacement.TEMPLATES for a CustomResourceDefinition that holds a HelmValue (Helm never templates crds/)', kind, 'set crds: CrdPlacement.TEMPLATES, or use a plain value in the CRD'), path: packaged.path });
      }
      // crds/ is never templated: the CRD as it is
      files.push({ path: uniquePath('crds', kind, name), content: toYaml(obj, packaged.path) });
      continue;
    }
    const markers = new Markers(JSON.stringify(obj));
    if (spec.knobs !== undefined && isWorkload(obj)) {
      const key = workloadValuesKey(name);
      const { values } = addWorkloadKnobs(obj, key, spec.knobs, markers, holds);
      if (values) {
        const owner = keyOwners.get(key) ?? (key === 'crds' && spec.crds === CrdPlacement.TEMPLATES ? 'the CRD switch "crds"'
          : key === 'global' ? 'Helm (values shared with subcharts)' : undefined);
        if (owner !== undefined) {
          problems.push({ ...problem('metadata.name', `must give a values key of its own, but ${owner} already uses "${key}"`, name, 'rename one of the workloads'), path: packaged.path });
        }
        keyOwners.set(key, `${kind} ${name}`);
        workloadValues.push([key, values]);
        workloads.push(`${kind} ${name} (values: ${key})`);
      }
    }
    if (refs !== undefined) {
      const placed = placeHelmValues(obj, refs, markers);
      problems.push(...placed.problems.map((p) => ({ ...p, path: packaged.path })));
      for (const v of placed.used) if (!used.has(v.path)) used.set(v.path, v);
    }
    if (namespace !== undefined) followReleaseNamespace(obj, namespace, markers);
    let body = markers.render(obj, packaged.path);
    if (`${obj?.apiVersion}|${kind}` === CRD) {
      body = `{{- if .Values.crds.install }}\n${body}{{- end }}\n`;
      files.push({ path: uniquePath('templates/crds', kind, name), content: body });
      continue;
    }
    files.push({ path: uniquePath('templates', kind, name), content: body });
  }
  const keys = new Map([...keyOwners.entries()].map(([k, owner]) => [k, `the workload ${owner}`]));
  if (spec.crds === CrdPlacement.TEMPLATES) keys.set('crds', 'the CRD switch (crds.install)');
  const dependencies = dependencyValues(spec.metadata.dependencies ?? []);
  for (const [k, owner] of dependencies.owners) {
    const other = keys.get(k);
    if (other !== undefined) {
      problems.push(problem('dependencies', `must give each subchart a values key of its own, but ${other} already uses "${k}"`, k, 'set the dependency\'s alias, or rename the other'));
    }
    keys.set(k, owner);
  }
  const programValues = helmValuesTree([...used.values()], keys);
  problems.push(...programValues.problems);
  const values = group('', [
    ...(spec.crds === CrdPlacement.TEMPLATES ? [['crds', group('The CustomResourceDefinitions.', [
      ['install', leaf('Install and upgrade the CRDs with the release. Uninstalling the release deletes them, and every custom resource of their kinds.', true, { type: 'boolean' })],
    ])] as const] : []),
    ...workloadValues,
    ...programValues.children,
    ...dependencies.children,
  ]);
  const m = spec.metadata;
  files.push(
    { path: 'Chart.yaml', content: renderChartYaml(m) },
    { path: 'values.yaml', content: renderValuesYaml(values, `Default values of the ${m.name} chart (written by opskit: do not edit, change the program).\nEach value is described above it; README.md lists them all.`) },
    { path: 'values.schema.json', content: renderValuesSchema(values, `Values of the ${m.name} chart`) },
    { path: 'templates/_helpers.tpl', content: renderHelpers(m.name, serviceAccountOf(spec.objects)) },
    { path: 'templates/NOTES.txt', content: renderNotes(m, namespace, workloads) },
    { path: '.helmignore', content: HELMIGNORE },
    { path: 'README.md', content: renderReadme(m, namespace, spec.crds, values) },
  );
  return { files, problems, releaseNamespace: namespace, droppedNamespaceObject: dropped, values };
}

/** The defaults of a built chart's values as a plain object. */
export function chartDefaults(chart: BuiltChart): Record<string, unknown> {
  return defaultValues(chart.values);
}

/** The service account of the packaged workloads, when they all use one. */
function serviceAccountOf(objects: readonly PackagedObject[]): string | undefined {
  const names = new Set(objects.filter((o) => isWorkload(o.object))
    .map((o) => o.object.spec?.template?.spec?.serviceAccountName)
    .filter((n): n is string => typeof n === 'string'));
  return names.size === 1 ? [...names][0] : undefined;
}

/** `_helpers.tpl`: the helpers chart users expect, for the templates they add beside opskit's. */
export function renderHelpers(chart: string, serviceAccount: string | undefined): string {
  const h = (name: string) => helperName(chart, name);
  return `{{/*
Helpers for templates added to this chart. The objects opskit wrote keep the names and labels of the plain
manifests (so the chart installs exactly what the program describes); these follow Helm's conventions.
*/}}

{{/* The chart's name, at most 63 characters. */}}
{{- define "${h('name')}" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the release name when it contains the chart name, else "<release>-<chart>" (63 characters at most). */}}
{{- define "${h('fullname')}" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The chart's name and version, as the helm.sh/chart label. */}}
{{- define "${h('chart')}" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: stable for the life of a release. */}}
{{- define "${h('selectorLabels')}" -}}
app.kubernetes.io/name: {{ include "${h('name')}" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Common labels. */}}
{{- define "${h('labels')}" -}}
helm.sh/chart: {{ include "${h('chart')}" . }}
{{ include "${h('selectorLabels')}" . }}
{{- with .Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The service account the packaged workloads run as. */}}
{{- define "${h('serviceAccountName')}" -}}
${escapeTemplateText(serviceAccount ?? 'default')}
{{- end }}
`;
}

function renderNotes(m: ChartMetadataSpec, namespace: string | undefined, workloads: readonly string[]): string {
  const lines = [
    `${m.name} ${m.version} is installed as release "{{ .Release.Name }}" in namespace "{{ .Release.Namespace }}".`,
  ];
  if (namespace === undefined) lines.push('', 'Every object of this chart keeps the namespace it was written for.');
  if (workloads.length > 0) {
    lines.push('', 'Workloads (each with its values in values.yaml):');
    for (const w of workloads) lines.push(`  - ${escapeTemplateText(w)}`);
  }
  lines.push('', 'See the chart\'s README.md for every value.');
  return `${lines.join('\n')}\n`;
}

function renderReadme(m: ChartMetadataSpec, namespace: string | undefined, crds: CrdPlacement, values: ValueGroup): string {
  const ns = namespace ?? 'default';
  return [
    `# ${m.name}`,
    '',
    m.description,
    '',
    `Version ${m.version}${m.appVersion ? `, app version ${m.appVersion}` : ''}. Written by opskit from the program's charts: change the program, not these files.`,
    '',
    '## Install',
    '',
    '```sh',
    `helm install ${m.name} ./${m.name} --namespace ${ns} --create-namespace`,
    '```',
    '',
    namespace === undefined
      ? 'Every object keeps the namespace it was written for.'
      : `Namespaced objects written for \`${namespace}\` go to the release namespace; objects in other namespaces keep theirs.`,
    '',
    crds === CrdPlacement.CRDS_FOLDER
      ? 'CustomResourceDefinitions are in `crds/`: Helm installs them before the templates and never upgrades or deletes them (apply new versions with `kubectl apply -f crds/`).'
      : 'CustomResourceDefinitions are templates behind `crds.install`: upgraded with the release, and deleted with it on uninstall (with every custom resource of their kinds).',
    '',
    ...(m.dependencies && m.dependencies.length > 0 ? [
      '## Dependencies',
      '',
      'Run `helm dependency update` (or `helm dependency build` with a `Chart.lock`) before installing or packaging.',
      '',
      '| Name | Version | Repository | Values key | Condition | Tags |',
      '| --- | --- | --- | --- | --- | --- |',
      ...m.dependencies.map((d) => `| ${markdownCell(d.name)} | ${markdownCell(d.version)} | ${markdownCell(d.repository)} | \`${markdownCell(dependencyKey(d))}\` | ${d.condition ? `\`${markdownCell(d.condition)}\`` : ''} | ${markdownCell((d.tags ?? []).join(', '))} |`),
      '',
    ] : []),
    '## Values',
    '',
    renderValuesTable(values).trimEnd(),
    '',
  ].join('\n');
}

const HELMIGNORE = `# Patterns to leave out when packaging the chart (helm package).
.DS_Store
.git/
.gitignore
.hg/
.svn/
*.swp
*.bak
*.tmp
*.orig
*~
.idea/
.vscode/
`;
