import { Construct } from 'constructs';
import { OpsTesting } from '../../src/app/testing';
import { Warnings } from '../../src/core/warnings';

describe('Warnings', () => {
  test('collects warnings of both trees with their construct paths', () => {
    // GIVEN
    const app = OpsTesting.app();
    Warnings.add(new Construct(app.chart('c'), 'x'), 'the image tag is not pinned by digest — pin it to silence this');
    Warnings.add(app.stack('s'), 'no default tags — add some');
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.warnings).toEqual([
      { path: 'c/x', message: 'the image tag is not pinned by digest — pin it to silence this' },
      { path: 's', message: 'no default tags — add some' },
    ]);
    expect(Warnings.collect(app.k8s)).toHaveLength(1);
  });

  test('synth prints the warnings and returns them in its summary', () => {
    // GIVEN
    const app = OpsTesting.app();
    Warnings.add(new Construct(app.chart('c'), 'x'), 'heads up');
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      writes.push(String(chunk));
      return true;
    });
    // WHEN
    let summary;
    try {
      summary = app.synth();
    } finally {
      spy.mockRestore();
    }
    // THEN
    expect(summary.warnings).toEqual([{ path: 'c/x', message: 'heads up' }]);
    expect(writes.join('')).toBe('warning: heads up\n    at path [c/x]\n');
  });
});
