import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpsApp, OpsAppProps } from './ops-app';
import { INDEX_FILE } from './output-index';
import type { RenderedApp } from './render';
import { LocatedWarning } from '../core/warnings';
import { toYamlDocuments } from '../core/yaml';

/**
 * The outputs of an in-memory synth, with helpers to find what a test asserts on.
 */
export class SynthResult {
  /** @internal */
  public static _of(rendered: RenderedApp): SynthResult {
    return new SynthResult(rendered);
  }

  private readonly charts = new Map<string, any[]>();
  private readonly chartFiles = new Map<string, string>();
  private readonly outdirFiles: Map<string, string | Buffer>;
  private readonly terraformFiles: Map<string, Buffer>;
  private readonly recordedWarnings: LocatedWarning[];
  private readonly chartFileNames = new Set<string>();

  private constructor(rendered: RenderedApp) {
    for (const chart of rendered.charts) {
      this.charts.set(chart.chartId, chart.objects);
      this.chartFiles.set(chart.chartId, chart.content.toString('utf8'));
      this.chartFileNames.add(chart.fileName);
    }
    this.outdirFiles = rendered.outdirFiles;
    this.terraformFiles = rendered.terraformFiles;
    this.recordedWarnings = rendered.warnings;
  }

  /** The warnings constructs recorded, with their construct paths. */
  public get warnings(): LocatedWarning[] {
    return [...this.recordedWarnings];
  }

  /** The ids of every chart, in output order. */
  public get chartIds(): string[] {
    return [...this.charts.keys()];
  }

  /** The objects of a chart, in the order of its file (apply order). */
  public manifests(chartId: string): any[] {
    const objects = this.charts.get(chartId);
    if (!objects) {
      throw new Error(`no chart "${chartId}"; charts: ${this.chartIds.join(', ') || 'none'}`);
    }
    return objects;
  }

  /** Every object of every chart. */
  public allManifests(): any[] {
    return [...this.charts.values()].flat();
  }

  /** The objects of a chart with the given kind (and, optionally, apiVersion). */
  public findObjects(chartId: string, kind: string, apiVersion?: string): any[] {
    return this.manifests(chartId).filter((o) => o.kind === kind && (apiVersion === undefined || o.apiVersion === apiVersion));
  }

  /** The object of a chart with the given kind and name; throws, listing what exists, when there is none. */
  public findObject(chartId: string, kind: string, name: string): any {
    const found = this.manifests(chartId).find((o) => o.kind === kind && o.metadata?.name === name);
    if (!found) {
      const have = this.manifests(chartId).map((o) => `${o.kind}/${o.metadata?.name}`).join(', ');
      throw new Error(`no ${kind} named "${name}" in chart "${chartId}"; it has: ${have || 'nothing'}`);
    }
    return found;
  }

  /** Whether a chart has an object with the given kind and name. */
  public hasObject(chartId: string, kind: string, name: string): boolean {
    return this.manifests(chartId).some((o) => o.kind === kind && o.metadata?.name === name);
  }

  /** The YAML text of a chart's file. */
  public chartYaml(chartId: string): string {
    const text = this.chartFiles.get(chartId);
    if (text === undefined) throw new Error(`no chart "${chartId}"`);
    return text;
  }

  /** The parsed `cdk.tf.json` of a stack. */
  public terraform(stackId: string): any {
    const file = this.terraformFiles.get(`stacks/${stackId}/cdk.tf.json`);
    if (!file) {
      const stacks = [...this.terraformFiles.keys()].filter((p) => p.endsWith('/cdk.tf.json')).map((p) => p.split('/')[1]);
      throw new Error(`no stack "${stackId}"; stacks: ${stacks.join(', ') || 'none'}`);
    }
    return JSON.parse(file.toString('utf8'));
  }

  /** The resources of a type in a stack, keyed by their Terraform name; empty when there are none. */
  public findResources(stackId: string, type: string): { [name: string]: any } {
    return this.terraform(stackId).resource?.[type] ?? {};
  }

  /** The resource of a type with the given Terraform name; throws, listing what exists, when there is none. */
  public resource(stackId: string, type: string, name: string): any {
    const resources = this.findResources(stackId, type);
    if (!(name in resources)) {
      throw new Error(`no ${type}.${name} in stack "${stackId}"; ${type}: ${Object.keys(resources).join(', ') || 'none'}`);
    }
    return resources[name];
  }

  /**
   * The single resource of a type whose configuration contains `properties` (deep partial match);
   * throws when none or several match.
   */
  public findResource(stackId: string, type: string, properties: any = {}): any {
    const matches = Object.entries(this.findResources(stackId, type)).filter(([, config]) => matchesPartially(config, properties));
    if (matches.length !== 1) {
      throw new Error(`expected exactly one ${type} matching ${JSON.stringify(properties)} in stack "${stackId}", found ${matches.length}`);
    }
    return matches[0][1];
  }

  /** The text of a file in `outdir` (an artifact, a chart file or `opskit.json`). */
  public file(filePath: string): string {
    const content = this.outdirFiles.get(filePath);
    if (content === undefined) {
      throw new Error(`no file "${filePath}"; files: ${this.fileNames.join(', ')}`);
    }
    return content.toString('utf8');
  }

  /** Every file path in `outdir` except chart files and the index, sorted. */
  public get fileNames(): string[] {
    return [...this.outdirFiles.keys()]
      .filter((p) => p !== INDEX_FILE && !this.chartFileNames.has(p))
      .sort();
  }

  /** Every file path in the Terraform folder, sorted. */
  public get terraformFileNames(): string[] {
    return [...this.terraformFiles.keys()].sort();
  }

  /**
   * A stable text of everything synthesized, for snapshot tests: charts as YAML, stacks as JSON, artifacts
   * as text, each under a header with its path.
   */
  public toSnapshot(): string {
    const parts: string[] = [];
    for (const [p, content] of [...this.outdirFiles.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (p !== INDEX_FILE) parts.push(`# ${p}\n${content.toString('utf8')}`);
    }
    for (const [p, bytes] of [...this.terraformFiles.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      parts.push(`# terraform: ${p}\n${bytes.toString('utf8')}`);
    }
    return parts.join('\n');
  }
}

/**
 * Testing helpers: build an `OpsApp` and synthesize it in memory, then read back manifests per chart,
 * Terraform JSON per stack and artifact files.
 *
 * @example
 * const app = OpsTesting.app();
 * new NodeLocalDns(app.chart('dns'), 'dns', { kubeDnsIp: '10.96.0.10' });
 * const out = OpsTesting.synth(app);
 * expect(out.findObject('dns', 'DaemonSet', 'node-local-dns').spec.template.spec.hostNetwork).toBe(true);
 */
export class OpsTesting {
  /** An `OpsApp` whose output folders are in a fresh temporary directory (nothing is written to the project). */
  public static app(props: OpsAppProps = {}): OpsApp {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-test-'));
    return new OpsApp({ outdir: path.join(dir, 'dist'), terraformOutdir: path.join(dir, 'cdktf.out'), ...props });
  }

  /** Runs every validation and renders every output in memory; throws `OpsError` listing all problems. */
  public static synth(app: OpsApp): SynthResult {
    return SynthResult._of(app._render());
  }

  /** The YAML text of a list of objects, as opskit writes it. */
  public static yaml(objects: any[]): string {
    return toYamlDocuments(objects);
  }

  private constructor() {}
}

function matchesPartially(actual: any, expected: any): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matchesPartially(actual[i], e));
  }
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([k, v]) => matchesPartially(actual[k], v));
}
