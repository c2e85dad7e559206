import { describeFile, OutputRoot, previousOutputs, renderIndex } from '../../src/app/output-index';

describe('output index', () => {
  test('describes a file by its sha256 and size', () => {
    expect(describeFile(OutputRoot.OUTDIR, 'a.txt', 'abc')).toEqual({
      root: 'outdir', path: 'a.txt', sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', bytes: 3,
    });
  });

  test('renders a sorted, stable index', () => {
    const files = [describeFile(OutputRoot.TERRAFORM_OUTDIR, 'manifest.json', '{}'), describeFile(OutputRoot.OUTDIR, 'b.yaml', 'b'), describeFile(OutputRoot.OUTDIR, 'a.yaml', 'a')];
    const text = renderIndex('1.2.3', files);
    expect(text.endsWith('}\n')).toBe(true);
    const index = JSON.parse(text);
    expect(index.opskitVersion).toBe('1.2.3');
    expect(index.files.map((f: any) => f.path)).toEqual(['a.yaml', 'b.yaml', 'manifest.json']);
    expect(renderIndex('1.2.3', [...files].reverse())).toBe(text);
  });

  test('reads what a previous synth wrote; anything unreadable owns nothing', () => {
    const text = renderIndex('1', [describeFile(OutputRoot.OUTDIR, 'a.yaml', 'a'), describeFile(OutputRoot.TERRAFORM_OUTDIR, 'manifest.json', '{}')]);
    const previous = previousOutputs(text);
    expect([...previous.outdir].sort()).toEqual(['a.yaml', 'opskit.json']);
    expect([...previous.terraformOutdir]).toEqual(['manifest.json']);
    expect(previousOutputs('not json').outdir.size).toBe(0);
    expect(previousOutputs(undefined).terraformOutdir.size).toBe(0);
  });
});
