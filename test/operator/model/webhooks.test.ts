import {
  admissionWebhookProblems, AdmissionWebhookSpec, renderAdmissionWebhook, renderConversionWebhook, webhookSetProblems,
} from '../../../src/operator/model/webhooks';
import { FailurePolicy, MatchPolicy, ReinvocationPolicy, SideEffectClass } from '../../../src/operator/webhook-options';

const SERVICE = { name: 'backup-operator-webhook-service', namespace: 'backup-operator-system' };

function spec(overrides: Partial<AdmissionWebhookSpec> = {}): AdmissionWebhookSpec {
  return {
    mutating: false,
    name: 'vbackupplan-v1.backup.example.com',
    path: '/validate-backup-example-com-v1-backupplan',
    group: 'backup.example.com',
    version: 'v1',
    plural: 'backupplans',
    scope: 'Namespaced',
    operations: ['CREATE', 'UPDATE'],
    failurePolicy: FailurePolicy.FAIL,
    sideEffects: SideEffectClass.NONE,
    timeoutSeconds: 10,
    ...overrides,
  };
}

describe('renderAdmissionWebhook', () => {
  test('renders kubebuilder\'s webhook entry', () => {
    expect(renderAdmissionWebhook(spec(), SERVICE)).toEqual({
      admissionReviewVersions: ['v1'],
      clientConfig: { service: { ...SERVICE, path: '/validate-backup-example-com-v1-backupplan', port: 443 } },
      failurePolicy: 'Fail',
      name: 'vbackupplan-v1.backup.example.com',
      rules: [{ apiGroups: ['backup.example.com'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['backupplans'], scope: 'Namespaced' }],
      sideEffects: 'None',
      timeoutSeconds: 10,
    });
  });

  test('a namespaced install only intercepts the watched namespaces', () => {
    const entry = renderAdmissionWebhook(spec(), SERVICE, ['team-b', 'team-a']);
    expect(entry.namespaceSelector).toEqual({
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['team-a', 'team-b'] }],
    });
  });

  test('a cluster-scoped resource is not filtered by namespace', () => {
    expect(renderAdmissionWebhook(spec({ scope: 'Cluster' }), SERVICE, ['team-a']).namespaceSelector).toBeUndefined();
  });

  test('a mutating webhook keeps its reinvocation policy', () => {
    expect(renderAdmissionWebhook(spec({ mutating: true, reinvocationPolicy: ReinvocationPolicy.IF_NEEDED }), SERVICE).reinvocationPolicy).toBe('IfNeeded');
  });
});

describe('renderConversionWebhook', () => {
  test('points the CRD at /convert on the webhook service', () => {
    expect(renderConversionWebhook(SERVICE)).toEqual({
      strategy: 'Webhook',
      webhook: {
        clientConfig: { service: { ...SERVICE, path: '/convert', port: 443 } },
        conversionReviewVersions: ['v1'],
      },
    });
  });
});

describe('admissionWebhookProblems', () => {
  test('accepts a valid webhook', () => {
    expect(admissionWebhookProblems(spec())).toEqual([]);
  });

  test.each<[string, Partial<AdmissionWebhookSpec>, string[]]>([
    ['an unqualified name', { name: 'validate' }, ['name']],
    ['a relative path', { path: 'validate' }, ['path']],
    ['an uppercase version', { version: 'V1' }, ['version']],
    ['an empty version', { version: '' }, ['version']],
    ['no operations', { operations: [] }, ['operations']],
    ['an unknown operation', { operations: ['PATCH'] }, ['operations[0]']],
    ['a bad failure policy', { failurePolicy: 'Retry' as FailurePolicy }, ['failurePolicy']],
    ['side effects v1 no longer accepts', { sideEffects: 'Some' as SideEffectClass }, ['sideEffects']],
    ['a bad match policy', { matchPolicy: 'Fuzzy' as MatchPolicy }, ['matchPolicy']],
    ['reinvocation on a validating webhook', { reinvocationPolicy: ReinvocationPolicy.IF_NEEDED }, ['reinvocationPolicy']],
  ])('reports %s', (_name, overrides, fields) => {
    expect(admissionWebhookProblems(spec(overrides)).map((p) => p.field)).toEqual(fields);
  });

  test('names must be unique in a configuration', () => {
    expect(webhookSetProblems([spec(), spec()]).map((p) => p.field)).toEqual(['webhooks[1].name']);
  });
});
