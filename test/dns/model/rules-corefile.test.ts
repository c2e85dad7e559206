import { casesOf, runCase } from './rule-cases';

describe('rules-corefile.ts: rules 6-8, 12, 14, 16', () => {
  test.each(casesOf(['dns/placeholders', 'dns/ipv6-brackets', 'dns/health', 'dns/forward-options', 'dns/cache', 'dns/stub-domains']))('fails when $name [$rule]', (c) => runCase(c));
});
