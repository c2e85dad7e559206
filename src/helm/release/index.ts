export * from './helm-release';
export * from './kube-prometheus-stack-values';
export * from './kube-prometheus-stack-release';
export * from './cert-manager-release';
export * from './argo-cd-application';
