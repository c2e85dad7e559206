import { OpsErrors } from '../../src/core/ops-error';
import { Permissions } from '../../src/operator/permissions';

describe('Permissions', () => {
  test('of() normalizes like controller-gen', () => {
    // WHEN
    const perms = Permissions.of([
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['watch'] },
      { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get', 'list', 'watch'] },
    ]);
    // THEN
    expect(perms.rules).toEqual([{ apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'list', 'watch'] }]);
  });

  test('merge() unions two sets', () => {
    const a = Permissions.of([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]);
    const b = Permissions.of([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    expect(a.merge(b).rules).toEqual([{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get'] }]);
  });

  test('fails only on what the API server rejects; check() also lists the lints (wildcards, uppercase verbs)', () => {
    // GIVEN a rule the server rejects (no verbs) beside one it accepts with lints
    let error: unknown;
    try {
      Permissions.of([{ apiGroups: [''], resources: ['pods'], verbs: [] }, { apiGroups: ['*'], resources: ['pods'], verbs: ['Get'] }]);
    } catch (e) {
      error = e;
    }
    // THEN only the server's rule is an error
    expect(OpsErrors.isOpsError(error)).toBe(true);
    expect(OpsErrors.problemsOf(error).map((p) => [p.field, p.path])).toEqual([['rules[0].verbs', 'Permissions.of']]);
    // and the lints are what check() adds
    expect(Permissions.of([{ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }]).rules).toEqual([{ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }]);
    expect(Permissions.check({ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }))
      .toEqual([expect.stringMatching(/^apiGroups should not contain the wildcard "\*" unless wildcards are explicitly allowed .*, got \["\*"\] — .*allowWildcard: true/)]);
    expect(Permissions.check({ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }, { allowWildcard: true })).toEqual([]);
  });

  test('check() reports non-resource URLs in a namespaced Role', () => {
    expect(Permissions.check({ nonResourceURLs: ['/metrics'], verbs: ['get'] }, { namespaced: true }))
      .toEqual(['nonResourceURLs must not be used in a namespaced Role (non-resource URLs are cluster-wide), got ["/metrics"] — grant non-resource URLs in a ClusterRole']);
    expect(Permissions.check({ nonResourceURLs: ['/metrics'], verbs: ['get'] })).toEqual([]);
  });

  test('normalize() does not check', () => {
    expect(Permissions.normalize([{ apiGroups: ['*'], resources: ['*'], verbs: ['*', 'get'] }])).toEqual([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]);
  });
});
