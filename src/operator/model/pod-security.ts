import { Problem, problem } from '../../core/problem';

/*
 * The Pod Security Standards "restricted" profile (baseline + restricted controls), as the PodSecurity
 * admission plugin checks a pod spec. Pure; returns problems with paths inside the pod spec.
 *
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

const ALLOWED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const FIX = 'keep the pod within the "restricted" Pod Security Standard, or label the namespace for a weaker level';

function containersOf(spec: any): Array<{ field: string; c: any }> {
  const out: Array<{ field: string; c: any }> = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    (Array.isArray(spec?.[list]) ? spec[list] : []).forEach((c: any, i: number) => out.push({ field: `${list}[${i}]`, c }));
  }
  return out;
}

function baselineProblems(spec: any): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec?.[key] === true) problems.push(problem(key, 'must not be true (host namespaces)', true, FIX));
  }
  (Array.isArray(spec?.volumes) ? spec.volumes : []).forEach((v: any, i: number) => {
    if (v?.hostPath !== undefined) problems.push(problem(`volumes[${i}].hostPath`, 'must not be used (hostPath volumes)', v.hostPath, FIX));
  });
  (Array.isArray(spec?.securityContext?.sysctls) ? spec.securityContext.sysctls : []).forEach((s: any, i: number) => {
    if (!SAFE_SYSCTLS.includes(s?.name)) problems.push(problem(`securityContext.sysctls[${i}].name`, 'must be a safe sysctl', s?.name, FIX));
  });
  const podSelinux = spec?.securityContext?.seLinuxOptions;
  if (podSelinux?.type !== undefined && !SELINUX_TYPES.includes(podSelinux.type)) {
    problems.push(problem('securityContext.seLinuxOptions.type', `must be one of ${SELINUX_TYPES.filter(Boolean).join(', ')}`, podSelinux.type, FIX));
  }
  if (spec?.securityContext?.appArmorProfile?.type === 'Unconfined') {
    problems.push(problem('securityContext.appArmorProfile.type', 'must not be Unconfined', 'Unconfined', FIX));
  }
  for (const { field, c } of containersOf(spec)) {
    const sc = c?.securityContext ?? {};
    if (sc.privileged === true) problems.push(problem(`${field}.securityContext.privileged`, 'must not be true', true, FIX));
    if (sc.procMount !== undefined && sc.procMount !== 'Default') problems.push(problem(`${field}.securityContext.procMount`, 'must be Default', sc.procMount, FIX));
    if (sc.appArmorProfile?.type === 'Unconfined') problems.push(problem(`${field}.securityContext.appArmorProfile.type`, 'must not be Unconfined', 'Unconfined', FIX));
    if (sc.seLinuxOptions?.type !== undefined && !SELINUX_TYPES.includes(sc.seLinuxOptions.type)) {
      problems.push(problem(`${field}.securityContext.seLinuxOptions.type`, 'must be an allowed SELinux type', sc.seLinuxOptions.type, FIX));
    }
    (Array.isArray(c?.ports) ? c.ports : []).forEach((p: any, i: number) => {
      if (p?.hostPort !== undefined && p.hostPort !== 0) problems.push(problem(`${field}.ports[${i}].hostPort`, 'must not be set (host ports)', p.hostPort, FIX));
    });
  }
  return problems;
}

/**
 * The problems of a pod spec under the "restricted" Pod Security Standard: the baseline controls plus
 * volume types, privilege escalation, running as non-root, seccomp and capabilities.
 */
export function restrictedPodProblems(spec: any): Problem[] {
  const problems = baselineProblems(spec);
  (Array.isArray(spec?.volumes) ? spec.volumes : []).forEach((v: any, i: number) => {
    const type = Object.keys(v ?? {}).find((k) => k !== 'name');
    if (type !== undefined && type !== 'hostPath' && !ALLOWED_VOLUME_TYPES.includes(type)) {
      problems.push(problem(`volumes[${i}]`, `must be of an allowed volume type (${ALLOWED_VOLUME_TYPES.join(', ')})`, type, FIX));
    }
  });
  const pod = spec?.securityContext ?? {};
  if (pod.runAsUser === 0) problems.push(problem('securityContext.runAsUser', 'must not be 0 (root)', 0, FIX));
  const podSeccomp = pod.seccompProfile?.type;
  if (podSeccomp !== undefined && podSeccomp !== 'RuntimeDefault' && podSeccomp !== 'Localhost') {
    problems.push(problem('securityContext.seccompProfile.type', 'must be RuntimeDefault or Localhost', podSeccomp, FIX));
  }
  for (const { field, c } of containersOf(spec)) {
    const sc = c?.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) {
      problems.push(problem(`${field}.securityContext.allowPrivilegeEscalation`, 'must be false', sc.allowPrivilegeEscalation, FIX));
    }
    const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
    if (nonRoot !== true) problems.push(problem(`${field}.securityContext.runAsNonRoot`, 'must be true (here or in the pod securityContext)', nonRoot, FIX));
    if (sc.runAsUser === 0) problems.push(problem(`${field}.securityContext.runAsUser`, 'must not be 0 (root)', 0, FIX));
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
      problems.push(problem(`${field}.securityContext.seccompProfile.type`, 'must be RuntimeDefault or Localhost (here or in the pod securityContext)', seccomp, FIX));
    }
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) problems.push(problem(`${field}.securityContext.capabilities.drop`, 'must include ALL', drop, FIX));
    const add: string[] = sc.capabilities?.add ?? [];
    add.forEach((cap, i) => {
      if (cap !== 'NET_BIND_SERVICE') problems.push(problem(`${field}.securityContext.capabilities.add[${i}]`, 'may only add NET_BIND_SERVICE', cap, FIX));
    });
  }
  return problems;
}
