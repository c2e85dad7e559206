import { Construct } from 'constructs';
import { ConstructTree } from '../../src/core/construct-tree';

describe('ConstructTree', () => {
  function tree(): { root: Construct; a: Construct; b: Construct; leaf: Construct } {
    const root = new Construct(undefined as any, '');
    const a = new Construct(root, 'a');
    const leaf = new Construct(new Construct(a, 'a1'), 'leaf');
    new Construct(a, 'a2');
    const b = new Construct(root, 'b');
    new Construct(b, 'b1');
    return { root, a, b, leaf };
  }

  test('all is the pre-order of node.findAll()', () => {
    const { root } = tree();
    expect(ConstructTree.of(root).all).toEqual(root.node.findAll());
  });

  test('the subtree of any construct is its node.findAll()', () => {
    const { root, a, b, leaf } = tree();
    const walked = ConstructTree.of(root);
    for (const scope of [root, a, b, leaf, ...root.node.findAll()]) {
      expect(walked.subtree(scope)).toEqual(scope.node.findAll());
    }
  });

  test('a construct added after the walk is not in it; a scope outside it is walked on its own', () => {
    const { root, b } = tree();
    const walked = ConstructTree.of(root);
    const late = new Construct(b, 'late');
    expect(walked.all).not.toContain(late);
    const other = new Construct(undefined as any, '');
    new Construct(other, 'x');
    expect(walked.subtree(other)).toEqual(other.node.findAll());
  });
});
