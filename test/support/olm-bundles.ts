import { Construct } from 'constructs';
import { defineBackupOperator } from '../../examples/backup-operator/backup-operator';
import { OpsTesting, SynthResult } from '../../src/app/testing';
import { IconMediaType, OlmBundle, OlmBundleProps, OperatorCategory } from '../../src/olm';

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="3"/></svg>';

/** The backup operator example packaged as an OLM bundle with every field OperatorHub wants. */
export function backupBundle(extra: Partial<OlmBundleProps> = {}): { bundle: OlmBundle; out: SynthResult } {
  const app = OpsTesting.app();
  const { operator, plans } = defineBackupOperator(app);
  const bundle = new OlmBundle(operator.node.scope as Construct, 'Bundle', {
    operator,
    version: '0.3.1',
    channels: ['stable'],
    defaultChannel: 'stable',
    displayName: 'Backup Operator',
    description: 'Schedules etcd backups.',
    provider: { name: 'Example Inc.', url: 'https://example.com' },
    maintainers: [{ name: 'Platform Team', email: 'platform@example.com' }],
    links: [{ name: 'Source', url: 'https://github.com/example/backup-operator' }],
    categories: [OperatorCategory.DATABASE],
    minKubeVersion: '1.28.0',
    icon: { base64data: Buffer.from(ICON).toString('base64'), mediatype: IconMediaType.SVG },
    examples: [plans[0]],
    ...extra,
  });
  return { bundle, out: OpsTesting.synth(app) };
}

/** The files of that bundle, by path relative to the bundle folder. */
export function backupBundleFiles(extra: Partial<OlmBundleProps> = {}): Record<string, string> {
  const { bundle, out } = backupBundle(extra);
  const prefix = `${bundle.directory}/`;
  return Object.fromEntries(out.fileNames.filter((p) => p.startsWith(prefix)).map((p) => [p.slice(prefix.length), out.file(p)]));
}
