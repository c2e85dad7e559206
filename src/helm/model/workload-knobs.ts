import { Markers } from './markers';
import { group, JsonSchema, leaf, ValueGroup, ValueNode } from './values';
import { DNS1123_SUBDOMAIN_PATTERN, DNS_SUBDOMAIN_MAX_LENGTH, LABEL_VALUE_MAX_LENGTH, LABEL_VALUE_PATTERN } from '../../core/names';
import { DIGEST, parseImage, REPOSITORY, TAG } from '../../operator/model/image';
import { isPlainObject } from '../../operator/model/json-schema';
import { WorkloadKnob } from '../workload-knob';

/** The workload kinds that get knobs, and whether they have `spec.replicas`. */
const WORKLOADS: Record<string, { readonly replicas: boolean }> = {
  'apps/v1|Deployment': { replicas: true },
  'apps/v1|StatefulSet': { replicas: true },
  'apps/v1|DaemonSet': { replicas: false },
};

/** Whether an object is a workload that gets knobs. */
export function isWorkload(obj: any): boolean {
  return WORKLOADS[`${obj?.apiVersion}|${obj?.kind}`] !== undefined;
}

const STRING_MAP: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
const LABEL_MAP: JsonSchema = { type: 'object', additionalProperties: { type: 'string', pattern: LABEL_VALUE_PATTERN, maxLength: LABEL_VALUE_MAX_LENGTH } };
const QUANTITIES: JsonSchema = { type: 'object', additionalProperties: { type: ['string', 'number'] } };
const RESOURCES: JsonSchema = {
  type: 'object',
  properties: { limits: QUANTITIES, requests: QUANTITIES, claims: { type: 'array', items: { type: 'object' } } },
  additionalProperties: false,
};
const TOLERATIONS: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      key: { type: 'string' },
      operator: { type: 'string', enum: ['Exists', 'Equal'] },
      value: { type: 'string' },
      effect: { type: 'string', enum: ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
      tolerationSeconds: { type: 'integer' },
    },
    additionalProperties: false,
  },
};
const AFFINITY: JsonSchema = {
  type: 'object',
  properties: { nodeAffinity: { type: 'object' }, podAffinity: { type: 'object' }, podAntiAffinity: { type: 'object' } },
  additionalProperties: false,
};
const PULL_SECRETS: JsonSchema = {
  type: 'array',
  items: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'], additionalProperties: false },
};
const SECURITY_CONTEXT: JsonSchema = { type: 'object' };
/** A pattern for JSON Schema (RE2 and ECMAScript alike) from one of the image grammar's expressions, or empty. */
const optional = (re: RegExp): string => `^(?:${re.source.replace(/^\^|\$$/g, '')})?$`;

/** What `addWorkloadKnobs` did to one workload. */
export interface WorkloadKnobs {
  /** The workload's values (under its key), or `undefined` when no knob applies. */
  readonly values?: ValueGroup;
}

/**
 * Turns the knobs of one workload into values (call it before any other marker is placed in `obj`): each field a knob owns is replaced in `obj` (a copy the caller
 * owns, mutated here) by a marker whose template code reads `.Values.<key>.<knob>`, and the value's default is
 * what the plain manifest holds — so the chart rendered with its default values gives back exactly that object.
 * Structures are written with `toYaml`, inside `{{- with }}` so that an empty or removed value leaves the field out.
 * A field that holds a value of the program's own (`taken`: a `HelmValue`) keeps it: that knob is left out.
 */
