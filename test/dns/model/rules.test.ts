import { baseline, CASES } from './rule-cases';
import { describeProblem } from '../../../src/core/problem';
import { ProxyMode } from '../../../src/dns';
import { dnsRules, checkNodeLocalDns } from '../../../src/dns/model/rules';

describe('the 22 NodeLocal DNSCache validations', () => {
  test('there are 22 rules, numbered 1 to 22 in spec order, with dns/ ids', () => {
    expect(dnsRules().map((r) => r.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(dnsRules().every((r) => /^dns\/[a-z0-9-]+$/.test(r.id))).toBe(true);
  });

  test('every rule has at least one failing-input case (rules-*.test.ts)', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(dnsRules().filter((r) => !covered.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  const MODES = { 'iptables': ProxyMode.IPTABLES, 'ipvs': ProxyMode.IPVS, 'nftables': ProxyMode.NFTABLES, 'cilium': ProxyMode.CILIUM, 'cilium-address': ProxyMode.CILIUM_ADDRESS };
  test.each(Object.keys(MODES))('the defaults of %s mode pass every rule', (mode) => {
    // GIVEN
    const m = (MODES as any)[mode] as ProxyMode;
    // WHEN
    const findings = checkNodeLocalDns(baseline({ mode: m, kubeletClusterDns: m.kubeletMustUseLocalIp ? ['169.254.20.10'] : undefined }));
    // THEN
    expect(findings.errors.map(describeProblem)).toEqual([]);
  });

  test('findings are de-duplicated and keep the rule id', () => {
    // GIVEN two DaemonSets (HA) with the same broken image
    const ctx = baseline({ highAvailability: {} });
    for (const o of ctx.objects.filter((x) => x.kind === 'DaemonSet')) o.spec.template.spec.containers[0].image = 'x';
    // WHEN
    const errors = checkNodeLocalDns(ctx).errors.filter((p) => p.rule === 'dns/image-pinned');
    // THEN
    expect(errors.map((p) => p.field)).toEqual([
      'DaemonSet/node-local-dns.spec.template.spec.containers[0].image',
      'DaemonSet/node-local-dns-secondary.spec.template.spec.containers[0].image',
    ]);
  });
});
