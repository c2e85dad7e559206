export * from './node-local-dns-helm-release';
export * from './eks-node-config';
