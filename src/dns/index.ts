export * from './proxy-mode';
export * from './options';
export * from './corefile';
export { NodeLocalDnsHighAvailability, NodeLocalDnsProps } from './node-local-dns-props';
export * from './node-local-dns';
export { NodeLocalDnsServiceMonitorOptions, NodeLocalDnsErrorAlertOptions } from './node-local-dns-monitoring';
export * from './terraform';
