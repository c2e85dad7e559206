export * from './olm-types';
export * from './olm-bundle';
export * from './olm-bundle-validator';
export * from './olm-catalog';
