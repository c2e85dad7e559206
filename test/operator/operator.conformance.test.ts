import * as fs from 'fs';
import * as path from 'path';
import { JsonPatch } from 'cdk8s';
import { ApiResource } from 'cdk8s-plus-33';
import { OpsTesting } from '../../src/app/testing';
import { parseYamlDocuments } from '../../src/core/yaml';
import { CustomResourceDefinition } from '../../src/operator/custom-resource-definition';
import { normalizeRules } from '../../src/operator/model/rbac';
import { Operator } from '../../src/operator/operator';
import { OperatorMetrics } from '../../src/operator/operator-metrics';
import { FakeCustomResourceType } from '../fixtures/operator/custom-resource-types';
import { describeReference, referencePath } from '../support/reference';

/*
 * The operator against kubebuilder's scaffold and controller-gen's output, read in place from the
 * operator-sdk memcached-operator test project (kubebuilder go/v4 layout).
 */
describeReference('Operator matches the kubebuilder scaffold (memcached-operator)', 'olm/examples/memcached-operator-sdk/source-config', (dir) => {
  const read = (rel: string): any => parseYamlDocuments(fs.readFileSync(path.join(dir, rel), 'utf8'))[0];

  // the memcached controller's markers: owns Memcached, manages Deployments, lists Pods, records events
  const app = OpsTesting.app();
  const chart = app.chart('memcached');
  const memcacheds = new FakeCustomResourceType(chart, 'Memcacheds', { group: 'cache.example.com', kind: 'Memcached', plural: 'memcacheds', versions: ['v1alpha1'] });
  const operator = new Operator(chart, 'memcached-operator', {
    image: 'example.com/memcached-operator:v0.0.1',
    serviceMonitor: true,
    leaderElectionConfigMaps: true,
  });
  operator.owns(memcacheds);
  operator.manages(ApiResource.DEPLOYMENTS);
  operator.watches(ApiResource.PODS);
  operator.addPermission({ apiGroups: ['core'], resources: ['events'], verbs: ['create', 'patch'] });
  operator.addMutatingWebhook({ type: memcacheds, version: 'v1alpha1' });
  const out = OpsTesting.synth(app);
  const find = (kind: string, name: string) => out.findObject('memcached', kind, name);

  test('controller-gen\'s role.yaml is already normalized (a fixed point of normalizeRules)', () => {
    const role = read('rbac/role.yaml');
    expect(normalizeRules(role.rules)).toEqual(role.rules);
  });

  test('the derived manager role equals controller-gen\'s role.yaml', () => {
    expect(find('ClusterRole', 'memcached-operator-manager-role').rules).toEqual(read('rbac/role.yaml').rules);
  });

  test('the leader-election role equals the scaffold\'s (with configmaps asked for)', () => {
    expect(find('Role', 'memcached-operator-leader-election-role').rules).toEqual(normalizeRules(read('rbac/leader_election_role.yaml').rules));
  });

  test('the metrics auth and reader roles equal the scaffold\'s', () => {
    expect(find('ClusterRole', 'memcached-operator-metrics-auth-role').rules).toEqual(read('rbac/metrics_auth_role.yaml').rules);
    expect(find('ClusterRole', 'memcached-operator-metrics-reader').rules).toEqual(read('rbac/metrics_reader_role.yaml').rules);
  });

  test('the editor and viewer roles equal the scaffold\'s; the admin role spells out what "*" grants', () => {
    expect(find('ClusterRole', 'memcached-operator-memcached-editor-role').rules).toEqual(read('rbac/memcached_editor_role.yaml').rules);
    expect(find('ClusterRole', 'memcached-operator-memcached-viewer-role').rules).toEqual(read('rbac/memcached_viewer_role.yaml').rules);
    const scaffold = read('rbac/memcached_admin_role.yaml').rules;
    const ours = find('ClusterRole', 'memcached-operator-memcached-admin-role').rules;
    expect(scaffold[0].verbs).toEqual(['*']);
    expect(ours[0]).toEqual({ ...scaffold[0], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] });
    expect(ours[1]).toEqual(scaffold[1]);
  });

  test('the manager Deployment keeps every hardening field of the scaffold', () => {
    // GIVEN
    const scaffold = parseYamlDocuments(fs.readFileSync(path.join(dir, 'manager/manager.yaml'), 'utf8')).find((d) => d.kind === 'Deployment');
    const ours = find('Deployment', 'memcached-operator-controller-manager');
    const [theirPod, ourPod] = [scaffold.spec.template.spec, ours.spec.template.spec];
    const [theirs, mine] = [theirPod.containers[0], ourPod.containers[0]];
    // THEN
    expect(ourPod.securityContext).toEqual(theirPod.securityContext);
    expect(ourPod.terminationGracePeriodSeconds).toBe(theirPod.terminationGracePeriodSeconds);
    expect(ours.spec.template.metadata.annotations).toEqual(scaffold.spec.template.metadata.annotations);
    expect(ours.spec.selector.matchLabels).toEqual({ ...scaffold.spec.selector.matchLabels, 'app.kubernetes.io/name': 'memcached-operator' });
    expect(mine.name).toBe(theirs.name);
    expect(mine.command).toEqual(theirs.command);
    expect(mine.securityContext).toMatchObject(theirs.securityContext);
    expect(mine.livenessProbe).toEqual(theirs.livenessProbe);
    expect(mine.readinessProbe).toEqual(theirs.readinessProbe);
    expect(mine.resources).toEqual(theirs.resources);
    for (const arg of theirs.args) expect(mine.args).toContain(arg);
  });

  test('webhook wiring matches the scaffold\'s patch, Service and generated webhook entry', () => {
    const pod = find('Deployment', 'memcached-operator-controller-manager').spec.template.spec;
    const patch = parseYamlDocuments(fs.readFileSync(path.join(dir, 'default/manager_webhook_patch.yaml'), 'utf8'))[0] as any[];
    const value = (p: string) => patch.find((op) => op.path === p).value;
    expect(pod.containers[0].args).toContain(value('/spec/template/spec/containers/0/args/-'));
    expect(pod.containers[0].volumeMounts).toContainEqual(value('/spec/template/spec/containers/0/volumeMounts/-'));
    expect(pod.containers[0].ports).toContainEqual(value('/spec/template/spec/containers/0/ports/-'));
    expect(pod.volumes[0].name).toBe(value('/spec/template/spec/volumes/-').name);

    const service = read('webhook/service.yaml');
    expect(find('Service', 'memcached-operator-webhook-service').spec.ports[0]).toMatchObject(service.spec.ports[0]);

    const generated = read('webhook/manifests.yaml').webhooks[0];
    const ours = find('MutatingWebhookConfiguration', 'memcached-operator-mutating-webhook-configuration').webhooks[0];
    expect(ours.admissionReviewVersions).toEqual(generated.admissionReviewVersions);
    expect(ours.clientConfig.service.path).toBe(generated.clientConfig.service.path);
    expect(ours.failurePolicy).toBe(generated.failurePolicy);
    expect(ours.sideEffects).toBe(generated.sideEffects);
    expect(ours.rules[0]).toMatchObject(generated.rules[0]);
  });

  test('the metrics Service matches the scaffold\'s', () => {
    const service = read('default/metrics_service.yaml');
    const ours = find('Service', 'memcached-operator-controller-manager-metrics-service');
    expect(ours.spec.ports).toEqual(service.spec.ports);
    expect(ours.spec.selector).toEqual(service.spec.selector);
  });
});

