import * as os from 'os';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { problem } from '../../src/core/problem';
import { Validations } from '../../src/core/validations';

describe('Validations', () => {
  test('structured problems come back as they are; plain validations become message problems', () => {
    // GIVEN
    const scope = new Construct(new Chart(new App(), 'c'), 'x');
    Validations.add(scope, { problems: () => [problem('spec.port', 'must be ≤ 65535', 70000, 'use a valid port')] });
    scope.node.addValidation({ validate: () => ['legacy message'] });
    // WHEN
    const problems = Validations.run(scope);
    // THEN
    expect(problems).toEqual([
      { field: 'spec.port', expected: 'must be ≤ 65535', got: '70000', fix: 'use a valid port', rule: undefined },
      { field: '', expected: 'legacy message', fix: '' },
    ]);
  });

  test('a plain cdk8s App fails on them too', () => {
    const app = new App({ outdir: os.tmpdir() });
    const scope = new Construct(new Chart(app, 'c'), 'x');
    Validations.add(scope, { problems: () => [problem('f', 'is bad', 1, 'fix it')] });
    expect(() => app.synthYaml()).toThrow(/\[c\/x\] f is bad, got 1 — fix it/);
  });

  test('no problems when all is well', () => {
    const scope = new Construct(new Chart(new App(), 'c'), 'x');
    Validations.add(scope, { problems: () => [] });
    expect(Validations.run(scope)).toEqual([]);
  });
});