export function addWorkloadKnobs(
  obj: any, key: string, knobs: ReadonlySet<WorkloadKnob>, markers: Markers, taken: (field: unknown) => boolean = () => false,
): WorkloadKnobs {
  // named before any marker replaces the namespace
  const what = `${obj?.kind} ${obj?.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj?.metadata?.name}`;
  const kind = WORKLOADS[`${obj?.apiVersion}|${obj?.kind}`];
  const pod = obj?.spec?.template?.spec;
  if (!kind || !isPlainObject(pod) || !Array.isArray(pod.containers) || pod.containers.length === 0) return {};
  const v = `.Values.${key}`;
  const children: Array<readonly [string, ValueNode]> = [];
  const templateMeta = obj.spec.template.metadata;
  const mainName = templateMeta?.annotations?.['kubectl.kubernetes.io/default-container'];
  const main = pod.containers.find((c: any) => c?.name === mainName) ?? pod.containers[0];

  // a structure: the field inside `{{- with }}` (an empty or null value leaves it out)
  const block = (holder: any, field: string, valueKey: string, description: string, schema: JsonSchema, empty: unknown) => {
    const current = holder[field];
    if (taken(current)) return;
    children.push([valueKey, leaf(description, current ?? empty, schema)]);
    delete holder[field];
    holder[field] = markers.add({
      kind: 'line',
      code: (indent) => [
        `${indent}{{- with ${v}.${valueKey} }}`,
        `${indent}${field}:`,
        `${indent}  {{- toYaml . | nindent ${indent.length + 2} }}`,
        `${indent}{{- end }}`,
      ],
    });
  };
  // extra entries of a map that holds entries already: added after them (the map never renders empty)
  const extraEntries = (map: Record<string, unknown>, valueKey: string, description: string, schema: JsonSchema) => {
    if (taken(map)) return;
    const existing = Object.keys(map);
    children.push([valueKey, leaf(description, {}, { ...schema, propertyNames: { not: { enum: existing } } })]);
    map[markers.add({
      kind: 'line',
      code: (indent) => [
        `${indent}{{- with ${v}.${valueKey} }}`,
        `${indent}{{- toYaml . | nindent ${indent.length} }}`,
        `${indent}{{- end }}`,
      ],
    })] = '';
  };

  if (knobs.has(WorkloadKnob.REPLICAS) && kind.replicas && typeof obj.spec.replicas === 'number' && !taken(obj.spec.replicas)) {
    children.push(['replicas', leaf(`Number of pods of ${what}.`, obj.spec.replicas, { type: 'integer', minimum: 0, maximum: 2147483647 }, true)]);
    obj.spec.replicas = markers.add({ kind: 'inline', code: `{{ ${v}.replicas }}` });
  }
  if (knobs.has(WorkloadKnob.IMAGE) && typeof main.image === 'string' && !taken(main.image) && !taken(main.imagePullPolicy)) {
    const ref = parseImage(main.image);
    children.push(['image', group(`The image of the container "${main.name}".`, [
      ['repository', leaf('Registry and repository.', ref.repository, { type: 'string', pattern: REPOSITORY.source }, true)],
      ['tag', leaf('Tag ("" for none).', ref.tag ?? '', { type: 'string', pattern: optional(TAG) })],
      ['digest', leaf('Digest, e.g. "sha256:…" ("" for none); with a tag, the digest decides what runs.', ref.digest ?? '', { type: 'string', pattern: optional(DIGEST) })],
      ['pullPolicy', leaf('When the kubelet pulls the image ("" leaves it to Kubernetes).', main.imagePullPolicy ?? '', { type: 'string', enum: ['', 'Always', 'IfNotPresent', 'Never'] })],
    ], true)]);
    main.image = markers.add({
      kind: 'inline',
      code: `"{{ ${v}.image.repository }}{{ with ${v}.image.tag }}:{{ . }}{{ end }}{{ with ${v}.image.digest }}@{{ . }}{{ end }}"`,
    });
    delete main.imagePullPolicy;
    main.imagePullPolicy = markers.add({
      kind: 'line',
      code: (indent) => [`${indent}{{- with ${v}.image.pullPolicy }}`, `${indent}imagePullPolicy: {{ . }}`, `${indent}{{- end }}`],
    });
  }
  if (knobs.has(WorkloadKnob.IMAGE_PULL_SECRETS)) {
    block(pod, 'imagePullSecrets', 'imagePullSecrets', 'Secrets the kubelet pulls the images with, e.g. [{name: regcred}].', PULL_SECRETS, []);
  }
  if (knobs.has(WorkloadKnob.RESOURCES)) {
    block(main, 'resources', 'resources', `Resource requests and limits of the container "${main.name}".`, RESOURCES, {});
  }
  if (knobs.has(WorkloadKnob.NODE_SELECTOR)) {
    block(pod, 'nodeSelector', 'nodeSelector', 'Labels the nodes must have to run the pods.', STRING_MAP, {});
  }
  if (knobs.has(WorkloadKnob.TOLERATIONS)) {
    block(pod, 'tolerations', 'tolerations', 'Taints the pods tolerate.', TOLERATIONS, []);
  }
  if (knobs.has(WorkloadKnob.AFFINITY)) {
    block(pod, 'affinity', 'affinity', 'Node affinity and pod (anti-)affinity of the pods.', AFFINITY, {});
  }
  if (isPlainObject(templateMeta)) {
    if (knobs.has(WorkloadKnob.POD_ANNOTATIONS)) {
      if (isPlainObject(templateMeta.annotations) && Object.keys(templateMeta.annotations).length > 0) {
        extraEntries(templateMeta.annotations, 'podAnnotations', 'Annotations added to the pods.', STRING_MAP);
      } else {
        block(templateMeta, 'annotations', 'podAnnotations', 'Annotations of the pods.', STRING_MAP, {});
      }
    }
    if (knobs.has(WorkloadKnob.POD_LABELS) && isPlainObject(templateMeta.labels) && Object.keys(templateMeta.labels).length > 0) {
      extraEntries(templateMeta.labels, 'podLabels', 'Labels added to the pods (the labels opskit sets, which selectors use, cannot be changed).', LABEL_MAP);
    }
  }
  if (knobs.has(WorkloadKnob.PRIORITY_CLASS_NAME) && !taken(pod.priorityClassName)) {
    children.push(['priorityClassName', leaf('The PriorityClass of the pods ("" for none).', pod.priorityClassName ?? '', { type: 'string', pattern: optional(new RegExp(DNS1123_SUBDOMAIN_PATTERN)), maxLength: DNS_SUBDOMAIN_MAX_LENGTH })]);
    delete pod.priorityClassName;
    pod.priorityClassName = markers.add({
      kind: 'line',
      code: (indent) => [`${indent}{{- with ${v}.priorityClassName }}`, `${indent}priorityClassName: {{ . | quote }}`, `${indent}{{- end }}`],
    });
  }
  if (knobs.has(WorkloadKnob.POD_SECURITY_CONTEXT)) {
    block(pod, 'securityContext', 'podSecurityContext', 'The security context of the pods.', SECURITY_CONTEXT, {});
  }
  if (knobs.has(WorkloadKnob.SECURITY_CONTEXT)) {
    block(main, 'securityContext', 'securityContext', `The security context of the container "${main.name}".`, SECURITY_CONTEXT, {});
  }
  if (children.length === 0) return {};
  return { values: group(`${what}.`, children) };
}
