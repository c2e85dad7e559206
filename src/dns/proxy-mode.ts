/**
 * How Service traffic reaches CoreDNS on the cluster's nodes, which decides how NodeLocal DNSCache
 * intercepts DNS.
 *
 * @see https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/#configuration
 */
export class ProxyMode {
  /**
   * kube-proxy in iptables mode (the default of most clusters, EKS included): node-cache binds the
   * link-local IP and the kube-dns IP and adds NOTRACK rules, so the kubelet's `clusterDNS` can stay.
   */
  public static readonly IPTABLES = new ProxyMode('iptables');
  /**
   * kube-proxy in IPVS mode: `kube-ipvs0` owns the kube-dns IP, so node-cache binds only the link-local
   * IP and the kubelet `clusterDNS` MUST point at it (see `EksNodeConfig`).
   */
  public static readonly IPVS = new ProxyMode('ipvs');
  /**
   * kube-proxy in nftables mode: treated like iptables; not documented upstream (kubernetes/dns#682),
   * so it synthesizes with a warning.
   */
  public static readonly NFTABLES = new ProxyMode('nftables');
  /**
   * Cilium kube-proxy replacement with a CiliumLocalRedirectPolicy matching the kube-dns Service: no
   * host network, no interface or iptables setup; the kubelet stays unchanged. Cilium needs
   * `localRedirectPolicies.enabled=true`.
   * @see https://docs.cilium.io/en/stable/network/kubernetes/local-redirect-policy/#node-local-dns-cache
   */
  public static readonly CILIUM = new ProxyMode('cilium');
  /**
   * Like `CILIUM`, but the policy matches the link-local IP (`addressMatcher`), so the kubelet
   * `clusterDNS` must point at the link-local IP.
   */
  public static readonly CILIUM_ADDRESS = new ProxyMode('cilium-address');

  /** The mode's name: `iptables`, `ipvs`, `nftables`, `cilium` or `cilium-address`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }

  /** Whether node-cache runs in the host network and sets up its interface and iptables rules. */
  public get hostNetwork(): boolean {
    return this.name !== 'cilium' && this.name !== 'cilium-address';
  }

  /** Whether the kubelet `clusterDNS` must be the link-local IP in this mode. */
  public get kubeletMustUseLocalIp(): boolean {
    return this.name === 'ipvs' || this.name === 'cilium-address';
  }
}
