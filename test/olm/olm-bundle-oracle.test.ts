import * as fs from 'fs';
import * as path from 'path';
import { SynthResult } from '../../src/app/testing';
import { parseYaml } from '../../src/core/yaml';
import { tempDir } from '../support/files';
import { kubeCheck } from '../support/kube-check';
import { backupBundle } from '../support/olm-bundles';
import { olmCheck, olmErrors } from '../support/olm-check';
import { describeReference } from '../support/reference';
import { describeWithTools } from '../support/tools';

/** Writes the files of one bundle folder to disk, as synth would, and returns the folder. */
function writeBundle(out: SynthResult, dir: string): string {
  const root = tempDir('opskit-olm-');
  for (const f of out.fileNames.filter((p) => p.startsWith(`${dir}/`))) {
    const target = path.join(root, f.slice(dir.length + 1));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, out.file(f));
  }
  return root;
}

describeWithTools(['olm-check', 'kube-check'], 'OlmBundle against operator-framework\'s validators and the API server', () => {
  test('the backup operator bundle passes every validator operator-sdk runs, with no error', () => {
    // GIVEN
    const { bundle, out } = backupBundle();
    const dir = writeBundle(out, bundle.directory);
    // WHEN
    const [verdict] = olmCheck([dir]);
    // THEN
    expect(olmErrors(verdict)).toEqual([]);
    expect(verdict.findings.filter((f) => f.level === 'Warning').map((f) => `${f.validator}: ${f.detail}`)).toEqual([]);
  });

  test('every manifest of the bundle is accepted by the API server', () => {
    const { bundle, out } = backupBundle();
    const manifests = out.fileNames.filter((p) => p.startsWith(`${bundle.directory}/manifests/`) && !p.endsWith('.clusterserviceversion.yaml'))
      .map((p) => parseYaml(out.file(p)));
    const crds = manifests.filter((m) => m.kind === 'CustomResourceDefinition');
    // the ServiceMonitor's CRD is prometheus-operator's, not the bundle's: synth checks it against that schema
    const others = manifests.filter((m) => m.kind !== 'CustomResourceDefinition' && m.apiVersion !== 'monitoring.coreos.com/v1');
    const verdicts = kubeCheck([...crds, ...others], { namespace: 'operators' });
    expect(verdicts.map((v) => v.kind)).toContain('CustomResourceDefinition');
    expect(verdicts.filter((v) => !v.allowed).map((v) => `${v.kind}/${v.name}: ${v.errors.map((e) => e.message).join('; ')}`)).toEqual([]);
  });

  describeReference('the CSV under OLM\'s own ClusterServiceVersion CRD', 'olm/schemas', (schemas) => {
    test('the API server accepts the CSV as a custom resource of that CRD', () => {
      const { bundle, out } = backupBundle();
      const csv = parseYaml(out.file(`${bundle.directory}/manifests/backup-operator.clusterserviceversion.yaml`));
      const csvCrd = parseYaml(fs.readFileSync(path.join(schemas, 'operators.coreos.com_clusterserviceversions.yaml'), 'utf8'));
      const [crdVerdict, csvVerdict] = kubeCheck([csvCrd, csv], { namespace: 'operators' });
      expect(crdVerdict.allowed).toBe(true);
      expect(csvVerdict.errors.map((e) => e.message)).toEqual([]);
      expect(csvVerdict.allowed).toBe(true);
    });
  });
});