describeReference('Operator ServiceMonitor matches operator-sdk\'s bundle', 'olm/examples/memcached-operator-sdk/bundle/manifests', (dir) => {
  test('endpoint and selector equal the bundled ServiceMonitor', () => {
    // GIVEN
    const file = 'memcached-operator-controller-manager-metrics-monitor_monitoring.coreos.com_v1_servicemonitor.yaml';
    const theirs = parseYamlDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))[0];
    const app = OpsTesting.app();
    new Operator(app.chart('m'), 'memcached-operator', { image: 'example.com/memcached-operator:v0.0.1', serviceMonitor: true });
    // WHEN
    const ours = OpsTesting.synth(app).findObject('m', 'ServiceMonitor', theirs.metadata.name);
    // THEN
    const { serverName: _ignored, ...theirTls } = theirs.spec.endpoints[0].tlsConfig;
    expect(ours.spec.endpoints[0]).toEqual({ ...theirs.spec.endpoints[0], tlsConfig: theirTls });
    expect(ours.spec.selector).toEqual(theirs.spec.selector);
  });
});

describeReference('Operator aggregated roles are labelled like cert-manager\'s', 'olm/examples/cert-manager/bundle/manifests', (dir) => {
  test('view aggregates into view, edit and admin; edit into edit and admin', () => {
    // GIVEN
    const standard = (labels: Record<string, string>) => Object.keys(labels)
      .filter((k) => /^rbac\.authorization\.k8s\.io\/aggregate-to-(admin|edit|view)$/.test(k) && labels[k] === 'true').sort();
    const theirs = (file: string) => standard(parseYamlDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))[0].metadata.labels);
    const app = OpsTesting.app();
    const chart = app.chart('c');
    const operator = new Operator(chart, 'backup-operator', { image: 'example.com/backup-operator:v1' });
    operator.owns(new FakeCustomResourceType(chart, 'Plans', { group: 'backup.example.com', kind: 'BackupPlan', plural: 'backupplans' }));
    // WHEN
    const out = OpsTesting.synth(app);
    const ours = (name: string) => standard(out.findObject('c', 'ClusterRole', name).metadata.labels);
    // THEN
    expect(ours('backup-operator-backupplan-viewer-role')).toEqual(theirs('cert-manager-view_rbac.authorization.k8s.io_v1_clusterrole.yaml'));
    expect(ours('backup-operator-backupplan-editor-role')).toEqual(theirs('cert-manager-edit_rbac.authorization.k8s.io_v1_clusterrole.yaml'));
  });
});

