import * as os from 'os';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { problem } from '../../src/core/problem';
import { oncePerSynth, SynthMemo, Validations } from '../../src/core/validations';

describe('Validations', () => {
  test('a structured validation computes its problems once per synth, and again in the next synth', () => {
    // GIVEN
    const app = new App();
    const scope = new Construct(new Chart(app, 'c'), 'x');
    let calls = 0;
    Validations.add(scope, { problems: () => { calls++; return [problem('spec.port', 'must be ≤ 65535', 70000, 'use a valid port')]; } });
    // WHEN
    const inSynth = oncePerSynth([app], () => [Validations.run(scope), scope.node.validate(), Validations.run(scope)]);
    const callsInSynth = calls;
    oncePerSynth([app], () => Validations.run(scope));
    Validations.run(scope);
    // THEN
    expect(callsInSynth).toBe(1);
    expect(inSynth[0]).toEqual(inSynth[2]);
    expect(inSynth[1]).toEqual(['spec.port must be ≤ 65535, got 70000 — use a valid port']);
    expect(calls).toBe(3);
  });

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

describe('SynthMemo', () => {
  test('computes once per key and synth, and every time outside a synth', () => {
    // GIVEN
    const app = new App();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    let computed = 0;
    const memo = new SynthMemo((chart: Chart) => `${chart.node.id}:${++computed}`);
    // WHEN
    const first = oncePerSynth([app], () => [memo.get(a), memo.get(a), memo.get(b)]);
    const second = oncePerSynth([app], () => [memo.get(a), memo.get(a)]);
    const outside = [memo.get(a), memo.get(a)];
    // THEN
    expect(first).toEqual(['a:1', 'a:1', 'b:2']);
    expect(second).toEqual(['a:3', 'a:3']);
    expect(outside).toEqual(['a:4', 'a:5']);
  });
});
