import { templateFileName, workloadValuesKey } from '../../src/helm/conventions';

describe('helm conventions', () => {
  test.each([
    ['backup-operator-controller-manager', 'backupOperatorControllerManager'],
    ['api', 'api'],
    ['my.api-v2', 'myApiV2'],
    ['1st-api', 'w1stApi'],
  ])('the values key of workload %s is %s', (name, key) => {
    expect(workloadValuesKey(name)).toBe(key);
  });

  test('template files are named <kind>-<name>.yaml', () => {
    expect(templateFileName('ClusterRoleBinding', 'x.y')).toBe('clusterrolebinding-x.y.yaml');
  });
});
