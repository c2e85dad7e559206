import * as fs from 'fs';
import * as path from 'path';
import { OpsTesting } from '../../src/app/testing';
import { parseYamlDocuments } from '../../src/core/yaml';
import { NodeLocalDns, ProxyMode } from '../../src/dns';
import { describeReference } from '../support/reference';

/**
 * Upstream equality: with default props, NodeLocalDns emits the upstream addon manifest after the documented
 * `sed` substitutions (kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/), and the Cilium variant of the
 * Cilium docs. Each intentional difference is applied to the reference below, with its reason.
 */
const KUBE_DNS = '10.100.0.10';
const LOCAL = '169.254.20.10';
const DOMAIN = 'cluster.local';
const IMAGE = 'registry.k8s.io/dns/k8s-dns-node-cache:1.26.8';

function synth(props: any): any[] {
  const app = OpsTesting.app();
  new NodeLocalDns(app.chart('dns'), 'dns', props);
  return OpsTesting.synth(app).manifests('dns');
}

function byKey(objects: any[]): Map<string, any> {
  return new Map(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
}

/** Intentional difference: the image is pinned to the newest node-cache release instead of the manifest's old tag. */
function pinImage(objects: any[]): void {
  for (const o of objects.filter((x) => x.kind === 'DaemonSet')) {
    for (const c of o.spec.template.spec.containers) c.image = IMAGE;
  }
}

/**
 * Intentional difference (security hardening): the ServiceAccount mounts no token. node-cache never calls the
 * API server: it reads its Corefile and the kube-dns ConfigMap from files and kube-dns-upstream from env vars.
 */
function noToken(objects: any[]): void {
  objects.find((o) => o.kind === 'ServiceAccount').automountServiceAccountToken = false;
}

function expectSameObjects(ours: any[], reference: any[]): void {
  const mine = byKey(ours);
  const theirs = byKey(reference);
  expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
  for (const [key, obj] of theirs) {
    expect({ key, obj: mine.get(key) }).toEqual({ key, obj });
  }
}

describeReference('NodeLocalDns equals the upstream manifest', 'nodelocaldns', (dir) => {
  const upstream = fs.readFileSync(path.join(dir, 'nodelocaldns.yaml'), 'utf8');

  test('iptables mode equals the manifest after the iptables sed', () => {
    // GIVEN the documented iptables-mode substitutions
    const text = upstream
      .replace(/__PILLAR__LOCAL__DNS__/g, LOCAL)
      .replace(/__PILLAR__DNS__DOMAIN__/g, DOMAIN)
      .replace(/__PILLAR__DNS__SERVER__/g, KUBE_DNS);
    const reference = parseYamlDocuments(text);
    pinImage(reference);
    noToken(reference);

    // WHEN
    const ours = synth({ kubeDnsIp: KUBE_DNS });

    // THEN
    expectSameObjects(ours, reference);
  });

  test('IPVS mode equals the manifest after the IPVS sed (with the comma fix)', () => {
    // GIVEN the documented IPVS-mode substitutions (kubernetes/website#27815)
    let text = upstream
      .replace(/__PILLAR__LOCAL__DNS__/g, LOCAL)
      .replace(/__PILLAR__DNS__DOMAIN__/g, DOMAIN)
      .replace(/,__PILLAR__DNS__SERVER__/g, '')
      .replace(/__PILLAR__CLUSTER__DNS__/g, KUBE_DNS);
    // Intentional difference: the sed leaves "bind <local> __PILLAR__DNS__SERVER__" for node-cache to blank at
    // runtime; opskit renders the final bind list, so no build-time placeholder survives (spec rule 6).
    text = text.replace(/ __PILLAR__DNS__SERVER__/g, '');
    const reference = parseYamlDocuments(text);
    pinImage(reference);
    noToken(reference);

    // WHEN
    const ours = synth({ kubeDnsIp: KUBE_DNS, mode: ProxyMode.IPVS, kubeletClusterDns: [LOCAL] });

    // THEN
    expectSameObjects(ours, reference);
    expect(JSON.stringify(ours)).not.toContain('__PILLAR__DNS__SERVER__');
  });

  test('Cilium mode equals the Cilium local-redirect variant', () => {
    // GIVEN the Cilium example manifests with the kube-dns IP substituted
    const text = fs.readFileSync(path.join(dir, 'cilium', 'node-local-dns.yaml'), 'utf8').replace(/__PILLAR__DNS__SERVER__/g, KUBE_DNS);
    const reference = [
      ...parseYamlDocuments(text),
      ...parseYamlDocuments(fs.readFileSync(path.join(dir, 'cilium', 'node-local-dns-lrp.yaml'), 'utf8')),
    ];
    pinImage(reference);
    noToken(reference);
    const ds = reference.find((o) => o.kind === 'DaemonSet').spec.template.spec;
    const container = ds.containers[0];
    // Intentional difference (security hardening): the example runs node-cache privileged, but with
    // -setupinterface=false -setupiptables=false it touches neither interfaces nor iptables; binding port 53
    // is the only privilege it needs.
    container.securityContext = {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
    // Intentional difference (security hardening): no iptables, so no hostPath mount of the xtables lock.
    container.volumeMounts = container.volumeMounts.filter((m: any) => m.name !== 'xtables-lock');
    ds.volumes = ds.volumes.filter((v: any) => v.name !== 'xtables-lock');
    // Intentional difference (addition): the Cilium example omits the headless metrics Service of the main
    // manifest; opskit emits it in every mode so ServiceMonitors and the error alert work the same way.
    reference.push(parseYamlDocuments(upstream).find((o) => o.kind === 'Service' && o.metadata.name === 'node-local-dns'));

    // WHEN
    const ours = synth({ kubeDnsIp: KUBE_DNS, mode: ProxyMode.CILIUM });

    // THEN
    expectSameObjects(ours, reference);
  });
});
