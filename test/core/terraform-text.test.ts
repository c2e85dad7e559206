import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { escapeTerraformTemplate, unescapeTerraformTemplate } from '../../src/core/terraform-text';
import { describeWithTool, runTool } from '../support/tools';

const CASES: Array<[string, string, string]> = [
  ['plain text is unchanged', 'up == 0', 'up == 0'],
  ['an interpolation is escaped', '${x}', '$${x}'],
  ['a directive is escaped', '%{ if x }', '%%{ if x }'],
  ['Go templates are left alone', '{{ .CommonLabels.alertname }}', '{{ .CommonLabels.alertname }}'],
  ['a lone dollar or percent is left alone', '100% $ {', '100% $ {'],
  ['Grafana variables are escaped', '{"uid":"${datasource}"}', '{"uid":"$${datasource}"}'],
  ['already-escaped text stays literal', '$${x} %%{y}', '$$${x} %%%{y}'],
  ['every occurrence is escaped', '${a}${b}%{c}', '$${a}$${b}%%{c}'],
  ['a cdktn token is kept', 'arn: ${TfToken[TOKEN.12]} ${x}', 'arn: ${TfToken[TOKEN.12]} $${x}'],
  ['a PromQL regex with braces is left alone', 'rate(x{code=~"5.."}[5m])', 'rate(x{code=~"5.."}[5m])'],
];

describe('escapeTerraformTemplate', () => {
  test.each(CASES)('%s', (_name, input, expected) => {
    expect(escapeTerraformTemplate(input)).toBe(expected);
  });

  test.each(CASES.filter(([name]) => !name.includes('token')))('round-trips: %s', (_name, input) => {
    expect(unescapeTerraformTemplate(escapeTerraformTemplate(input))).toBe(input);
  });

  test.each([['${x}'], ['a %{ for }']])('unescape reports text Terraform would evaluate: %s', (text) => {
    expect(unescapeTerraformTemplate(text)).toBeUndefined();
  });
});

describeWithTool('terraform', 'terraform reads escaped text back literally (terraform console, no providers)', () => {
  test('every case evaluates to the original text', () => {
    // GIVEN a JSON-syntax configuration whose locals are the escaped texts
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-tf-'));
    try {
      const inputs = CASES.filter(([name]) => !name.includes('token')).map(([, input]) => input);
      const locals: { [k: string]: string } = {};
      inputs.forEach((t, i) => { locals[`t${i}`] = escapeTerraformTemplate(t); });
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ locals }));
      // WHEN
      const expr = `jsonencode([${inputs.map((_, i) => `local.t${i}`).join(', ')}])`;
      const r = runTool('terraform', ['console', '-no-color'], { cwd: dir, input: `${expr}\n`, env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
      // THEN
      expect(r.status).toBe(0);
      expect(JSON.parse(JSON.parse(r.stdout.trim()))).toEqual(inputs);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
