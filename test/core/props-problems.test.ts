import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { OpsTesting } from '../../src/app/testing';
import { OpsErrors } from '../../src/core/ops-error';
import { problem } from '../../src/core/problem';
import { FAIL_FAST_ENV, PropsProblems, reportPropsProblems } from '../../src/core/props-problems';

const bad = problem('port', 'must be at most 65535', 70000, 'use a port of 1-65535');

describe('PropsProblems', () => {
  test('no problems: the construct goes on building', () => {
    // GIVEN
    const scope = new Construct(OpsTesting.app({ failFast: false }).chart('c'), 'x');
    // WHEN / THEN
    expect(reportPropsProblems(scope, [])).toBe(true);
    expect(PropsProblems.anyIn(scope)).toBe(false);
  });

  test('default mode: problems are recorded, the caller stops, and synth reports them with the construct path', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const scope = new Construct(app.chart('c'), 'x');
    // WHEN
    const goOn = reportPropsProblems(scope, [bad]);
    // THEN
    expect(goOn).toBe(false);
    expect(PropsProblems.of(scope)).toEqual([bad]);
    expect(PropsProblems.anyIn(app.k8s)).toBe(true);
    let error: unknown;
    try {
      OpsTesting.synth(app);
    } catch (e) {
      error = e;
    }
    expect(OpsErrors.problemsOf(error)).toEqual([{ ...bad, path: 'c/x' }]);
  });

  test('problems reported twice at one construct are all kept, once each', () => {
    // GIVEN
    const app = OpsTesting.app({ failFast: false });
    const scope = new Construct(app.chart('c'), 'x');
    const other = problem('name', 'is required', undefined, 'set name');
    // WHEN
    reportPropsProblems(scope, [bad]);
    reportPropsProblems(scope, [other]);
    // THEN
    expect(() => OpsTesting.synth(app)).toThrow(/^2 problems:\n1\) port must be at most 65535[^]*\n2\) name is required/);
  });

  test('fail-fast mode (the app prop) throws at once', () => {
    // GIVEN
    const scope = new Construct(OpsTesting.app({ failFast: true }).chart('c'), 'x');
    // WHEN / THEN
    expect(() => reportPropsProblems(scope, [bad])).toThrow(/^port must be at most 65535, got 70000 — use a port of 1-65535\n    at path \[c\/x\]$/);
  });

  test.each([
    ['1', true],
    ['0', false],
    [undefined, false],
  ])('%s in OPSKIT_FAIL_FAST decides for trees without an explicit setting (fail fast: %s)', (value, failFast) => {
    // GIVEN
    const saved = process.env[FAIL_FAST_ENV];
    if (value === undefined) delete process.env[FAIL_FAST_ENV]; else process.env[FAIL_FAST_ENV] = value;
    try {
      const scope = new Construct(new Chart(new App(), 'c'), 'x');
      // WHEN / THEN
      expect(PropsProblems.isFailFast(scope)).toBe(failFast);
      expect(OpsTesting.app().failFast).toBe(failFast);
      expect(OpsTesting.app({ failFast: !failFast }).failFast).toBe(!failFast);
    } finally {
      if (saved === undefined) delete process.env[FAIL_FAST_ENV]; else process.env[FAIL_FAST_ENV] = saved;
    }
  });

  test('a plain cdk8s app reports the recorded problems at synth too', () => {
    // GIVEN
    const app = new App({ outdir: OpsTesting.app().outdir });
    PropsProblems.setFailFast(app, false);
    const scope = new Construct(new Chart(app, 'c'), 'x');
    // WHEN
    reportPropsProblems(scope, [bad]);
    // THEN
    expect(() => app.synthYaml()).toThrow(/\[c\/x\] port must be at most 65535, got 70000/);
  });
});
