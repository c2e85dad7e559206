import type * as BundleValidator from './model/bundle-validator';

let bundleValidatorModule: typeof BundleValidator | undefined;

/** OLM's bundle rules and reader (with Go's mail and URL parsers), loaded when a bundle is first read or validated. */
export function bundleRules(): typeof BundleValidator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  bundleValidatorModule ??= require('./model/bundle-validator') as typeof BundleValidator;
  return bundleValidatorModule;
}
