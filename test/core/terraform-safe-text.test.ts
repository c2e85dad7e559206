import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { Testing, TerraformResource, TerraformStack, TerraformVariable } from 'cdktn';
import * as fc from 'fast-check';
import { OpsTesting } from '../../src/app/testing';
import { OpsError } from '../../src/core/ops-error';
import { keepTerraformTextLiteral } from '../../src/core/terraform-safe-text';
import { unescapeTerraformTemplate } from '../../src/core/terraform-text';
import { EksNodeConfig } from '../../src/dns/terraform/eks-node-config';
import { NodeLocalDnsHelmRelease } from '../../src/dns/terraform/node-local-dns-helm-release';
import { HelmRelease } from '../../src/helm/release/helm-release';
import { AlertTopic, SubscriptionProtocol } from '../../src/observability/aws/alert-topic';
import { ManagedPrometheus } from '../../src/observability/aws/managed-prometheus';
import { MetricAlarm } from '../../src/observability/aws/metric-alarm';
import { ComparisonOperator } from '../../src/observability/model/cloudwatch-alarm';
import { HelmProvider, TerraformHelmRelease } from '../../src/terraform';
import { fcSeed } from '../support/fc-seed';
import { describeWithTool, runTool } from '../support/tools';

/** A real reference the test puts in, which must survive as an interpolation. */
const REFERENCE = /\$\{var\.endpoint\}|\$\{base64encode\(local\.nodes_UserData_[A-F0-9]+\)\}|\$\{aws_sns_topic\.[A-Za-z0-9_-]+\.arn\}/g;

/** Every string of a JSON value, keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {out.push(value);} else if (Array.isArray(value)) {value.forEach((v) => strings(v, out));} else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

/** The strings Terraform would evaluate: an unescaped `${`/`%{` outside the references the test put in. */
function evaluated(json: unknown): string[] {
  return strings(json).filter((s) => unescapeTerraformTemplate(s.replace(REFERENCE, '')) === undefined);
}

/** Builds every Terraform-side construct with `text` in every string prop; returns the stack's JSON. */
function synthEverything(text: string): { json: any; errors: string[] } {
  const errors: string[] = [];
  const app = OpsTesting.app();
  const attempt = (what: string, build: () => void) => {
    try {
      build();
    } catch (e) {
      if (!(e instanceof OpsError)) throw e;
      errors.push(what); // a prop check may reject the text: that is an OpsError, never unescaped output
    }
  };
  let stack: TerraformStack | undefined;
  attempt('stack', () => {
    stack = app.stack('s', { localStatePath: `state/${text}.tfstate`, aws: { region: 'eu-west-1', profile: text, defaultTags: { [text]: text, team: text } } });
  });
  stack ??= app.stack('plain', { aws: { region: 'eu-west-1' } });
  const s = stack;
  const endpoint = new TerraformVariable(s, 'endpoint', { type: 'string' });
  let topic: AlertTopic | undefined;
  attempt('AlertTopic', () => {
    topic = new AlertTopic(s, 'topic', { displayName: text, kmsMasterKeyId: text, tags: { [text]: text }, subscriptions: [{ protocol: SubscriptionProtocol.HTTPS, endpoint: `https://h/${text}` }] });
  });
  attempt('MetricAlarm', () => new MetricAlarm(s, 'alarm', {
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    threshold: 1,
    evaluationPeriods: 1,
    namespace: `ns${text}`,
    metricName: `m${text}`,
    statistic: 'Average',
    period: Duration.minutes(1),
    alarmDescription: text,
    dimensions: { [text]: text },
    tags: { [text]: text },
    alarmTopics: topic ? [topic] : [],
  }));
  attempt('ManagedPrometheus', () => new ManagedPrometheus(s, 'amp', { alias: text, tags: { [text]: text } }));
  let provider: HelmProvider | undefined;
  attempt('HelmProvider', () => {
    provider = new HelmProvider(s, 'helm', {
      kubernetes: {
        host: endpoint.stringValue,
        // the CA and the exec version have a fixed form (checked): the text goes inside or into the free-text fields
        clusterCaCertificate: `-----BEGIN CERTIFICATE-----\n${text}\n-----END CERTIFICATE-----\n`,
        configPath: text,
        configContext: text,
        exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: text, args: [text] },
      },
    });
  });
  attempt('TerraformHelmRelease', () => new TerraformHelmRelease(s, 'release', {
    release: new HelmRelease(s, 'release-values', {
      releaseName: 'x', chart: 'c', repository: 'oci://r', version: '1.2.3', namespace: 'n', values: { a: text, [text]: [text] }, valuesFile: false,
    }),
    postrender: { binaryPath: text, args: [text] },
    provider,
  }));
  const nodeLocalDns = new NodeLocalDnsHelmRelease(s, 'node-local-dns', { kubeDnsIp: '10.100.0.10', provider });
  attempt('EksNodeConfig', () => new EksNodeConfig(s, 'nodes', {
    nodeLocalDns,
    launchTemplateNamePrefix: `lt-${text}`,
    cluster: { name: 'prod', apiServerEndpoint: endpoint.stringValue, certificateAuthority: 'Q0E=', cidr: '10.100.0.0/16' },
    extraParts: [{ contentType: 'text/x-shellscript', content: `echo ${text}` }],
  }));
  // a generic resource of the user's
  new TerraformResource(s, 'generic', { terraformResourceType: 'null_resource' }).addOverride('triggers', { [text]: `${text} ${endpoint.stringValue}` });
  return { json: JSON.parse(Testing.synth(s, true)), errors };
}

