/**
 * The 22 validations of a NodeLocal DNSCache installation (spec section 8), in spec order.
 */
import type { DnsCheckContext, DnsFindings, DnsRule } from './rule-support';
import type * as CorefileRules from './rules-corefile';
import type * as NetworkRules from './rules-network';
import type * as WorkloadRules from './rules-workload';
import { Problem } from '../../core/problem';

let rulesModule: readonly DnsRule[] | undefined;

/**
 * Every rule, ordered by its number in the spec. The rule modules load on first use: requiring opskit, or a program
 * without NodeLocal DNSCache, never pays for them.
 */
export function dnsRules(): readonly DnsRule[] {
  if (!rulesModule) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const c = require('./rules-corefile') as typeof CorefileRules;
    const n = require('./rules-network') as typeof NetworkRules;
    const w = require('./rules-workload') as typeof WorkloadRules;
    /* eslint-enable @typescript-eslint/no-require-imports */
    rulesModule = [
      n.localIpRule, n.localIpListRule, n.ipvsRule, n.iptablesBindRule, n.ciliumRule, c.placeholdersRule, c.ipv6BracketsRule, c.healthRule,
      n.hostPortsRule, w.upstreamServiceRule, w.corefileMountRule, c.forwardOptionsRule, n.forwardLoopRule, c.cacheRule, w.memoryRule,
      c.stubDomainsRule, w.setupPrivilegesRule, w.schedulingRule, w.syncIntervalRule, w.imagePinnedRule, n.networkPolicyRule, n.unverifiedModeRule,
    ];
  }
  return rulesModule;
}

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
  for (const rule of dnsRules()) {
    const r = rule.check(ctx);
    r.errors.forEach((p) => add(errors, p));
    r.warnings.forEach((p) => add(warnings, p));
  }
  return { errors, warnings };
}
