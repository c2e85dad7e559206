import * as fs from 'fs';
import * as path from 'path';
import { checkRuleGroups, renderRuleFile, ruleToPlain } from '../../../src/observability/model/rules';
import { checkSlo, sloRuleGroups } from '../../../src/observability/model/slo';

const alert = { alert: 'A', expr: 'up == 0', labels: { severity: 'critical' }, annotations: { summary: 's' } };

describe('rule checks', () => {
  test.each([
    ['two groups with one name', [{ name: 'g', rules: [alert] }, { name: 'g', rules: [alert] }], 'groups[1].name', 'must be unique in the rule file (also used by groups[0])'],
    ['an empty group', [{ name: 'g', rules: [] }], 'groups[0].rules', 'must contain at least one rule'],
    ['a bad interval', [{ name: 'g', interval: '1 m', rules: [alert] }], 'groups[0].interval', 'must be a Prometheus duration'],
    ['a negative limit', [{ name: 'g', limit: -1, rules: [alert] }], 'groups[0].limit', 'must be a non-negative integer'],
    ['record and alert', [{ name: 'g', rules: [{ ...alert, record: 'x:y' }] }], 'groups[0].rules[0]', 'must set exactly one of record and alert'],
    ['annotations on a record', [{ name: 'g', rules: [{ record: 'x:y', expr: 'up', annotations: { a: 'b' } }] }], 'groups[0].rules[0].annotations', 'must not be set on a recording rule'],
    ['a bad keep_firing_for', [{ name: 'g', rules: [{ ...alert, keepFiringFor: 'soon' }] }], 'groups[0].rules[0].keepFiringFor', 'must be a Prometheus duration'],
    ['a bad annotation name', [{ name: 'g', rules: [{ ...alert, annotations: { 'summary': 's', 'runbook-url': 'u' } }] }], 'groups[0].rules[0].annotations.runbook-url', 'must be a valid annotation name ([a-zA-Z_][a-zA-Z0-9_]*)'],
    ['an empty severity (Prometheus drops empty labels)', [{ name: 'g', rules: [{ ...alert, labels: { severity: '' } }] }], 'groups[0].rules[0].labels.severity', 'must not be empty (Prometheus drops a label whose value is empty)'],
    ['a blank summary', [{ name: 'g', rules: [{ ...alert, annotations: { summary: '  ' } }] }], 'groups[0].rules[0].annotations.summary', 'must not be empty'],
  ])('%s is a problem', (_n, groups, field, expected) => {
    expect(checkRuleGroups(groups as any)).toEqual([expect.objectContaining({ field, expected })]);
  });

  test('severity can be another label, and duplicates can be allowed', () => {
    const rules = [{ ...alert, labels: { sloth_severity: 'page' } }, { ...alert, labels: { sloth_severity: 'ticket' } }];
    expect(checkRuleGroups([{ name: 'g', rules }], { severityLabels: ['sloth_severity'], uniqueRuleNames: false })).toEqual([]);
    expect(checkRuleGroups([{ name: 'g', rules }])).toHaveLength(3);
  });
});

describe('rule file rendering', () => {
  test('keys in rule-file order, maps sorted, empty maps omitted', () => {
    expect(Object.keys(ruleToPlain({ annotations: { b: '1', a: '2' }, labels: { z: '1', a: '2' }, for: '5m', expr: 'up', alert: 'A', keepFiringFor: '1m' })))
      .toEqual(['alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
    expect(Object.keys(ruleToPlain({ record: 'a:b', expr: 'up', labels: { z: '1', a: '2' } }).labels as object)).toEqual(['a', 'z']);
    expect(ruleToPlain({ record: 'a:b', expr: 'up', labels: {} })).toEqual({ record: 'a:b', expr: 'up' });
  });

  test('golden: the rule file of an SLO', () => {
    // GIVEN
    const spec = {
      service: 'checkout',
      name: 'requests-availability',
      objective: 99.9,
      labels: { team: 'payments', tier: '1' },
      sli: { events: { errorQuery: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))', totalQuery: 'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))' } },
      alerting: { name: 'CheckoutHighErrorRate', pageAlert: { labels: { severity: 'critical' } }, ticketAlert: { labels: { severity: 'warning' } } },
    };
    expect(checkSlo(spec)).toEqual([]);

    // WHEN
    const text = renderRuleFile(sloRuleGroups(spec));

    // THEN
    expect(text).toBe(fs.readFileSync(path.join(__dirname, '../../fixtures/observability/checkout-availability.rules.yaml'), 'utf8'));
  });
});
