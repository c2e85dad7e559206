import { IConstruct } from 'constructs';
import { ruleFilePath } from './conventions';
import { problem } from '../core/problem';
import { Validations } from '../core/validations';

const RULE_SETS = Symbol.for('opskit.observability.IRuleSet');

/**
 * Marks a rule set and adds the synth-time check that no other rule set of the app has its name (they would
 * write the same `prometheus/<name>.rules.yaml`). Internal; called by the rule-set constructs.
 */
export function registerRuleSet(ruleSet: IConstruct & { readonly ruleSetName: string }): void {
  Object.defineProperty(ruleSet, RULE_SETS, { value: true, enumerable: false });
  Validations.add(ruleSet, {
    problems: () => {
      const others = ruleSet.node.root.node.findAll()
        .filter((c: any) => c !== ruleSet && c[RULE_SETS] === true && c.ruleSetName === ruleSet.ruleSetName);
      return others.length === 0 ? [] : [problem('name', `must be unique among the rule sets of the app (${others.map((o) => o.node.path).join(', ')} also writes ${ruleFilePath(ruleSet.ruleSetName)})`,
        ruleSet.ruleSetName, 'give each rule set its own name (for an SLO: its service and name)')];
    },
  });
}
