import { IConstruct } from 'constructs';
import { ruleFilePath } from './conventions';
import { renderRuleFile, RuleGroupSpec } from './model/rules';
import { problem } from '../core/problem';
import { Validations } from '../core/validations';

const RULE_SETS = Symbol.for('opskit.observability.IRuleSet');

type RuleSet = IConstruct & { readonly ruleSetName: string };

/** The rule sets registered under each root; a construct's root is fixed when it is created. */
const REGISTERED = new WeakMap<IConstruct, RuleSet[]>();
/** The rule sets by name, built once per root (and again only when a rule set is added). */
const BY_NAME = new WeakMap<IConstruct, { count: number; byName: Map<string, RuleSet[]> }>();

/**
 * Marks a rule set and adds the synth-time check that no other rule set of the app has its name (they would
 * write the same `prometheus/<name>.rules.yaml`). Internal; called by the rule-set constructs.
 */
export function registerRuleSet(ruleSet: IConstruct & { readonly ruleSetName: string }): void {
  Object.defineProperty(ruleSet, RULE_SETS, { value: true, enumerable: false });
  const root = ruleSet.node.root;
  const registered = REGISTERED.get(root) ?? [];
  registered.push(ruleSet);
  REGISTERED.set(root, registered);
  Validations.add(ruleSet, {
    problems: () => {
      const others = (ruleSetsByName(ruleSet.node.root).get(ruleSet.ruleSetName) ?? []).filter((c) => c !== ruleSet);
      return others.length === 0 ? [] : [problem('name', `must be unique among the rule sets of the app (${others.map((o) => o.node.path).join(', ')} also writes ${ruleFilePath(ruleSet.ruleSetName)})`,
        ruleSet.ruleSetName, 'give each rule set its own name (for an SLO: its service and name)')];
    },
  });
}

function ruleSetsByName(root: IConstruct): Map<string, RuleSet[]> {
  const all = REGISTERED.get(root) ?? [];
  const cached = BY_NAME.get(root);
  if (cached && cached.count === all.length) return cached.byName;
  const byName = new Map<string, RuleSet[]>();
  for (const c of all) byName.set(c.ruleSetName, [...(byName.get(c.ruleSetName) ?? []), c]);
  BY_NAME.set(root, { count: all.length, byName });
  return byName;
}

/**
 * The rule file of a rule set, rendered once and again only after a group was added (a rule set's groups are
 * never changed otherwise): the artifact, AMP and every other reader share one text. Internal.
 */
export class RuleFileText {
  private text?: string;
  private renderedGroups = -1;

  public constructor(private readonly groups: readonly RuleGroupSpec[]) {}

  /** The rule-file YAML of the groups as they are now. */
  public render(): string {
    if (this.text === undefined || this.renderedGroups !== this.groups.length) {
      this.text = renderRuleFile(this.groups);
      this.renderedGroups = this.groups.length;
    }
    return this.text;
  }
}
