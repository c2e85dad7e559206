import * as fc from 'fast-check';
import { policyRuleProblems, RuleTarget } from '../../src/operator/model/rbac';
import { PolicyRule } from '../../src/operator/policy-rule';
import { ApiClient, ApiVerdict } from '../support/api-client';
import { useApiServer } from '../support/api-server';
import { fcSeed } from '../support/fc-seed';
import { describeWithTools } from '../support/tools';

/*
 * Differential: generated PolicyRules in a ClusterRole and in a Role, created (dryRun=All) on a real kube-apiserver
 * and judged by opskit's `policyRuleProblems`. opskit's errors must be exactly the server's rejections; what
 * opskit only lints (`policyRuleLints`: wildcards, uppercase verbs, malformed names) the server accepts, so it
 * must stay a warning.
 */

const CASES = Number(process.env.OPSKIT_FC_APISERVER_CASES ?? 600);

const WORDS = <T>(...values: T[]) => fc.constantFrom(...values);
const LIST = <T>(item: fc.Arbitrary<T>) => fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: fc.array(item, { maxLength: 3 }) },
);

const VERBS = fc.oneof({ weight: 6, arbitrary: fc.array(WORDS('get', 'list', 'watch', 'create', 'GET', 'Get', '*', 'impersonate', 'a b', ''), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant([]) });
const GROUPS = LIST(WORDS('', 'core', 'apps', 'Apps', 'backup.example.com', '*', 'a b', '-x'));
const RESOURCES = LIST(WORDS('pods', 'pods/log', 'Deployments', 'a/b/c', '*', 'deployments/*', '/x', ''));
const NAMES = LIST(WORDS('x', '', 'ns/name', 'A_B', '*'));
const URLS = LIST(WORDS('/metrics', 'metrics', '/debug/*', '/a/*/b', '*', ''));

function defined(r: Record<string, unknown>): PolicyRule {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as PolicyRule;
}

/** Resource rules, non-resource URL rules and rules mixing both, with values the server accepts and ones it should not. */
const RULE: fc.Arbitrary<PolicyRule> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ verbs: VERBS, apiGroups: GROUPS, resources: RESOURCES, resourceNames: NAMES }).map(defined) },
  { weight: 2, arbitrary: fc.record({ verbs: VERBS, nonResourceURLs: URLS }).map(defined) },
  {
    weight: 1,
    arbitrary: fc.record({ verbs: VERBS, apiGroups: GROUPS, resources: RESOURCES, resourceNames: NAMES, nonResourceURLs: URLS }).map(defined),
  },
);

interface Case {
  readonly rule: PolicyRule;
  readonly namespaced: boolean;
}

function roleOf(c: Case, i: number): any {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: c.namespaced ? 'Role' : 'ClusterRole',
    metadata: { name: `fuzz-${i}`, ...(c.namespaced ? { namespace: 'default' } : {}) },
    rules: [c.rule],
  };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }));
  return out;
}

function serverAccepts(v: ApiVerdict): boolean {
  return v.accepted || v.reason === 'AlreadyExists';
}

describeWithTools(['kube-apiserver', 'etcd'], 'RBAC rules: opskit errors are exactly the API server\'s rejections', () => {
  const server = useApiServer();

  test(`${CASES} generated rules in ClusterRoles and Roles`, async () => {
    // GIVEN
    const { client }: { client: ApiClient } = server();
    const seed = fcSeed();
    const cases = fc.sample(fc.record({ rule: RULE, namespaced: fc.boolean() }), { seed, numRuns: CASES });
    // WHEN both judge each rule
    const verdicts = await mapLimit(cases, 6, (c, i) => client.create(roleOf(c, i)));
    // THEN opskit errs exactly where the server rejects
    const disagreements = cases.flatMap((c, i) => {
      const errors = policyRuleProblems(c.rule, { target: c.namespaced ? RuleTarget.ROLE : RuleTarget.CLUSTER_ROLE });
      return (errors.length > 0) === !serverAccepts(verdicts[i]) ? [] : [
        `${c.namespaced ? 'Role' : 'ClusterRole'} ${JSON.stringify(c.rule)}: server ${serverAccepts(verdicts[i]) ? 'accepts' : `rejects (${verdicts[i].message})`}, `
        + `opskit ${errors.length > 0 ? `rejects (${errors.map((e) => `${e.field} ${e.expected}`).join('; ')})` : 'accepts'}`,
      ];
    });
    const rejected = verdicts.filter((v) => !serverAccepts(v)).length;
    // eslint-disable-next-line no-console
    console.log(`RBAC differential (seed ${seed}): ${CASES} rules, server rejects ${rejected}, disagreements ${disagreements.length}`);
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(rejected).toBeGreaterThan(CASES * 0.1);
    expect(CASES - rejected).toBeGreaterThan(CASES * 0.2);
  }, 900_000);
});
