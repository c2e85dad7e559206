import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { toYaml } from '../../src/core/yaml';
import { errorAlertGroup } from '../../src/dns/node-local-dns-monitoring';
import { describeEachPromtool } from '../support/generations';
import { runTool } from '../support/tools';

describe('errorAlertGroup', () => {
  test('multi-window burn-rate alerts on the SERVFAIL share', () => {
    // WHEN
    const group = errorAlertGroup({ objective: 99.9, labels: { team: 'platform' }, runbookUrl: 'https://runbooks/dns' });
    // THEN
    expect(group.name).toBe('node-local-dns.rules');
    expect(group.rules.map((r: any) => [r.alert, r.labels.severity, r.for])).toEqual([
      ['NodeLocalDnsErrorBudgetBurn', 'critical', '2m'], ['NodeLocalDnsErrorBudgetBurn', 'warning', '15m'],
    ]);
    expect(group.rules[0].expr).toBe(
      '(sum(rate(coredns_dns_responses_total{job=~"node-local-dns(-secondary)?",rcode="SERVFAIL"}[1h])) / sum(rate(coredns_dns_responses_total{job=~"node-local-dns(-secondary)?"}[1h])) > (14.4 * 0.001))'
      + ' and (sum(rate(coredns_dns_responses_total{job=~"node-local-dns(-secondary)?",rcode="SERVFAIL"}[5m])) / sum(rate(coredns_dns_responses_total{job=~"node-local-dns(-secondary)?"}[5m])) > (14.4 * 0.001))');
    expect(group.rules[1].labels).toEqual({ team: 'platform', severity: 'warning' });
    expect(group.rules[1].annotations.runbook_url).toBe('https://runbooks/dns');
  });
});

describeEachPromtool('errorAlertGroup passes promtool check rules', (promtool) => {
  test('promtool accepts the rule file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-dns-rules-'));
    const file = path.join(dir, 'dns.rules.yaml');
    fs.writeFileSync(file, toYaml({ groups: [errorAlertGroup({})] }));
    const r = runTool(promtool.bin, ['check', 'rules', file]);
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  test('promtool test rules: a 5% SERVFAIL share fires the fast burn alert, a 0.05% share does not', () => {
    // GIVEN 1000 answers a minute, 50 of them SERVFAIL on node a; 1 in 2000 on node b
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-dns-rules-'));
    fs.writeFileSync(path.join(dir, 'dns.rules.yaml'), toYaml({ groups: [errorAlertGroup({ objective: 99.9, selector: 'job="node-local-dns",instance="a"' })] }));
    fs.writeFileSync(path.join(dir, 'quiet.rules.yaml'), toYaml({ groups: [{ ...errorAlertGroup({ objective: 99.9, selector: 'job="node-local-dns",instance="b"' }), name: 'quiet' }] }));
    const test = {
      rule_files: ['dns.rules.yaml', 'quiet.rules.yaml'],
      evaluation_interval: '1m',
      tests: [{
        interval: '1m',
        input_series: [
          { series: 'coredns_dns_responses_total{job="node-local-dns",instance="a",rcode="NOERROR"}', values: '0+950x120' },
          { series: 'coredns_dns_responses_total{job="node-local-dns",instance="a",rcode="SERVFAIL"}', values: '0+50x120' },
          { series: 'coredns_dns_responses_total{job="node-local-dns",instance="b",rcode="NOERROR"}', values: '0+1999x120' },
          { series: 'coredns_dns_responses_total{job="node-local-dns",instance="b",rcode="SERVFAIL"}', values: '0+1x120' },
        ],
        alert_rule_test: [{
          eval_time: '70m',
          alertname: 'NodeLocalDnsErrorBudgetBurn',
          exp_alerts: [
            { exp_labels: { severity: 'critical' }, exp_annotations: errorAlertGroup({ objective: 99.9 }).rules[0].annotations },
            { exp_labels: { severity: 'warning' }, exp_annotations: errorAlertGroup({ objective: 99.9 }).rules[1].annotations },
          ],
        }],
      }],
    };
    fs.writeFileSync(path.join(dir, 'dns.test.yaml'), toYaml(test));
    // WHEN
    const r = runTool(promtool.bin, ['test', 'rules', 'dns.test.yaml'], { cwd: dir });
    // THEN: only node a's two alerts fire (instance b stays below 14.4x and 6x of a 0.1% budget)
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });
});
