import { defaultPlural, pluralize } from '../../../src/operator/model/pluralize';

describe('defaultPlural (controller-gen: lower(flect.Pluralize(kind)))', () => {
  test.each([
    ['BackupPlan', 'backupplans'],
    ['Memcached', 'memcacheds'],
    ['Prometheus', 'prometheuses'],
    ['Alertmanager', 'alertmanagers'],
    ['ServiceMonitor', 'servicemonitors'],
    ['NetworkPolicy', 'networkpolicies'],
    ['Gateway', 'gateways'],
    ['Proxy', 'proxies'],
    ['Ingress', 'ingresses'],
    ['Status', 'statuses'],
    ['Box', 'boxes'],
    ['Batch', 'batches'],
    ['Index', 'indices'],
    ['Person', 'people'],
    ['Child', 'children'],
    ['Endpoints', 'endpoints'],
    ['Series', 'series'],
    ['Knife', 'knives'],
    ['Shelf', 'shelves'],
    ['Analysis', 'analyses'],
    ['Criterion', 'criteria'],
    ['Photo', 'photos'],
    ['Hero', 'heroes'],
    ['Quiz', 'quizzes'],
  ])('%s → %s', (kind, plural) => {
    expect(defaultPlural(kind)).toBe(plural);
  });

  test('keeps the case of the prefix', () => {
    expect(pluralize('BackupPolicy')).toBe('BackupPolicies');
  });
});
