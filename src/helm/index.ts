export * from './helm-chart';
export * from './workload-knob';
export * from './helm-value';
export * from './release';
