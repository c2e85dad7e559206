// NodeLocal DNSCache for two EKS clusters from one program:
//   - "blue" runs kube-proxy in iptables mode (the EKS default): the kubelet keeps the kube-dns IP;
//   - "green" runs kube-proxy in IPVS mode: the kubelet must point at the link-local IP, so its nodes get a
//     nodeadm NodeConfig in a launch template.
// Each cluster gets the manifests (dist/<cluster>.k8s.yaml) and a Terraform stack delivering the same
// configuration as a Helm release (cdktf.out/stacks/<cluster>-dns/cdk.tf.json).
//
//   npx cdk8s synth      → dist/ and cdktf.out/
//   npx ts-node main.ts  → the same files
import { Duration } from 'cdk8s';
import { EksNodeConfig, HelmProvider, NodeLocalDns, NodeLocalDnsHelmRelease, NodeLocalDnsProps, OpsApp, ProxyMode } from 'opskit';

const app = new OpsApp();

// The props are shared by the manifests and the Helm release, so both deliver the same configuration.
const blue: NodeLocalDnsProps = {
  kubeDnsIp: '10.100.0.10',
  serviceCidrs: ['10.100.0.0/16'],
  podCidrs: ['10.0.0.0/16'],
  // the VPC resolver: nodes with systemd-resolved would otherwise trip `loop` through 127.0.0.53
  upstreamServers: ['169.254.169.253'],
  cache: { prefetch: { amount: 3, duration: Duration.seconds(30), percentage: 20 } },
  serviceMonitor: { labels: { release: 'kube-prometheus-stack' } },
  errorAlert: { objective: 99.9 },
};
const green: NodeLocalDnsProps = {
  ...blue,
  kubeDnsIp: '172.20.0.10',
  serviceCidrs: ['172.20.0.0/16'],
  mode: ProxyMode.IPVS,
  // declared so NodeLocalDns checks it; EksNodeConfig below writes it onto the nodes
  kubeletClusterDns: ['169.254.20.10'],
};

new NodeLocalDns(app.chart('blue'), 'node-local-dns', blue);
new NodeLocalDns(app.chart('green'), 'node-local-dns', green);

for (const [name, props] of [['blue', blue], ['green', green]] as const) {
  const stack = app.stack(`${name}-dns`, { aws: { region: 'eu-west-1', defaultTags: { cluster: name } } });
  new HelmProvider(stack, 'helm', {
    kubernetes: {
      configPath: '~/.kube/config',
      configContext: name,
    },
  });
  // the chart has no PrometheusRule: the alert ships with the manifests above, not with the release
  const { errorAlert: _alertShipsWithTheManifests, ...releaseProps } = props;
  new NodeLocalDnsHelmRelease(stack, 'node-local-dns', { nodeLocalDns: releaseProps });
  if (props.mode === ProxyMode.IPVS) {
    // use nodes.launchTemplate in the cluster's aws_eks_node_group (launch_template { id, version })
    new EksNodeConfig(stack, 'nodes', { nodeLocalDns: props });
  }
}

app.synth();
