import type * as Re2 from '@bufbuild/re2';
import type * as K8s from 'cdk8s-plus-33/lib/imports/k8s';
import type * as Cdktn from 'cdktn';

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

let k8sModule: typeof K8s | undefined;

/**
 * cdk8s-plus-33's `k8s` module (the typed L1 classes, 3.4 MB): loaded when the first construct builds a built-in
 * object, not by `require('opskit')`.
 */
export function kube(): typeof K8s {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  k8sModule ??= require('cdk8s-plus-33/lib/imports/k8s') as typeof K8s;
  return k8sModule;
}

let cdktnModule: typeof Cdktn | undefined;

/**
 * cdktn (about 140 modules): loaded when the program first uses Terraform — a stack, `app.terraform`, a
 * Terraform-side construct — so that a program of charts only never loads it.
 */
export function cdktn(): typeof Cdktn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cdktnModule ??= require('cdktn') as typeof Cdktn;
  return cdktnModule;
}
