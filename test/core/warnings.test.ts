import { Construct } from 'constructs';
import { OpsTesting } from '../../src/app/testing';
import { OpsError } from '../../src/core/ops-error';
import { Warnings } from '../../src/core/warnings';
import { NodeLocalDns } from '../../src/dns';

describe('Warnings', () => {
  test('collects warnings of both trees with their ids and construct paths', () => {
    // GIVEN
    const app = OpsTesting.app();
    Warnings.add(new Construct(app.chart('c'), 'x'), 'opskit:test/unpinned', 'the image tag is not pinned by digest');
    Warnings.add(app.stack('s'), 'opskit:test/no-tags', 'no default tags — add some');
    // WHEN
    const out = OpsTesting.synth(app);
    // THEN
    expect(out.warnings).toEqual([
      { path: 'c/x', id: 'opskit:test/unpinned', message: 'the image tag is not pinned by digest' },
      { path: 's', id: 'opskit:test/no-tags', message: 'no default tags — add some' },
    ]);
    expect(Warnings.collect(app.k8s)).toHaveLength(1);
  });

  test('a warning added twice is recorded once', () => {
    const scope = new Construct(OpsTesting.app().chart('c'), 'x');
    Warnings.add(scope, 'opskit:test/twice', 'heads up');
    Warnings.add(scope, 'opskit:test/twice', 'heads up');
    expect(Warnings.collect(scope)).toHaveLength(1);
  });

  test('acknowledge silences one id for a construct and its children, before or after the warning', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c');
    const a = new Construct(chart, 'a');
    const b = new Construct(chart, 'b');
    Warnings.add(a, 'opskit:test/one', 'first');
    Warnings.acknowledge(chart, 'opskit:test/one');
    Warnings.add(b, 'opskit:test/one', 'second');
    Warnings.add(b, 'opskit:test/other', 'third');
    Warnings.acknowledge(new Construct(chart, 'sibling'), 'opskit:test/other'); // a sibling's acknowledgement does not count
    // THEN
    expect(OpsTesting.synth(app).warnings).toEqual([{ path: 'c/b', id: 'opskit:test/other', message: 'third' }]);
  });

  test('collect from a construct below the root counts the acknowledgements of its scopes', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('c');
    const group = new Construct(chart, 'group');
    Warnings.acknowledge(chart, 'opskit:test/one');
    Warnings.add(new Construct(group, 'x'), 'opskit:test/one', 'silenced above the collected scope');
    Warnings.add(new Construct(group, 'y'), 'opskit:test/two', 'kept');
    // THEN
    expect(Warnings.collect(group)).toEqual([{ path: 'c/group/y', id: 'opskit:test/two', message: 'kept' }]);
  });

  test.each([
    ['no library prefix', 'dns/memory'],
    ['upper case', 'opskit:DNS/memory'],
    ['spaces', 'opskit:dns/low memory'],
    ['not a string', 42],
  ])('rejects an id with %s', (_, id) => {
    const scope = new Construct(OpsTesting.app().chart('c'), 'x');
    expect(() => Warnings.add(scope, id as any, 'm')).toThrow(OpsError);
    expect(() => Warnings.acknowledge(scope, id as any)).toThrow(/must be a warning id <library>:<domain>\/<rule>/);
  });

  test('rejects an empty message', () => {
    expect(() => Warnings.add(new Construct(OpsTesting.app().chart('c'), 'x'), 'opskit:test/x', '')).toThrow(/message must be a non-empty string/);
  });

  test('synth prints each warning with its id and path, and returns them in its summary', () => {
    // GIVEN
    const app = OpsTesting.app();
    Warnings.add(new Construct(app.chart('c'), 'x'), 'opskit:test/heads-up', 'heads up');
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
    expect(summary.warnings).toEqual([{ path: 'c/x', id: 'opskit:test/heads-up', message: 'heads up' }]);
    expect(writes.join('')).toBe('warning: heads up [opskit:test/heads-up]\n    at path [c/x]\n');
  });

  test('NodeLocalDns in a chart with another namespace warns that it keeps kube-system, unless acknowledged', () => {
    // GIVEN
    const app = OpsTesting.app();
    const chart = app.chart('dns', { namespace: 'payments' });
    new NodeLocalDns(chart, 'dns', { kubeDnsIp: '10.100.0.10' });
    const quiet = app.chart('quiet', { namespace: 'payments' });
    Warnings.acknowledge(quiet, 'opskit:dns/chart-namespace-ignored');
    new NodeLocalDns(quiet, 'dns', { kubeDnsIp: '10.100.0.10' });
    // WHEN
    const ids = OpsTesting.synth(app).warnings.filter((w) => w.id === 'opskit:dns/chart-namespace-ignored');
    // THEN
    expect(ids).toEqual([expect.objectContaining({ path: 'dns/dns', message: expect.stringContaining('not the chart\'s "payments"') })]);
    expect(OpsTesting.synth(app).findObject('dns', 'DaemonSet', 'node-local-dns').metadata.namespace).toBe('kube-system');
  });
});
