import { casesOf, runCase } from './rule-cases';

describe('rules-workload.ts: rules 10, 11, 15, 17-20', () => {
  test.each(casesOf(['dns/upstream-service', 'dns/corefile-mount', 'dns/memory', 'dns/setup-privileges', 'dns/scheduling', 'dns/sync-interval', 'dns/image-pinned']))('fails when $name [$rule]', (c) => runCase(c));
});
