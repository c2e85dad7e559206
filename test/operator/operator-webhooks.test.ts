import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { OpsTesting } from '../../src/app/testing';
import { CustomResourceConversion, CustomResourceDefinition, ResourceScope } from '../../src/operator/custom-resource-definition';
import { Operator } from '../../src/operator/operator';
import { Schema } from '../../src/operator/schema';
import { FailurePolicy, MatchPolicy, ReinvocationPolicy, SideEffectClass } from '../../src/operator/webhook-options';
import { expectOpsError, FULL, IMAGE, NS, setup } from '../fixtures/operator/operator-setup';

describe('Operator webhooks', () => {
  test('validating, mutating and conversion webhooks are wired through cert-manager', () => {
    // GIVEN
    const { operator, plans, synth } = setup();
    // WHEN
    operator.addValidatingWebhook({ type: plans, version: 'v1' });
    operator.addMutatingWebhook({ type: plans, version: 'v1', reinvocationPolicy: ReinvocationPolicy.IF_NEEDED });
    operator.addConversionWebhook(plans);
    const out = synth();
    // THEN
    const injection = `${NS}/backup-operator-serving-cert`;
    const validating = out.findObject('test', 'ValidatingWebhookConfiguration', 'backup-operator-validating-webhook-configuration');
    expect(validating.metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': injection });
    expect(validating.webhooks).toEqual([{
      admissionReviewVersions: ['v1'],
      clientConfig: { service: { name: 'backup-operator-webhook-service', namespace: NS, path: '/validate-backup-example-com-v1-backupplan', port: 443 } },
      failurePolicy: 'Fail',
      name: 'vbackupplan-v1.backup.example.com',
      rules: [{ apiGroups: ['backup.example.com'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['backupplans'], scope: 'Namespaced' }],
      sideEffects: 'None',
      timeoutSeconds: 10,
    }]);
    const mutating = out.findObject('test', 'MutatingWebhookConfiguration', 'backup-operator-mutating-webhook-configuration');
    expect(mutating.metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': injection });
    expect(mutating.webhooks[0]).toMatchObject({ name: 'mbackupplan-v1.backup.example.com', reinvocationPolicy: 'IfNeeded' });
    expect(mutating.webhooks[0].clientConfig.service.path).toBe('/mutate-backup-example-com-v1-backupplan');

    const crd = out.findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    expect(crd.metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': injection });
    expect(crd.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: { clientConfig: { service: { name: 'backup-operator-webhook-service', namespace: NS, path: '/convert', port: 443 } }, conversionReviewVersions: ['v1'] },
    });

    expect(out.findObject('test', 'Service', 'backup-operator-webhook-service').spec.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 9443 }]);
    expect(out.findObject('test', 'Issuer', 'backup-operator-selfsigned-issuer').spec).toEqual({ selfSigned: {} });
    expect(out.findObject('test', 'Certificate', 'backup-operator-serving-cert').spec).toEqual({
      dnsNames: [`backup-operator-webhook-service.${NS}.svc`, `backup-operator-webhook-service.${NS}.svc.cluster.local`],
      issuerRef: { kind: 'Issuer', name: 'backup-operator-selfsigned-issuer' },
      secretName: 'backup-operator-webhook-server-cert',
    });

    const pod = out.findObject('test', 'Deployment', 'backup-operator-controller-manager').spec.template.spec;
    expect(pod.containers[0].args).toEqual(expect.arrayContaining(['--webhook-cert-path=/tmp/k8s-webhook-server/serving-certs', '--webhook-port=9443']));
    expect(pod.containers[0].ports).toContainEqual({ containerPort: 9443, name: 'webhook-server', protocol: 'TCP' });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'webhook-certs', mountPath: '/tmp/k8s-webhook-server/serving-certs', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'webhook-certs', secret: { secretName: 'backup-operator-webhook-server-cert' } }]);
    expect(operator.hasWebhooks).toBe(true);
  });

  test('webhooks of a namespaced install only intercept the watched namespaces', () => {
    const { operator, plans, synth } = setup({ watchNamespaces: ['team-a'] });
    operator.addValidatingWebhook({ type: plans, version: 'v1' });
    const webhook = synth().findObject('test', 'ValidatingWebhookConfiguration', 'backup-operator-validating-webhook-configuration').webhooks[0];
    expect(webhook.namespaceSelector).toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['team-a'] }] });
  });

  test('the NetworkPolicy opens only metrics and, once added, webhooks', () => {
    // GIVEN
    const { operator, plans, synth } = setup({ networkPolicies: true });
    const before = synth().findObject('test', 'NetworkPolicy', 'backup-operator-controller-manager');
    expect(before.spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { metrics: 'enabled' } } }], ports: [{ port: 8443, protocol: 'TCP' }] },
    ]);
    // WHEN
    operator.addValidatingWebhook({ type: plans, version: 'v1' });
    // THEN
    const after = synth().findObject('test', 'NetworkPolicy', 'backup-operator-controller-manager');
    expect(after.spec.ingress[1]).toEqual({ ports: [{ port: 9443, protocol: 'TCP' }] });
    expect(after.spec.policyTypes).toEqual(['Ingress']);
  });

  test('every option reaches the webhook entry, with its wire value', () => {
    // GIVEN
    const { operator, plans, synth } = setup();
    // WHEN
    operator.addMutatingWebhook({
      type: plans,
      version: 'v1',
      failurePolicy: FailurePolicy.IGNORE,
      sideEffects: SideEffectClass.NONE_ON_DRY_RUN,
      timeout: Duration.seconds(30),
      matchPolicy: MatchPolicy.EXACT,
      reinvocationPolicy: ReinvocationPolicy.NEVER,
    });
    // THEN
    const webhook = synth().findObject('test', 'MutatingWebhookConfiguration', 'backup-operator-mutating-webhook-configuration').webhooks[0];
    expect(webhook).toMatchObject({ failurePolicy: 'Ignore', sideEffects: 'NoneOnDryRun', timeoutSeconds: 30, matchPolicy: 'Exact', reinvocationPolicy: 'Never' });
  });

  test.each<[string, Record<string, unknown>, string, string]>([
    ['the timeout is above 30 seconds', { timeout: Duration.minutes(1) }, 'validatingWebhooks[0].timeout', 'must be whole seconds, between 1 s and 30 s'],
    ['the timeout is not whole seconds', { timeout: Duration.millis(2500) }, 'validatingWebhooks[0].timeout', 'must be whole seconds, between 1 s and 30 s'],
    ['the timeout is zero', { timeout: Duration.seconds(0) }, 'validatingWebhooks[0].timeout', 'must be whole seconds, between 1 s and 30 s'],
    ['the timeout is a number (plain JavaScript)', { timeout: 10 }, 'validatingWebhooks[0].timeout', 'must be a cdk8s Duration, got 10 — use a cdk8s Duration, e.g. Duration.seconds(10) if the number is seconds'],
    ['the failure policy is not a FailurePolicy (plain JavaScript)', { failurePolicy: 'Retry' }, 'validatingWebhooks[0].failurePolicy', 'must be one of "Fail", "Ignore" (FailurePolicy)'],
    ['side effects are v1beta1\'s "Some"', { sideEffects: 'Some' }, 'validatingWebhooks[0].sideEffects', 'must be one of "None", "NoneOnDryRun" (SideEffectClass)'],
    ['the match policy is unknown', { matchPolicy: 'exact' }, 'validatingWebhooks[0].matchPolicy', 'must be one of "Exact", "Equivalent" (MatchPolicy)'],
  ])('fails when %s', (_name, options, field, message) => {
    const { operator, plans } = setup();
    expectOpsError(() => operator.addValidatingWebhook({ type: plans, version: 'v1', ...options } as any), field, 'test/backup-operator', message);
  });

  test('fails when a mutating webhook\'s reinvocation policy is unknown, from the props as from the method', () => {
    const { plans } = setup();
    const options = { type: plans, version: 'v1', reinvocationPolicy: 'Always' } as any;
    expectOpsError(() => setup({ mutatingWebhooks: [options] }), 'mutatingWebhooks[0].reinvocationPolicy', 'test/backup-operator', '(ReinvocationPolicy)');
    const { operator } = setup();
    expectOpsError(() => operator.addMutatingWebhook(options), 'mutatingWebhooks[0].reinvocationPolicy', 'test/backup-operator', '(ReinvocationPolicy)');
  });

  test('fails when a webhook version is empty', () => {
    const { operator, plans } = setup();
    expectOpsError(() => operator.addMutatingWebhook({ type: plans, version: '' }), 'mutatingWebhooks[0].version', 'test/backup-operator', 'must be an API version name');
  });

  test('fails when two webhooks share a name', () => {
    const { operator, plans } = setup();
    operator.addValidatingWebhook({ type: plans, version: 'v1' });
    expectOpsError(() => operator.addValidatingWebhook({ type: plans, version: 'v1', operations: ['DELETE'] }), 'validatingWebhooks[1].name', 'test/backup-operator');
  });
});

