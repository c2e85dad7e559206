export * from './problem';
export * from './ops-error';
export * from './artifact';
export * from './kind-registry';
export * from './validations';
