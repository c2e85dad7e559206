#!/usr/bin/env node
/**
 * opskit-helm-values: writes the TypeScript values interface of a Helm chart, for `HelmRelease`'s `values`.
 *
 *   npx opskit-helm-values <chart folder | chart .tgz> [--name <Interface>] [--out <file.ts>]
 *
 * Reads `Chart.yaml`, then `values.schema.json` when the chart has one, else `values.yaml` with its comments
 * (see src/helm/release/model/values-types.ts for the mapping). Subcharts (`charts/`) are not read. Prints the
 * module on standard output, or writes it to --out.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { generateValuesTypes } from './model/values-types';
import { parseYaml, parseYamlWithComments } from '../../core/yaml';

/** The files of a chart folder or `.tgz` (paths relative to the chart's root), the three the generator reads. */
export function readChartFiles(source: string): Map<string, string> {
  const wanted = ['Chart.yaml', 'values.yaml', 'values.schema.json'];
  const files = new Map<string, string>();
  if (fs.statSync(source).isDirectory()) {
    for (const f of wanted) {
      const p = path.join(source, f);
      if (fs.existsSync(p)) files.set(f, fs.readFileSync(p, 'utf8'));
    }
    return files;
  }
  // a packaged chart: a gzipped tar whose entries are <chart>/<file> (`helm package`)
  const tar = zlib.gunzipSync(fs.readFileSync(source));
  for (let off = 0; off + 512 <= tar.length;) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, len: number) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const rel = name.split('/').slice(1).join('/');
    if ((type === '0' || type === '') && wanted.includes(rel) && !files.has(rel)) {
      files.set(rel, tar.subarray(off + 512, off + 512 + size).toString('utf8'));
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The module text for a chart folder or `.tgz`. */
export function valuesTypesOfChart(source: string, interfaceName?: string): string {
  const files = readChartFiles(source);
  const chart = files.has('Chart.yaml') ? parseYaml(files.get('Chart.yaml')!) : undefined;
  if (!chart || typeof chart.name !== 'string') throw new Error(`${source}: no Chart.yaml with a name (is it a chart folder or a packaged chart?)`);
  const schema = files.has('values.schema.json') ? JSON.parse(files.get('values.schema.json')!) : undefined;
  const values = files.has('values.yaml') ? parseYamlWithComments(files.get('values.yaml')!) : undefined;
  return generateValuesTypes({ chartName: chart.name, chartVersion: String(chart.version ?? ''), schema, values, interfaceName });
}

function main(argv: string[]): number {
  const args = [...argv];
  const option = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const name = option('--name');
  const out = option('--out');
  if (args.length !== 1) {
    process.stderr.write('usage: opskit-helm-values <chart folder | chart .tgz> [--name <Interface>] [--out <file.ts>]\n');
    return 2;
  }
  const text = valuesTypesOfChart(args[0], name);
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
