import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OlmFindingLevel, OlmV1Installability, OlmValidationSuite } from '../../src/olm';
import { backupBundle } from '../support/olm-bundles';
import { describeReference } from '../support/reference';

function rules(dir: string): string[] {
  return OlmV1Installability.checkDirectory(dir).map((f) => `${f.level} ${f.rule}`);
}

/** Writes the files of a synthesized bundle into a temporary folder. */
function writeBundle(extra: Record<string, unknown> = {}): string {
  const { bundle, out } = backupBundle(extra);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-olm-v1-'));
  for (const p of out.fileNames.filter((f) => f.startsWith(`${bundle.directory}/`))) {
    const target = path.join(dir, p.slice(bundle.directory.length + 1));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.file(p));
  }
  return dir;
}

describe('OlmV1Installability.checkDirectory', () => {
  test('opskit\'s backup-operator bundle is installable; its webhook needs a certificate provider', () => {
    // GIVEN
    const dir = writeBundle();
    // WHEN
    const findings = OlmV1Installability.checkDirectory(dir);
    // THEN
    expect(findings).toEqual([{
      level: OlmFindingLevel.WARNING,
      suite: OlmValidationSuite.OLM_V1,
      rule: 'olm-v1/webhook-certificates',
      file: 'manifests/backup-operator.clusterserviceversion.yaml',
      message: expect.stringContaining('1 webhook(s)'),
    }]);
  });

  test('a dependency in metadata/dependencies.yaml blocks it', () => {
    // GIVEN
    const dir = writeBundle();
    fs.writeFileSync(path.join(dir, 'metadata', 'dependencies.yaml'), 'dependencies:\n  - type: olm.package\n    value:\n      packageName: etcd\n      version: ">=0.9.0"\n');
    // WHEN / THEN
    expect(rules(dir)).toContain('error olm-v1/dependency');
  });
});

describeReference('OlmV1Installability on the reference bundles', 'olm/examples', (dir) => {
  test.each([
    ['memcached-operator-sdk/bundle', ['warning olm-v1/webhook-certificates']],
    ['cert-manager/bundle', ['warning olm-v1/webhook-certificates']],
    // the etcd operator of operator-registry's testdata supports OwnNamespace and SingleNamespace only
    ['etcd-registry-testdata', ['error olm-v1/all-namespaces']],
  ])('%s', (bundle, expected) => {
    expect(rules(path.join(dir, bundle))).toEqual(expected);
  });
});
