import { describeProblem } from '../../../src/core/problem';
import { helmProviderProblems } from '../../../src/terraform/model/helm-provider';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const noReference = (): boolean => false;

describe('helmProviderProblems', () => {
  test.each([
    ['nothing set (the provider reads KUBECONFIG)', {}],
    ['an EKS connection', { kubernetes: { host: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com', clusterCaCertificate: PEM, exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token'] } } }],
    ['a host without a scheme (client-go reads https)', { kubernetes: { host: '10.0.0.1:6443' } }],
    ['a kubeconfig and context', { kubernetes: { configPath: '~/.kube/config', configContext: 'blue' }, alias: 'blue_1', version: '>= 3.1.0, < 4.0.0' }],
  ])('accepts %s', (_name, spec) => {
    expect(helmProviderProblems(spec, noReference)).toEqual([]);
  });

  test.each([
    ['a host with a query', { kubernetes: { host: 'https://h?x=1' } }, 'kubernetes.host must be the API server URL'],
    ['a host with credentials', { kubernetes: { host: 'https://user:pw@h' } }, 'kubernetes.host must be the API server URL'],
    ['an empty host', { kubernetes: { host: '' } }, 'kubernetes.host must be the API server URL'],
    ['a CA certificate that is not PEM', { kubernetes: { clusterCaCertificate: 'PEM' } }, 'kubernetes.clusterCaCertificate must be a PEM certificate'],
    ['an exec version client-go no longer decodes', { kubernetes: { exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'aws' } } }, 'kubernetes.exec.apiVersion must be one of'],
    ['an empty exec command', { kubernetes: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: '' } } }, 'kubernetes.exec.command must be a command on one line'],
    ['a context on two lines', { kubernetes: { configContext: 'a\nb' } }, 'kubernetes.configContext must be a non-empty value on one line'],
    ['a version range in npm syntax', { version: '^3.0.0' }, 'version must be a Terraform version constraint'],
    ['an alias starting with a digit', { alias: '1blue' }, 'alias must be a Terraform name'],
  ])('rejects %s', (_name, spec, message) => {
    expect(helmProviderProblems(spec, noReference).map(describeProblem)).toEqual([expect.stringContaining(message)]);
  });

  test('references are the provider\'s to check at apply', () => {
    expect(helmProviderProblems({ kubernetes: { host: '${TfToken[TOKEN.1]}', clusterCaCertificate: '${TfToken[TOKEN.2]}' } }, (t) => t.startsWith('${TfToken'))).toEqual([]);
  });
});
