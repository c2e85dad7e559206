import { Markers } from '../../../src/helm/model/markers';
import { defaultValues } from '../../../src/helm/model/values';
import { addWorkloadKnobs, isWorkload } from '../../../src/helm/model/workload-knobs';
import { WorkloadKnob } from '../../../src/helm/workload-knob';

const ALL = new Set(Object.values(WorkloadKnob));
const workload = (kind: string, extra: any = {}) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'api' },
  spec: {
    ...(kind === 'DaemonSet' ? {} : { replicas: 3 }),
    template: {
      metadata: { labels: { app: 'api' } },
      spec: { containers: [{ name: 'sidecar', image: 'busybox:1.36' }, { name: 'app', image: 'ghcr.io/acme/api@sha256:' + 'a'.repeat(64) }], ...extra },
    },
  },
});

describe('addWorkloadKnobs', () => {
  test.each([
    ['Deployment', true], ['StatefulSet', true], ['DaemonSet', true], ['Job', false],
  ])('%s is a workload: %s', (kind, expected) => {
    expect(isWorkload({ apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind })).toBe(expected);
  });

  test('defaults are what the object holds; absent fields default to empty', () => {
    // GIVEN
    const obj = workload('Deployment');
    obj.spec.template.metadata = { ...obj.spec.template.metadata, annotations: { 'kubectl.kubernetes.io/default-container': 'app' } } as any;
    // WHEN
    const { values } = addWorkloadKnobs(obj, 'api', ALL, new Markers(JSON.stringify(obj)));
    // THEN: the main container is the default-container
    expect(defaultValues(values!)).toEqual({
      replicas: 3,
      image: { repository: 'ghcr.io/acme/api', tag: '', digest: 'sha256:' + 'a'.repeat(64), pullPolicy: '' },
      imagePullSecrets: [],
      resources: {},
      nodeSelector: {},
      tolerations: [],
      affinity: {},
      podAnnotations: {},
      podLabels: {},
      priorityClassName: '',
      podSecurityContext: {},
      securityContext: {},
    });
  });

  test('a DaemonSet has no replicas; absent annotations are a whole conditional field; the first container is the main one', () => {
    // GIVEN
    const obj = workload('DaemonSet');
    const markers = new Markers(JSON.stringify(obj));
    // WHEN
    const { values } = addWorkloadKnobs(obj, 'api', ALL, markers);
    const text = markers.render(obj, 'test');
    // THEN
    expect(Object.keys(defaultValues(values!))).not.toContain('replicas');
    expect(text).toContain('      {{- with .Values.api.podAnnotations }}\n      annotations:\n        {{- toYaml . | nindent 8 }}\n      {{- end }}\n');
    // without the default-container annotation the first container is the main one; the others are untouched
    expect(text).toContain('        - name: sidecar\n          image: "{{ .Values.api.image.repository }}');
    expect(text).toContain(`        - name: app\n          image: ghcr.io/acme/api@sha256:${'a'.repeat(64)}\n`);
  });

  test('no knobs, no values and no change', () => {
    // GIVEN
    const obj = workload('Deployment');
    const before = JSON.stringify(obj);
    // WHEN
    const r = addWorkloadKnobs(obj, 'api', new Set(), new Markers(before));
    // THEN
    expect(r.values).toBeUndefined();
    expect(JSON.stringify(obj)).toBe(before);
  });
});