describe('Operator with a CustomResourceDefinition', () => {
  function twoVersions() {
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const spec = Schema.object({ properties: { schedule: Schema.string({ maxLength: 64 }) }, required: ['schedule'] });
    const crd = new CustomResourceDefinition(chart, 'BackupPlans', {
      group: 'backup.example.com',
      kind: 'BackupPlan',
      versions: [{ name: 'v1alpha1', storage: false, spec }, { name: 'v1', storage: true, spec }],
    });
    const operator = new Operator(chart, 'backup-operator', { image: IMAGE, owns: [crd] });
    return { app, crd, operator };
  }

  test('a conversion webhook patches the CRD, which still passes the API server\'s rules', () => {
    // GIVEN
    const { app, crd, operator } = twoVersions();
    // WHEN
    operator.addConversionWebhook(crd);
    operator.addValidatingWebhook({ type: crd, version: 'v1' });
    const out = OpsTesting.synth(app);
    // THEN
    const emitted = out.findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    expect(emitted.metadata.annotations['cert-manager.io/inject-ca-from']).toBe(`${NS}/backup-operator-serving-cert`);
    expect(emitted.spec.conversion.strategy).toBe('Webhook');
    expect(emitted.spec.conversion.webhook.clientConfig.service).toEqual({ name: 'backup-operator-webhook-service', namespace: NS, path: '/convert', port: 443 });
    expect(out.findObject('test', 'ClusterRole', 'backup-operator-manager-role').rules[0]).toEqual({ apiGroups: ['backup.example.com'], resources: ['backupplans'], verbs: FULL });
  });

  test('conversion webhooks can be declared in the props', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const crd = new CustomResourceDefinition(chart, 'Stores', {
      group: 'backup.example.com',
      kind: 'BackupStore',
      scope: ResourceScope.CLUSTER,
      versions: [{ name: 'v1', spec: Schema.object({ properties: { bucket: Schema.string({ maxLength: 63 }) } }) }],
    });
    // WHEN
    new Operator(chart, 'backup-operator', { image: IMAGE, owns: [crd], conversionWebhooks: [crd] });
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.findObject('test', 'CustomResourceDefinition', 'backupstores.backup.example.com').spec.conversion.strategy).toBe('Webhook');
    expect(out.hasObject('test', 'Service', 'backup-operator-webhook-service')).toBe(true);
  });

  test('fails at synth when a webhook names a version the CRD does not serve', () => {
    // GIVEN
    const { app, crd, operator } = twoVersions();
    // WHEN
    operator.addValidatingWebhook({ type: crd, version: 'v2' });
    // THEN
    expectOpsError(() => OpsTesting.synth(app), 'validatingWebhooks[0].version', 'test/backup-operator', 'must be a served version of backupplans.backup.example.com');
  });

  test('adding the same conversion webhook twice is harmless', () => {
    // GIVEN
    const { app, crd, operator } = twoVersions();
    // WHEN
    operator.addConversionWebhook(crd);
    operator.addConversionWebhook(crd);
    // THEN
    const emitted = OpsTesting.synth(app).findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com');
    expect(emitted.spec.conversion.webhook.clientConfig.service.name).toBe('backup-operator-webhook-service');
  });

  test('fails when the CRD already declares another conversion webhook', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const spec = Schema.object({ properties: { schedule: Schema.string({ maxLength: 64 }) } });
    const crd = new CustomResourceDefinition(chart, 'BackupPlans', {
      group: 'backup.example.com',
      kind: 'BackupPlan',
      conversion: CustomResourceConversion.webhook({ url: 'https://convert.example.com/convert' }),
      versions: [{ name: 'v1alpha1', storage: false, spec }, { name: 'v1', storage: true, spec }],
    });
    const operator = new Operator(chart, 'backup-operator', { image: IMAGE });
    // THEN
    expectOpsError(() => operator.addConversionWebhook(crd), 'conversion', 'test/backup-operator', 'must not replace the conversion webhook test/BackupPlans already has');
  });

  test('fails when a conversion webhook is asked for a type that renders no CRD', () => {
    const { operator } = twoVersions();
    const app2 = OpsTesting.app();
    const notACrd = Object.assign(new Construct(app2.chart('other'), 'NotACrd'), { group: 'x.example.com', kind: 'X', plural: 'xs', scope: 'Namespaced' });
    expectOpsError(() => operator.addConversionWebhook(notACrd), 'conversion', 'test/backup-operator', 'must be a CustomResourceDefinition construct');
  });
});
