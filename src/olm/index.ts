export * from './olm-types';
export * from './olm-bundle';
