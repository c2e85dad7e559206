import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { toYaml } from '../../../src/core/yaml';
import { AlertmanagerSpec } from '../../../src/observability/model/alertmanager';
import { renderAlertmanagerYamlObject } from '../../../src/observability/model/alertmanager-render';
import { validateAlertmanagerSpec } from '../../../src/observability/model/alertmanager-validate';
import { MINIMAL } from '../../fixtures/observability/alertmanager-specs';
import { describeEachAmtool } from '../../support/generations';
import { runTool } from '../../support/tools';

/**
 * The boundary of `sendResolved` and `maxAlerts` as amtool decodes them (a Go bool and a uint64): each value is
 * judged by opskit's validator and, rendered by opskit's renderer and YAML writer without the validator in the
 * way, by `amtool check-config` of both generations.
 *
 * - `agree`: amtool's verdict is opskit's.
 * - `changed`: amtool accepts the value but decodes another one (yaml.v2 converts a float to uint64 by
 *   truncation: 1.5 → 1, -0.5 → 0, 2^64 → out of range). opskit rejects these on purpose: the file would not
 *   mean what the program says. The test asserts amtool still accepts them, so the list stays true.
 */
const SEND_RESOLVED: Array<[unknown, 'agree' | 'changed']> = [[true, 'agree'], [false, 'agree'], ['false', 'agree'], ['true', 'agree'], ['yes', 'agree'], [1, 'agree'], [0, 'agree']];
const MAX_ALERTS: Array<[unknown, 'agree' | 'changed']> = [[0, 'agree'], [10, 'agree'], [9007199254740993, 'agree'], [1e19, 'agree'],
  [18446744073709549568, 'agree'], [-1, 'agree'], [1e308, 'agree'], ['10', 'agree'], [2 ** 64, 'changed'], [-0.5, 'changed'], [1.5, 'changed']];

function webhookSpec(change: Record<string, unknown>): AlertmanagerSpec {
  return { ...MINIMAL, receivers: [{ name: 'default', webhookConfigs: [{ url: 'https://x.example.com/', ...change }] }] } as AlertmanagerSpec;
}

describeEachAmtool('sendResolved and maxAlerts: opskit\'s verdict is amtool check-config\'s', (amtool) => {
  const cases = [
    ...SEND_RESOLVED.map(([value, relation]) => ({ field: 'sendResolved', value, relation })),
    ...MAX_ALERTS.map(([value, relation]) => ({ field: 'maxAlerts', value, relation })),
  ];

  test.each(cases)('$field: $value ($relation)', ({ field, value, relation }) => {
    // GIVEN
    const spec = webhookSpec({ [field]: value });
    const opskitAccepts = !validateAlertmanagerSpec(spec).some((p) => p.field === `receivers[0].webhookConfigs[0].${field}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-am-bound-'));
    try {
      const file = path.join(dir, 'alertmanager.yaml');
      fs.writeFileSync(file, toYaml(renderAlertmanagerYamlObject(spec)));
      // WHEN
      const r = runTool(amtool.bin, ['check-config', file]);
      // THEN
      if (relation === 'agree') {
        expect({ value, amtoolAccepts: r.status === 0 }).toEqual({ value, amtoolAccepts: opskitAccepts });
      } else {
        expect({ value, amtoolAccepts: r.status === 0, opskitAccepts }).toEqual({ value, amtoolAccepts: true, opskitAccepts: false });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
