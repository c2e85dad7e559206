import { IConstruct } from 'constructs';

/*
 * The marks behind `Artifacts` (kept out of the public module): the mark on each artifact, and on the root of its
 * tree a count of the artifacts marked in it, so a synth of a tree without artifacts does not look for them
 * construct by construct. Both are `Symbol.for` keys, shared by every copy of opskit in the process.
 */

const ARTIFACT_MARKER = Symbol.for('opskit.IArtifact');
const MARKED_IN_TREE = Symbol.for('opskit.IArtifact.markedInTree');

/** Marks a construct as an artifact, and its tree as holding one. */
export function markArtifact(artifact: IConstruct): void {
  Object.defineProperty(artifact, ARTIFACT_MARKER, { value: true, enumerable: false });
  const root = (artifact as any)?.node?.root;
  if (root === undefined) return;
  Object.defineProperty(root, MARKED_IN_TREE, { value: (root[MARKED_IN_TREE] ?? 0) + 1, enumerable: false, writable: true, configurable: true });
}

/** Whether a value was marked as an artifact. */
export function isMarkedArtifact(x: unknown): boolean {
  return x !== null && typeof x === 'object' && (x as any)[ARTIFACT_MARKER] === true;
}

/**
 * The artifacts among `constructs()` (a walk of the tree whose root is `root`), in their order; the walk is not
 * asked for when no artifact was marked in the tree.
 */
export function artifactsAmong<T extends IConstruct>(root: IConstruct, constructs: () => readonly IConstruct[]): T[] {
  if (!((root as any)[MARKED_IN_TREE] > 0)) return [];
  return constructs().filter((c) => isMarkedArtifact(c)) as T[];
}
