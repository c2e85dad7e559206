/**
 * Shared helpers of the NodeLocal DNSCache rules (pure): finding the emitted objects of one
 * installation, reading node-cache flags, parsing durations and quantities.
 */
import { formatValue, Problem } from '../../core/problem';
import { COREFILE_KEY, instanceObjectName } from '../conventions';
import { parseCorefile, ParsedCorefile } from './corefile';
import { DnsInstance, NodeLocalDnsSpec } from './node-local-dns-spec';

/** What a rule gets: the resolved props and the emitted objects (plain JSON, in output order). */
export interface DnsCheckContext {
  readonly spec: NodeLocalDnsSpec;
  /** Every object of the chart, in output order (other constructs' objects included). */
  readonly objects: any[];
}

/** Errors fail the synth; warnings are reported and kept. */
export interface DnsFindings {
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/** One of the spec's validations. */
export interface DnsRule {
  /** Stable id, `dns/<short-name>`. */
  readonly id: string;
  /** The number of the validation in the spec's list (section 8). */
  readonly number: number;
  readonly title: string;
  check(ctx: DnsCheckContext): DnsFindings;
}

/** Collects findings of one rule, stamping its id on each problem. */
export class Findings implements DnsFindings {
  public readonly errors: Problem[] = [];
  public readonly warnings: Problem[] = [];
  public constructor(private readonly rule: string) {}
  public error(field: string, expected: string, got: unknown, fix: string): void {
    this.errors.push(mk(field, expected, got, fix, this.rule));
  }
  public warn(field: string, expected: string, got: unknown, fix: string): void {
    this.warnings.push(mk(field, expected, got, fix, this.rule));
  }
}

function mk(field: string, expected: string, got: unknown, fix: string, rule: string): Problem {
  return { field, expected, got: got === undefined ? undefined : formatValue(got), fix, rule };
}

/** A DaemonSet of the installation and what is derived from it. */
export interface InstanceView {
  readonly instance: DnsInstance;
  readonly name: string;
  /** Prefix of fields in messages, e.g. `DaemonSet/node-local-dns`. */
  readonly ref: string;
  readonly daemonSet: any;
  readonly index: number;
  readonly podSpec: any;
  readonly container: any;
  readonly containerIndex: number;
  readonly args: string[];
  readonly flags: Map<string, string>;
  readonly configMap?: any;
  readonly corefileText?: string;
  readonly corefile?: ParsedCorefile;
}

const BOOL_FLAGS = new Set(['setupinterface', 'setupiptables', 'skipteardown', 'reloadwithsignal', 'quiet']);

/** Parses Go `flag` style arguments: `-name value`, `-name=value`, `--name`, bare booleans. */
export function parseFlags(args: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) continue;
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) {
      flags.set(body.slice(0, eq), body.slice(eq + 1));
    } else if (BOOL_FLAGS.has(body)) {
      flags.set(body, 'true');
    } else {
      flags.set(body, args[i + 1] ?? '');
      i++;
    }
  }
  return flags;
}

/** A boolean flag's value with its default. */
export function boolFlag(flags: Map<string, string>, name: string, dflt: boolean): boolean {
  const v = flags.get(name);
  if (v === undefined) return dflt;
  return v === 'true' || v === '1' || v === 't' || v === 'T' || v === 'TRUE' || v === 'True';
}

/** Finds an object by kind and name. */
export function findObject(objects: readonly any[], kind: string, name: string, namespace?: string): any | undefined {
  return objects.find((o) => o?.kind === kind && o?.metadata?.name === name && (namespace === undefined || (o.metadata.namespace ?? 'default') === namespace));
}

/** The DaemonSets of the installation (primary, then the secondary if emitted). */
export function instances(ctx: DnsCheckContext): InstanceView[] {
  const out: InstanceView[] = [];
  const wanted: Array<[DnsInstance, string]> = [['primary', instanceObjectName(ctx.spec.name, false)], ['secondary', instanceObjectName(ctx.spec.name, true)]];
  for (const [instance, name] of wanted) {
    const index = ctx.objects.findIndex((o) => o?.kind === 'DaemonSet' && o?.metadata?.name === name && o?.metadata?.namespace === ctx.spec.namespace);
    if (index < 0) continue;
    const daemonSet = ctx.objects[index];
    const podSpec = daemonSet.spec?.template?.spec ?? {};
    const containers: any[] = podSpec.containers ?? [];
    const containerIndex = Math.max(0, containers.findIndex((c) => c?.name === 'node-cache'));
    const container = containers[containerIndex] ?? {};
    const args: string[] = Array.isArray(container.args) ? container.args.map(String) : [];
    const volume = (podSpec.volumes ?? []).find((v: any) => v?.configMap?.items?.some((it: any) => it?.key === COREFILE_KEY));
    const configMap = volume ? findObject(ctx.objects, 'ConfigMap', volume.configMap.name, ctx.spec.namespace) : undefined;
    const corefileText: string | undefined = configMap?.data?.[COREFILE_KEY];
    out.push({
      instance,
      name,
      ref: `DaemonSet/${name}`,
      daemonSet,
      index,
      podSpec,
      container,
      containerIndex,
      args,
      flags: parseFlags(args),
      configMap,
      corefileText,
      corefile: corefileText === undefined ? undefined : parseCorefile(corefileText),
    });
  }
  return out;
}

/** Field path of the node-cache container. */
export function containerField(v: InstanceView, rest: string): string {
  return `${v.ref}.spec.template.spec.containers[${v.containerIndex}].${rest}`;
}

/** Field path into the pod spec. */
export function podField(v: InstanceView, rest: string): string {
  return `${v.ref}.spec.template.spec.${rest}`;
}

/** Field path of a Corefile line. */
export function corefileField(v: InstanceView, line: number): string {
  return `ConfigMap/${v.configMap?.metadata?.name ?? '?'}.data.Corefile (line ${line})`;
}
