import { compareStrings, normalizeRules, policyRuleLints, policyRuleProblems, RuleTarget, wildcardFields } from '../../../src/operator/model/rbac';
import { PolicyRule } from '../../../src/operator/policy-rule';

describe('normalizeRules (controller-gen semantics)', () => {
  test.each<[string, PolicyRule[], PolicyRule[]]>([
    [
      'unions the verbs of rules on the same group and resource, deduplicated and sorted',
      [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['watch', 'get'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list', 'get'] },
      ],
      [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] }],
    ],
    [
      'merges resources of one group that have the same verbs',
      [
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create'] },
        { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['create'] },
      ],
      [{ apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: ['create'] }],
    ],
    [
      'merges groups that have the same resources and verbs',
      [
        { apiGroups: ['b.example.com'], resources: ['widgets'], verbs: ['patch'] },
        { apiGroups: ['a.example.com'], resources: ['widgets'], verbs: ['patch'] },
      ],
      [{ apiGroups: ['a.example.com', 'b.example.com'], resources: ['widgets'], verbs: ['patch'] }],
    ],
    [
      'does not merge resources whose verbs differ',
      [
        { apiGroups: ['x.io'], resources: ['a'], verbs: ['get'] },
        { apiGroups: ['x.io'], resources: ['b'], verbs: ['list'] },
      ],
      [
        { apiGroups: ['x.io'], resources: ['a'], verbs: ['get'] },
        { apiGroups: ['x.io'], resources: ['b'], verbs: ['list'] },
      ],
    ],
    [
      'splits a multi-resource rule so each resource unions its own verbs, then re-merges',
      [
        { apiGroups: ['x.io'], resources: ['foo', 'bar'], verbs: ['get', 'list'] },
        { apiGroups: ['x.io'], resources: ['foo'], verbs: ['get'] },
        { apiGroups: ['x.io'], resources: ['bar'], verbs: ['list'] },
      ],
      [{ apiGroups: ['x.io'], resources: ['bar', 'foo'], verbs: ['get', 'list'] }],
    ],
    [
      'maps "core" to "" and merges it with the core group',
      [
        { apiGroups: ['core'], resources: ['secrets'], verbs: ['get'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
      ],
      [{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get'] }],
    ],
    [
      'collapses a verb list containing "*" after merging',
      [
        { apiGroups: ['x.io'], resources: ['things'], verbs: ['get', 'update'] },
        { apiGroups: ['x.io'], resources: ['things'], verbs: ['*'] },
      ],
      [{ apiGroups: ['x.io'], resources: ['things'], verbs: ['*'] }],
    ],
    [
      'keeps rules with resource names apart from rules without',
      [
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['b', 'a', 'a'], verbs: ['get'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['list'] },
      ],
      [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['list'] },
        { apiGroups: [''], resourceNames: ['a', 'b'], resources: ['configmaps'], verbs: ['get'] },
      ],
    ],
    [
      'merges non-resource URLs with the same verbs and sorts URL rules first (empty group key)',
      [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
        { nonResourceURLs: ['/metrics'], verbs: ['get'] },
        { nonResourceURLs: ['/healthz'], verbs: ['get'] },
      ],
      [
        { nonResourceURLs: ['/healthz', '/metrics'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
      ],
    ],
    [
      'sorts rules by their key: groups, then resources (byte order, "" first)',
      [
        { apiGroups: ['z.io'], resources: ['a'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
      ],
      [
        { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] },
        { apiGroups: ['z.io'], resources: ['a'], verbs: ['get'] },
      ],
    ],
    [
      'drops rules without verbs',
      [{ apiGroups: ['apps'], resources: ['deployments'], verbs: [] }],
      [],
    ],
    [
      'merges groups after resources: a second group with the same resource set joins the first',
      [
        { apiGroups: ['one.io'], resources: ['foo', 'bar'], verbs: ['get', 'list'] },
        { apiGroups: ['two.io'], resources: ['foo', 'bar'], verbs: ['get', 'list'] },
        { apiGroups: ['one.io'], resources: ['baz'], verbs: ['get'] },
      ],
      [
        { apiGroups: ['one.io'], resources: ['baz'], verbs: ['get'] },
        { apiGroups: ['one.io', 'two.io'], resources: ['bar', 'foo'], verbs: ['get', 'list'] },
      ],
    ],
    [
      'is a kubebuilder controller\'s role: owned kind, status, finalizers, a managed Deployment',
      [
        { apiGroups: ['batch.tutorial.io'], resources: ['cronjobs'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: ['batch.tutorial.io'], resources: ['cronjobs/status'], verbs: ['get', 'update', 'patch'] },
        { apiGroups: ['batch.tutorial.io'], resources: ['cronjobs/finalizers'], verbs: ['update'] },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      ],
      [
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
        { apiGroups: ['batch.tutorial.io'], resources: ['cronjobs'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
        { apiGroups: ['batch.tutorial.io'], resources: ['cronjobs/finalizers'], verbs: ['update'] },
        { apiGroups: ['batch.tutorial.io'], resources: ['cronjobs/status'], verbs: ['get', 'patch', 'update'] },
      ],
    ],
  ])('%s', (_name, input, expected) => {
    // WHEN
    const rules = normalizeRules(input);
    // THEN
    expect(rules).toEqual(expected);
  });

  test('is idempotent and does not modify its input', () => {
    // GIVEN
    const input: PolicyRule[] = [
      { apiGroups: ['b', 'a'], resources: ['y', 'x'], verbs: ['list', 'get'] },
      { apiGroups: ['core'], resources: ['pods'], verbs: ['get'] },
    ];
    const copy = JSON.parse(JSON.stringify(input));
    // WHEN
    const once = normalizeRules(input);
    const twice = normalizeRules(once);
    // THEN
    expect(twice).toEqual(once);
    expect(input).toEqual(copy);
  });

  test('is independent of the order of the input rules', () => {
    // GIVEN
    const rules: PolicyRule[] = [
      { apiGroups: ['x.io'], resources: ['a'], verbs: ['get'] },
      { apiGroups: ['y.io'], resources: ['a'], verbs: ['get'] },
      { apiGroups: ['x.io'], resources: ['b'], verbs: ['get'] },
      { apiGroups: ['x.io'], resources: ['a'], verbs: ['list'] },
      { nonResourceURLs: ['/a'], verbs: ['get'] },
    ];
    // WHEN
    const forward = normalizeRules(rules);
    const backward = normalizeRules([...rules].reverse());
    // THEN
    expect(backward).toEqual(forward);
  });
});

describe('compareStrings', () => {
  test.each([
    ['', 'a', -1],
    ['B', 'a', -1],
    ['a', 'a', 0],
    ['ab', 'a', 1],
  ])('compares %j with %j by bytes', (a, b, expected) => {
    expect(compareStrings(a, b)).toBe(expected);
  });
});

describe('wildcardFields', () => {
  test.each<[string, PolicyRule, string[]]>([
    ['no wildcard', { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] }, []],
    ['verbs', { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }, ['verbs']],
    ['groups and resources', { apiGroups: ['*'], resources: ['*'], verbs: ['get'] }, ['apiGroups', 'resources']],
    ['every subresource', { apiGroups: ['apps'], resources: ['deployments/*'], verbs: ['get'] }, ['resources']],
    ['a URL prefix', { nonResourceURLs: ['/debug/*'], verbs: ['get'] }, ['nonResourceURLs']],
  ])('%s', (_name, rule, expected) => {
    expect(wildcardFields(rule)).toEqual(expected);
  });
});

describe('policyRuleProblems (what the API server rejects) and policyRuleLints (what it accepts but should not)', () => {
  const cluster = { target: RuleTarget.CLUSTER_ROLE, allowWildcard: false };
  const both = (rule: PolicyRule, options: { target: RuleTarget; allowWildcard: boolean }) => ({
    errors: policyRuleProblems(rule, options).map((p) => p.field),
    lints: policyRuleLints(rule, options).map((p) => `${p.rule}:${p.field}`),
  });

  test('accepts a valid resource rule and a valid URL rule', () => {
    expect(both({ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get'] }, cluster)).toEqual({ errors: [], lints: [] });
    expect(both({ nonResourceURLs: ['/metrics'], verbs: ['get'] }, cluster)).toEqual({ errors: [], lints: [] });
  });

  test.each<[string, PolicyRule, any, string[]]>([
    ['no verbs', { apiGroups: [''], resources: ['pods'], verbs: [] }, cluster, ['verbs']],
    ['a resource rule without groups', { resources: ['pods'], verbs: ['get'] }, cluster, ['apiGroups']],
    ['a resource rule without resources', { apiGroups: ['apps'], verbs: ['get'] }, cluster, ['resources']],
    ['URLs mixed with resources', { apiGroups: [''], resources: ['pods'], nonResourceURLs: ['/metrics'], verbs: ['get'] }, cluster, ['nonResourceURLs']],
    ['URLs mixed with resource names', { resourceNames: ['x'], nonResourceURLs: ['/metrics'], verbs: ['get'] }, cluster, ['nonResourceURLs']],
    ['URLs in a Role', { nonResourceURLs: ['/metrics'], verbs: ['get'] }, { target: RuleTarget.ROLE, allowWildcard: false }, ['nonResourceURLs']],
  ])('rejects %s (an error: the API server rejects it)', (_name, rule, options, fields) => {
    // WHEN
    const problems = policyRuleProblems(rule, options);
    // THEN
    expect(problems.map((p) => p.field)).toEqual(fields);
    for (const p of problems) expect(p.fix.length).toBeGreaterThan(0);
  });

  test.each<[string, PolicyRule, string[]]>([
    ['an uppercase verb', { apiGroups: [''], resources: ['pods'], verbs: ['Get'] }, ['rbac-verb:verbs[0]']],
    ['a URL without a leading slash', { nonResourceURLs: ['metrics'], verbs: ['get'] }, ['rbac-non-resource-url:nonResourceURLs[0]']],
    ['a URL with an inner star', { nonResourceURLs: ['/a/*/b'], verbs: ['get'] }, ['rbac-non-resource-url:nonResourceURLs[0]']],
    ['an uppercase resource', { apiGroups: ['apps'], resources: ['Deployments'], verbs: ['get'] }, ['rbac-resource:resources[0]']],
    ['an uppercase API group', { apiGroups: ['Apps'], resources: ['deployments'], verbs: ['get'] }, ['rbac-api-group:apiGroups[0]']],
    ['an empty resource name', { apiGroups: [''], resources: ['secrets'], resourceNames: [''], verbs: ['get'] }, ['rbac-resource-name:resourceNames[0]']],
    ['a resource name with a slash', { apiGroups: [''], resources: ['secrets'], resourceNames: ['ns/name'], verbs: ['get'] }, ['rbac-resource-name:resourceNames[0]']],
    ['create restricted by name', { apiGroups: [''], resources: ['secrets'], resourceNames: ['x'], verbs: ['create', 'get'] }, ['rbac-create-by-name:resourceNames']],
    ['a wildcard verb not asked for', { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }, ['rbac-wildcard:verbs']],
    ['a wildcard group and resource not asked for', { apiGroups: ['*'], resources: ['*'], verbs: ['get'] }, ['rbac-wildcard:apiGroups', 'rbac-wildcard:resources']],
  ])('lints %s (a warning: the API server accepts it)', (_name, rule, lints) => {
    expect(both(rule, cluster)).toEqual({ errors: [], lints });
  });

  test('accepts wildcards when explicitly allowed', () => {
    expect(both({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { target: RuleTarget.CLUSTER_ROLE, allowWildcard: true })).toEqual({ errors: [], lints: [] });
  });

  test('names the wildcard and the fix in the message', () => {
    const [p] = policyRuleLints({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }, cluster);
    expect(p.expected).toContain('wildcard');
    expect(p.got).toBe('["*"]');
    expect(p.fix).toContain('allowWildcard: true');
  });
});
