export * from './helm-chart';
export * from './workload-knob';
