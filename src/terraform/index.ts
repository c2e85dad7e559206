export * from './helm-provider';
export * from './helm-release';
