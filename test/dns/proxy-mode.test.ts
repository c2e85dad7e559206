import { ProxyMode } from '../../src/dns';

describe('ProxyMode', () => {
  test.each([
    [ProxyMode.IPTABLES, 'iptables', true, false],
    [ProxyMode.IPVS, 'ipvs', true, true],
    [ProxyMode.NFTABLES, 'nftables', true, false],
    [ProxyMode.CILIUM, 'cilium', false, false],
    [ProxyMode.CILIUM_ADDRESS, 'cilium-address', false, true],
  ])('%#: %s', (mode, name, hostNetwork, kubelet) => {
    expect(mode.name).toBe(name);
    expect(mode.hostNetwork).toBe(hostNetwork);
    expect(mode.kubeletMustUseLocalIp).toBe(kubelet);
  });
});
