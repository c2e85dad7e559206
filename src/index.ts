export * from './core';
export * from './app';
