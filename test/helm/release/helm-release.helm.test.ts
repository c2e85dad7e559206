import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OpsTesting } from '../../../src/app/testing';
import { HelmRelease } from '../../../src/helm/release/helm-release';
import { describeWithHelm, helm } from '../../support/helm';

const QUEUE = path.join(__dirname, '..', '..', 'fixtures', 'helm', 'values-types', 'queue');

/** The values file a HelmRelease writes, in a temporary file for `helm -f`. */
function valuesFile(values: { [key: string]: any }): string {
  const app = OpsTesting.app();
  new HelmRelease(app.k8s, 'queue', { repository: 'oci://registry.example.com/charts', chart: 'queue', version: '0.3.0', values });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-values-')), 'queue.values.yaml');
  fs.writeFileSync(file, OpsTesting.synth(app).file('helm/releases/queue.values.yaml'));
  return file;
}

describeWithHelm('HelmRelease values files, read by Helm v4 against the chart\'s values.schema.json', () => {
  test('values typed by the generated QueueValues pass the chart\'s schema and reach the templates', () => {
    // GIVEN values as test/fixtures/helm/values-types/usage.ts types them
    const file = valuesFile({ mode: 'cluster', replicas: 3, auth: { existingSecret: 'queue-auth' }, queues: [{ name: 'jobs', deadLetter: { name: 'jobs-dead' } }], retention: '7d' });
    // WHEN
    const lint = helm(['lint', '--strict', QUEUE, '-f', file]);
    const rendered = helm(['template', 'queue', QUEUE, '-f', file]);
    // THEN
    expect(lint.status).toBe(0);
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toMatch(/mode: "cluster"\n {2}replicas: "3"/);
  });

  test('what the generated types reject, Helm rejects too (the schema check can fail)', () => {
    // GIVEN the values of usage.ts's @ts-expect-error lines
    for (const values of [{ mode: 'sharded' }, { replica: 3 }]) {
      // WHEN
      const r = helm(['template', 'queue', QUEUE, '-f', valuesFile(values)]);
      // THEN
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/values don't meet the specifications of the schema|schema/);
    }
  });
});
