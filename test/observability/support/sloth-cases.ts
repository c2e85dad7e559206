import * as fs from 'fs';
import * as path from 'path';
import { readSlothExpected, readSlothInput, readSlothWindows, sloConstructProps, SlothSlo } from './sloth-input';
import { OpsTesting, SynthResult } from '../../../src/app/testing';
import { ServiceLevelObjective } from '../../../src/observability/service-level-objective';

/** One Sloth input/expected-output pair, with the CLI options Sloth ran with. */
export interface SlothCase {
  readonly name: string;
  readonly input: string;
  readonly expected: string;
  readonly version: string;
  readonly extraLabels?: Record<string, string>;
  readonly defaultPeriod?: string;
  readonly windowsFile?: string;
  readonly disableAlerts?: boolean;
  readonly disableRecordings?: boolean;
}

/** The core example pairs of `sloth/examples/cases.json` (those needing no plugin). */
export function exampleCases(dir: string): SlothCase[] {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
  return (cases.core as string[]).map((f) => ({
    name: f,
    input: path.join(dir, f),
    expected: path.join(dir, '_gen', f),
    version: 'dev',
    extraLabels: { cmd: 'examplesgen.sh' },
  }));
}

/** The integration cases of `sloth/integration/cases.json` that need no plugin and expect output. */
export function integrationCases(dir: string): SlothCase[] {
  const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
  return (cases.cases as any[]).filter((c) => !c.needsPlugin && !c.expectError).map((c) => {
    const args: string[] = c.args.split(/\s+/);
    const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
    const extraLabels: Record<string, string> = {};
    args.forEach((a, i) => {
      if (a === '-l') {
        const [k, v] = args[i + 1].split('=');
        extraLabels[k] = v;
      }
    });
    const windowsDir = value('--slo-period-windows-path');
    return {
      name: c.name,
      input: path.join(dir, value('--input')!),
      expected: path.join(dir, c.expected),
      version: 'v0.0.0-opskit-test',
      extraLabels,
      defaultPeriod: value('--default-slo-period'),
      windowsFile: windowsDir ? path.join(dir, windowsDir, `${value('--default-slo-period')}.yaml`) : undefined,
      disableAlerts: args.includes('--disable-alerts'),
      disableRecordings: args.includes('--disable-recordings'),
    };
  });
}

/** What building a case through opskit gives. */
export interface BuiltCase {
  readonly slos: Array<{ readonly input: SlothSlo; readonly construct: ServiceLevelObjective }>;
  readonly out: SynthResult;
  readonly expected: any[];
}

/** Builds every SLO of a case as a `ServiceLevelObjective` in one chart and synthesizes the app. */
export function buildCase(c: SlothCase): BuiltCase {
  const inputs = readSlothInput(c.input, {
    version: c.version,
    extraLabels: c.extraLabels,
    defaultPeriod: c.defaultPeriod,
    windows: c.windowsFile ? readSlothWindows(c.windowsFile) : undefined,
    disableAlerts: c.disableAlerts,
    disableRecordings: c.disableRecordings,
  });
  const app = OpsTesting.app();
  const chart = app.chart('slos');
  const slos = inputs.map((input, i) => ({
    input,
    construct: new ServiceLevelObjective(chart, `slo-${i}`, {
      ...sloConstructProps(input.props),
      metadata: input.k8s ? { namespace: input.k8s.namespace } : undefined,
    }),
  }));
  return { slos, out: OpsTesting.synth(app), expected: readSlothExpected(c.expected, c.version) };
}
