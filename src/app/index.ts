export * from './ops-app';
export * from './ops-stack';
export * from './output-index';
export * from './file-artifact';
export * from './testing';