describeReference('Operator cert-manager and ServiceMonitor objects validate against the real CRDs', 'olm/examples/cert-manager/bundle/manifests', (dir) => {
  test('Issuer, Certificates and ServiceMonitor pass the schemas of cert-manager\'s and prometheus-operator\'s CRDs', () => {
    // GIVEN the real CRDs in the app: the synth checks every Issuer, Certificate and ServiceMonitor against them
    const app = OpsTesting.app();
    const crds = app.chart('crds');
    const load = (file: string) => fs.readFileSync(file, 'utf8');
    const certificates = CustomResourceDefinition.fromYaml(crds, 'Certificates', load(path.join(dir, 'cert-manager.io_certificates.yaml')));
    const issuers = CustomResourceDefinition.fromYaml(crds, 'Issuers', load(path.join(dir, 'cert-manager.io_issuers.yaml')));
    const monitors = CustomResourceDefinition.fromYaml(crds, 'ServiceMonitors', load(referencePath('observability', 'crds', 'monitoring.coreos.com_servicemonitors.yaml')));
    const chart = app.chart('operator');
    const plans = new FakeCustomResourceType(chart, 'Plans', { group: 'backup.example.com', kind: 'BackupPlan', plural: 'backupplans' });
    const operator = new Operator(chart, 'backup-operator', {
      image: 'example.com/backup-operator:v1',
      metrics: OperatorMetrics.secure({ certManagerCertificate: true }),
      serviceMonitor: true,
    });
    operator.addValidatingWebhook({ type: plans, version: 'v1' });
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN the kinds were checked by the imported CRDs (a broken object fails: see below)
    expect([certificates.kind, issuers.kind, monitors.kind]).toEqual(['Certificate', 'Issuer', 'ServiceMonitor']);
    expect(out.findObjects('operator', 'Certificate').map((c) => c.metadata.name).sort()).toEqual(['backup-operator-metrics-certs', 'backup-operator-serving-cert']);

    // and the same check rejects a Certificate the real schema does not allow
    (operator.node.findChild('ServingCertificate') as any).addJsonPatch(JsonPatch.add('/spec/duration', 90));
    expect(() => OpsTesting.synth(app)).toThrow(/spec\.duration/);
  });
});
