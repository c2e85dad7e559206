export * from './core';
export * from './app';
export * from './operator';
export * from './dns';
