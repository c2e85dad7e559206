import { IConstruct } from 'constructs';
import { PromqlVerdicts } from './model/promql';

/** The PromQL verdicts of each app, by its root construct (created on first use). */
const VERDICTS = new WeakMap<IConstruct, PromqlVerdicts>();

/**
 * The PromQL verdicts of the app `scope` belongs to: every check of an expression in the app — a rule set's or an
 * SLO's at construction, the PrometheusRule objects' at synth — parses each distinct expression once. A verdict
 * depends on the text only, so the app keeps them as long as it lives (like its kind registry). Internal.
 */
export function promqlVerdicts(scope: IConstruct): PromqlVerdicts {
  const root = scope.node.root;
  let verdicts = VERDICTS.get(root);
  if (!verdicts) {
    verdicts = new PromqlVerdicts();
    VERDICTS.set(root, verdicts);
  }
  return verdicts;
}
