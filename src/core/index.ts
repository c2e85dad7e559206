export { Problem } from './problem';
export * from './int-or-percent';
// OpsError itself extends Error, which jsii cannot model: it stays out of the package's type surface;
// `OpsErrors` inspects it in every language.
export { OpsErrors, LocatedProblem } from './ops-error';
export * from './artifact';
export * from './kind-registry';
export { IProblemSource, Validations } from './validations';
export { LocatedWarning, Warnings } from './warnings';
