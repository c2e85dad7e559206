import { KubeCheckVerdict, describeVerdict, kubeCheck, normalizeServerPath } from './kube-check';
import { Problem, describeProblem } from '../../src/core/problem';
import { validateCustomResource, versionSchema } from '../../src/operator/model/crd-render';
import { checkCrd } from '../../src/operator/model/crd-rules';

/**
 * opskit's verdict on CRDs and custom resources, side by side with kube-check's: what the differential and
 * conformance suites compare.
 */

/** opskit's verdict on one object: the problems its synth would fail with. */
export interface OpskitVerdict {
  readonly allowed: boolean;
  readonly problems: Problem[];
  /** For a custom resource: the object with opskit's defaults applied. */
  readonly value?: any;
}

/** Whether an object is a CustomResourceDefinition (any apiextensions version). */
export function isCrd(o: any): boolean {
  return o?.kind === 'CustomResourceDefinition' && typeof o?.apiVersion === 'string' && o.apiVersion.startsWith('apiextensions.k8s.io/');
}

/** opskit's verdict on a CRD object: R1–R46 (`checkCrd`), which `CustomResourceDefinition` runs at synth. */
export function opskitCrdVerdict(crd: any): OpskitVerdict {
  const problems = checkCrd(crd);
  return { allowed: problems.length === 0, problems };
}

/**
 * opskit's verdict on a custom resource against the CRDs opskit accepts: a served version with a schema (what
 * `CustomResource` requires), then `validateCustomResource` (what it runs at synth).
 */
export function opskitCrVerdict(cr: any, crds: readonly any[]): OpskitVerdict {
  const [group, version] = String(cr?.apiVersion ?? '').includes('/') ? String(cr.apiVersion).split('/') : ['', cr?.apiVersion];
  // as kube-check: the last CRD of this group and kind in the stream, if opskit accepts it
  const last = [...crds].reverse().find((c) => c?.spec?.group === group && c?.spec?.names?.kind === cr?.kind);
  const crd = last && opskitCrdVerdict(last).allowed ? last : undefined;
  const v = (crd?.spec?.versions ?? []).find((x: any) => x?.name === version);
  if (!crd || !v || v.served !== true) {
    return { allowed: false, problems: [{ field: 'apiVersion', expected: 'must be a served version of a CRD', got: String(cr?.apiVersion), fix: 'define the CRD first' }] };
  }
  const schema = versionSchema(crd, version);
  if (!schema) return { allowed: false, problems: [{ field: 'apiVersion', expected: 'must have a schema', got: version, fix: 'give the version a schema' }] };
  const { problems, value } = validateCustomResource(cr, schema, {
    clusterScoped: crd.spec.scope === 'Cluster',
    scale: v.subresources?.scale ?? undefined,
    statusSubresource: v.subresources?.status !== undefined && v.subresources?.status !== null,
  });
  return { allowed: problems.length === 0, problems, value };
}

/** The server's verdicts on a stream and every disagreement with opskit. */
export interface Comparison {
  readonly verdicts: KubeCheckVerdict[];
  readonly disagreements: Disagreement[];
}

/** One object where opskit and the API server disagree. */
export interface Disagreement {
  readonly index: number;
  readonly object: any;
  readonly opskit: string;
  readonly server: string;
  /**
   * `verdict` when one accepts and the other rejects; `paths` when both reject but name no common field;
   * `stored` when both accept a custom resource but opskit's defaulted spec differs from the server's stored one.
   */
  readonly kind: 'verdict' | 'paths' | 'stored';
}

/** Opskit's field paths and the server's, in one notation, overlap (one is a prefix of the other). */
export function pathsOverlap(opskit: readonly string[], server: readonly string[]): boolean {
  // the server reports a schema, subresources or columns that all versions share at spec level (the internal type)
  const norm = (p: string) => p.replace(/\["([^"]*)"\]/g, '.$1').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '').replace(/^<root>$/, '')
    .replace(/^spec\.versions\.\d+\.schema(\.|$)/, 'spec.validation$1').replace(/^spec\.versions\.\d+\.(subresources|additionalPrinterColumns)(\.|$)/, 'spec.$1$2');
  const a = opskit.map(norm);
  const b = server.map((s) => norm(normalizeServerPath(s)));
  const under = (x: string, y: string) => x === y || y === '' || x.startsWith(`${y}.`);
  return a.some((x) => b.some((y) => under(x, y) || under(y, x)));
}

/** Describes opskit's verdict in one line. */
export function describeOpskit(v: OpskitVerdict): string {
  return v.allowed ? 'allowed' : `rejected: ${v.problems.map(describeProblem).join(' | ')}`;
}

/**
 * Runs a stream of CRDs and custom resources through kube-check (one process) and opskit; a custom resource is
 * judged by opskit against the CRDs before it in the stream. Returns the server's verdicts and every disagreement.
 */
export function compareWithServer(objects: readonly any[], options: { paths?: boolean; stored?: boolean } = {}): Comparison {
  const verdicts = kubeCheck(objects);
  const disagreements: Disagreement[] = [];
  const crds: any[] = [];
  objects.forEach((o, i) => {
    const server = verdicts[i];
    if (server.skipped) return;
    const ours = isCrd(o) ? opskitCrdVerdict(o) : opskitCrVerdict(o, crds);
    if (isCrd(o)) crds.push(o);
    if (ours.allowed !== server.allowed) {
      disagreements.push({ index: i, object: o, opskit: describeOpskit(ours), server: describeVerdict(server), kind: 'verdict' });
    } else if (options.paths !== false && !ours.allowed && !pathsOverlap(ours.problems.map((p) => p.field), server.errors.map((e) => e.field))) {
      disagreements.push({ index: i, object: o, opskit: describeOpskit(ours), server: describeVerdict(server), kind: 'paths' });
    } else if (options.stored && ours.allowed && server.object && !sameJson(ours.value?.spec, server.object.spec)) {
      disagreements.push({ index: i, object: o, opskit: `stores spec ${JSON.stringify(sortKeys(ours.value?.spec))}`, server: `stores spec ${JSON.stringify(sortKeys(server.object.spec))}`, kind: 'stored' });
    }
  });
  return { verdicts, disagreements };
}

/** JSON values equal regardless of key order. */
function sameJson(a: any, b: any): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

/** A JSON value with object keys sorted, for comparison. */
function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
