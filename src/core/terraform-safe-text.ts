import { Aspects, IAspect, TerraformElement, TerraformStack } from 'cdktn';
import { IConstruct } from 'constructs';
import { escapeTerraformStrings } from './terraform-text';

/**
 * The one mechanism that keeps literal text literal in Terraform JSON.
 *
 * Terraform reads every JSON string as a template, so a literal `${` or `%{` from any prop (tags, a profile,
 * a state path, a KMS key id, a Helm value, a generic resource's attribute) would be evaluated. Rather than
 * escaping at every prop (and forgetting one), opskit escapes every string of each element's *unresolved*
 * `toTerraform()` output: at that point a real reference or function call is still a cdktn token marker
 * (`${TfToken[TOKEN.n]}`), which is kept, while literal text is escaped (`${` → `$${`, `%{` → `%%{`).
 * Values produced later by a token (`Lazy`, a reference) are not walked: a `Lazy` that produces literal text
 * escapes it itself with `escapeTerraformTemplate`.
 *
 * Applied by `OpsStack` to every element it synthesizes, and — through an aspect that every Terraform-side
 * opskit construct registers via `placedIn` — to every element of a plain cdktn stack holding an opskit
 * construct. Idempotent: an element is wrapped once.
 */
export function keepTerraformTextLiteral(element: TerraformElement): void {
  const e = element as TerraformElement & { [WRAPPED]?: true };
  if (e[WRAPPED]) return;
  const original = e.toTerraform.bind(e);
  e.toTerraform = () => escapeTerraformStrings(original()) as any;
  e[WRAPPED] = true;
}

/** Applies `keepTerraformTextLiteral` to every element of a stack (not of nested stacks). */
export function keepStackTextLiteral(stack: TerraformStack): void {
  for (const c of stack.node.findAll()) {
    if (TerraformElement.isTerraformElement(c) && TerraformStack.of(c) === stack) keepTerraformTextLiteral(c);
  }
}

/** Registers, once per stack, the aspect that escapes the literal text of every element of the stack. */
export function registerSafeTextAspect(stack: TerraformStack): void {
  const s = stack as TerraformStack & { [ASPECT]?: true };
  if (s[ASPECT]) return;
  Aspects.of(stack).add(SAFE_TEXT);
  s[ASPECT] = true;
}

const WRAPPED = Symbol.for('opskit.terraformSafeText.wrapped');
const ASPECT = Symbol.for('opskit.terraformSafeText.aspect');

const SAFE_TEXT: IAspect = {
  visit(node: IConstruct): void {
    if (TerraformElement.isTerraformElement(node)) keepTerraformTextLiteral(node);
  },
};
