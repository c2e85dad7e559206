import { Problem, problem } from '../../core/problem';

/*
 * The settings of the `hashicorp/helm` provider (3.x) as its documentation and the client-go code behind it read
 * them (https://registry.terraform.io/providers/hashicorp/helm/latest/docs, terraform-delivery.md §2): checked at
 * construction so that a wrong setting fails at synth, not in the middle of `terraform apply`. Values that are
 * Terraform references (unresolved cdktn tokens, such as an EKS cluster's endpoint) are known only at apply
 * time and are left to the provider. Pure.
 */

/** The provider's Kubernetes connection, as given (types already checked). */
export interface HelmProviderSpec {
  readonly alias?: string;
  readonly version?: string;
  readonly kubernetes?: {
    readonly host?: string;
    readonly clusterCaCertificate?: string;
    readonly configPath?: string;
    readonly configContext?: string;
    readonly exec?: { readonly apiVersion: string; readonly command: string; readonly args?: readonly string[] };
  };
}

/** The ExecCredential versions client-go decodes (`v1alpha1` was removed in Kubernetes 1.24). */
export const EXEC_API_VERSIONS: readonly string[] = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

/** A Terraform name (provider alias): a letter or `_`, then letters, digits, `_` and `-`. */
const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** One Terraform version constraint (`~> 3.0`, `>= 3.1.2, < 4.0.0`). */
const VERSION_CONSTRAINT = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?[0-9]+(\.[0-9]+){0,2}(-[0-9A-Za-z.-]+)?\s*$/;

/** Problems of the provider's settings; `isReference(text)` tells a Terraform reference apart (checked by the provider at apply). */
export function helmProviderProblems(p: HelmProviderSpec, isReference: (text: string) => boolean): Problem[] {
  const out: Problem[] = [];
  const literal = (v: string | undefined): v is string => v !== undefined && !isReference(v);
  if (literal(p.alias) && !TERRAFORM_NAME.test(p.alias)) {
    out.push(problem('alias', 'must be a Terraform name (a letter or "_", then letters, digits, "_" or "-")', p.alias, 'use e.g. "blue"'));
  }
  if (literal(p.version) && !p.version.split(',').every((c) => VERSION_CONSTRAINT.test(c))) {
    out.push(problem('version', 'must be a Terraform version constraint (e.g. "~> 3.0" or ">= 3.1.0, < 4.0.0")', p.version, 'use e.g. "~> 3.0"'));
  }
  const k = p.kubernetes;
  if (!k) return out;
  if (literal(k.host)) out.push(...hostProblems(k.host));
  if (literal(k.clusterCaCertificate) && !/^\s*-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(k.clusterCaCertificate)) {
    out.push(problem('kubernetes.clusterCaCertificate', 'must be a PEM certificate (decoded: "-----BEGIN CERTIFICATE-----…")', k.clusterCaCertificate,
      'decode the base64 data first, e.g. Fn.base64decode(cluster.certificateAuthority.get(0).data)'));
  }
  for (const [field, value, example] of [['configPath', k.configPath, '~/.kube/config'], ['configContext', k.configContext, 'prod']] as const) {
    if (literal(value) && (value.trim() === '' || /[\r\n\0]/.test(value))) {
      out.push(problem(`kubernetes.${field}`, 'must be a non-empty value on one line', value, `use e.g. "${example}"`));
    }
  }
  if (k.exec) {
    if (literal(k.exec.apiVersion) && !EXEC_API_VERSIONS.includes(k.exec.apiVersion)) {
      out.push(problem('kubernetes.exec.apiVersion', `must be one of ${EXEC_API_VERSIONS.map((v) => `"${v}"`).join(', ')} (the ExecCredential versions client-go decodes)`,
        k.exec.apiVersion, 'use "client.authentication.k8s.io/v1beta1" (aws eks get-token) or ".../v1"'));
    }
    if (literal(k.exec.command) && (k.exec.command.trim() === '' || /[\r\n\0]/.test(k.exec.command))) {
      out.push(problem('kubernetes.exec.command', 'must be a command on one line', k.exec.command, 'use e.g. "aws", with its arguments in args'));
    }
    (k.exec.args ?? []).forEach((a, i) => {
      if (literal(a) && a.includes('\0')) out.push(problem(`kubernetes.exec.args[${i}]`, 'must not contain a NUL character', a, 'remove it'));
    });
  }
  return out;
}

/** The host "in form of URI": `https://host[:port][/path]` (or http), or a bare `host[:port]`, which client-go reads as https. */
function hostProblems(host: string): Problem[] {
  const bad = [problem('kubernetes.host', 'must be the API server URL (https://host[:port], or host[:port])', host, 'use e.g. "https://10.0.0.1:6443" or cluster.endpoint')];
  if (host === '' || /\s/.test(host)) return bad;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `https://${host}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return bad;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return bad;
  if (url.hostname === '' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return bad;
  return [];
}
