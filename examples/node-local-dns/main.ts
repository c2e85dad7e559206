// NodeLocal DNSCache for two EKS clusters from one program, one delivery path each:
//   - "blue" runs kube-proxy in iptables mode (the EKS default): the kubelet keeps the kube-dns IP, and the cache
//     is delivered by Terraform as a Helm release (cdktf.out/stacks/blue-dns/cdk.tf.json);
//   - "green" runs kube-proxy in IPVS mode: the cache is delivered as manifests (dist/green.k8s.yaml), and the
//     kubelet must point at the link-local IP, so its nodes get a nodeadm NodeConfig in a launch template
//     (cdktf.out/stacks/green-nodes/cdk.tf.json), derived from the NodeLocalDns construct itself.
//
//   npx cdk8s synth      → dist/ and cdktf.out/
//   npx ts-node main.ts  → the same files
import { Duration } from 'cdk8s';
import { EksNodeConfig, HelmProvider, NodeLocalDns, NodeLocalDnsHelmRelease, OpsApp, ProxyMode } from 'opskit';

const app = new OpsApp();

// blue: the Helm release takes the same props as NodeLocalDns; the values are derived from them
const blueDns = app.stack('blue-dns', { aws: { region: 'eu-west-1', defaultTags: { cluster: 'blue' } } });
new HelmProvider(blueDns, 'helm', { kubernetes: { configPath: '~/.kube/config', configContext: 'blue' } });
new NodeLocalDnsHelmRelease(blueDns, 'node-local-dns', {
  kubeDnsIp: '10.100.0.10',
  serviceCidrs: ['10.100.0.0/16'],
  podCidrs: ['10.0.0.0/16'],
  // the VPC resolver: nodes with systemd-resolved would otherwise trip `loop` through 127.0.0.53
  upstreamServers: ['169.254.169.253'],
  cache: { prefetch: { amount: 3, duration: Duration.seconds(30), percentage: 20 } },
  serviceMonitor: true,
  serviceMonitorOptions: { labels: { release: 'kube-prometheus-stack' } },
});

// green: the manifests, with the SERVFAIL error-budget alert (the Helm chart has no PrometheusRule)
const greenDns = new NodeLocalDns(app.chart('green'), 'node-local-dns', {
  kubeDnsIp: '172.20.0.10',
  mode: ProxyMode.IPVS,
  serviceCidrs: ['172.20.0.0/16'],
  podCidrs: ['10.0.0.0/16'],
  upstreamServers: ['169.254.169.253'],
  cache: { prefetch: { amount: 3, duration: Duration.seconds(30), percentage: 20 } },
  serviceMonitor: true,
  serviceMonitorOptions: { labels: { release: 'kube-prometheus-stack' } },
  errorAlert: true,
  errorAlertOptions: { objective: 99.9 },
  // declared so NodeLocalDns checks it; EksNodeConfig below writes it onto the nodes
  kubeletClusterDns: ['169.254.20.10'],
});
// the Terraform side takes the construct: the kubelet clusterDNS follows from its mode and addresses
const greenNodes = app.stack('green-nodes', { aws: { region: 'eu-west-1', defaultTags: { cluster: 'green' } } });
// use nodes.launchTemplate in the cluster's aws_eks_node_group (launch_template { id, version })
new EksNodeConfig(greenNodes, 'nodes', { nodeLocalDns: greenDns });

app.synth();
