import { App, Chart } from 'cdk8s';
import type { TerraformStack } from 'cdktn';
import { IConstruct } from 'constructs';
import { cdktn } from './lazy-modules';
import { OpsError } from './ops-error';
import type * as SafeText from './terraform-safe-text';

let safeTextModule: typeof SafeText | undefined;

/** The literal-text aspect of Terraform stacks (it needs cdktn), loaded by the first Terraform-side construct. */
function safeText(): typeof SafeText {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  safeTextModule ??= require('./terraform-safe-text') as typeof SafeText;
  return safeTextModule;
}

/** The engine a construct emits into, and so the kind of scope it must be created in. */
export enum Engine {
  /** Emits Kubernetes objects (`ApiObject`s): belongs in a cdk8s `Chart` (`app.chart(…)`). */
  KUBERNETES = 'kubernetes',
  /** Emits Terraform resources, providers or data sources: belongs in a cdktn `TerraformStack` (`app.stack(…)`). */
  TERRAFORM = 'terraform',
}

/** The rule ids of scope errors. */
export const PLACEMENT_RULES: { readonly [engine in Engine]: string } = {
  [Engine.KUBERNETES]: 'scope/kubernetes',
  [Engine.TERRAFORM]: 'scope/terraform',
};

/**
 * Checks that a construct is created where its engine can render it, before the construct is added to the
 * tree. Every construct of opskit calls it in its `super(...)` call:
 *
 * ```ts
 * super(placedIn(scope, id, Engine.TERRAFORM, 'MetricAlarm'), id);
 * ```
 *
 * A Terraform-side construct in a chart would vanish silently from the output, and a Kubernetes-side one in a
 * stack fails deep inside cdk8s; both fail here at once (whatever the problem-reporting mode), with an
 * `OpsError` that says where the construct belongs. The nearest enclosing chart or stack decides.
 *
 * @returns the scope, unchanged
 * @throws OpsError when the nearest enclosing chart or stack is not of the construct's engine
 */
export function placedIn<T extends IConstruct>(scope: T, id: string, engine: Engine, className: string): T {
  const found = enclosing(scope);
  if (found?.engine === engine) {
    // every Terraform-side construct makes its stack keep literal text literal (`${` / `%{` escaped)
    if (engine === Engine.TERRAFORM) safeText().registerSafeTextAspect(found.scope as TerraformStack);
    return scope;
  }
  const where = found === undefined
    ? `${describePath(scope)}, which is in no chart and no stack`
    : `${found.engine === Engine.KUBERNETES ? 'chart' : 'Terraform stack'} ${describePath(found.scope)}`;
  const [expected, fix] = engine === Engine.TERRAFORM
    ? ['must be a Terraform stack or a construct inside one',
      `${className} belongs in a Terraform stack: create it under app.stack('…') (or a cdktn TerraformStack)`]
    : ['must be a Kubernetes chart or a construct inside one',
      `${className} belongs in a Kubernetes chart: create it under app.chart('…') (or a cdk8s Chart)`];
  const base = scope?.node?.path ?? '';
  throw new OpsError([{ field: 'scope', expected, got: where, fix, rule: PLACEMENT_RULES[engine], path: base ? `${base}/${id}` : String(id) }]);
}

/**
 * Whether a construct is a cdktn `TerraformStack`. In a cdk8s app's tree none counts (cdktn never synthesizes a
 * stack there), so a program of charts does not load cdktn to place or check its constructs.
 */
export function isTerraformStack(c: IConstruct): boolean {
  return !(c.node.root instanceof App) && cdktn().TerraformStack.isStack(c);
}

/** The nearest chart or stack at or above a scope. */
function enclosing(scope: IConstruct): { engine: Engine; scope: IConstruct } | undefined {
  const scopes = scope?.node?.scopes ?? [];
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (Chart.isChart(s)) return { engine: Engine.KUBERNETES, scope: s };
    if (isTerraformStack(s)) return { engine: Engine.TERRAFORM, scope: s };
  }
  return undefined;
}

function describePath(scope: IConstruct): string {
  const path = scope?.node?.path;
  return path ? JSON.stringify(path) : 'the app root';
}
