export * from './helm-provider';
export * from './terraform-helm-release';
