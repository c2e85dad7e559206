/**
 * Walks every node of an `openAPIV3Schema` with the context the API server's rules depend on.
 */
import { JUNCTORS, JsonSchema, isEmbedded, isPlainObject } from './json-schema';

/** Where a schema node sits. */
export interface SchemaNodeContext {
  /** The node. */
  readonly node: JsonSchema;
  /** Path of the node inside the CRD (e.g. `spec.versions[0].schema.openAPIV3Schema.properties.spec`). */
  readonly path: string;
  /** The node is the root `openAPIV3Schema`. */
  readonly isRoot: boolean;
  /** The node is inside allOf / anyOf / oneOf / not (a value validation, not the structural part). */
  readonly inJunctor: boolean;
  /** The node is (or is under) the metadata of the root object or of an embedded resource. */
  readonly inResourceMetadata: boolean;
  /**
   * The node cannot be correlated with its old value on update (it is under the items of a list that
   * is not `listType: map`, or under an atomic map), so transition rules (`oldSelf`) are impossible here.
   */
  readonly uncorrelatable: boolean;
  /** Property path from the root, as a list of names (`[]` for items, `*` for map values). */
  readonly dataPath: readonly string[];
}

/** Calls `visit` for every node of the schema, parents first. */
export function walkSchema(root: JsonSchema, basePath: string, visit: (ctx: SchemaNodeContext) => void): void {
  const go = (ctx: SchemaNodeContext): void => {
    visit(ctx);
    const n = ctx.node;
    const listType = n['x-kubernetes-list-type'];
    const atomicMap = n['x-kubernetes-map-type'] === 'atomic';
    if (isPlainObject(n.properties)) {
      for (const [name, child] of Object.entries(n.properties)) {
        if (!isPlainObject(child)) continue;
        const isMeta = (ctx.isRoot || isEmbedded(n)) && name === 'metadata' && !ctx.inJunctor;
        go({
          node: child,
          path: `${ctx.path}.properties.${name}`,
          isRoot: false,
          inJunctor: ctx.inJunctor,
          inResourceMetadata: ctx.inResourceMetadata || isMeta,
          uncorrelatable: ctx.uncorrelatable || atomicMap,
          dataPath: [...ctx.dataPath, name],
        });
      }
    }
    if (isPlainObject(n.additionalProperties)) {
      go({
        ...ctx,
        node: n.additionalProperties,
        path: `${ctx.path}.additionalProperties`,
        isRoot: false,
        dataPath: [...ctx.dataPath, '*'],
      });
    }
    if (isPlainObject(n.items)) {
      go({
        ...ctx,
        node: n.items,
        path: `${ctx.path}.items`,
        isRoot: false,
        uncorrelatable: ctx.uncorrelatable || listType !== 'map',
        dataPath: [...ctx.dataPath, '[]'],
      });
    }
    for (const j of JUNCTORS) {
      const v = n[j];
      const members: Array<[JsonSchema, string]> = Array.isArray(v)
        ? v.map((m: JsonSchema, i: number) => [m, `${ctx.path}.${j}[${i}]`])
        : isPlainObject(v) ? [[v, `${ctx.path}.${j}`]] : [];
      for (const [m, p] of members) {
        if (!isPlainObject(m)) continue;
        go({ ...ctx, node: m, path: p, isRoot: false, inJunctor: true });
      }
    }
  };
  if (isPlainObject(root)) {
    go({ node: root, path: basePath, isRoot: true, inJunctor: false, inResourceMetadata: false, uncorrelatable: false, dataPath: [] });
  }
}

/** Resolves a data path (`['spec', 'replicas']`) in a schema. */
export function resolveDataPath(root: JsonSchema, names: readonly string[]): JsonSchema | undefined {
  let cur: JsonSchema | undefined = root;
  for (const name of names) {
    if (!cur) return undefined;
    if (name === '[]') cur = isPlainObject(cur.items) ? cur.items : undefined;
    else if (isPlainObject(cur.properties) && isPlainObject(cur.properties[name])) cur = cur.properties[name];
    else if (isPlainObject(cur.additionalProperties)) cur = cur.additionalProperties;
    else return undefined;
  }
  return cur;
}

/**
 * Splits a simple JSON path (`.spec.replicas`, `.status.conditions[0].type`, `.spec['a.b']`) into names;
 * undefined when it is not one.
 */
export function splitJsonPath(path: string): string[] | undefined {
  if (!path.startsWith('.') && !path.startsWith('[')) return undefined;
  const names: string[] = [];
  const re = /\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[(\d+|\*)\]/y;
  let i = 0;
  while (i < path.length) {
    re.lastIndex = i;
    const m = re.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) names.push(m[1]);
    else if (m[2] !== undefined) names.push(m[2]);
    else if (m[3] !== undefined) names.push(m[3]);
    else names.push('[]');
    i = re.lastIndex;
  }
  return names.length > 0 ? names : undefined;
}

/**
 * Whether a simple JSON path (`.spec.replicas`, `.status.conditions[0].type`) can hold a value in objects
 * of a root schema: false when a field on the way is not declared (the API server would prune it). True
 * when it cannot be told: paths kubectl evaluates with filters, `metadata`, preserved unknown fields.
 */
export function pathMayExist(root: JsonSchema, path: string): boolean {
  const names = splitJsonPath(path);
  if (!names || names[0] === 'metadata') return true;
  let cur: any = root;
  for (const name of names) {
    if (!isPlainObject(cur)) return false;
    const declared = name !== '[]' && isPlainObject(cur.properties) && isPlainObject(cur.properties[name]);
    if (cur['x-kubernetes-preserve-unknown-fields'] === true && !declared) return true;
    if (name === '[]') cur = cur.items;
    else if (declared) cur = cur.properties[name];
    else if (isPlainObject(cur.additionalProperties)) cur = cur.additionalProperties;
    else return false;
  }
  return true;
}
