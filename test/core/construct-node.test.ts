import { Construct, Node } from 'constructs';
import * as fc from 'fast-check';
import { childrenOf, metadataOf } from '../../src/core/construct-node';

/** A tree built by the commands: add a child under the n-th construct, remove one, add metadata. */
function treeOf(commands: ReadonlyArray<[number, number]>): Construct[] {
  const all: Construct[] = [new Construct(undefined as any, '')];
  commands.forEach(([at, what], i) => {
    const c = all[at % all.length];
    if (what === 0 && c.node.children.length > 0) {
      // a removed child leaves its parent's map in dictionary mode, as `delete` does
      const child = c.node.children[at % c.node.children.length];
      c.node.tryRemoveChild(child.node.id);
    } else if (what === 1) {
      c.node.addMetadata(`type-${i}`, { i });
    } else {
      all.push(new Construct(c, `c${i}-${what}`));
    }
  });
  return all;
}

/** The same items in the same order, by identity. */
function expectSameItems(actual: readonly unknown[], expected: readonly unknown[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((item, i) => expect(item).toBe(expected[i]));
}

describe('childrenOf and metadataOf', () => {
  test('list what node.children and node.metadata list, in the same order, for generated trees', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(60), fc.nat(5)), { maxLength: 120 }), (commands) => {
      for (const c of treeOf(commands)) {
        expectSameItems(childrenOf(c), c.node.children);
        expectSameItems(metadataOf(c), c.node.metadata);
      }
    }), { numRuns: 300 });
  });

  test('a scope of many children (a dictionary-mode map once one is removed) lists them in order', () => {
    const root = new Construct(undefined as any, '');
    for (let i = 0; i < 3000; i++) new Construct(root, `o${i}`);
    root.node.tryRemoveChild('o7');
    new Construct(root, 'o7');
    expectSameItems(childrenOf(root), root.node.children);
    expect(childrenOf(root).map((c) => c.node.id).slice(-2)).toEqual(['o2999', 'o7']);
  });

  test('the installed constructs is read without its getters', () => {
    const root = new Construct(undefined as any, '');
    new Construct(root, 'a');
    root.node.addMetadata('t', 1);
    const children = jest.spyOn(Node.prototype, 'children', 'get');
    const metadata = jest.spyOn(Node.prototype, 'metadata', 'get');
    try {
      expect(childrenOf(root)).toHaveLength(1);
      expect(metadataOf(root)).toHaveLength(1);
      expect(children).not.toHaveBeenCalled();
      expect(metadata).not.toHaveBeenCalled();
    } finally {
      children.mockRestore();
      metadata.mockRestore();
    }
  });

  test('getters of other code are called (another constructs release)', () => {
    // a fresh constructs whose children getter does the same in other code, and construct-node loaded after it
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const fresh = require('constructs') as typeof import('constructs');
      const descriptor = Object.getOwnPropertyDescriptor(fresh.Node.prototype, 'children')!;
      Object.defineProperty(fresh.Node.prototype, 'children', { ...descriptor, get(this: any) { return Object.values(this._children || {}); } });
      const { childrenOf: freshChildrenOf, metadataOf: freshMetadataOf } = require('../../src/core/construct-node') as typeof import('../../src/core/construct-node');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const root = new fresh.Construct(undefined as any, '');
      new fresh.Construct(root, 'a');
      root.node.addMetadata('t', 1);
      const children = jest.spyOn(fresh.Node.prototype, 'children', 'get');
      const metadata = jest.spyOn(fresh.Node.prototype, 'metadata', 'get');
      try {
        expect(freshChildrenOf(root)).toHaveLength(1);
        expect(freshMetadataOf(root)).toHaveLength(1);
        // the changed getter is called; the unchanged one is still read directly
        expect(children).toHaveBeenCalledTimes(1);
        expect(metadata).not.toHaveBeenCalled();
      } finally {
        children.mockRestore();
        metadata.mockRestore();
      }
    });
  });

  test('a node of another Node class (another copy of constructs) is read through its getters', () => {
    const root = new Construct(undefined as any, '');
    new Construct(root, 'a');
    class OtherNode extends Node {}
    Object.setPrototypeOf(root.node, OtherNode.prototype);
    const spy = jest.spyOn(Node.prototype, 'children', 'get');
    try {
      expect(childrenOf(root)).toHaveLength(1);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
