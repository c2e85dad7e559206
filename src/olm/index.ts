export * from './olm-types';
export * from './olm-bundle';
export * from './olm-bundle-validator';
export * from './olm-catalog';
export * from './olm-v1-installability';
export * from './cluster-catalog';
export * from './cluster-extension';
