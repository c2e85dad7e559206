import { Fn, Testing, TerraformStack, TerraformVariable } from 'cdktn';
import { OpsTesting } from '../../src/app/testing';
import { OpsError, OpsErrors } from '../../src/core/ops-error';
import { HelmRelease } from '../../src/helm/release/helm-release';
import { HelmProvider, TerraformHelmRelease } from '../../src/terraform';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('HelmProvider', () => {
  test('writes snake_case kubernetes settings and the provider requirement', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 's');
    new HelmProvider(stack, 'helm', { kubernetes: { host: 'https://h', clusterCaCertificate: PEM, configContext: 'prod' }, version: '~> 2.17', alias: 'prod' });
    new TerraformHelmRelease(stack, 'r', { release: new HelmRelease(stack, 'x', { chart: 'c', repository: 'https://charts', version: '1.0.0', namespace: 'n', valuesFile: false }) });
    new HelmProvider(stack, 'default', { version: '~> 2.17' });
    // WHEN
    const json = JSON.parse(Testing.synth(stack, true));
    // THEN
    expect(json.terraform.required_providers.helm).toEqual({ source: 'hashicorp/helm', version: '~> 2.17' });
    expect(json.provider.helm).toEqual([{ alias: 'prod', kubernetes: { host: 'https://h', cluster_ca_certificate: PEM, config_context: 'prod' } }, {}]);
  });

  test('a Terraform reference is left to the provider', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 's');
    const endpoint = new TerraformVariable(stack, 'endpoint', { type: 'string' });
    // WHEN
    new HelmProvider(stack, 'helm', { kubernetes: { host: endpoint.stringValue, clusterCaCertificate: Fn.base64decode(endpoint.stringValue) } });
    // THEN
    expect(JSON.parse(Testing.synth(stack, true)).provider.helm[0].kubernetes.host).toBe('${var.endpoint}');
  });

  test.each([
    ['a host with a space', { kubernetes: { host: 'https://a b' } }, 'kubernetes.host', /kubernetes\.host must be the API server URL/],
    ['a host with another scheme', { kubernetes: { host: 'ftp://cluster' } }, 'kubernetes.host', /kubernetes\.host must be the API server URL/],
    ['a base64 CA certificate', { kubernetes: { host: 'https://h', clusterCaCertificate: 'LS0tLS1CRUdJTg==' } }, 'kubernetes.clusterCaCertificate',
      /must be a PEM certificate[^]*Fn\.base64decode/],
    ['an exec plugin of v1alpha1', { kubernetes: { exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'aws' } } }, 'kubernetes.exec.apiVersion',
      /must be one of "client\.authentication\.k8s\.io\/v1", "client\.authentication\.k8s\.io\/v1beta1"/],
    ['an exec command with its arguments on two lines', { kubernetes: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'aws\neks' } } },
      'kubernetes.exec.command', /must be a command on one line/],
    ['an empty config path', { kubernetes: { configPath: ' ' } }, 'kubernetes.configPath', /must be a non-empty value on one line/],
    ['a version that is no constraint', { version: 'latest' }, 'version', /must be a Terraform version constraint/],
    ['an alias with a dot', { alias: 'eu.west' }, 'alias', /alias must be a Terraform name/],
  ])('fails when given %s, naming the field and the construct path', (_name, props, field, message) => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    new HelmProvider(app.stack('s'), 'helm', props);
    // WHEN
    let error: unknown;
    try {
      OpsTesting.synth(app);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(OpsErrors.problemsOf(error as OpsError).map((p) => [p.path, p.field])).toEqual([['s/helm', field]]);
    expect((error as Error).message).toMatch(message);
  });
});
