import { restrictedPodProblems } from '../../../src/operator/model/pod-security';

function pod(overrides: any = {}, container: any = {}): any {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'manager',
      image: 'x:v1',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...container },
    }],
    ...overrides,
  };
}

describe('restrictedPodProblems', () => {
  test('accepts a restricted pod', () => {
    expect(restrictedPodProblems(pod())).toEqual([]);
  });

  test('accepts container-level non-root and seccomp, and adding NET_BIND_SERVICE', () => {
    const spec = pod({ securityContext: {} }, {
      runAsNonRoot: true,
      seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' },
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    });
    expect(restrictedPodProblems(spec)).toEqual([]);
  });

  test.each<[string, any, any, string[]]>([
    ['host networking', { hostNetwork: true }, {}, ['hostNetwork']],
    ['a hostPath volume', { volumes: [{ name: 'h', hostPath: { path: '/' } }] }, {}, ['volumes[0].hostPath']],
    ['a disallowed volume type', { volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] }, {}, ['volumes[0]']],
    ['an unsafe sysctl', { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'kernel.msgmax', value: '1' }] } }, {}, ['securityContext.sysctls[0].name']],
    ['a privileged container', {}, { privileged: true }, ['containers[0].securityContext.privileged']],
    ['privilege escalation', {}, { allowPrivilegeEscalation: true }, ['containers[0].securityContext.allowPrivilegeEscalation']],
    ['no runAsNonRoot anywhere', { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, {}, ['containers[0].securityContext.runAsNonRoot']],
    ['root user', {}, { runAsUser: 0 }, ['containers[0].securityContext.runAsUser']],
    ['unconfined seccomp', {}, { seccompProfile: { type: 'Unconfined' } }, ['containers[0].securityContext.seccompProfile.type']],
    ['capabilities not dropped', {}, { capabilities: { drop: ['NET_RAW'] } }, ['containers[0].securityContext.capabilities.drop']],
    ['an added capability', {}, { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }, ['containers[0].securityContext.capabilities.add[0]']],
  ])('reports %s', (_name, overrides, container, fields) => {
    expect(restrictedPodProblems(pod(overrides, container)).map((p) => p.field)).toEqual(fields);
  });

  test('reports a host port', () => {
    const spec = pod();
    spec.containers[0].ports = [{ containerPort: 53, hostPort: 53 }];
    expect(restrictedPodProblems(spec).map((p) => p.field)).toEqual(['containers[0].ports[0].hostPort']);
  });
});