const INTERPOLATION = fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('${', '%{', '$${', '%%{', '$$${'), fc.string({ maxLength: 8 }), fc.constantFrom('}', ' }', ''))
  .map(([a, open, b, close]) => `${a}${open}${b}${close}`);

describe('every literal text reaches Terraform escaped', () => {
  test('no unescaped ${ or %{ from any prop of any Terraform-side construct survives, and references stay', () => {
    // GIVEN
    const text = 'x${evil}y%{ if true }z%{ endif }';
    // WHEN
    const { json, errors } = synthEverything(text);
    // THEN
    expect(evaluated(json)).toEqual([]);
    expect(JSON.stringify(json)).toContain('${var.endpoint}');
    expect(errors).toEqual([]);
    expect(strings(json).map((s) => unescapeTerraformTemplate(s.replace(REFERENCE, ''))).filter((s) => s?.includes(text))).not.toHaveLength(0);
  });

  test('property: any interpolation-like text in every string prop is escaped, or rejected with an OpsError', () => {
    fc.assert(fc.property(INTERPOLATION, (text) => {
      // WHEN
      const { json } = synthEverything(text);
      // THEN
      expect(evaluated(json)).toEqual([]);
    }), { numRuns: 60, seed: fcSeed() });
  });

  test('an element is wrapped once, so text is never escaped twice', () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), 's');
    const r = new TerraformResource(stack, 'r', { terraformResourceType: 'null_resource' });
    r.addOverride('triggers', { a: '${x}' });
    // WHEN
    keepTerraformTextLiteral(r);
    keepTerraformTextLiteral(r);
    // THEN
    expect(JSON.parse(Testing.synth(stack)).resource.null_resource.r.triggers).toEqual({ a: '$${x}' });
  });
});

describeWithTool('terraform', 'terraform reads the escaped text back literally', () => {
  test('each escaped string evaluates to the literal text', () => {
    // GIVEN
    const texts = ['x${evil}y', '%{ if true }a%{ endif }', '$${x}', 'a $$${b} %%{c}'];
    const { json } = synthEverything(texts.join('|'));
    const escaped = strings(json).filter((s) => s.includes('evil') && !REFERENCE.test(s));
    REFERENCE.lastIndex = 0;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-tf-'));
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ locals: { all: escaped } }));
    // WHEN
    const r = runTool('terraform', ['console'], { cwd: dir, input: 'jsonencode(local.all)\n', env: { ...process.env, TF_IN_AUTOMATION: '1' } });
    // THEN
    expect(escaped.length).toBeGreaterThan(0);
    expect(r.status).toBe(0);
    expect(JSON.parse(JSON.parse(r.stdout.trim()))).toEqual(escaped.map((e) => unescapeTerraformTemplate(e)));
  });
});
