import { casesOf, runCase } from './rule-cases';

describe('rules-network.ts: rules 1-5, 9, 13, 21, 22', () => {
  test.each(casesOf(['dns/local-ip', 'dns/local-ip-list', 'dns/ipvs-single-ip', 'dns/iptables-bind', 'dns/cilium', 'dns/host-ports', 'dns/forward-loop', 'dns/network-policy', 'dns/unverified-mode']))('fails when $name [$rule]', (c) => runCase(c));
});
