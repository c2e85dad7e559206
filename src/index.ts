export * from './core';
export * from './app';
export * from './operator';
export * from './observability';
export * from './dns';
export * from './terraform';
export * from './olm';
export * from './helm';
