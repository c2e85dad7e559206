import { IConstruct, Node } from 'constructs';
import { normalizedSource } from './source-fingerprint';

/*
 * A synth lists every construct's children and metadata several times (its tree walks, the warnings). constructs'
 * getters copy on every call: `children` is `Object.values` of the children's map (for a leaf, a new empty array;
 * for a chart of 10k objects, a dictionary-mode object whose values V8 copies slowly: ~4 ms), and `metadata` a
 * spread of the list. Where the installed constructs's getters are exactly the code below, opskit reads the same
 * map and list itself, without the copies; any other constructs (another release, another copy of the package
 * whose Node class is not this one) is read through its getters.
 */

/** The getters' sources, whitespace-normalized, as constructs 10.x writes them. */
const PROVEN_GETTERS = {
  children: 'get children() { return Object.values(this._children ?? {}); }',
  metadata: 'get metadata() { return [...this._metadata ?? []]; }',
};

const NONE: readonly never[] = Object.freeze([]);

function getterIs(name: keyof typeof PROVEN_GETTERS): boolean {
  return normalizedSource(Object.getOwnPropertyDescriptor(Node.prototype, name)?.get) === PROVEN_GETTERS[name];
}

/** Whether the installed constructs's getters are the proven ones (read once: a module's code does not change). */
const DIRECT = { children: getterIs('children'), metadata: getterIs('metadata') };

/**
 * A construct's direct children, as `c.node.children` lists them (in the same order), without its copy. The
 * result may be shared: read it, never change it.
 */
export function childrenOf(c: IConstruct): readonly IConstruct[] {
  const node = c.node as any;
  if (!DIRECT.children || Object.getPrototypeOf(node) !== Node.prototype) return c.node.children;
  const map = node._children;
  if (map === undefined || map === null) return NONE;
  // `Object.keys` and a read per key: for a dictionary-mode map, three times faster than `Object.values`
  const keys = Object.keys(map);
  if (keys.length === 0) return NONE;
  const children = new Array<IConstruct>(keys.length);
  for (let i = 0; i < keys.length; i++) children[i] = map[keys[i]];
  return children;
}

/** A construct's metadata entries, as `c.node.metadata` lists them, without its copy. Read it, never change it. */
export function metadataOf(c: IConstruct): readonly { readonly type: string; readonly data?: any }[] {
  const node = c.node as any;
  if (!DIRECT.metadata || Object.getPrototypeOf(node) !== Node.prototype) return c.node.metadata;
  return node._metadata ?? NONE;
}
