import { Markers } from '../../../src/helm/model/markers';

describe('Markers', () => {
  test('a marker never occurs in the object\'s own text', () => {
    // GIVEN
    const markers = new Markers('{"a":"opskithelm0z opskithelmx"}');
    // WHEN
    const marker = markers.add({ kind: 'inline', code: 'X' });
    // THEN
    expect(marker).toBe('opskithelmxx0z');
  });

  test('inline markers are replaced where they stand; line markers replace their line, indented', () => {
    // GIVEN
    const markers = new Markers('');
    const obj = {
      spec: {
        replicas: markers.add({ kind: 'inline', code: '{{ .Values.replicas }}' }),
        note: 'keep {{ this }}',
        nodeSelector: markers.add({ kind: 'line', code: (i) => [`${i}{{- with .Values.n }}`, `${i}nodeSelector: {{ toYaml . }}`, `${i}{{- end }}`] }),
      },
    };
    // WHEN
    const text = markers.render(obj, 'test');
    // THEN
    expect(text).toBe([
      'spec:',
      '  replicas: {{ .Values.replicas }}',
      '  note: keep {{ "{{" }} this {{ "}}" }}',
      '  {{- with .Values.n }}',
      '  nodeSelector: {{ toYaml . }}',
      '  {{- end }}',
      '',
    ].join('\n'));
  });
});
