import type * as Re2 from '@bufbuild/re2';

/*
 * Heavy dependencies loaded on first use, so that requiring opskit stays cheap: a program pays for the RE2
 * engine only when a pattern is checked.
 */

let re2Module: typeof Re2 | undefined;

/** `@bufbuild/re2`: Go's RE2 syntax and semantics, as the API server, Prometheus and Alertmanager compile patterns. */
export function re2(): typeof Re2 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2Module ??= require('@bufbuild/re2') as typeof Re2;
  return re2Module;
}
