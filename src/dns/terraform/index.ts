export * from './helm-provider';
export * from './helm-release';
export * from './node-local-dns-helm-release';
export * from './eks-node-config';
