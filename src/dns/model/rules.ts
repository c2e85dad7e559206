/**
 * The 22 validations of a NodeLocal DNSCache installation (spec section 8), in spec order.
 */
import { DnsCheckContext, DnsFindings, DnsRule } from './rule-support';
import { cacheRule, forwardOptionsRule, healthRule, ipv6BracketsRule, placeholdersRule, stubDomainsRule } from './rules-corefile';
import { ciliumRule, forwardLoopRule, hostPortsRule, ipvsRule, iptablesBindRule, localIpListRule, localIpRule, networkPolicyRule, unverifiedModeRule } from './rules-network';
import { corefileMountRule, imagePinnedRule, memoryRule, schedulingRule, setupPrivilegesRule, syncIntervalRule, upstreamServiceRule } from './rules-workload';
import { Problem } from '../../core/problem';

/** Every rule, ordered by its number in the spec. */
export const DNS_RULES: readonly DnsRule[] = [
  localIpRule, localIpListRule, ipvsRule, iptablesBindRule, ciliumRule, placeholdersRule, ipv6BracketsRule, healthRule,
  hostPortsRule, upstreamServiceRule, corefileMountRule, forwardOptionsRule, forwardLoopRule, cacheRule, memoryRule,
  stubDomainsRule, setupPrivilegesRule, schedulingRule, syncIntervalRule, imagePinnedRule, networkPolicyRule, unverifiedModeRule,
];

/** Runs every rule; problems are de-duplicated (same field, expectation and value). */
export function checkNodeLocalDns(ctx: DnsCheckContext): DnsFindings {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const seen = new Set<string>();
  const add = (list: Problem[], p: Problem) => {
    const key = `${p.rule}|${p.field}|${p.expected}|${p.got}`;
    if (seen.has(key)) return;
    seen.add(key);
    list.push(p);
  };
  for (const rule of DNS_RULES) {
    const r = rule.check(ctx);
    r.errors.forEach((p) => add(errors, p));
    r.warnings.forEach((p) => add(warnings, p));
  }
  return { errors, warnings };
}
