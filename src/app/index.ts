export * from './ops-app';
export * from './ops-stack';
export { OutputRoot, SynthesizedFile } from './output-index';
export * from './file-artifact';
export * from './testing';
