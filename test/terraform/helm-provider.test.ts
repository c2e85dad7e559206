import { Testing, TerraformStack } from 'cdktn';
import { HelmRelease } from '../../src/helm/release/helm-release';
import { HelmProvider, TerraformHelmRelease } from '../../src/terraform';

describe('HelmProvider', () => {
  test('writes snake_case kubernetes settings and the provider requirement', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 's');
    new HelmProvider(stack, 'helm', { kubernetes: { host: 'https://h', clusterCaCertificate: 'PEM', configContext: 'prod' }, version: '~> 2.17', alias: 'prod' });
    new TerraformHelmRelease(stack, 'r', { release: new HelmRelease(stack, 'x', { chart: 'c', repository: 'https://charts', version: '1.0.0', namespace: 'n', valuesFile: false }) });
    new HelmProvider(stack, 'default', { version: '~> 2.17' });
    // WHEN
    const json = JSON.parse(Testing.synth(stack, true));
    // THEN
    expect(json.terraform.required_providers.helm).toEqual({ source: 'hashicorp/helm', version: '~> 2.17' });
    expect(json.provider.helm).toEqual([{ alias: 'prod', kubernetes: { host: 'https://h', cluster_ca_certificate: 'PEM', config_context: 'prod' } }, {}]);
  });
});
