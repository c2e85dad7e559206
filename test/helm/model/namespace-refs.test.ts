import { Markers } from '../../../src/helm/model/markers';
import { followReleaseNamespace } from '../../../src/helm/model/namespace-refs';

function follow(obj: any, ns = 'team-a'): string {
  const markers = new Markers(JSON.stringify(obj));
  followReleaseNamespace(obj, ns, markers);
  return markers.render(obj, 'test');
}

describe('followReleaseNamespace', () => {
  test.each([
    ['metadata.namespace', { metadata: { name: 'x', namespace: 'team-a' } }, 'namespace: {{ .Release.Namespace | quote }}'],
    ['a subject namespace', { subjects: [{ kind: 'ServiceAccount', name: 'x', namespace: 'team-a' }] }, 'namespace: {{ .Release.Namespace | quote }}'],
    ['a namespace selector list', { namespaceSelector: { matchNames: ['team-a', 'other'] } }, '- {{ .Release.Namespace | quote }}\n    - other'],
    ['the namespace name label', { matchLabels: { 'kubernetes.io/metadata.name': 'team-a' } }, 'kubernetes.io/metadata.name: {{ .Release.Namespace | quote }}'],
    ['an in-cluster DNS name', { dnsNames: ['svc.team-a.svc', 'svc.team-a.svc.cluster.local'] }, '- svc.{{ .Release.Namespace }}.svc\n  - svc.{{ .Release.Namespace }}.svc.cluster.local'],
    ['cert-manager CA injection', { annotations: { 'cert-manager.io/inject-ca-from': 'team-a/cert' } }, 'inject-ca-from: {{ .Release.Namespace }}/cert'],
  ])('%s follows the release namespace', (_name, obj, expected) => {
    // WHEN / THEN
    expect(follow(obj)).toContain(expected);
  });

  test.each([
    ['another namespace', { metadata: { namespace: 'team-b' } }],
    ['the name in other text', { data: { note: 'team-a owns this', arg: '--namespace=team-a', host: 'team-a.svcx' } }],
    ['a longer namespace in a DNS name', { dnsNames: ['svc.team-a2.svc', 'svc.xteam-a.svc'] }],
    ['a key', { labels: { 'team-a': 'namespace' } }],
  ])('%s is left as it is', (_name, obj) => {
    // WHEN
    const text = follow(obj);
    // THEN
    expect(text).not.toContain('Release');
  });
});
